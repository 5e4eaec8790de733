"""The parent journey in real headless Chromium: sign in, see the cards, open a plan, ask for an early
review, make a complaint. axe-core finds no WCAG 2.2 A/AA violation on any page, with or without errors
shown, and the forms work with JavaScript switched off."""

import pytest
from django.conf import settings
from django.core.management import call_command

from portal.models import Complaint, EarlyReviewRequest, EHCPlan
from tests.browser import PageProblems, assert_accessible

# Transactional, because the live server reads the data from another thread; load_demo_content puts
# back the Wagtail root page that the flush after an earlier transactional test removed.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_cases", cases=30, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def sign_in(page, base, email="parent@example.org"):
    page.goto(base + "/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/portal/")


def test_parent_journey_is_accessible_and_complaints_work_without_javascript(demo, live_server, browser):
    # One test, one live server session: see ensure_wagtail_root.
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = PageProblems(page)
    page.set_default_timeout(15_000)
    sign_in(page, base)
    main = page.locator("main").inner_text()
    assert "Maya Morgan" in main and "Leo Morgan" in main
    assert "Overdue by" in main
    assert_accessible(page)

    leo = EHCPlan.objects.get(reference="EHC-000002").child
    page.get_by_role("link", name="View plan for Leo Morgan").click()
    page.wait_for_url(f"{base}/portal/children/{leo.public_id}/")
    text = page.locator("main").inner_text()
    assert "What happens next" in text and "Annual review meeting" in text
    assert "Plan amended for the move to a new school or college" in text
    assert_accessible(page)

    page.get_by_role("button", name="Ask for an early review").click()
    page.get_by_role("button", name="Send request").click()  # empty: error summary
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Why do you want an early review?").fill("Leo's needs changed after his diagnosis.")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"{base}/portal/children/{leo.public_id}/")
    assert "has been sent to the caseworker" in page.locator("main").inner_text()
    assert EarlyReviewRequest.objects.filter(
        plan__reference="EHC-000002", requested_by__email="parent@example.org"
    ).exists()

    page.get_by_role("button", name="Make a complaint about Leo's case").click()
    page.get_by_role("button", name="Send complaint").click()  # empty: error summary
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Delay").check()
    page.get_by_label("What happened?").fill(
        "The review paperwork did not arrive two weeks before the meeting."
    )
    page.get_by_label("What would you like us to do to put things right?").fill("Send the advice now.")
    page.get_by_role("button", name="Send complaint").click()
    page.wait_for_url("**/confirmation/")
    complaint = Complaint.objects.get(submitted_by__email="parent@example.org")
    assert complaint.reference in page.locator(".govuk-panel").inner_text()
    assert complaint.child == leo
    assert_accessible(page)

    page.goto(base + "/portal/link/")
    assert_accessible(page)
    page.goto(base + "/accounts/sessions/")
    assert "Where you are signed in" in page.locator("main").inner_text()
    assert_accessible(page)
    context.close()

    # The same form, signed out and with JavaScript off.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/complaints/new/")
    page.get_by_label("Communication").check()
    page.get_by_label("What happened?").fill("Nobody replied to three emails.")
    page.get_by_label("What would you like us to do to put things right?").fill("A reply.")
    page.get_by_label("Your full name").fill("Jo Bloggs")
    page.get_by_label("Email address").fill("jo@example.org")
    page.get_by_role("button", name="Send complaint").click()
    page.wait_for_url("**/confirmation/")
    assert (
        Complaint.objects.get(contact_email="jo@example.org").reference in page.locator("main").inner_text()
    )
