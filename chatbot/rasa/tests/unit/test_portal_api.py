"""The internal API client against the fake portal on loopback: auth headers, retries, errors."""

import asyncio

import pytest
from aiohttp import web

from actions.portal_api import PortalAPI, PortalRejected, PortalUnavailable, SignInRequired
from tests.fake_portal import SERVICE_TOKEN, free_port


def client(url: str, **kwargs) -> PortalAPI:
    return PortalAPI(url, SERVICE_TOKEN, **{"timeout": 1.0, "attempts": 2, "backoff": 0.01, **kwargs})


async def test_every_call_carries_the_service_token_and_only_user_calls_the_user_token(portal):
    api = client(portal.url)
    await api.faq("what_is_ehcp")
    await api.plans("token-parent-of-one")
    assert [r["authorization"] for r in portal.requests] == [f"Bearer {SERVICE_TOKEN}"] * 2
    assert [r["user_token"] for r in portal.requests] == [None, "token-parent-of-one"]


async def test_faq_returns_the_published_answer_or_none_for_an_unknown_key(portal):
    api = client(portal.url)
    assert (await api.faq("assessment_timeline"))["answer"].startswith(
        "The council must tell you within 6 weeks"
    )
    assert await api.faq("no_such_question") is None


async def test_guide_search_sends_the_words_and_the_limit(portal):
    results = await client(portal.url).search_guides("annual reviews please", limit=2)
    assert results[0] == {"title": "Annual reviews of EHC plans", "url": "/guides/annual-reviews/"}
    assert len(results) == 2
    assert portal.requests[-1]["query"] == {"q": "annual reviews please", "limit": "2"}


async def test_plans_need_a_valid_user_token(portal):
    api = client(portal.url)
    with pytest.raises(SignInRequired):
        await api.plans(None)
    assert portal.requests == []  # not even asked without a token
    with pytest.raises(SignInRequired):
        await api.plans("expired-or-forged")
    assert [c["first_name"] for c in await api.plans("token-parent-of-two")] == ["Amelia", "Jack"]


async def test_a_wrong_service_token_is_a_broken_portal_not_a_signed_out_user(portal):
    api = PortalAPI(portal.url, "not-the-service-token", attempts=1)
    with pytest.raises(PortalUnavailable):
        await api.plans("token-parent-of-one")


async def test_a_portal_that_fails_once_is_retried_and_the_complaint_created_once(portal):
    portal.fail_next_posts = 1
    payload = {
        "idempotency_key": "abc-1",
        "category": "delay",
        "what_happened": "Waited 30 weeks",
        "desired_outcome": "The plan",
        "contact_name": "Sam",
        "contact_email": "sam@example.com",
    }
    result = await client(portal.url).create_complaint(payload, None)
    assert result["reference"] == "CMP-2026-000123"
    assert len(portal.posts("complaints")) == 2
    assert len(portal.complaints) == 1


async def test_a_portal_that_stays_down_raises_after_the_configured_attempts(portal):
    portal.down = True
    with pytest.raises(PortalUnavailable):
        await client(portal.url, attempts=3).faq("what_is_ehcp")
    assert len(portal.requests) == 3


async def test_a_refused_complaint_gives_the_portals_messages(portal):
    with pytest.raises(PortalRejected) as refused:
        await client(portal.url).create_complaint({"idempotency_key": "k", "category": "delay"}, None)
    assert refused.value.errors["contact_name"] == "Enter your name."
    assert "what_happened" in refused.value.errors


async def test_nothing_listening_is_unavailable(unreachable_portal, monkeypatch):
    import os

    with pytest.raises(PortalUnavailable):
        await client(os.environ["WEB_URL"]).faq("what_is_ehcp")


async def test_a_portal_that_hangs_times_out():
    async def hang(request):
        await asyncio.sleep(5)
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/internal/bot/faq/{key}/", hang)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        started = asyncio.get_running_loop().time()
        with pytest.raises(PortalUnavailable):
            await client(f"http://127.0.0.1:{port}", timeout=0.3, attempts=2).faq("what_is_ehcp")
        assert asyncio.get_running_loop().time() - started < 2
    finally:
        await runner.cleanup()


async def test_an_answer_that_is_not_json_is_unavailable():
    async def html(request):
        return web.Response(text="<html>Server error</html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/internal/bot/faq/{key}/", html)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        with pytest.raises(PortalUnavailable):
            await client(f"http://127.0.0.1:{port}").faq("what_is_ehcp")
    finally:
        await runner.cleanup()
