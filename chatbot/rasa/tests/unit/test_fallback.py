"""Not sure what was asked: say so, show the closest guides, offer a person; never guess."""

from actions.fallback import ActionCoreFallback, ActionNotSure
from tests.conftest import all_buttons, all_links, slot_events, texts, tracker_for

OFFER = [
    {"title": "Ask in a different way", "payload": "/rephrase"},
    {"title": "Talk to a person", "payload": "/talk_to_person"},
]


async def test_not_sure_shows_the_guides_closest_to_their_words_and_offers_a_person(portal, dispatcher):
    tracker = tracker_for("fallback", "action_not_sure")
    tracker.latest_message["text"] = "the review of the plan and the tribunal thing"
    await ActionNotSure().run(dispatcher, tracker, {})

    # The knowledge base is asked first; unsure, the guides closest to their words are shown.
    assert portal.requests[0]["path"] == "/internal/bot/knowledge/"
    assert portal.requests[1]["query"] == {"q": "the review of the plan and the tribunal thing", "limit": "3"}
    assert texts(dispatcher).startswith("I'm not sure I understood that. These pages might help:")
    assert all_links(dispatcher)[0]["url"] in {"/guides/annual-reviews/", "/guides/mediation-and-tribunal/"}
    assert len(all_links(dispatcher)) == 3
    assert all_buttons(dispatcher) == OFFER


async def test_not_sure_without_the_website_still_offers_a_way_on(portal, dispatcher):
    portal.down = True
    await ActionNotSure().run(dispatcher, tracker_for("fallback", "action_not_sure"), {})
    assert texts(dispatcher).startswith("I'm not sure I understood that.")
    assert all_links(dispatcher) == []
    assert all_buttons(dispatcher) == OFFER


async def test_a_name_typed_after_which_child_is_matched_against_the_users_children(portal, dispatcher):
    tracker = tracker_for("plan_status_two_children", "action_plan_status", 4, child_choice_pending=True)
    tracker.latest_message["text"] = "amelia"
    events = await ActionNotSure().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("Amelia: EHC needs assessment")
    assert slot_events(events)["child_choice_pending"] is False


async def test_a_name_that_is_not_one_of_theirs_gets_the_normal_not_sure(portal, dispatcher):
    tracker = tracker_for("plan_status_two_children", "action_plan_status", 4, child_choice_pending=True)
    tracker.latest_message["text"] = "Olivia"
    events = await ActionNotSure().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("I'm not sure I understood that.")
    assert slot_events(events) == {"child_choice_pending": False}


async def test_core_fallback_forgets_the_message_so_a_form_asks_again(dispatcher):
    events = await ActionCoreFallback().run(dispatcher, tracker_for("fallback", "action_not_sure"), {})
    assert texts(dispatcher).startswith("Sorry, I didn't follow that.")
    assert events == [{"event": "rewind", "timestamp": None}]
