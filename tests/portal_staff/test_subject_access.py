"""A subject access request in one step (issue 10): everything held about one family, and nothing
about anyone else, for staff given the permission; audited."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from chatbot.models import CallbackRequest, Conversation, Message
from portal.models import AuditEntry
from portal.staff.permissions import ensure_caseworkers_group
from tests.factories.portal import (
    ComplaintFactory,
    EarlyReviewRequestFactory,
    FinalPlanFactory,
    OutcomeFactory,
    ProgressFactory,
    UserFactory,
    family,
    sign_in_with_mfa,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_families():
    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    other_plan = FinalPlanFactory()
    other_parent, _other = family(child=other_plan.child)
    ProgressFactory(outcome=OutcomeFactory(plan=plan))
    EarlyReviewRequestFactory(plan=plan, requested_by=parent)
    ComplaintFactory(submitted_by=parent, child=None, what_happened="Nobody rings back")
    ComplaintFactory(submitted_by=other_parent, what_happened="Someone else's complaint")
    conversation = Conversation.objects.create(user=parent)
    Message.objects.create(conversation=conversation, sender="user", text="where is my son's plan")
    other_conversation = Conversation.objects.create(user=other_parent)
    Message.objects.create(conversation=other_conversation, sender="user", text="another family's words")
    CallbackRequest.objects.create(
        idempotency_key="sar",
        user=parent,
        contact_name="Pat",
        contact_email="pat@example.org",
        reason="call me",
    )
    return plan, parent, other_plan


def exporter(client, with_permission=True):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_caseworkers_group())  # caseworkers do not get the export by default
    if with_permission:
        user.user_permissions.add(Permission.objects.get(codename="export_family_data"))
    sign_in_with_mfa(client, user)
    return user


def test_the_export_holds_the_familys_records_and_nobody_elses(client, two_families):
    plan, parent, other_plan = two_families
    staff = exporter(client)
    response = client.get(reverse("portal_staff:family_export", args=[plan.public_id]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["child"][0]["fields"]["first_name"] == plan.child.first_name
    assert [row["fields"]["email"] for row in data["linked_accounts"]] == [parent.email]
    assert "password" not in data["linked_accounts"][0]["fields"]
    for section in ("plans", "outcomes", "outcome_progress", "early_review_requests", "complaints",
                    "callback_requests", "conversations", "messages"):  # fmt: skip
        assert data[section], section
    assert "Nobody rings back" in text and "where is my son's plan" in text
    assert "Someone else's complaint" not in text and "another family's words" not in text
    assert other_plan.reference not in text
    entry = AuditEntry.objects.filter(actor=staff, child=plan.child, action=AuditEntry.Action.DOWNLOAD).get()
    assert "subject access" in entry.summary


def test_caseworkers_without_the_permission_cannot_export(client, two_families):
    plan, _parent, _other = two_families
    exporter(client, with_permission=False)
    response = client.get(reverse("portal_staff:family_export", args=[plan.public_id]))
    # Refused: Wagtail turns the 403 into "Sorry, you do not have permission" on the admin home.
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD).exists()
