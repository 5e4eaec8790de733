"""'Was this page useful?': stored when valid, refused with a clear message when not."""

import pytest
from django.test import Client

from cms.models import PageFeedback
from tests.factories.cms import GuidePageFactory

pytestmark = pytest.mark.django_db


def post(client, **data):
    return client.post("/feedback/", data, follow=True)


def test_useful_yes_with_a_comment_is_stored_and_thanked(client, guide):
    response = post(client, page=guide.pk, useful="yes", comment="  Clear, thank you.  ")

    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.useful, feedback.comment) == (guide.pk, True, "Clear, thank you.")
    assert feedback.page_title == "Annual reviews" and feedback.page_url == "/guidance/annual-reviews/"
    # Back on the page the family came from, with a thank-you banner.
    assert response.redirect_chain == [("/guidance/annual-reviews/", 302)]
    assert "Thank you for your feedback" in response.content.decode()
    assert "govuk-notification-banner--success" in response.content.decode()


def test_no_without_a_comment_is_stored(client, guide):
    post(client, page=guide.pk, useful="no")
    assert PageFeedback.objects.filter(useful=False, comment="").count() == 1


def test_a_comment_of_exactly_1200_characters_is_accepted(client, guide):
    post(client, page=guide.pk, useful="no", comment="x" * 1200)
    assert len(PageFeedback.objects.get().comment) == 1200


def test_empty_submission_is_refused_with_a_clear_message(client, guide):
    response = client.post("/feedback/", {"page": guide.pk, "comment": "It was about something else"})

    body = response.content.decode()
    assert response.status_code == 200
    assert PageFeedback.objects.count() == 0
    assert "There is a problem" in body
    assert '<a href="#feedback-useful">Select yes if this page was useful</a>' in body
    assert 'id="feedback-useful-error"' in body and "govuk-form-group--error" in body
    # What they wrote is kept so they do not have to type it again.
    assert "It was about something else</textarea>" in body
    assert "<title>Error: " in body


def test_an_oversized_comment_is_refused_and_nothing_is_stored(client, guide):
    response = client.post("/feedback/", {"page": guide.pk, "useful": "yes", "comment": "y" * 1201})

    body = response.content.decode()
    assert PageFeedback.objects.count() == 0
    assert (
        '<a href="#feedback-comment">Your comment must be 1,200 characters or fewer (it has 1,201)</a>'
        in body
    )
    assert 'id="feedback-comment-error"' in body and "govuk-textarea--error" in body
    # The answer they chose stays chosen.
    assert 'id="feedback-useful" name="useful" type="radio" value="yes" checked>' in body


def test_a_made_up_answer_is_refused(client, guide):
    client.post("/feedback/", {"page": guide.pk, "useful": "maybe"})
    assert PageFeedback.objects.count() == 0


@pytest.mark.parametrize("page", ["", "abc", "999999"])
def test_feedback_about_no_real_page_is_refused(client, guide, page):
    response = client.post("/feedback/", {"page": page, "useful": "yes"})
    assert response.status_code == 200
    assert PageFeedback.objects.count() == 0
    assert "There is a problem" in response.content.decode()


def test_feedback_about_an_unpublished_page_is_refused(client, guidance):
    draft = GuidePageFactory(parent=guidance, live=False)
    client.post("/feedback/", {"page": draft.pk, "useful": "yes"})
    assert PageFeedback.objects.count() == 0


def test_the_anonymous_form_needs_no_session_or_token(guide):
    # A visitor straight from a search engine, with no cookies at all, can still answer.
    fresh_client = Client(enforce_csrf_checks=True)
    response = fresh_client.post("/feedback/", {"page": guide.pk, "useful": "yes"})
    assert response.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_the_form_on_a_page_posts_without_a_per_visitor_token(client, guide):
    response = client.get(guide.url)
    body = response.content.decode()
    form = body[body.index('id="page-feedback"') :]
    assert 'method="post" action="/feedback/"' in form
    assert 'name="csrfmiddlewaretoken"' not in form
    # So the page sets no cookie and can be cached for every visitor.
    assert not response.cookies
    assert f'name="page" value="{guide.pk}"' in form
    assert "You can enter up to 1,200 characters" in form


def test_the_form_also_works_as_its_own_page(client, guide):
    response = client.get("/feedback/", {"page": guide.pk})
    assert response.status_code == 200
    assert "You are giving feedback on" in response.content.decode()
