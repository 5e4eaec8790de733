"""The /ws/chat/ WebSocket through the project's real ASGI stack (origin check, sessions, auth)."""

from importlib import import_module

import httpx
import jwt
import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from chatbot import consumers
from chatbot.models import Conversation, Message
from chatbot.throttle import TokenBucket
from chatbot.tokens import verify_message_token
from config.asgi import application
from portal.bot_auth import user_from_token

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://testserver")


def communicator(cookie=None, origin=ORIGIN):
    headers = [(b"host", b"testserver")]
    if origin:
        headers.append(origin)
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, "/ws/chat/", headers=headers)


async def connected(cookie=None):
    chat = communicator(cookie)
    ok, _ = await chat.connect()
    assert ok
    return chat


async def ask(chat, text, replies=1):
    await chat.send_json_to({"message": text})
    return [await chat.receive_json_from(timeout=5) for _ in range(replies)]


async def test_reply_is_relayed_with_buttons_and_links(fake_rasa):
    fake_rasa.replies = [
        {
            "recipient_id": "abc",
            "text": "An EHC plan is a legal document.",
            "custom": {
                "links": [
                    {"title": "What an EHC plan is", "url": "/guidance/what-is-an-ehcp/"},
                    {"title": "Bad", "url": "javascript:alert(1)"},
                ]
            },
        },
        {
            "recipient_id": "abc",
            "text": "Was that helpful?",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        },
    ]
    chat = await connected()
    first, second = await ask(chat, "what is an ehcp", replies=2)
    assert first == {
        "type": "bot",
        "text": "An EHC plan is a legal document.",
        "buttons": [],
        "links": [{"title": "What an EHC plan is", "url": "/guidance/what-is-an-ehcp/"}],
    }
    assert second["buttons"] == [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    assert fake_rasa.bodies == [{"message": "what is an ehcp"}]
    assert str(fake_rasa.requests[0].url) == "http://rasa.test:5005/webhooks/django/webhook"
    assert await chat.receive_nothing()
    await chat.disconnect()


async def test_anonymous_jwt_names_the_conversation_and_no_user(fake_rasa):
    chat = await connected()
    await ask(chat, "hello")
    claims = verify_message_token(fake_rasa.tokens[0])
    assert claims["iss"] == "send-web" and claims["aud"] == "send-rasa"
    assert claims["user_token"] is None
    assert len(claims["sub"]) == 32 and int(claims["sub"], 16) >= 0  # an opaque uuid4 hex
    assert claims["exp"] - claims["iat"] == 60
    with pytest.raises(jwt.InvalidSignatureError):
        verify_message_token(fake_rasa.tokens[0], secret="some-other-secret-of-sufficient-length-000")
    await chat.disconnect()


async def test_signed_in_jwt_carries_a_user_token_for_that_user(fake_rasa, parent, signed_in_cookie):
    chat = await connected(signed_in_cookie)
    await ask(chat, "where is my son's plan")
    claims = verify_message_token(fake_rasa.tokens[0])
    assert "parent@example.org" not in claims["sub"]
    assert await database_sync_to_async(user_from_token)(claims["user_token"]) == parent
    await chat.disconnect()
    conversation = await Conversation.objects.aget(public_id=claims["sub"])
    assert conversation.user_id == parent.pk


async def test_signing_out_elsewhere_stops_the_open_chat_speaking_for_the_user(
    fake_rasa, parent, signed_in_cookie
):
    chat = await connected(signed_in_cookie)
    await ask(chat, "where is my plan")
    # Signed out in another tab, through whichever session store is configured (cached_db with Redis).
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    await database_sync_to_async(session_store(signed_in_cookie).delete)()
    await ask(chat, "and now?")
    tokens = [verify_message_token(token)["user_token"] for token in fake_rasa.tokens]
    assert tokens[0] is not None and tokens[1] is None
    await chat.disconnect()


async def test_conversation_continues_after_a_reload(fake_rasa, signed_in_cookie):
    chat = await connected(signed_in_cookie)
    await ask(chat, "first")
    await chat.disconnect()
    chat = await connected(signed_in_cookie)  # the page reloaded: same session cookie
    await ask(chat, "second")
    await chat.disconnect()
    subs = {verify_message_token(token)["sub"] for token in fake_rasa.tokens}
    assert len(subs) == 1
    texts = [
        m
        async for m in Message.objects.filter(conversation__public_id=subs.pop()).values_list(
            "sender", "text"
        )
    ]
    assert texts == [("user", "first"), ("bot", "Hello"), ("user", "second"), ("bot", "Hello")]


async def test_two_visitors_get_different_conversations(fake_rasa):
    for _ in range(2):
        chat = await connected()
        await ask(chat, "hi")
        await chat.disconnect()
    assert len({verify_message_token(token)["sub"] for token in fake_rasa.tokens}) == 2


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        500,
        503,
        401,
    ],
    ids=["down", "timeout", "500", "503", "jwt-refused"],
)
async def test_assistant_unavailable_gets_a_plain_error_with_the_complaint_form_and_contact_page(
    fake_rasa, failure
):
    if isinstance(failure, int):
        fake_rasa.status = failure
    else:
        fake_rasa.error = failure
    chat = await connected()
    (reply,) = await ask(chat, "hello")
    assert reply["type"] == "error"
    assert "not working at the moment" in reply["text"]
    assert {link["url"] for link in reply["links"]} == {"/complaints/new/", "/contact-us/"}
    # The connection survives: once Rasa is back, the next message is answered.
    fake_rasa.error, fake_rasa.status = None, 200
    (reply,) = await ask(chat, "hello again")
    assert reply["type"] == "bot"
    await chat.disconnect()


async def test_rasa_returning_garbage_is_an_error_not_a_crash(fake_rasa):
    fake_rasa.replies = {"not": "a list"}
    chat = await connected()
    (reply,) = await ask(chat, "hello")
    assert reply["type"] == "error"
    await chat.disconnect()


async def test_no_reply_from_rasa_still_tells_the_family_something(fake_rasa):
    fake_rasa.replies = []
    chat = await connected()
    (reply,) = await ask(chat, "hmm")
    assert reply["type"] == "bot" and "do not have an answer" in reply["text"]
    await chat.disconnect()


async def test_message_over_2000_characters_is_refused_and_not_forwarded(fake_rasa):
    chat = await connected()
    (reply,) = await ask(chat, "a" * 2001)
    assert reply["type"] == "error" and reply["code"] == "too_long"
    assert "2,001 characters" in reply["text"] and "2,000" in reply["text"]
    (reply,) = await ask(chat, "b" * 2000)  # exactly the limit is fine
    assert reply["type"] == "bot"
    assert [len(body["message"]) for body in fake_rasa.bodies] == [2000]
    await chat.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json{", "unreadable"),
        ('["a list"]', "unreadable"),
        ('{"message": 42}', "unreadable"),
        ('{"text": "wrong key"}', "unreadable"),
        ('{"message": "   "}', "empty"),
        ("[" * 15_000, "unreadable"),  # nested too deeply for the parser: RecursionError
        ('{"message": ' * 1_200 + '"x"' + "}" * 1_200, "unreadable"),
    ],
    ids=["not json", "a list", "not text", "wrong key", "blank", "deep list", "deep object"],
)
async def test_bad_frames_get_an_error_and_the_chat_carries_on(fake_rasa, frame, code):
    chat = await connected()
    await chat.send_to(text_data=frame)
    reply = await chat.receive_json_from(timeout=5)
    assert reply["type"] == "error" and reply["code"] == code
    (reply,) = await ask(chat, "a real question")
    assert reply["type"] == "bot"
    assert fake_rasa.bodies == [{"message": "a real question"}]
    await chat.disconnect()


async def test_binary_frame_is_refused(fake_rasa):
    chat = await connected()
    await chat.send_to(bytes_data=b"\x00\x01")
    reply = await chat.receive_json_from(timeout=5)
    assert reply["code"] == "unreadable"
    await chat.disconnect()


async def test_flooding_is_throttled_and_not_forwarded(fake_rasa):
    chat = await connected()
    for number in range(20):
        await chat.send_json_to({"message": f"spam {number}"})
    replies = [await chat.receive_json_from(timeout=5) for _ in range(20)]
    throttled = [reply for reply in replies if reply.get("code") == "throttled"]
    assert len(throttled) >= 20 - consumers.THROTTLE_BURST - 1
    assert "too quickly" in throttled[0]["text"]
    assert len(fake_rasa.requests) == 20 - len(throttled) <= consumers.THROTTLE_BURST + 1
    await chat.disconnect()


async def test_throttle_lets_messages_through_again_after_a_pause(fake_rasa, monkeypatch):
    now = [1000.0]  # the bucket's clock, moved by hand so the test does not depend on machine speed
    monkeypatch.setattr(
        consumers, "TokenBucket", lambda burst, refill: TokenBucket(burst, refill, clock=lambda: now[0])
    )
    chat = await connected()
    for number in range(consumers.THROTTLE_BURST + 1):
        await chat.send_json_to({"message": f"m{number}"})
    codes = [
        (await chat.receive_json_from(timeout=5)).get("code") for _ in range(consumers.THROTTLE_BURST + 1)
    ]
    assert codes == [None] * consumers.THROTTLE_BURST + ["throttled"]
    now[0] += consumers.THROTTLE_REFILL_SECONDS
    (reply,) = await ask(chat, "after a pause")
    assert reply["type"] == "bot"
    (reply,) = await ask(chat, "straight after")
    assert reply["code"] == "throttled"
    await chat.disconnect()


@pytest.mark.parametrize("origin", [(b"origin", b"http://evil.example"), (b"origin", b"null")])
async def test_websocket_from_another_origin_is_refused(fake_rasa, origin):
    chat = communicator(origin=origin)
    connected_ok, _ = await chat.connect()
    assert not connected_ok
    await chat.disconnect()


async def test_reconnecting_does_not_reset_the_limit_for_an_address(fake_rasa, settings):
    from django.core.cache import cache

    await cache.aclear()
    settings.CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE = 5
    answered = throttled = 0
    for _connection in range(4):  # a new connection for every two messages
        chat = await connected()
        for number in range(2):
            (reply,) = await ask(chat, f"question {answered + throttled} {number}")
            answered += reply["type"] == "bot"
            throttled += reply.get("code") == "throttled"
        await chat.disconnect()
    assert (answered, throttled) == (5, 3)
    assert len(fake_rasa.requests) == 5


async def test_a_family_in_crisis_still_gets_the_safety_reply_when_the_address_is_over_its_limit(
    fake_rasa, settings
):
    from django.core.cache import cache

    await cache.aclear()
    settings.CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE = 1
    chat = await connected()
    await ask(chat, "first question")
    (reply,) = await ask(chat, "i want to end my life")
    assert reply["type"] == "safety" and "116 123" in reply["text"]
    await chat.disconnect()


def test_the_client_address_behind_a_proxy_is_the_one_the_proxy_saw(settings):
    from chatbot.throttle import client_address

    scope = {"client": ("10.0.0.1", 5000), "headers": [(b"x-forwarded-for", b"6.6.6.6, 198.51.100.7")]}
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(scope) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(scope) == "198.51.100.7"  # not the hop the client wrote itself
    assert client_address({"client": ("10.0.0.1", 5000), "headers": []}) == "10.0.0.1"


def test_the_socket_checks_whole_origins_from_the_setting(settings):
    from channels.security.websocket import OriginValidator

    from config.asgi import application

    validator = application.application_mapping["websocket"]
    assert isinstance(validator, OriginValidator)
    assert validator.allowed_origins == settings.CHAT_ALLOWED_ORIGINS


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://send.example.gov.uk", True),
        ("http://send.example.gov.uk", False),  # same host, plain HTTP
        ("https://send.example.gov.uk:8443", False),  # same host, another port
        ("https://evil.send.example.gov.uk", False),
        ("https://send.example.gov.uk.evil.example", False),
    ],
)
def test_production_origins_need_the_same_scheme_host_and_port(origin, allowed):
    from urllib.parse import urlparse

    from channels.security.websocket import OriginValidator

    validator = OriginValidator(None, ["https://send.example.gov.uk"])
    assert validator.valid_origin(urlparse(origin)) is allowed


async def test_exchange_is_stored_for_staff_review(fake_rasa):
    fake_rasa.replies = [{"text": "Reply", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    chat = await connected()
    await ask(chat, "store me")
    await chat.disconnect()
    conversation = await Conversation.objects.aget()
    assert conversation.user_id is None
    rows = [
        m async for m in Message.objects.filter(conversation=conversation).values("sender", "text", "buttons")
    ]
    assert rows == [
        {"sender": "user", "text": "store me", "buttons": []},
        {"sender": "bot", "text": "Reply", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
    ]
