"""Retrieval over the published knowledge base (/internal/bot/knowledge/): what staff publish,
edit, unpublish or delete changes the next answer at once; when unsure, the closest entries."""

import pytest

from cms import knowledge
from cms.models import FAQAnswer, UnansweredQuestion
from tests.factories.cms import FAQAnswerFactory

pytestmark = pytest.mark.django_db

URL = "/internal/bot/knowledge/"


@pytest.fixture
def entries(guide):
    under_5s = FAQAnswerFactory(
        key="under_5s_reviews",
        question="How often are plans reviewed for children under 5?",
        answer="For children under 5, the plan should be reviewed every 3 to 6 months.",
        examples="how often do they review a plan for a toddler\nmy son is 3 how often is his ehcp reviewed",
        guide=guide,
    )
    phase = FAQAnswerFactory(
        key="phase_transfer",
        question="When must the plan name my child's next school?",
        answer="By 15 February in the year your child moves to a new school (31 March for post-16).",
        examples="by when do they have to name his secondary school\nsecondary transfer deadline ehcp",
        guide=guide,
    )
    return under_5s, phase


def ask(client, bot_headers, q, hint=None):
    params = {"q": q, **({"hint": hint} if hint else {})}
    return client.get(URL, params, **bot_headers)


def test_the_entry_that_fits_the_question_is_the_answer_with_its_guide(client, bot_headers, entries):
    response = ask(client, bot_headers, "by when do they have to name his secondary school?")
    assert response.status_code == 200
    [answer] = response.json()["answers"]
    assert answer["key"] == "phase_transfer" and "15 February" in answer["answer"]
    assert answer["link"] == {"title": "Annual reviews", "url": "/guidance/annual-reviews/"}


def test_typos_and_family_wording_still_find_it(client, bot_headers, entries):
    [answer] = ask(client, bot_headers, "how ofen do they reveiw a toddlers plan").json()["answers"]
    assert answer["key"] == "under_5s_reviews"


def test_two_questions_in_one_message_get_both_answers(client, bot_headers, entries):
    q = (
        "how often is a plan reviewed for my 3 year old? "
        "and by when do they have to name his secondary school?"
    )
    keys = [answer["key"] for answer in ask(client, bot_headers, q).json()["answers"]]
    assert sorted(keys) == ["phase_transfer", "under_5s_reviews"]


def test_unsure_gives_no_answer_but_the_closest_entries_and_counts_the_question(client, bot_headers, entries):
    body = ask(client, bot_headers, "what colour is the council's logo").json()
    assert body["answers"] == []
    assert {alt["key"] for alt in body["alternatives"]} <= {"under_5s_reviews", "phase_transfer"}
    ask(client, bot_headers, "What colour is the council's logo")
    assert UnansweredQuestion.objects.get().count == 2


def test_publishing_editing_unpublishing_and_deleting_change_the_answer_at_once(
    client, bot_headers, entries, moderator
):
    under_5s, phase = entries
    question = "how often do they review a plan for a toddler"
    under_5s.answer = "Edited: every 3 to 6 months, and earlier if needs change."
    under_5s.save_revision(user=moderator).publish(user=moderator)
    assert ask(client, bot_headers, question).json()["answers"][0]["answer"].startswith("Edited")

    under_5s.unpublish(user=moderator)
    assert all(a["key"] != "under_5s_reviews" for a in ask(client, bot_headers, question).json()["answers"])

    new = FAQAnswer(
        key="toddler_reviews",
        question="How often is a toddler's plan reviewed?",
        answer="Every 3 to 6 months.",
        examples="how often do they review a plan for a toddler",
        live=False,
    )
    new.save()
    new.save_revision(user=moderator).publish(user=moderator)
    assert ask(client, bot_headers, question).json()["answers"][0]["key"] == "toddler_reviews"

    new.delete()
    assert all(a["key"] != "toddler_reviews" for a in ask(client, bot_headers, question).json()["answers"])


def test_the_intent_is_a_hint_when_the_words_are_not_enough(client, bot_headers, entries):
    body = ask(client, bot_headers, "transfer", hint="phase_transfer").json()
    assert [a["key"] for a in body["answers"]] == ["phase_transfer"]


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer wrong"}])
def test_only_the_action_server_may_ask(client, entries, headers):
    assert client.get(URL, {"q": "reviews"}, **headers).status_code == 401


def test_a_missing_question_is_a_json_400(client, bot_headers):
    response = client.get(URL, **bot_headers)
    assert response.status_code == 400 and "q" in response.json()["errors"]


def test_an_empty_knowledge_base_answers_nothing():
    assert knowledge.answer("anything at all") == knowledge.Answer([], [])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("it's been 22 weeks and no plan", "20 weeks"),
        ("we applied 5 months ago and still waiting for the ehcp", "20 weeks"),
        ("sent our request 8 weeks ago and heard nothing about whether they will assess", "6 weeks"),
    ],
)
def test_a_familys_own_wait_past_a_legal_limit_is_said_first(client, bot_headers, entries, text, says):
    note = ask(client, bot_headers, text).json()["note"]
    assert note is not None and says in note and "late" in note and "complaint" in note


@pytest.mark.parametrize(
    "text",
    [
        "how long does an assessment take",
        "it's been 3 weeks since we asked",
        "we got the final plan after 22 weeks",
    ],
)
def test_no_note_when_no_limit_has_passed(client, bot_headers, entries, text):
    assert ask(client, bot_headers, text).json()["note"] is None
