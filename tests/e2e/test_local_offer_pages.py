"""The Local Offer's public pages in real Chromium: they render, read well without JavaScript, and
axe-core finds no WCAG 2.2 A/AA violation."""

import pytest
from django.core.management import call_command

from cms.models import GuidePage, HomePage, MeetingMinutesPage, MinutesIndexPage, StepByStepPage
from tests.browser import assert_accessible

# Transactional, because the live server reads the data from another thread. The flush after each
# test also empties Wagtail's root page; load_demo_content puts it back.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site():
    # Database access comes from the module's django_db mark; asking for `db` here would turn the
    # test back into a non-transactional one.
    call_command("load_demo_content", verbosity=0)


def public_pages():
    meeting = MeetingMinutesPage.objects.live().order_by("-meeting_date").first()
    return {
        "home": HomePage.objects.live().get(),
        "guide": GuidePage.objects.live().filter(slug="requesting-an-assessment").get(),
        "step_by_step": StepByStepPage.objects.live().get(),
        "minutes_index": MinutesIndexPage.objects.live().get(),
        "meeting": meeting,
    }


def test_public_pages_are_accessible(demo_site, live_server, page):
    for name, target in public_pages().items():
        response = page.goto(live_server.url + target.url)
        assert response.status == 200, name
        assert page.locator("h1").first.inner_text().strip() == target.title, name
        assert page.title().endswith("Northmere Council"), name
        assert_accessible(page)


def test_search_results_highlight_the_query_and_are_accessible(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").first.fill("tribunal")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url("**/search/?*")
    assert page.locator("mark").count() > 0
    assert "tribunal" in page.locator("mark").first.inner_text().lower()
    assert_accessible(page)


def test_step_by_step_reads_in_order_without_javascript(demo_site, live_server, page_without_js):
    journey = StepByStepPage.objects.live().get()
    page_without_js.goto(live_server.url + journey.url)
    steps = page_without_js.locator("ol.app-step-nav__steps > li")
    assert steps.count() >= 5
    deadlines = page_without_js.locator(".app-step-nav__deadline").all_inner_texts()
    # Each statutory time limit is visible, and families meet them in this order.
    positions = [
        next(i for i, text in enumerate(deadlines) if phrase in text)
        for phrase in ("6 weeks", "15 days", "20 weeks")
    ]
    assert positions == sorted(positions), deadlines
    assert page_without_js.locator(".app-step-nav__title-text").first.is_visible()


def test_minutes_filter_works_without_javascript(demo_site, live_server, page_without_js):
    index = MinutesIndexPage.objects.live().get()
    page_without_js.goto(live_server.url + index.url)
    committee_select = page_without_js.locator("select").first
    options = committee_select.locator("option").all_inner_texts()
    assert len(options) >= 2
    committee_select.select_option(index=1)
    page_without_js.locator("main form button, main form input[type=submit]").first.click()
    page_without_js.wait_for_load_state()
    assert "?" in page_without_js.url
    assert page_without_js.locator("main").inner_text().strip()


def test_the_page_not_found_page_is_accessible(demo_site, live_server, page):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The browser reports the page's own 404 status as a console error; that one is expected.
    page.problems.errors[:] = [error for error in page.problems.errors if "status of 404" not in error]
    assert_accessible(page)
