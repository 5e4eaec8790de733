"""/internal/bot/faq/<key>/ and /internal/bot/guides/search/, as the bot contract says."""

import pytest

from tests.factories.cms import FAQAnswerFactory, GuidePageFactory, StepByStepPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq(guide):
    return FAQAnswerFactory(
        key="annual_review",
        question="When is my child's plan reviewed?",
        answer="At least every 12 months.",
        more="You are invited at least 2 weeks before the meeting.",
        guide=guide,
    )


def test_faq_answer_in_the_contract_shape(client, faq, bot_headers):
    response = client.get("/internal/bot/faq/annual_review/", **bot_headers)

    assert response.status_code == 200
    assert response.json() == {
        "key": "annual_review",
        "question": "When is my child's plan reviewed?",
        "answer": "At least every 12 months.",
        "more": "You are invited at least 2 weeks before the meeting.",
        "link": {"title": "Annual reviews", "url": "/guidance/annual-reviews/"},
    }


def test_an_edited_answer_is_served_at_once(client, faq, bot_headers, moderator):
    # As in the admin: a new revision of the snippet, published.
    faq.answer = "Every year, and earlier if needs change."
    faq.save_revision(user=moderator).publish(user=moderator)

    response = client.get("/internal/bot/faq/annual_review/", **bot_headers)

    assert response.json()["answer"] == "Every year, and earlier if needs change."


def test_an_unpublished_draft_edit_is_not_served(client, faq, bot_headers, editor):
    faq.answer = "Not yet approved wording."
    faq.save_revision(user=editor)  # a draft: the live answer is unchanged

    assert client.get("/internal/bot/faq/annual_review/", **bot_headers).json()["answer"] == (
        "At least every 12 months."
    )


def test_unknown_or_unpublished_faq_is_404(client, bot_headers):
    FAQAnswerFactory(key="eotas", live=False)
    for key in ("no_such_key", "eotas"):
        response = client.get(f"/internal/bot/faq/{key}/", **bot_headers)
        assert response.status_code == 404
        assert response.json() == {"error": "unknown_faq"}


def test_link_is_null_when_the_guide_is_missing_or_unpublished(client, guidance, bot_headers):
    FAQAnswerFactory(key="no_guide", guide=None)
    FAQAnswerFactory(key="draft_guide", guide=GuidePageFactory(parent=guidance, live=False))
    assert client.get("/internal/bot/faq/no_guide/", **bot_headers).json()["link"] is None
    assert client.get("/internal/bot/faq/draft_guide/", **bot_headers).json()["link"] is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"HTTP_AUTHORIZATION": "Basic test-only-bot-service-token"},
    ],
)
def test_refuses_a_missing_or_wrong_service_token(client, faq, headers):
    for url in ("/internal/bot/faq/annual_review/", "/internal/bot/guides/search/?q=review"):
        response = client.get(url, **headers)
        assert response.status_code == 401
        assert response.json() == {"error": "invalid_service_token"}


def test_only_get_is_allowed(client, faq, bot_headers):
    assert client.post("/internal/bot/faq/annual_review/", **bot_headers).status_code == 405


def test_guide_search_returns_matching_live_guides_and_the_journey(client, home, guidance, bot_headers):
    GuidePageFactory(parent=guidance, title="Mediation and tribunal", slug="mediation", summary="Mediation.")
    GuidePageFactory(parent=guidance, title="Hidden mediation", summary="Mediation.", live=False)
    StepByStepPageFactory(
        parent=home, steps=[{"title": "If you disagree", "deadline": "", "body": "<p>Mediation first.</p>"}]
    )

    response = client.get("/internal/bot/guides/search/", {"q": "mediation"}, **bot_headers)

    assert response.status_code == 200
    results = response.json()["results"]
    assert {r["url"] for r in results} == {"/guidance/mediation/", "/ehcp-journey/"}
    assert all(set(r) == {"title", "url"} for r in results)


def test_guide_search_limit(client, guidance, bot_headers):
    for number in range(5):
        GuidePageFactory(parent=guidance, title=f"Transport {number}", summary="Transport to school.")

    def get(**params):
        return client.get("/internal/bot/guides/search/", {"q": "transport", **params}, **bot_headers)

    assert len(get().json()["results"]) == 3  # the default
    assert len(get(limit="2").json()["results"]) == 2
    assert len(get(limit="500").json()["results"]) == 5  # capped at 10, and there are 5
    bad = get(limit="lots")
    assert bad.status_code == 400 and "limit" in bad.json()["errors"]


def test_guide_search_with_no_words_returns_nothing(client, guide, bot_headers):
    for query in ("", "  ", "?!"):
        response = client.get("/internal/bot/guides/search/", {"q": query}, **bot_headers)
        assert response.status_code == 200 and response.json() == {"results": []}
