"""Safeguarding outside the chat: the web complaint, callback and feedback forms flag what they are
told; the staff queue; the council's numbers under moderation; the retention of flagged chats."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chatbot.models import Conversation, Message
from portal.models import AuditEntry, Complaint, SafeguardingFlag, SafetyContacts
from portal.models.safeguarding import validate_uk_phone
from portal.safeguarding import detector, flags, replies
from tests.factories.portal import UserFactory, family

from .test_complaints import form_data

pytestmark = pytest.mark.django_db

HARM = "The escort grabbed my son by the neck and pinned him to the seat, he came home with bruises."


def concern(*categories, **kwargs):
    return detector.Concern(categories=categories, **kwargs)


# --- the forms -------------------------------------------------------------------------------------


def test_a_web_complaint_that_reports_harm_keeps_its_words_is_flagged_and_shows_help(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:complaint_new"), form_data(client, what_happened=HARM), follow=True
        )
    complaint = Complaint.objects.get()
    assert complaint.what_happened == HARM  # kept whole: it is the family's account
    flag = SafeguardingFlag.objects.get()
    assert flag.complaint == complaint and flag.source == SafeguardingFlag.Source.COMPLAINT
    assert flag.categories[0] == detector.STAFF_ABUSE
    html = response.content.decode()
    assert "Help is available now" in html and "LADO" in html and 'href="tel:999"' in html
    assert complaint.reference in html
    duty = [email for email in mail.outbox if email.to == ["safeguarding@northmere.example.org"]]
    assert len(duty) == 1 and HARM not in duty[0].body


def test_an_ordinary_complaint_raises_no_flag_and_no_banner(client):
    response = client.post(reverse("portal:complaint_new"), form_data(client), follow=True)
    assert SafeguardingFlag.objects.count() == 0
    assert "Help is available now" not in response.content.decode()


def test_a_callback_reason_that_holds_a_concern_is_flagged(client):
    body = {
        "idempotency_key": "cb-safety-1",
        "conversation_id": "0123456789abcdef0123456789abcdef",
        "reason": "please call me, my partner threatened to kill me last night",
        "contact_name": "Sam Example",
        "contact_phone": "01632 960 001",
    }
    response = client.post(
        "/internal/bot/callbacks/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer test-only-bot-service-token",
    )
    assert response.status_code == 201
    flag = SafeguardingFlag.objects.get()
    assert flag.source == SafeguardingFlag.Source.CALLBACK
    assert flag.source_reference == response.json()["reference"]
    assert flag.conversation_public_id == body["conversation_id"]
    assert flag.categories[0] == detector.DOMESTIC_ABUSE


def test_feedback_that_holds_a_concern_is_stored_flagged_and_answered_with_help(client):
    from tests.factories.cms import GuidePageFactory

    guide = GuidePageFactory()
    response = client.post(
        "/feedback/", {"page": guide.pk, "useful": "no", "comment": "nothing helps, i want to end it all"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Help is available now" in html and "116 123" in html
    flag = SafeguardingFlag.objects.get()
    assert flag.source == SafeguardingFlag.Source.FEEDBACK and flag.user is None


# --- the replies -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "must_hold"),
    [
        (detector.SUICIDE_SELF_HARM, ["999", "NHS 111", "116 123", "85258", "0800 1111"]),
        (detector.HARM_TO_OTHERS, ["999", "NHS 111", "116 123"]),
        (detector.CHILD_AT_RISK, ["999", "01632 960 100", "01632 960 199", "0808 800 5000"]),
        (detector.STAFF_ABUSE, ["999", "LADO", "01632 960 150", "01632 960 100"]),
        (detector.DOMESTIC_ABUSE, ["999", "0808 2000 247", "01632 960 100"]),
    ],
)
def test_each_kind_gets_its_routes_and_999_first(kind, must_hold):
    contacts = replies.Contacts(
        council_name="Northmere Council",
        social_care_name="Front Door",
        social_care_phone="01632 960 100",
        social_care_hours="9 to 5",
        out_of_hours_phone="01632 960 199",
        lado_phone="01632 960 150",
    )
    reply = replies.build(concern(kind), contacts)
    for fact in must_hold:
        assert fact in reply.text, fact
    assert reply.lines[1] == replies.EMERGENCY
    assert "goodbye" not in reply.text.lower()
    assert not re.search(r"(?:call|contact) you (?:back )?(?:within|by|today|tomorrow)", reply.text)


def test_the_councils_numbers_are_validated():
    for good in ["01632 960 100", "0800 123 4567", "+44 1632 960100"]:
        validate_uk_phone(good)
    for bad in ["", "999", "call us", "01632", "0163296010012345"]:
        with pytest.raises(ValidationError):
            validate_uk_phone(bad)
    contacts = SafetyContacts(social_care_phone="", out_of_hours_phone="x", lado_phone="01632 960 150")
    with pytest.raises(ValidationError) as error:
        contacts.full_clean()
    assert {"social_care_phone", "out_of_hours_phone"} <= set(error.value.message_dict)


def test_only_published_contacts_are_used():
    draft = SafetyContacts.objects.create(
        social_care_phone="01632 960 100",
        out_of_hours_phone="01632 960 199",
        lado_phone="01632 960 150",
        live=False,
    )
    assert SafetyContacts.current() is None
    draft.save_revision().publish()
    assert SafetyContacts.current() == draft


# --- the staff queue -------------------------------------------------------------------------------


@pytest.fixture
def caseworker_client(client):
    from portal.staff.permissions import ensure_caseworkers_group
    from tests.factories.portal import CaseworkerFactory, sign_in_with_mfa

    user = CaseworkerFactory(email="casey@example.org")
    user.groups.add(ensure_caseworkers_group())
    sign_in_with_mfa(client, user)
    client.user = user
    return client


def make_flag(**fields):
    return flags.raise_flag(concern(detector.SUICIDE_SELF_HARM), "i want to end my life", "chat", **fields)


def test_the_queue_lists_newest_first_and_marks_what_waits(caseworker_client):
    older = make_flag()
    SafeguardingFlag.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    newer = make_flag()
    html = caseworker_client.get(reverse("portal_staff:safeguarding")).content.decode()
    assert html.index(str(newer.public_id)) < html.index(str(older.public_id))
    assert "2 waiting for review" in html and html.count('w-status--primary">Waiting for review') == 2


def test_opening_a_flag_is_audited_and_marking_it_reviewed_records_who_and_when(caseworker_client):
    conversation = Conversation.objects.create()
    Message.objects.create(conversation=conversation, sender="user", text="i want to end my life")
    flag = make_flag(conversation_public_id=conversation.public_id)
    url = reverse("portal_staff:safeguarding_flag", args=[flag.public_id])
    html = caseworker_client.get(url).content.decode()
    assert "i want to end my life" in html and "The conversation" in html
    assert AuditEntry.objects.filter(action="view", object_id=str(flag.public_id)).count() == 1

    refused = caseworker_client.post(url, {"review_notes": "  "})
    assert refused.status_code == 400 and "Say what you did" in refused.content.decode()
    caseworker_client.post(url, {"review_notes": "Phoned the parent; referred to the front door."})
    flag.refresh_from_db()
    assert flag.reviewed_by == caseworker_client.user and flag.reviewed_at is not None
    assert AuditEntry.objects.filter(action="change", object_id=str(flag.public_id)).exists()


@pytest.mark.parametrize("who", ["anonymous", "parent", "staff_without_permission"])
def test_nobody_else_sees_the_queue(client, who):
    from tests.factories.portal import CaseworkerFactory, sign_in_with_mfa

    flag = make_flag()
    if who == "parent":
        user, _child = family()
        client.force_login(user)
    elif who == "staff_without_permission":
        sign_in_with_mfa(client, CaseworkerFactory(email="other@example.org"))
    for url in [
        reverse("portal_staff:safeguarding"),
        reverse("portal_staff:safeguarding_flag", args=[flag.public_id]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url)
        assert "end my life" not in response.content.decode()


# --- retention -------------------------------------------------------------------------------------


def test_the_chat_purge_keeps_flagged_conversations_until_the_safeguarding_retention(settings):
    settings.CHAT_RETENTION_DAYS = 90
    settings.SAFEGUARDING_RETENTION_DAYS = 365
    long_ago = timezone.now() - datetime.timedelta(days=200)
    flagged = Conversation.objects.create(last_activity_at=long_ago)
    plain = Conversation.objects.create(last_activity_at=long_ago)
    flag = make_flag(conversation_public_id=flagged.public_id)
    SafeguardingFlag.objects.filter(pk=flag.pk).update(created_at=long_ago)
    call_command("purge_chat_history", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Conversation.objects.values_list("pk", flat=True)) == {flagged.pk}
    SafeguardingFlag.objects.filter(pk=flag.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("purge_chat_history", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Conversation.objects.exists() and not SafeguardingFlag.objects.exists()
    assert plain.pk not in Conversation.objects.values_list("pk", flat=True)


def test_a_flag_from_a_signed_in_parent_names_them():
    user = UserFactory()
    flag = make_flag(user=user)
    assert flag.user == user
