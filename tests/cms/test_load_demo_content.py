"""The demo content: complete, correct against the statutory rules, and safe to load twice."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Page, Revision, Site, WorkflowPage

from cms.demo.faqs import FAQS
from cms.models import (
    Committee,
    FAQAnswer,
    GuidePage,
    HomePage,
    MeetingMinutesPage,
    StepByStepPage,
)
from cms.models.faq import CONTRACT_KEYS

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "faqs": FAQAnswer.objects.count(),
        "committees": Committee.objects.count(),
        "documents": Document.objects.count(),
        "users": get_user_model().objects.count(),
        "emails": EmailAddress.objects.count(),
    }


STABLE_URLS = [
    "/",
    "/guidance/",
    "/guidance/requesting-an-assessment/",
    "/guidance/the-20-week-timeline/",
    "/guidance/draft-plan-and-naming-a-school/",
    "/guidance/annual-reviews/",
    "/guidance/mediation-and-tribunal/",
    "/guidance/complaints/",
    "/guidance/sen-support/",
    "/guidance/independent-advice-sendiass/",
    "/guidance/personal-budgets/",
    "/guidance/school-transport/",
    "/guidance/education-other-than-at-school/",
    "/ehcp-journey/",
    "/minutes/",
    "/contact-us/",
    "/accessibility/",
    "/cookies/",
    "/privacy/",
]


def test_runs_twice_without_duplicating_or_changing_anything(db):
    first = load()
    assert "cms: created guide page /home/guidance/annual-reviews/" in first  # progress lines
    before = counts()
    guide = GuidePage.objects.get(slug="annual-reviews")
    guide.title = "Annual reviews (edited by comms)"
    guide.save_revision().publish()
    edited = counts()

    output = load()

    assert counts() == edited and edited["pages"] == before["pages"]
    assert GuidePage.objects.get(slug="annual-reviews").title == "Annual reviews (edited by comms)"
    assert "cms: done, 0 new items" in output
    assert "cms: created" not in output


# Loading the demo takes seconds, so one test checks everything a single load should give.
def test_the_demo_content_is_complete_and_correct(db, settings):
    load()
    check_site_and_urls()
    check_faq_answers()
    check_journey()
    check_minutes()
    check_users(settings.DEMO_PASSWORD)
    check_review_dates()


def check_site_and_urls():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert WorkflowPage.objects.get(page=site.root_page).workflow.name == "Moderators approval"
    client = Client()
    for url in STABLE_URLS:
        assert client.get(url).status_code == 200, url
    assert len(client.get("/").context["featured_guides"]) == 6


def check_faq_answers():
    assert set(FAQS) == set(CONTRACT_KEYS)
    for key in CONTRACT_KEYS:
        faq = FAQAnswer.objects.get(key=key)
        assert faq.live and faq.guide is not None and faq.guide.live, key
        assert len(faq.answer) <= 600 and len(faq.more) <= 3000, key
        faq.full_clean()
    answer = {faq.key: f"{faq.answer} {faq.more}" for faq in FAQAnswer.objects.all()}
    # The facts of docs/statutory-rules.md, where families will read them.
    assert "6 weeks" in answer["assessment_timeline"] and "20 weeks" in answer["assessment_timeline"]
    assert "16 weeks" in answer["assessment_timeline"] and "15 days" in answer["assessment_timeline"]
    assert "15 days" in answer["draft_plan"]
    assert "12 months" in answer["annual_review"] and "4 weeks" in answer["annual_review"]
    assert (
        "15 February" in answer["phase_transfer_secondary"] and "31 March" in answer["phase_transfer_post16"]
    )
    # The knowledge base the assistant answers from: every entry published, in families' words.
    entries = FAQAnswer.objects.filter(live=True)
    assert entries.count() >= 80
    for entry in entries:
        assert len(entry.example_list()) >= 5 and len(entry.answer.split()) <= 80, entry.key
        entry.full_clean()
    assert "2 months" in answer["disagreement"] and "1 month" in answer["disagreement"]
    assert "3 working days" in answer["disagreement"] and "30 days" in answer["disagreement"]
    assert "10 working days" in answer["complaints"] and "Ombudsman" in answer["complaints"]
    assert "12 months" in answer["complaints"]


def check_journey():
    steps = {
        step.title: step.deadline for step in StepByStepPage.objects.get(slug="ehcp-journey").steps.all()
    }
    assert steps["The council decides whether to assess"] == "Within 6 weeks of the request"
    assert steps["Professionals give their advice"] == "Within 6 weeks of being asked"
    assert "16 weeks" in steps["The council decides whether to issue a plan"]
    assert "15 days" in steps["Comment on the draft plan and name a school"]
    assert steps["The final EHC plan is issued"] == "Within 20 weeks of the request"
    assert "12 months" in steps["Review the plan every year"]
    assert "2 months" in steps["If you disagree with a decision"]


def check_minutes():
    meetings = MeetingMinutesPage.objects.all()
    approved = meetings.filter(status="approved", live=True)
    drafts = meetings.filter(status="draft")
    assert approved.count() >= 5
    assert drafts.exists() and not drafts.filter(live=True).exists()
    assert {m.committee.name for m in approved} >= {
        "Children and Young People Scrutiny Committee",
        "SEND Partnership Board",
    }
    assert all(m.agenda_items.exists() for m in meetings)
    assert any(item.actions for m in meetings for item in m.agenda_items.all())
    assert Document.objects.filter(title__contains="20 weeks").exists()
    assert Client().get(f"/minutes/{drafts.first().slug}/").status_code == 404


def check_users(password):
    for email, group in [
        ("editor@example.org", "Editors"),
        ("moderator@example.org", "Moderators"),
        ("admin@example.org", None),
    ]:
        user = authenticate(email=email, password=password)
        assert user is not None, email
        assert EmailAddress.objects.get(user=user).verified
        if group:
            assert list(user.groups.values_list("name", flat=True)) == [group]
        else:
            assert user.is_superuser


def check_review_dates():
    statuses = {guide.slug: guide.review_status for guide in GuidePage.objects.all()}
    assert statuses["personal-budgets"] == "overdue"
    assert statuses["school-transport"] == "due_soon"
    assert statuses["annual-reviews"] == "ok"


def test_refuses_to_run_outside_dev_and_test(db, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_content", stdout=io.StringIO())
    assert not HomePage.objects.exists()


def test_loads_on_a_flushed_database(db):
    """`manage.py flush` (or a test that truncates tables) removes what Wagtail's migrations made:
    the root page, the default site, the root collection, the locale, groups and the workflow."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Task, Workflow

    Page.objects.filter(depth=1).delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()
    Workflow.objects.all().delete()
    Task.objects.all().delete()
    Group.objects.all().delete()

    load()

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.get_workflow().name == "Moderators approval"
    assert Group.objects.get(name="Editors").permissions.filter(codename="access_admin").exists()
    assert Client().get("/guidance/annual-reviews/").status_code == 200
    assert Document.objects.exists()
