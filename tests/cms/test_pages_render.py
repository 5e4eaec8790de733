"""Every page type renders for a visitor, with the content families came for."""

import datetime

import pytest
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from cms.models import HomePageFeaturedGuide, MeetingDocument
from tests.factories.cms import (
    FAQAnswerFactory,
    GuidePageFactory,
    MeetingMinutesPageFactory,
    StepByStepPageFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_home_page_shows_intro_featured_guides_latest_approved_minutes_and_search(
    client, home, guidance, minutes_index
):
    featured = GuidePageFactory(parent=guidance, title="Asking for an assessment", summary="Who can ask.")
    HomePageFeaturedGuide.objects.create(home=home, page=featured, sort_order=0)
    for day in (1, 2, 3, 4):
        MeetingMinutesPageFactory(
            parent=minutes_index, title=f"Board meeting {day}", meeting_date=datetime.date(2026, 3, day)
        )
    MeetingMinutesPageFactory(
        parent=minutes_index,
        title="Unapproved meeting",
        meeting_date=datetime.date(2026, 3, 9),
        status="draft",
    )

    response = client.get("/")

    assert response.status_code == 200
    body = text(response)
    assert "Information and support for families" in body
    assert "Asking for an assessment" in body and "Who can ask." in body
    # The three newest *approved* meetings, newest first; drafts and older ones are not listed.
    latest = [m.title for m in response.context["latest_minutes"]]
    assert latest == ["Board meeting 4", "Board meeting 3", "Board meeting 2"]
    assert "Board meeting 1" not in body and "Unapproved meeting" not in body
    assert 'action="/search/"' in body and 'name="q"' in body


def test_guide_index_lists_live_guides_only(client, guidance):
    GuidePageFactory(parent=guidance, title="Personal budgets", summary="Money for support.")
    GuidePageFactory(parent=guidance, title="Draft guide", live=False)

    response = client.get("/guidance/")

    assert response.status_code == 200
    assert "Personal budgets" in text(response) and "Money for support." in text(response)
    assert "Draft guide" not in text(response)


def test_guide_page_shows_blocks_last_reviewed_faqs_breadcrumbs_and_feedback(client, guidance):
    document = Document.objects.create(title="Annual review form")
    guide = GuidePageFactory(
        parent=guidance,
        title="Annual reviews",
        slug="annual-reviews",
        summary="How reviews work.",
        last_reviewed=datetime.date(2026, 3, 4),
        body=[
            ("heading", {"text": "Time limits", "level": "h2"}),
            ("paragraph", "<p>The plan is reviewed every <b>12 months</b>.</p>"),
            ("inset_text", "<p>Under-5s: every 3 to 6 months.</p>"),
            ("warning_text", "Appeal within 2 months."),
            ("details", {"summary": "What is a SENCO?", "content": "<p>A teacher who co-ordinates SEN.</p>"}),
            ("call_to_action", {"text": "Make a complaint", "page": None, "url": "https://example.org/form"}),
            ("document_links", {"heading": "Forms", "documents": [document]}),
        ],
    )
    FAQAnswerFactory(question="When is my child's plan reviewed?", guide=guide, answer="Every 12 months.")

    response = client.get("/guidance/annual-reviews/")

    assert response.status_code == 200
    body = text(response)
    assert '<h1 class="govuk-heading-xl">Annual reviews</h1>' in body
    assert '<h2 class="govuk-heading-l" id="time-limits">Time limits</h2>' in body
    assert "<b>12 months</b>" in body
    assert 'class="govuk-inset-text app-rich-text"' in body
    assert "govuk-warning-text" in body and "Appeal within 2 months." in body
    assert '<details class="govuk-details">' in body and "What is a SENCO?" in body
    assert 'href="https://example.org/form"' in body and "govuk-button--start" in body
    assert "Annual review form" in body
    assert 'Last reviewed: <time datetime="2026-03-04">4 March 2026</time>' in body
    assert "When is my child&#x27;s plan reviewed?" in body and "Every 12 months." in body
    assert 'class="govuk-breadcrumbs"' in body and 'href="/guidance/"' in body
    assert 'id="page-feedback"' in body and 'action="/feedback/"' in body


def test_step_by_step_page_numbers_every_step_with_its_time_limit(client, home):
    StepByStepPageFactory(
        parent=home,
        steps=[
            {"title": "Ask for an assessment", "deadline": "", "body": "<p>Write to us.</p>"},
            {
                "title": "The council decides",
                "deadline": "Within 6 weeks of the request",
                "legal_basis": "regulation 5",
                "body": "<p>A letter.</p>",
            },
            {"title": "The final plan", "deadline": "Within 20 weeks of the request", "body": "<p>Done.</p>"},
        ],
    )

    response = client.get("/ehcp-journey/")

    assert response.status_code == 200
    body = text(response)
    assert body.count('class="app-step-nav__step"') == 3
    assert "Step 2:</span>" in body and "The council decides" in body
    assert "Within 6 weeks of the request" in body and "(regulation 5)" in body
    assert "Within 20 weeks of the request" in body
    # Every step's text is in the page itself: nothing needs JavaScript to be read.
    assert "Write to us." in body and "Done." in body and " hidden" not in body.split("app-step-nav")[1]


def test_minutes_index_and_meeting_page(client, minutes_index):
    meeting = MeetingMinutesPageFactory(
        parent=minutes_index,
        title="SEND Partnership Board, 14 January 2026",
        attendees="Helen Okafor (Chair)",
        agenda_items=[
            {
                "title": "Annual review backlog",
                "minutes": "<p>612 reviews were overdue.</p>",
                "decisions": "<p>RESOLVED that the recovery plan is agreed.</p>",
                "actions": [
                    (
                        "action",
                        {
                            "action": "Report monthly",
                            "owner": "Head of SEND",
                            "due": datetime.date(2026, 3, 18),
                        },
                    )
                ],
            }
        ],
    )
    document = Document.objects.create(title="Timeliness figures")
    MeetingDocument.objects.create(page=meeting, document=document, sort_order=0)

    index = client.get("/minutes/")
    page = client.get(meeting.url)

    assert index.status_code == 200 and "SEND Partnership Board, 14 January 2026" in text(index)
    assert page.status_code == 200
    body = text(page)
    assert "Helen Okafor (Chair)" in body
    assert "1. Annual review backlog" in body and "612 reviews were overdue." in body
    assert "RESOLVED that the recovery plan is agreed." in body
    assert "Report monthly" in body and "Head of SEND" in body and "18 March 2026" in body
    assert "Timeliness figures" in body
    assert "govuk-tag--green" in body and "draft minutes" not in body.lower()


def test_draft_minutes_say_they_are_draft(client, minutes_index):
    meeting = MeetingMinutesPageFactory(parent=minutes_index, status="draft")
    body = text(client.get(meeting.url))
    assert "These are draft minutes" in body


def test_unpublished_pages_are_not_served(client, guidance):
    draft = GuidePageFactory(parent=guidance, slug="not-yet", live=False)
    assert client.get("/guidance/not-yet/").status_code == 404
    assert Page.objects.filter(pk=draft.pk, live=False).exists()


def test_pages_carry_no_inline_scripts_or_styles(client, guide):
    body = text(client.get(guide.url))
    assert "<script>" not in body and "style=" not in body


def test_review_due_defaults_to_a_year_after_the_last_review(guidance):
    reviewed = timezone.localdate() - datetime.timedelta(days=10)
    guide = GuidePageFactory(parent=guidance, last_reviewed=reviewed, review_due=None)
    assert guide.review_due == reviewed + datetime.timedelta(days=365)
    assert guide.review_status == "ok"


def test_previews_of_unsaved_changes_render(rf, admin_user, home, guidance, minutes_index):
    """Editors preview before submitting: new steps, agenda items and featured guides have no ids yet."""
    from cms.models import AgendaItem, StepByStepPage, StepByStepStep
    from tests.factories.cms import CommitteeFactory

    guide = GuidePageFactory(parent=guidance, title="Annual reviews")
    journey = StepByStepPage(title="Journey", slug="journey-preview", intro="<p>Intro</p>")
    for number in range(2):
        journey.steps.add(
            StepByStepStep(
                sort_order=number,
                title=f"Unsaved step {number}",
                deadline="Within 6 weeks",
                body="<p>Body</p>",
                links=[("link", {"title": f"Guide link {number}", "page": guide, "url": ""})],
            )
        )
    journey.path, journey.depth = home.path + "9999", home.depth + 1  # as if under the home page
    meeting = MeetingMinutesPageFactory.build(committee=CommitteeFactory(), title="Preview meeting")
    meeting.agenda_items.add(AgendaItem(sort_order=0, title="Unsaved item", minutes="<p>Text</p>"))
    meeting.path, meeting.depth = minutes_index.path + "9999", minutes_index.depth + 1
    home.featured_guides.add(HomePageFeaturedGuide(page=guide, sort_order=0))

    for page, expected in [
        (journey, ["Unsaved step 0", "Unsaved step 1", "Guide link 1"]),
        (meeting, ["Unsaved item"]),
        (home, ["Annual reviews"]),
    ]:
        request = rf.get("/")
        request.user = admin_user
        response = page.serve_preview(request, page.default_preview_mode)
        response.render()
        body = response.content.decode()
        assert response.status_code == 200
        for text in expected:
            assert text in body, (page, text)


@pytest.mark.django_db
def test_the_header_offers_sign_in_or_sign_out(client):
    from django.urls import reverse

    from tests.factories.portal import UserFactory

    signed_out = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_login")}">Sign in</a>' in signed_out
    client.force_login(UserFactory())
    signed_in = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("account_logout")}">Sign out</a>' in signed_in
    assert ">Your account</a>" in signed_in and ">Sign in</a>" not in signed_in
