"""Early review requests, and the audit log of views and staff changes."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from portal import audit
from portal.models import AuditEntry, EarlyReviewRequest
from tests.factories.portal import CaseworkerFactory, FinalPlanFactory, PlanFactory, family

pytestmark = pytest.mark.django_db


def test_a_parent_asks_for_an_early_review_and_the_caseworker_is_told(client, parent_and_plan):
    user, child, plan = parent_and_plan
    client.force_login(user)
    url = reverse("portal:early_review", args=[child.public_id])
    assert "Ask for an early review" in client.get(url).content.decode()

    response = client.post(url, {"reason": "New autism diagnosis; the current support is not working."})
    assert response.status_code == 302 and response["Location"] == reverse(
        "portal:child", args=[child.public_id]
    )
    request = EarlyReviewRequest.objects.get()
    assert request.plan == plan and request.requested_by == user and request.status == "open"
    assert mail.outbox[-1].to == [plan.caseworker.email]
    assert "New autism diagnosis" in mail.outbox[-1].body
    page = client.get(response["Location"]).content.decode()
    assert "Your request for an early review has been sent" in page
    assert "Waiting for the caseworker" in page
    # A double click does not file it twice.
    client.post(url, {"reason": "New autism diagnosis; the current support is not working."})
    assert EarlyReviewRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Enter why you want an early review"), ("x" * 2001, "2000 characters or fewer")],
)
def test_early_review_reason_is_required_and_limited(client, parent_and_plan, reason, message):
    user, child, _ = parent_and_plan
    client.force_login(user)
    html = client.post(
        reverse("portal:early_review", args=[child.public_id]), {"reason": reason}
    ).content.decode()
    assert message in html and "govuk-error-summary" in html
    assert not EarlyReviewRequest.objects.exists()


def test_early_review_is_not_offered_before_a_final_plan(client):
    plan = PlanFactory()
    user, child = family(child=plan.child)
    client.force_login(user)
    assert (
        "Ask for an early review"
        not in client.get(reverse("portal:child", args=[child.public_id])).content.decode()
    )
    response = client.post(reverse("portal:early_review", args=[child.public_id]), {"reason": "Please"})
    assert "You cannot ask for an early review yet" in response.content.decode()
    assert not EarlyReviewRequest.objects.exists()


def test_staff_changes_are_audited_with_who_and_what_changed():
    plan = FinalPlanFactory()
    caseworker = CaseworkerFactory()
    with audit.acting_as(caseworker):
        plan.ceased_date = plan.final_issued_date + datetime.timedelta(days=400)
        plan.cease_reason = "Moved to another authority"
        plan.save()
    entry = AuditEntry.objects.filter(action="change", object_type="ehcplan").latest("at")
    assert entry.actor == caseworker and entry.actor_email == caseworker.email
    assert entry.child == plan.child and entry.child_public_id == plan.child.public_id
    assert entry.changes["stage"] == ["plan", "ceased"]
    assert entry.changes["cease_reason"] == ["", "Moved to another authority"]


def test_removing_a_parent_link_is_audited():
    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    caseworker = CaseworkerFactory()
    with audit.acting_as(caseworker):
        parent.child_links.get(child=child).delete()
    entry = AuditEntry.objects.get(action="unlink")
    assert entry.actor == caseworker and entry.child == child


def test_the_admin_middleware_attributes_changes_to_the_signed_in_user(rf):
    from portal.middleware import AuditActorMiddleware

    plan = FinalPlanFactory()
    caseworker = CaseworkerFactory()

    def view(request):
        plan.reference = "EHC-RENAMED"
        plan.save()
        from django.http import HttpResponse

        return HttpResponse()

    request = rf.post("/admin/")
    request.user = caseworker
    AuditActorMiddleware(view)(request)
    assert AuditEntry.objects.get(action="change", object_type="ehcplan").actor == caseworker


# --- One open early review per plan, with a reply-by date (issues 10 and 11) ------------------------


def early_review_setup():
    from tests.factories.portal import FinalPlanFactory, family

    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    return plan, parent, child


def test_asking_again_shows_the_waiting_request_and_its_reply_by_date(client, settings):
    from django.urls import reverse

    from portal.models import EarlyReviewRequest

    settings.EARLY_REVIEW_REPLY_WORKING_DAYS = 10
    plan, parent, child = early_review_setup()
    client.force_login(parent)
    url = reverse("portal:early_review", args=[child.public_id])
    response = client.post(url, {"reason": "Needs changed."}, follow=True)
    waiting = EarlyReviewRequest.objects.get(plan=plan)
    reply_by = waiting.reply_by
    assert f"They will reply by {reply_by.day} {reply_by:%B %Y}" in response.content.decode()
    plan_page = client.get(reverse("portal:child", args=[child.public_id])).content.decode()
    assert "Ask for an early review" not in plan_page
    assert "The caseworker will reply by" in plan_page
    for attempt in (client.get(url), client.post(url, {"reason": "Again."})):
        page = attempt.content.decode()
        assert attempt.status_code == 200 and "An early review has already been asked for" in page
    assert EarlyReviewRequest.objects.filter(plan=plan).count() == 1


def test_the_reply_by_date_counts_working_days(settings):
    import datetime

    from django.utils import timezone

    from tests.factories.portal import EarlyReviewRequestFactory

    settings.EARLY_REVIEW_REPLY_WORKING_DAYS = 10
    request = EarlyReviewRequestFactory()
    request.created_at = timezone.make_aware(datetime.datetime(2026, 12, 18, 10, 0))  # a Friday
    # 10 working days from Friday 18 December: Christmas Day, Boxing Day (observed on the 28th),
    # New Year's Day and the weekends do not count.
    assert request.reply_by == datetime.date(2027, 1, 6)


def test_the_database_keeps_one_open_request_per_plan_even_for_writes_that_race():
    from django.db import IntegrityError, transaction

    from portal.models import EarlyReviewRequest
    from tests.factories.portal import EarlyReviewRequestFactory

    first = EarlyReviewRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlyReviewRequest.objects.create(plan=first.plan, reason="A second one")
    first.status = EarlyReviewRequest.Status.DECLINED
    first.save()
    EarlyReviewRequestFactory(plan=first.plan)  # once answered, a new one may be asked for
