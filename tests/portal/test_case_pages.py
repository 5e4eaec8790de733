"""The parent's pages are kept whole (portal.case_pages), and must never show a family anything
stale or anything not theirs: every test here first has the page kept, then changes something the
way staff, the import or the Local Offer would, and looks again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import SiteSettings
from portal import cases
from portal.models import AnnualReview, AuditEntry, ParentLink
from tests.factories.portal import (
    FinalPlanFactory,
    ParentLinkFactory,
    PlanFactory,
    ReviewFactory,
    UserFactory,
    family,
)

pytestmark = pytest.mark.django_db


def plan_url(child):
    return reverse("portal:child", args=[child.public_id])


def seen_twice(client, url):
    """The page, asked for twice: the second answer is the kept one."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    # Personal pages: no browser or proxy may keep a copy (a shared computer, the back button).
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    return second.content.decode()


@pytest.fixture
def kept_plan_page(client):
    """A signed-in parent whose child's plan page is already kept; returns the child."""
    plan = FinalPlanFactory()
    user, child = family(child=plan.child)
    client.force_login(user)
    seen_twice(client, plan_url(child))
    return child


def test_a_change_written_without_signals_shows_at_once(client):
    review = ReviewFactory()
    user, child = family(child=review.plan.child)
    client.force_login(user)
    assert "Not yet arranged" in seen_twice(client, plan_url(child))
    # As the spreadsheet import does: a bulk write, no model save, no signal.
    AnnualReview.objects.filter(pk=review.pk).update(meeting_date=datetime.date(2026, 12, 3))
    page = client.get(plan_url(child)).content.decode()
    assert "3 December 2026" in page
    assert "Not yet arranged" not in page


def test_a_new_caseworker_name_shows_on_both_pages(client):
    plan = FinalPlanFactory(caseworker__first_name="Priya", caseworker__last_name="Shah")
    user, child = family(child=plan.child)
    client.force_login(user)
    assert "Priya Shah" in seen_twice(client, reverse("portal:home"))
    assert "Priya Shah" in seen_twice(client, plan_url(child))
    type(plan.caseworker).objects.filter(pk=plan.caseworker_id).update(last_name="Okafor")
    assert "Priya Okafor" in client.get(reverse("portal:home")).content.decode()
    assert "Priya Okafor" in client.get(plan_url(child)).content.decode()


def test_an_unlinked_child_is_gone_at_once(client):
    plan = FinalPlanFactory()
    user, child = family(child=plan.child)
    client.force_login(user)
    assert child.full_name in seen_twice(client, reverse("portal:home"))
    seen_twice(client, plan_url(child))
    ParentLink.objects.filter(user=user, child=child).delete()
    assert client.get(plan_url(child)).status_code == 404
    assert child.full_name not in client.get(reverse("portal:home")).content.decode()


def test_a_kept_page_is_never_served_to_another_family(client, kept_plan_page):
    client.force_login(UserFactory())
    assert client.get(plan_url(kept_plan_page)).status_code == 404


def test_each_linked_person_gets_their_own_wording(client):
    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    young_person = UserFactory()
    ParentLinkFactory(user=young_person, child=child, relationship="young_person")
    client.force_login(parent)
    assert f"<title>{child.first_name}'s plan" in seen_twice(client, plan_url(child))
    client.force_login(young_person)
    page = seen_twice(client, plan_url(child))
    assert "<title>Your plan" in page


def test_a_step_that_falls_due_overnight_shows_as_overdue_the_next_day(client, monkeypatch):
    today = timezone.localdate()
    plan = PlanFactory(request_date=today - datetime.timedelta(weeks=6) + datetime.timedelta(days=1))
    user, child = family(child=plan.child)
    client.force_login(user)
    assert "Overdue" not in seen_twice(client, plan_url(child))
    monkeypatch.setattr(cases, "today", lambda: today + datetime.timedelta(days=3))
    assert "Overdue" in client.get(plan_url(child)).content.decode()


def test_a_change_to_the_councils_details_shows_on_kept_pages(client, kept_plan_page):
    settings_row = SiteSettings.objects.get()
    settings_row.contact_phone = "01234 000111"
    settings_row.save()
    assert "01234 000111" in client.get(plan_url(kept_plan_page)).content.decode()


def test_every_view_of_a_kept_page_is_audited(client, kept_plan_page):
    child = kept_plan_page
    client.get(plan_url(child))
    entries = AuditEntry.objects.filter(child=child, action="view")
    assert entries.count() == 3
    assert {e.child_public_id for e in entries} == {child.public_id}
    assert all(e.actor is not None and e.ip_address == "127.0.0.1" and e.at is not None for e in entries)
