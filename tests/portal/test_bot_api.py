"""The internal API for the chatbot's action server, per the bot contract."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.bot_auth import issue_user_token
from portal.models import AuditEntry, Complaint
from tests.factories.portal import FinalPlanFactory, PlanFactory, UserFactory, family

pytestmark = pytest.mark.django_db

PLANS = "/internal/bot/plans/"
COMPLAINTS = "/internal/bot/complaints/"


@pytest.fixture
def service(settings):
    return {"HTTP_AUTHORIZATION": f"Bearer {settings.BOT_SERVICE_TOKEN}"}


def as_user(user):
    return {"HTTP_X_USER_TOKEN": issue_user_token(user)}


def test_routes_match_the_contract():
    assert reverse("portal:bot_plans") == PLANS and reverse("portal:bot_complaints") == COMPLAINTS


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic abc", "Bearer "])
def test_a_missing_or_wrong_service_token_is_refused(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    for response in (
        client.get(PLANS, **extra),
        client.post(COMPLAINTS, "{}", content_type="application/json", **extra),
    ):
        assert response.status_code == 401 and response.json() == {"error": "invalid_service_token"}


def test_plans_need_a_valid_user_token(client, service, settings):
    user, _ = family(child=FinalPlanFactory().child)
    assert client.get(PLANS, **service).json() == {"error": "sign_in_required"}
    assert client.get(PLANS, HTTP_X_USER_TOKEN="forged.token", **service).status_code == 401
    token = issue_user_token(user)
    settings.BOT_USER_TOKEN_MAX_AGE = -1  # every token is now too old
    response = client.get(PLANS, HTTP_X_USER_TOKEN=token, **service)
    assert response.status_code == 401 and response.json() == {"error": "invalid_user_token"}


def test_plans_return_only_the_token_users_children_in_the_contract_shape(client, service):
    today = timezone.localdate()
    late = PlanFactory(
        request_date=today - datetime.timedelta(weeks=24),
        decision_to_assess="yes",
        decision_date=today - datetime.timedelta(weeks=19),
        caseworker__first_name="Priya",
        caseworker__last_name="Shah",
    )
    user, child = family(child=late.child)
    someone_else, other_child = family(child=FinalPlanFactory().child)

    response = client.get(PLANS, **service, **as_user(user))
    assert response.status_code == 200
    children = response.json()["children"]
    assert [c["id"] for c in children] == [str(child.public_id)]
    card = children[0]
    assert set(card) == {
        "id",
        "first_name",
        "stage",
        "stage_label",
        "summary",
        "next_step",
        "overdue",
        "next_annual_review",
        "caseworker",
        "url",
    }
    assert card["first_name"] == child.first_name
    assert card["stage"] == "assessing"
    assert card["url"] == f"/portal/children/{child.public_id}/"
    assert card["caseworker"]["name"] == "Priya Shah" and card["caseworker"]["email"]
    assert card["next_step"]["status"] == "overdue" and card["next_step"]["days_overdue"] > 0
    final = next(s for s in card["overdue"] if s["label"] == "Final plan issued")
    assert final["due"] == (late.request_date + datetime.timedelta(weeks=20)).isoformat()
    assert final["days_overdue"] == 28
    assert card["next_annual_review"] is None
    assert "overdue" in card["summary"]
    assert str(other_child.public_id) not in response.content.decode()
    assert AuditEntry.objects.filter(actor=user, child=child, channel="bot", action="view").exists()


def test_plans_with_a_final_plan_give_the_next_annual_review(client, service):
    plan = FinalPlanFactory()
    user, _ = family(child=plan.child)
    card = client.get(PLANS, **service, **as_user(user)).json()["children"][0]
    assert card["stage"] == "plan"
    assert (
        card["next_annual_review"]
        == plan.final_issued_date.replace(year=plan.final_issued_date.year + 1).isoformat()
    )


def complaint_body(**overrides):
    body = {
        "idempotency_key": "rasa-conv-1-complaint-1",
        "category": "communication",
        "what_happened": "Nobody answers the phone.",
        "desired_outcome": "A call back this week.",
        "contact_name": "Jo Bloggs",
        "contact_email": "jo@example.org",
        "contact_phone": "",
    }
    body.update(overrides)
    return body


def post_complaint(client, service, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(COMPLAINTS, data, content_type="application/json", **service, **extra)


def test_a_complaint_is_created_once_per_idempotency_key(client, service):
    first = post_complaint(client, service, complaint_body())
    assert first.status_code == 201
    payload = first.json()
    complaint = Complaint.objects.get()
    assert payload == {
        "reference": complaint.reference,
        "stage1_due": complaint.stage1_due.isoformat(),
        "status_url": f"/complaints/{complaint.public_id}/",
    }
    assert complaint.channel == "chatbot" and complaint.submitted_by is None
    again = post_complaint(client, service, complaint_body())
    assert again.status_code == 200 and again.json() == payload
    assert Complaint.objects.count() == 1 and len(mail.outbox) == 1


def test_a_signed_in_users_contact_details_come_from_their_account(client, service):
    plan = FinalPlanFactory()
    user, child = family(child=plan.child, first_name="Sam", last_name="Lee", phone="07700 900982")
    body = complaint_body(contact_name="", contact_email="", contact_phone="", child_id=str(child.public_id))
    response = post_complaint(client, service, body, **as_user(user))
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    assert (complaint.contact_name, complaint.contact_email, complaint.contact_phone) == (
        "Sam Lee",
        user.email,
        "07700 900982",
    )
    assert complaint.child == child and complaint.submitted_by == user


def test_a_child_the_user_may_not_see_is_refused(client, service):
    user, _ = family(child=FinalPlanFactory().child)
    other = FinalPlanFactory().child
    response = post_complaint(client, service, complaint_body(child_id=str(other.public_id)), **as_user(user))
    assert response.status_code == 400 and "child_id" in response.json()["errors"]
    anonymous = post_complaint(client, service, complaint_body(child_id=str(other.public_id)))
    assert anonymous.status_code == 400
    assert not Complaint.objects.exists()


def test_a_stale_user_token_is_refused_rather_than_filed_anonymously(client, service):
    response = post_complaint(client, service, complaint_body(), HTTP_X_USER_TOKEN="stale")
    assert response.status_code == 401 and response.json() == {"error": "invalid_user_token"}
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{not json", "body"),
        ("[1, 2]", "body"),
        ("", "body"),
        (complaint_body(category="rude"), "category"),
        (complaint_body(what_happened=""), "what_happened"),
        (complaint_body(what_happened="x" * 5001), "what_happened"),
        (complaint_body(contact_email="nope"), "contact_email"),
        (complaint_body(contact_name=""), "contact_name"),
        (complaint_body(idempotency_key=""), "idempotency_key"),
        (complaint_body(child_id="not-a-uuid"), "child_id"),
    ],
)
def test_bad_complaints_get_400_with_field_errors_and_nothing_is_stored(client, service, body, field):
    response = post_complaint(client, service, body)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Complaint.objects.exists()


def test_wrong_methods_get_json_405(client, service):
    assert client.post(PLANS, **service).status_code == 405
    response = client.delete(COMPLAINTS, **service)
    assert response.status_code == 405 and response.json() == {"error": "method_not_allowed"}
    assert response["Allow"] == "GET, POST"


def test_a_signed_out_user_is_never_shown_plans(client, service):
    UserFactory()
    assert client.get(PLANS, **service).status_code == 401


@pytest.mark.parametrize("value", [["x"], {"a": 1}, 12, True])
def test_odd_json_types_are_400_not_500(client, service, value):
    for field in ("child_id", "category", "what_happened", "idempotency_key"):
        response = post_complaint(client, service, complaint_body(**{field: value}))
        assert response.status_code == 400 and field in response.json()["errors"]
    assert not Complaint.objects.exists()
