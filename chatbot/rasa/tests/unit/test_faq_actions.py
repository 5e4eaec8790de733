"""Process questions: the live FAQ answer from the portal, with its guide link."""

from actions.faq import FAQ_KEYS, ActionAnswerFaq, ActionAnswerFaqMore
from tests.conftest import all_buttons, all_links, domain_for, slot_events, texts, tracker_for


async def run(action, dispatcher, scenario="faq", name="action_answer_faq", occurrence=1, **kwargs):
    tracker = tracker_for(scenario, name, occurrence, **kwargs)
    return await action.run(dispatcher, tracker, domain_for(scenario, name, occurrence))


async def test_the_answer_is_the_one_comms_published_with_its_guide_link(portal, dispatcher):
    events = await run(ActionAnswerFaq(), dispatcher)

    assert texts(dispatcher) == portal.faqs["what_is_ehcp"]["answer"]
    assert all_links(dispatcher) == [{"title": "EHC plans explained", "url": "/guides/ehc-plans/"}]
    assert all_buttons(dispatcher) == [
        {"title": "Tell me more", "payload": '/tell_me_more{"faq_key":"what_is_ehcp"}'}
    ]
    assert slot_events(events) == {"faq_key": "what_is_ehcp"}
    assert portal.requests[0]["path"] == "/internal/bot/knowledge/"
    assert portal.requests[0]["query"]["hint"] == "what_is_ehcp"  # the intent is a hint, not the answer


async def test_an_edited_answer_is_used_at_once_without_retraining(portal, dispatcher):
    portal.faqs["what_is_ehcp"]["answer"] = "Edited this morning by the comms team."
    await run(ActionAnswerFaq(), dispatcher)
    assert texts(dispatcher) == "Edited this morning by the comms team."


async def test_how_complaints_work_offers_to_make_one(portal, dispatcher):
    await run(ActionAnswerFaq(), dispatcher, occurrence=2)
    assert "10 working days" in texts(dispatcher)
    # No "Tell me more" when comms wrote no longer answer.
    assert all_buttons(dispatcher) == [{"title": "Make a complaint", "payload": "/make_complaint"}]


async def test_unsure_offers_the_closest_entries_and_a_person_never_a_guess(portal, dispatcher):
    del portal.faqs["what_is_ehcp"]
    events = await run(ActionAnswerFaq(), dispatcher)
    assert texts(dispatcher).startswith("I'm not sure I have the right answer")
    offered = all_buttons(dispatcher)
    assert offered[-1] == {"title": "Talk to a person", "payload": "/talk_to_person"}
    assert 1 <= len(offered) - 1 <= 3
    assert all(button["title"] == button["payload"] for button in offered[:-1])  # each sends its question
    assert events == []


async def test_with_nothing_published_it_says_so_and_points_to_the_team(portal, dispatcher):
    portal.faqs.clear()
    events = await run(ActionAnswerFaq(), dispatcher)
    assert "don't have an answer" in texts(dispatcher)
    assert all_links(dispatcher) == [{"title": "Contact the SEND team", "url": "/contact-us/"}]
    assert events == []


async def test_when_the_website_is_down_a_plain_apology_and_the_contact_page(portal, dispatcher):
    portal.down = True
    events = await run(ActionAnswerFaq(), dispatcher)
    assert texts(dispatcher).startswith("Sorry, I can't look up the answer right now")
    assert all_links(dispatcher) == [{"title": "Contact the SEND team", "url": "/contact-us/"}]
    assert events == []


async def test_an_answer_without_a_guide_has_no_link(portal, dispatcher):
    tracker = tracker_for("faq", "action_answer_faq")
    tracker.latest_message["intent"] = {"name": "ask_data_sharing", "confidence": 0.9}
    tracker.latest_message["text"] = "who sees it"
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("Your child's plan is shared only")
    assert all_links(dispatcher) == []


async def test_tell_me_more_gives_the_longer_answer_to_the_last_question(portal, dispatcher):
    await run(ActionAnswerFaqMore(), dispatcher, name="action_answer_faq_more")
    assert texts(dispatcher) == portal.faqs["what_is_ehcp"]["more"]
    assert all_links(dispatcher) == [{"title": "EHC plans explained", "url": "/guides/ehc-plans/"}]


async def test_tell_me_more_button_names_its_question(portal, dispatcher):
    tracker = tracker_for("faq", "action_answer_faq_more")
    tracker.latest_message["entities"] = [{"entity": "faq_key", "value": "assessment_timeline"}]
    await ActionAnswerFaqMore().run(dispatcher, tracker, {})
    assert "16 weeks" in texts(dispatcher)


async def test_tell_me_more_with_nothing_asked_yet_asks_what_about(portal, dispatcher):
    tracker = tracker_for("faq", "action_answer_faq_more", faq_key=None)
    await ActionAnswerFaqMore().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("What would you like to know more about?")
    assert portal.requests == []


def test_every_faq_intent_in_the_domain_has_a_key_and_every_key_an_intent():
    import glob

    from ruamel.yaml import YAML

    domain_intents = set()
    for path in glob.glob("domain/*.yml"):
        with open(path) as handle:
            domain_intents |= set(YAML(typ="safe").load(handle).get("intents") or [])
    asked = {intent for intent in domain_intents if intent.startswith("ask_")}
    assert asked == set(FAQ_KEYS)
    assert set(FAQ_KEYS.values()) == {
        "what_is_ehcp", "request_assessment", "assessment_timeline", "draft_plan", "annual_review",
        "disagreement", "complaints", "local_offer", "sendiass", "sen_support", "personal_budget", "eotas",
        "educational_psychologist", "school_transport", "data_sharing",
    }  # fmt: skip
