"""The Django input channel, served by Sanic on a loopback port with a stand-in for the agent."""

import time
import uuid

import aiohttp
import jwt
import pytest
from sanic import Sanic

from actions.settings import MissingSecret
from channels.django_channel import DjangoInput, ReplyCollector
from tests.fake_portal import free_port

SECRET = "test-channel-secret-0123456789abcdef0123"
SENDER = uuid.uuid4().hex


def token(secret: str = SECRET, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": "send-web", "aud": "send-rasa", "sub": SENDER, "user_token": "signed-user-token",
              "iat": now, "exp": now + 60}  # fmt: skip
    claims.update(overrides)
    claims = {key: value for key, value in claims.items() if value is not ...}
    return jwt.encode(claims, secret, algorithm="HS256")


@pytest.fixture
async def channel():
    """POSTs to /webhooks/django/webhook; `seen` holds the UserMessages the agent received."""
    seen = []

    async def agent(message):
        seen.append(message)
        if message.text == "explode":
            raise RuntimeError("an action failed")
        if message.text == "silence":
            return
        await message.output_channel.send_response(
            message.sender_id,
            {"text": f"You said: {message.text}", "buttons": [{"title": "Yes", "payload": "/affirm"}],
             "custom": {"links": [{"title": "Guide", "url": "/guides/x/"}]}},
        )  # fmt: skip

    Sanic.test_mode = True
    app = Sanic(f"channel_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(DjangoInput(jwt_secret=SECRET).blueprint(agent), url_prefix="/webhooks/django")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    url = f"http://127.0.0.1:{port}/webhooks/django/webhook"

    async def post(body=None, bearer: str | None = None, raw: bytes | None = None):
        headers = {"Authorization": f"Bearer {bearer}"} if bearer is not None else {}
        async with aiohttp.ClientSession() as session:
            kwargs = {"data": raw} if raw is not None else {"json": body}
            async with session.post(url, headers=headers, **kwargs) as reply:
                return reply.status, await reply.json()

    yield post, seen
    server.close()
    await server.wait_closed()


async def test_a_signed_message_reaches_the_agent_with_sender_and_user_token_from_the_jwt(channel):
    post, seen = channel
    status, replies = await post({"message": "  where is my plan?  ", "sender": "someone-else",
                                  "metadata": {"user_token": "forged"}}, bearer=token())  # fmt: skip

    assert status == 200
    assert replies == [
        {"recipient_id": SENDER, "text": "You said: where is my plan?",
         "buttons": [{"title": "Yes", "payload": "/affirm"}],
         "custom": {"links": [{"title": "Guide", "url": "/guides/x/"}]}}
    ]  # fmt: skip
    # The body's sender and metadata are ignored: identity comes only from the signed token.
    assert seen[0].sender_id == SENDER
    assert seen[0].metadata == {"user_token": "signed-user-token"}
    assert seen[0].input_channel == "django"


async def test_a_signed_out_family_has_no_user_token(channel):
    post, seen = channel
    status, _ = await post({"message": "hello"}, bearer=token(user_token=None))
    assert status == 200
    assert seen[0].metadata == {"user_token": None}


@pytest.mark.parametrize(
    "bearer",
    [
        None,  # no Authorization header at all
        "",  # "Bearer " and nothing
        "not-a-jwt",
        token(secret="a-different-secret-of-the-same-length!!"),  # forged
        token(exp=int(time.time()) - 120, iat=int(time.time()) - 180),  # expired
        token(aud="someone-else"),
        token(iss="someone-else"),
        token(sub="parent@example.org"),  # an email is never a conversation id
        token(sub=...),  # no conversation id
        token(exp=...),  # never expires
        token(exp=int(time.time()) + 86400),  # lives far longer than the web app ever signs
        token(user_token=12345),
        jwt.encode(
            {
                "iss": "send-web",
                "aud": "send-rasa",
                "sub": SENDER,
                "iat": int(time.time()),
                "exp": int(time.time()) + 60,
            },
            key=None,
            algorithm="none",
        ),  # fmt: skip
    ],
    ids=[
        "missing",
        "empty",
        "garbage",
        "forged",
        "expired",
        "audience",
        "issuer",
        "email-sub",
        "no-sub",
        "no-exp",
        "too-long",
        "user-token-type",
        "alg-none",
    ],  # fmt: skip
)
async def test_a_missing_forged_or_expired_token_is_refused_and_nothing_reaches_the_agent(channel, bearer):
    post, seen = channel
    status, body = await post({"message": "hello"}, bearer=bearer)
    assert (status, body) == (401, {"error": "invalid_token"})
    assert seen == []


@pytest.mark.parametrize(
    ("kwargs", "detail"),
    [
        ({"raw": b"{not json"}, "not valid JSON"),
        ({"body": ["message"]}, "must be"),
        ({"body": {"text": "hello"}}, "must be"),
        ({"body": {"message": 42}}, "must be"),
        ({"body": {"message": "   "}}, "empty"),
        ({"body": {"message": "x" * 2001}}, "longer than 2,000"),
    ],
)
async def test_bad_requests_are_refused_with_a_reason(channel, kwargs, detail):
    post, seen = channel
    status, body = await post(bearer=token(), **kwargs)
    assert status == 400
    assert body["error"] == "bad_request" and detail in body["detail"]
    assert seen == []


async def test_a_message_of_exactly_2000_characters_is_accepted(channel):
    post, seen = channel
    status, _ = await post({"message": "x" * 2000}, bearer=token())
    assert status == 200 and len(seen[0].text) == 2000


@pytest.mark.parametrize("text", ["explode", "silence"])
async def test_when_the_assistant_fails_mid_turn_the_family_still_gets_a_plain_apology(channel, text):
    post, _ = channel
    status, replies = await post({"message": text}, bearer=token())
    assert status == 200
    assert len(replies) == 1
    assert replies[0]["text"].startswith("Sorry, something went wrong")
    assert replies[0]["custom"] == {"links": [{"title": "Contact the SEND team", "url": "/contact-us/"}]}


async def test_the_collector_keeps_one_reply_per_response_with_paragraphs_intact():
    collector = ReplyCollector()
    await collector.send_response("abc", {"text": "First paragraph.\n\nSecond paragraph.", "image": None})
    await collector.send_response("abc", {"custom": {"links": []}})
    await collector.send_response("abc", {"text": ""})  # nothing to say: nothing sent
    assert collector.messages == [
        {"recipient_id": "abc", "text": "First paragraph.\n\nSecond paragraph."},
        {"recipient_id": "abc", "custom": {"links": []}},
    ]


def test_the_secret_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_JWT_SECRET", "from-the-environment")
    assert DjangoInput.from_credentials({}).jwt_secret == "from-the-environment"


def test_without_its_secret_the_channel_refuses_to_start(monkeypatch):
    monkeypatch.delenv("RASA_JWT_SECRET", raising=False)
    with pytest.raises(MissingSecret, match="RASA_JWT_SECRET is not set"):
        DjangoInput.from_credentials(None)


def test_a_development_secret_is_accepted_only_with_the_development_flag(monkeypatch):
    monkeypatch.setenv("RASA_JWT_SECRET", "dev-only-rasa-jwt-secret-change-me-0123456789")
    monkeypatch.delenv("ALLOW_DEVELOPMENT_SECRETS", raising=False)
    with pytest.raises(MissingSecret, match="development or example value"):
        DjangoInput.from_credentials(None)
    monkeypatch.setenv("ALLOW_DEVELOPMENT_SECRETS", "1")
    assert DjangoInput.from_credentials(None).jwt_secret.startswith("dev-only-")
