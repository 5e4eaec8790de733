"""Turning Rasa's reply list into widget messages, and the JWT the bridge signs."""

import time

import jwt
import pytest

from chatbot.rasa_client import to_widget_message
from chatbot.throttle import TokenBucket
from chatbot.tokens import sign_message_token, verify_message_token


def test_text_buttons_and_links_are_mapped():
    reply = {
        "recipient_id": "c0ffee",
        "text": "Pick one",
        "buttons": [
            {"title": "Delay", "payload": '/inform{"category":"delay"}'},
            {"title": "", "payload": "/x"},
        ],
        "custom": {"links": [{"title": "Complaints", "url": "/guidance/complaints/"}]},
    }
    assert to_widget_message(reply) == {
        "type": "bot",
        "text": "Pick one",
        "buttons": [{"title": "Delay", "payload": '/inform{"category":"delay"}'}],
        "links": [{"title": "Complaints", "url": "/guidance/complaints/"}],
    }


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x", "data:text/html,hi", "", None, 42, "ftp://x.example/"]
)
def test_unsafe_or_odd_links_are_dropped(url):
    message = to_widget_message({"text": "t", "custom": {"links": [{"title": "x", "url": url}]}})
    assert message["links"] == []


def test_external_https_links_are_kept():
    message = to_widget_message(
        {"custom": {"links": [{"title": "IPSEA", "url": "https://www.ipsea.org.uk/"}]}}
    )
    assert message == {
        "type": "bot",
        "text": "",
        "buttons": [],
        "links": [{"title": "IPSEA", "url": "https://www.ipsea.org.uk/"}],
    }


@pytest.mark.parametrize("reply", [{}, {"image": "x.png"}, "text", None, {"text": 5}])
def test_replies_with_nothing_to_show_are_skipped(reply):
    assert to_widget_message(reply) is None


def test_very_long_text_is_cut():
    assert len(to_widget_message({"text": "x" * 10_000})["text"]) == 4000


def test_token_claims_and_expiry(settings):
    now = int(time.time())
    token = sign_message_token("ab" * 16, "user-token", now=now)
    claims = verify_message_token(token)
    assert claims == {
        "iss": "send-web",
        "aud": "send-rasa",
        "sub": "ab" * 16,
        "user_token": "user-token",
        "iat": now,
        "exp": now + 60,
    }
    expired = sign_message_token("ab" * 16, None, now=now - 120)
    with pytest.raises(jwt.ExpiredSignatureError):
        verify_message_token(expired)
    with pytest.raises(jwt.InvalidSignatureError):
        verify_message_token(token, secret="not-the-shared-secret-but-long-enough-0000")


def test_token_refuses_to_sign_without_a_secret(settings):
    settings.RASA_JWT_SECRET = ""
    with pytest.raises(RuntimeError, match="RASA_JWT_SECRET"):
        sign_message_token("ab" * 16)


def test_token_bucket_allows_a_burst_then_refills():
    now = [0.0]
    bucket = TokenBucket(3, 2.0, clock=lambda: now[0])
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    now[0] += 1.9
    assert not bucket.take()
    now[0] += 0.2
    assert bucket.take() and not bucket.take()
    now[0] += 100
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]  # never more than the burst
