"""What a signed-in parent sees: the portal home cards and the plan page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEntry
from tests.factories.portal import (
    AdviceFactory,
    ClockExceptionFactory,
    DocumentFactory,
    FinalPlanFactory,
    OutcomeFactory,
    PlanFactory,
    ProgressFactory,
    ReviewFactory,
    family,
)

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_home_shows_a_card_per_linked_child_with_stage_next_step_and_caseworker(client):
    today = timezone.localdate()
    late = PlanFactory(
        request_date=today - datetime.timedelta(weeks=25),
        decision_to_assess="yes",
        decision_date=today - datetime.timedelta(weeks=20),
    )
    user, first = family(child=late.child)
    ontime = FinalPlanFactory(
        caseworker__first_name="Priya",
        caseworker__last_name="Shah",
        caseworker__email="priya.shah@northmere.example.org",
    )
    family(child=ontime.child)
    user.child_links.create(child=ontime.child)

    client.force_login(user)
    response = client.get(reverse("portal:home"))
    html = response.content.decode()

    assert response.status_code == 200
    assert first.full_name in html and ontime.child.full_name in html
    assert "Needs assessment under way" in html
    assert "Final plan issued" in html  # the late child's next step
    assert "Overdue by" in html and "govuk-tag--red" in html
    assert "Priya Shah" in html and "priya.shah@northmere.example.org" in html
    # Every card is a view of a child's record: both are in the audit log.
    viewed = set(AuditEntry.objects.filter(actor=user, action="view").values_list("child_id", flat=True))
    assert viewed == {first.pk, ontime.child.pk}


def test_plan_page_shows_timeline_outcomes_documents_and_reviews(client, parent_and_plan):
    user, child, plan = parent_and_plan
    ClockExceptionFactory(plan=plan)
    AdviceFactory(plan=plan, received_date=plan.request_date + datetime.timedelta(weeks=9))
    review = ReviewFactory(plan=plan, due_date=plan.final_issued_date + datetime.timedelta(days=365))
    outcome = OutcomeFactory(plan=plan)
    ProgressFactory(outcome=outcome, rating=2, note="Beginning to use symbols")
    ProgressFactory(outcome=outcome, rating=4, note="Uses short sentences")
    document = DocumentFactory(plan=plan, title="Final plan for review")

    client.force_login(user)
    response = client.get(reverse("portal:child", args=[child.public_id]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "What happens next" in html and "What has happened" in html
    assert "Annual review meeting" in html
    assert f"Review due by {review.due_date.day}" in html
    assert "/guidance/annual-reviews/" in html and "/guidance/the-20-week-timeline/" in html
    assert "The clock was paused" in html
    assert "Uses short sentences" in html and "4 of 5: Nearly achieved" in html
    assert reverse("portal:document", args=[document.id]) in html
    assert "Ask for an early review" in html
    assert f"/complaints/new/?child={child.public_id}" in html
    assert AuditEntry.objects.filter(actor=user, action="view", child=child).exists()


def test_under_fives_are_told_reviews_every_3_to_6_months_are_recommended(client):
    plan = FinalPlanFactory(child__date_of_birth=timezone.localdate() - datetime.timedelta(days=365 * 3))
    user, child = family(child=plan.child)
    client.force_login(user)
    html = client.get(reverse("portal:child", args=[child.public_id])).content.decode()
    assert "every 3 to 6 months is recommended" in html
