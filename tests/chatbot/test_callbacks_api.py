"""POST /internal/bot/callbacks/: the handoff to a person, per the bot contract."""

import datetime
import re

import pytest
from django.utils import timezone

from chatbot.models import CallbackRequest, Conversation, Message
from chatbot.working_days import add_working_days
from portal.bot_auth import issue_user_token

pytestmark = pytest.mark.django_db

URL = "/internal/bot/callbacks/"
AUTH = {"HTTP_AUTHORIZATION": "Bearer test-only-bot-service-token"}


def body(**overrides):
    data = {
        "idempotency_key": "cb-key-1",
        "conversation_id": "0123456789abcdef0123456789abcdef",
        "reason": "I want to talk to someone about my daughter's transport.",
        "contact_name": "Sam Example",
        "contact_email": "sam@example.org",
        "contact_phone": "01632 960 001",
        "transcript": [
            {"sender": "user", "text": "can I talk to someone", "at": "2026-03-02T10:00:00Z"},
            {"sender": "bot", "text": "Of course.", "at": "2026-03-02T10:00:01Z"},
        ],
    }
    data.update(overrides)
    return data


def post(client, data, **headers):
    return client.post(URL, data, content_type="application/json", **{**AUTH, **headers})


def test_creates_a_callback_request_with_reference_and_contact_date(client, settings):
    response = post(client, body())
    assert response.status_code == 201
    data = response.json()
    assert re.fullmatch(rf"CB-{timezone.localdate().year}-\d{{6}}", data["reference"])
    expected = add_working_days(timezone.localdate(), 2)
    assert data["expect_contact_by"] == expected.isoformat()
    stored = CallbackRequest.objects.get(reference=data["reference"])
    assert stored.contact_name == "Sam Example"
    assert stored.transcript[0] == {
        "sender": "user",
        "text": "can I talk to someone",
        "at": "2026-03-02T10:00:00Z",
    }
    assert stored.status == "new" and stored.user is None


def test_references_count_up(client):
    first = post(client, body(idempotency_key="a")).json()["reference"]
    second = post(client, body(idempotency_key="b")).json()["reference"]
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_same_idempotency_key_gives_the_same_reference_and_one_request(client):
    first = post(client, body())
    again = post(client, body())
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    assert CallbackRequest.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": "test-only-bot-service-token"}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_service_token_is_required(client, headers):
    response = client.post(URL, body(), content_type="application/json", **headers)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_service_token"}
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"idempotency_key": ""}, "idempotency_key"),
        ({"conversation_id": ""}, "conversation_id"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"contact_email": "", "contact_phone": ""}, "contact_email"),
        ({"contact_phone": "call me maybe"}, "contact_phone"),
        ({"transcript": "not a list"}, "transcript"),
        ({"transcript": [{"sender": "robot", "text": "hi"}]}, "transcript"),
    ],
)
def test_bad_fields_get_400_with_a_message_for_that_field(client, overrides, field):
    response = post(client, body(**overrides))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and errors[field]
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"", b"\xff\xfe"])
def test_body_that_is_not_a_json_object_is_a_400(client, raw):
    response = client.post(URL, raw, content_type="application/json", **AUTH)
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_get_is_not_allowed(client):
    assert client.get(URL, **AUTH).status_code == 405


def test_signed_in_user_contact_details_come_from_the_account(client, parent):
    data = body(contact_name="", contact_email="", contact_phone="")
    response = post(client, data, HTTP_X_USER_TOKEN=issue_user_token(parent))
    assert response.status_code == 201
    stored = CallbackRequest.objects.get()
    assert stored.user == parent
    assert stored.contact_name == "Pat Parent" and stored.contact_email == "parent@example.org"


def test_a_forged_user_token_is_refused_not_taken_as_signed_out(client, parent):
    response = post(client, body(), HTTP_X_USER_TOKEN="forged")
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_user_token"}
    assert not CallbackRequest.objects.exists()


def test_links_our_conversation_and_copies_it_when_no_transcript_is_sent(client):
    conversation = Conversation.objects.create()
    Message.objects.create(conversation=conversation, sender="user", text="I need a person")
    Message.objects.create(conversation=conversation, sender="bot", text="I can arrange that")
    response = post(client, body(conversation_id=conversation.public_id, transcript=[]))
    assert response.status_code == 201
    stored = CallbackRequest.objects.get()
    assert stored.conversation == conversation
    assert [(line["sender"], line["text"]) for line in stored.transcript] == [
        ("user", "I need a person"),
        ("bot", "I can arrange that"),
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)),  # Monday -> Wednesday
        (datetime.date(2026, 3, 6), datetime.date(2026, 3, 10)),  # Friday -> Tuesday
        (datetime.date(2026, 12, 24), datetime.date(2026, 12, 30)),  # Christmas, weekend, Boxing Day (Mon)
        (datetime.date(2026, 4, 2), datetime.date(2026, 4, 8)),  # Good Friday and Easter Monday
    ],
)
def test_contact_promised_within_two_working_days(start, expected):
    created = timezone.make_aware(datetime.datetime.combine(start, datetime.time(12)))
    callback = CallbackRequest.objects.create(
        idempotency_key=str(start),
        contact_name="A",
        contact_email="a@example.org",
        reason="r",
        created_at=created,
    )
    assert callback.expect_contact_by == expected
    assert callback.reference == f"CB-{start.year}-000001"
