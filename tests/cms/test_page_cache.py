"""Anonymous visitors get cached pages; publishing shows the change at once; nothing personal is cached."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import cache
from wagtail.contrib.search_promotions.models import Query

from cms import search_hits
from cms.models import GuidePage
from cms.page_cache import PageCacheASGI, entry_key, generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guide():
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return GuidePage.objects.live().get(slug="requesting-an-assessment")


def test_second_anonymous_visit_is_served_from_the_cache(client, page_cache, guide):
    first = client.get(guide.url)
    second = client.get(guide.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers survive the cache.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_change_is_seen_at_once(client, page_cache, guide):
    assert b"Newly added sentence" not in client.get(guide.url).content
    guide.summary = "Newly added sentence about asking for an assessment."
    guide.save_revision().publish()
    response = client.get(guide.url)
    assert b"Newly added sentence" in response.content


def test_signed_in_visitors_are_never_served_a_cached_page(client, page_cache, guide, django_user_model):
    client.get(guide.url)
    user = django_user_model.objects.create_user(email="someone@example.org", password="x")
    client.force_login(user)
    response = client.get(guide.url)
    assert "X-Page-Cache" not in response


def test_personal_and_input_pages_are_not_cached(client, page_cache, guide):
    client.get("/complaints/new/")
    assert "X-Page-Cache" not in client.get("/complaints/new/")
    client.get("/portal/")
    assert "X-Page-Cache" not in client.get("/portal/")


def test_cached_search_results_still_count_every_search(client, page_cache, guide):
    """Wagtail's promoted-search report tells staff what families look for: a search answered from
    the cache counts as much as one the view answered."""
    first = client.get("/search/?q=Tribunal")
    second = client.get("/search/?q=Tribunal")
    client.get("/search/?q=tribunal+")  # another URL, the same query
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert Query.get("tribunal").hits == 3


def test_search_finds_a_newly_published_page_although_results_are_cached(client, guide):
    assert "There are no results for" in client.get("/search/?q=zebrafish").content.decode()
    guide.summary = "A note about zebrafish therapy."
    guide.save_revision().publish()
    body = client.get("/search/?q=zebrafish").content.decode()
    assert "1 result for" in body
    assert guide.title in body


class DjangoNotCalled(AssertionError):
    pass


async def refuse(scope, receive, send):
    raise DjangoNotCalled(scope["path"])


async def asgi_get(
    path, *, query_string=b"", method="GET", headers=((b"host", b"testserver"),), scheme="http", front=None
):
    """What the ASGI front sends for one request, by default with Django behind it refusing to be called."""
    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "scheme": scheme,
        "path": path,
        "query_string": query_string,
        "headers": list(headers),
    }
    await (front or PageCacheASGI(refuse))(scope, None, send)
    start, body = sent
    return start["status"], dict(start["headers"]), body["body"]


def test_the_asgi_front_answers_a_cached_page_without_django(client, page_cache, guide):
    rendered = client.get(guide.url)
    status, headers, body = async_to_sync(asgi_get)(guide.url)
    assert status == 200
    assert body == rendered.content
    assert headers[b"x-page-cache"] == b"hit"
    assert headers[b"content-length"] == str(len(body)).encode()
    assert b"script-src 'self'" in headers[b"content-security-policy"]
    assert headers[b"x-frame-options"] == b"DENY"
    # HEAD gets the headers alone.
    status, headers, body = async_to_sync(asgi_get)(guide.url, method="HEAD")
    assert (status, body) == (200, b"")


@pytest.mark.parametrize(
    "headers, scheme",
    [
        ([(b"host", b"testserver"), (b"cookie", b"sessionid=abc")], "http"),  # signed in or mid-chat
        ([(b"host", b"testserver"), (b"cookie", b"messages=abc")], "http"),  # a message to show
        ([(b"host", b"elsewhere.example")], "http"),  # another site's host
        ([(b"host", b"testserver")], "https"),  # another scheme (a redirect, in production)
        ([], "http"),  # no host at all
    ],
)
def test_the_asgi_front_leaves_everything_else_to_django(client, page_cache, guide, headers, scheme):
    client.get(guide.url)
    with pytest.raises(DjangoNotCalled):
        async_to_sync(asgi_get)(guide.url, headers=headers, scheme=scheme)


def test_the_asgi_front_never_serves_a_page_after_a_publish(client, page_cache, guide):
    client.get(guide.url)
    guide.summary = "Newly added sentence about asking for an assessment."
    guide.save_revision().publish()
    with pytest.raises(DjangoNotCalled):
        async_to_sync(asgi_get)(guide.url)


def test_the_asgi_front_never_serves_personal_pages(client, page_cache, guide):
    client.get("/complaints/new/")
    with pytest.raises(DjangoNotCalled):
        async_to_sync(asgi_get)("/complaints/new/")


def test_the_asgi_front_counts_the_searches_it_answers(client, page_cache, guide, monkeypatch):
    counted = []
    monkeypatch.setattr(search_hits, "count_in_loop", counted.append)
    client.get("/search/?q=mediation")
    status, _, body = async_to_sync(asgi_get)("/search/", query_string=b"q=mediation")
    assert status == 200
    assert b"mediation" in body
    assert counted == ["mediation"]


def test_visitors_arriving_during_a_render_wait_for_it_instead_of_rendering_again(page_cache):
    """Just after a publish every visitor of a popular page misses the cache at once."""
    renders = []

    async def slow_django(scope, receive, send):
        renders.append(scope["path"])
        await asyncio.sleep(0.05)
        key = entry_key("http", "testserver", scope["path"], "")
        body = b"<p>rendered once</p>"
        entry = {
            "generation": generation(),
            "status": 200,
            "headers": [("Content-Type", "text/html")],
            "body": body,
        }
        cache.set(key, entry, 60)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    front = PageCacheASGI(slow_django)

    async def five_visitors():
        answers = await asyncio.gather(*(asgi_get("/popular/", front=front) for _ in range(5)))
        return [body for _, _, body in answers]

    assert async_to_sync(five_visitors)() == [b"<p>rendered once</p>"] * 5
    assert renders == ["/popular/"]


def test_a_deploy_makes_every_kept_page_stale(client, page_cache, guide):
    """Pages rendered by the previous release's templates must not outlive it; every deploy migrates."""
    from django.core.management import call_command

    url = guide.url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert client.get(url)["X-Page-Cache"] == "miss"
