"""One notification interface, two backends; families told when a case changes."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from portal import case_updates
from portal.models import AnnualReview, Document
from portal.notifications import EmailBackend, NotifyBackend, get_backend, notify
from tests.factories.portal import FinalPlanFactory, PlanFactory, ReviewFactory, family

pytestmark = pytest.mark.django_db


class FakeNotifyClient:
    """Stands in for notifications_python_client's NotificationsAPIClient."""

    def __init__(self):
        self.sent = []

    def send_email_notification(self, **kwargs):
        self.sent.append(kwargs)
        return {"id": "fake-notification-id"}


COMPLAINT_CONTEXT = {
    "name": "Jo Bloggs",
    "reference": "CMP-2026-000123",
    "due_date": "7 December 2026",
    "category": "Delay",
    "status_url": "https://send.example.org/complaints/abc/",
}


def test_notify_backend_sends_the_template_and_personalisation():
    client = FakeNotifyClient()
    backend = NotifyBackend(client=client, template_ids={"complaint_received": "tmpl-123"})
    assert notify("jo@example.org", "complaint_received", COMPLAINT_CONTEXT, backend=backend)
    assert client.sent == [
        {
            "email_address": "jo@example.org",
            "template_id": "tmpl-123",
            "personalisation": COMPLAINT_CONTEXT,
            "reference": "CMP-2026-000123",
        }
    ]
    assert not mail.outbox


def test_notify_backend_is_used_when_a_key_is_configured(settings):
    settings.GOVUK_NOTIFY_API_KEY = (
        "test_key-00000000-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000"
    )
    assert isinstance(get_backend(), NotifyBackend)
    settings.GOVUK_NOTIFY_API_KEY = ""
    assert isinstance(get_backend(), EmailBackend)


def test_email_backend_renders_the_same_notification():
    assert notify("jo@example.org", "complaint_received", COMPLAINT_CONTEXT)
    assert mail.outbox[0].subject == "We have received your complaint: CMP-2026-000123"
    assert "7 December 2026" in mail.outbox[0].body and "Dear Jo Bloggs" in mail.outbox[0].body


def test_a_missing_template_id_or_a_failing_client_does_not_raise():
    class Broken(FakeNotifyClient):
        def send_email_notification(self, **kwargs):
            raise ConnectionError("Notify is down")

    assert not notify(
        "jo@example.org",
        "complaint_received",
        COMPLAINT_CONTEXT,
        backend=NotifyBackend(client=FakeNotifyClient(), template_ids={}),
    )
    assert not notify(
        "jo@example.org",
        "complaint_received",
        COMPLAINT_CONTEXT,
        backend=NotifyBackend(client=Broken(), template_ids={"complaint_received": "t"}),
    )


def test_unknown_templates_and_missing_placeholders_are_programming_errors():
    with pytest.raises(ValueError):
        notify("jo@example.org", "no_such_template", {})
    with pytest.raises(ValueError, match="reference"):
        notify("jo@example.org", "complaint_received", {"due_date": "x", "category": "y", "status_url": "z"})


def test_parents_are_emailed_when_the_stage_changes(django_capture_on_commit_callbacks):
    plan = PlanFactory(decision_to_assess="")
    mum, child = family(child=plan.child)
    dad, _ = family(child=child)
    with django_capture_on_commit_callbacks(execute=True):
        plan.decision_to_assess = "yes"
        plan.decision_date = plan.request_date + datetime.timedelta(weeks=5)
        plan.save()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mum.email, dad.email])
    assert "Needs assessment under way" in mail.outbox[0].body
    assert f"/portal/children/{child.public_id}/" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan.caseworker = None  # not a stage change
        plan.save()
    assert not mail.outbox


def test_parents_are_emailed_about_a_new_document_and_a_review_date(django_capture_on_commit_callbacks):
    plan = FinalPlanFactory()
    parent, _ = family(child=plan.child)
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.create(
            plan=plan,
            title="Educational psychologist report",
            kind="advice",
            file=ContentFile(b"report", name="ep.pdf"),
        )
    assert (
        mail.outbox[-1].to == [parent.email] and "Educational psychologist report" in mail.outbox[-1].subject
    )

    review = ReviewFactory(plan=plan)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.meeting_date = datetime.date(2027, 1, 14)
        review.save()
    assert len(mail.outbox) == 1 and "14 January 2027" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        AnnualReview.objects.get(pk=review.pk).save()  # nothing changed: no second email
    assert len(mail.outbox) == 1


def test_muted_changes_send_nothing(django_capture_on_commit_callbacks):
    plan = PlanFactory()
    family(child=plan.child)
    with case_updates.muted(), django_capture_on_commit_callbacks(execute=True):
        plan.decision_to_assess = "no"
        plan.decision_date = plan.request_date
        plan.save()
    assert not mail.outbox


def test_the_importer_can_announce_changes_itself():
    plan = FinalPlanFactory()
    parent, _ = family(child=plan.child)
    assert case_updates.announce_stage_change(plan, old_stage="draft") == 1
    assert case_updates.announce_stage_change(plan, old_stage="plan") == 0
    assert mail.outbox[0].to == [parent.email]
