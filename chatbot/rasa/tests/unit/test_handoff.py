"""'Can I talk to someone?': the callback request, its transcript, and what happens when it fails."""

from actions.conversation import transcript
from actions.handoff import (
    ActionCancelCallback,
    ActionRequestCallback,
    ActionStartCallback,
    ValidateCallbackForm,
)
from tests.conftest import all_links, domain_for, slot_events, texts, tracker_for


async def test_a_signed_out_request_goes_to_the_team_with_the_transcript(portal, dispatcher):
    tracker = tracker_for("callback_signed_out", "action_request_callback")
    events = await ActionRequestCallback().run(dispatcher, tracker, {})

    [sent] = portal.posts("callbacks")
    body = sent["json"]
    assert body["conversation_id"] == tracker.sender_id
    assert body["idempotency_key"] == f"callback-{tracker.sender_id}-{tracker.get_slot('callback_uuid')[:16]}"
    assert body["reason"] == "I need help with my son's transport to school"
    assert (body["contact_name"], body["contact_email"], body["contact_phone"]) == (
        "Alex Smith",
        "",
        "07700 900456",
    )
    said = [(line["sender"], line["text"]) for line in body["transcript"]]
    assert said[0] == ("user", "can I talk to someone")
    assert ("bot", "In a sentence or two, what would you like help with?") in said
    assert said[-1] == ("user", "07700 900456")
    assert all(line["at"].endswith("+00:00") for line in body["transcript"])

    assert texts(dispatcher) == (
        "Thank you. I've passed your request and this conversation to the SEND team. "
        "Your reference is CB-2026-000045. Someone will contact you by 24 November 2026."
    )
    assert slot_events(events) == {"callback_reason": None, "callback_uuid": None, "callback_confirmed": None}


async def test_a_signed_in_request_names_the_user_only_by_token(portal, dispatcher):
    tracker = tracker_for("callback_portal_down", "action_request_callback")
    await ActionRequestCallback().run(dispatcher, tracker, {})
    [sent] = portal.posts("callbacks")
    assert sent["user_token"] == "token-parent-of-one"
    assert "contact_name" not in sent["json"]
    assert sent["json"]["reason"] == "About the annual review"


async def test_when_it_cannot_be_passed_on_the_family_gets_the_phone_number(portal, dispatcher):
    portal.down = True
    await ActionRequestCallback().run(
        dispatcher, tracker_for("callback_portal_down", "action_request_callback"), {}
    )
    assert texts(dispatcher) == (
        "Sorry, I couldn't pass your request on just now. Please phone the SEND team on 01234 567890 "
        "(Monday to Friday, 9am to 5pm), or use the contact page."
    )
    assert all_links(dispatcher) == [{"title": "Contact the SEND team", "url": "/contact-us/"}]


async def test_the_team_phone_number_comes_from_the_environment(portal, dispatcher, monkeypatch):
    portal.down = True
    monkeypatch.setenv("SEND_TEAM_PHONE", "0300 123 4567")
    await ActionRequestCallback().run(
        dispatcher, tracker_for("callback_portal_down", "action_request_callback"), {}
    )
    assert "0300 123 4567" in texts(dispatcher)


def test_button_presses_appear_in_the_transcript_as_the_family_saw_them():
    tracker = tracker_for("complaint_signed_out", "action_submit_complaint")
    lines = [(line["sender"], line["text"]) for line in transcript(tracker)]
    assert ("user", "Delays") in lines  # sent as /choose_category{"complaint_category":"delay"}
    assert ("user", "Yes, send it") in lines  # sent as /affirm
    assert not any(text.startswith("/") for _, text in lines)


async def test_start_gives_the_request_a_new_key_and_the_form_asks_only_what_it_needs(dispatcher):
    events = await ActionStartCallback().run(
        dispatcher, tracker_for("callback_signed_out", "action_start_callback"), {}
    )
    assert len(slot_events(events)["callback_uuid"]) == 32
    form = ValidateCallbackForm()
    domain = domain_for("callback_signed_out", "validate_callback_form")
    slots = domain["forms"]["callback_form"]["required_slots"]
    signed_out = tracker_for("callback_signed_out", "validate_callback_form")
    signed_in = tracker_for("callback_portal_down", "validate_callback_form")
    assert await form.required_slots(slots, dispatcher, signed_out, domain) == slots
    assert await form.required_slots(slots, dispatcher, signed_in, domain) == ["callback_reason"]


def test_a_reason_of_a_few_words_is_needed(dispatcher):
    form = ValidateCallbackForm()
    tracker = tracker_for("callback_signed_out", "validate_callback_form")
    assert form.validate_callback_reason("hi", dispatcher, tracker, {}) == {"callback_reason": None}
    assert texts(dispatcher).startswith("Please tell me in a few words")
    assert form.validate_callback_reason(" Transport ", dispatcher, tracker, {}) == {
        "callback_reason": "Transport"
    }


async def test_cancel(dispatcher):
    events = await ActionCancelCallback().run(
        dispatcher, tracker_for("callback_signed_out", "action_start_callback"), {}
    )
    assert texts(dispatcher).startswith("OK, I won't ask anyone to contact you.")
    assert slot_events(events)["requested_slot"] is None
