"""The complaint form's actions, replayed on trackers recorded from real conversations."""

from rasa_sdk.executor import CollectingDispatcher

from actions.complaints import (
    ActionAskComplaintConfirmed,
    ActionCancelComplaint,
    ActionChangeComplaint,
    ActionStartComplaint,
    ActionSubmitComplaint,
    ValidateComplaintForm,
    category_from,
)
from tests.conftest import all_buttons, all_links, domain_for, slot_events, texts, tracker_for

SIGNED_OUT = "complaint_signed_out"
SIGNED_IN = "complaint_portal_down_then_retry"


def submit_tracker(scenario=SIGNED_OUT, occurrence=1, **kwargs):
    return tracker_for(scenario, "action_submit_complaint", occurrence, **kwargs)


async def submit(dispatcher, tracker):
    return await ActionSubmitComplaint().run(dispatcher, tracker, {})


async def test_a_signed_out_complaint_is_sent_with_its_contact_details_and_key(portal, dispatcher):
    tracker = submit_tracker()
    events = await submit(dispatcher, tracker)

    [sent] = portal.posts("complaints")
    assert sent["json"] == {
        "idempotency_key": f"chat-{tracker.sender_id}-{tracker.get_slot('complaint_uuid')[:16]}",
        "category": "delay",
        "what_happened": "We asked for an assessment in March and it is now November with no draft plan.",
        "desired_outcome": "Issue the plan and tell us what went wrong",
        "contact_name": "Sam Jones",
        "contact_email": "sam@example.com",
        "contact_phone": "07700 900123",
        "contact_preference": "email",
    }
    assert len(sent["json"]["idempotency_key"]) <= 64  # the portal's limit
    assert sent["user_token"] is None
    assert texts(dispatcher) == (
        "Your complaint has been sent. Your reference is CMP-2026-000123. The SEND team will reply by "
        "4 December 2026 (stage 1 of the council's complaints process). Please keep your reference."
    )
    assert all_links(dispatcher) == [{"title": "Your complaint", "url": "/complaints/CMP-2026-000123/"}]
    cleared = slot_events(events)
    assert cleared["complaint_uuid"] is None and cleared["complaint_what_happened"] is None


async def test_a_signed_in_complaint_leaves_contact_details_to_the_account(portal, dispatcher):
    await submit(dispatcher, submit_tracker(SIGNED_IN, occurrence=2))
    [sent] = portal.posts("complaints")
    assert sent["user_token"] == "token-parent-of-one"
    assert "contact_name" not in sent["json"] and "contact_email" not in sent["json"]
    assert sent["json"]["category"] == "communication"


async def test_portal_down_keeps_everything_offers_the_web_form_and_try_again(portal, dispatcher):
    portal.down = True
    events = await submit(dispatcher, submit_tracker())

    assert texts(dispatcher).startswith("Sorry, I couldn't send your complaint because our complaints system")
    assert "Nothing you've written has been lost" in texts(dispatcher)
    assert all_buttons(dispatcher) == [{"title": "Try again", "payload": "/retry_complaint"}]
    assert {"title": "Complaint form", "url": "/complaints/new/"} in all_links(dispatcher)
    # Only the pending flag changes: what the family wrote stays in the slots.
    assert slot_events(events) == {"complaint_pending": True}


async def test_try_again_resends_with_the_same_key_so_the_complaint_exists_once(portal):
    tracker = submit_tracker()
    portal.fail_next_posts = 2  # both attempts of the first try fail
    await submit(CollectingDispatcher(), tracker)
    assert portal.complaints == {}

    retried = CollectingDispatcher()
    await submit(retried, tracker)
    await submit(CollectingDispatcher(), tracker)  # a double click on "Try again"

    keys = {post["json"]["idempotency_key"] for post in portal.posts("complaints")}
    assert len(portal.posts("complaints")) == 4 and len(keys) == 1
    assert list(portal.complaints.values()) == [
        {
            "reference": "CMP-2026-000123",
            "stage1_due": "2026-12-04",
            "status_url": "/complaints/CMP-2026-000123/",
        }
    ]
    assert "CMP-2026-000123" in texts(retried)


async def test_changes_made_after_a_complaint_was_stored_are_never_reported_as_sent(portal):
    # The first send reached the portal but its reply was lost; the family then edits and resends.
    await submit(CollectingDispatcher(), submit_tracker())
    stored = dict(portal.complaints)
    dispatcher = CollectingDispatcher()
    events = await submit(dispatcher, submit_tracker(complaint_desired_outcome="An apology as well."))
    said = texts(dispatcher)
    assert "had already been sent before your last changes" in said
    assert "have not been added" in said and stored[next(iter(stored))]["reference"] in said
    assert "has been sent" not in said and portal.complaints == stored
    assert slot_events(events)["complaint_uuid"] is None  # the form is over: nothing left to send


async def cancel(dispatcher, tracker):
    return await ActionCancelComplaint().run(dispatcher, tracker, {})


async def test_cancelling_after_a_lost_reply_says_the_complaint_was_sent_with_its_reference(portal):
    tracker = submit_tracker()
    portal.lose_next_replies = 2  # both attempts reach the portal; neither answer comes back
    failed = CollectingDispatcher()
    events = await submit(failed, tracker)
    assert "couldn't send your complaint" in texts(failed)
    assert slot_events(events)["complaint_pending"] is True
    stored = next(iter(portal.complaints.values()))

    pending = submit_tracker(complaint_pending=True)
    dispatcher = CollectingDispatcher()
    await cancel(dispatcher, pending)
    said = texts(dispatcher)
    assert "had already reached the SEND team before you cancelled" in said and stored["reference"] in said
    assert "Nothing has been sent" not in said


async def test_cancelling_after_a_real_failure_says_nothing_was_sent(portal):
    portal.fail_next_posts = 2
    await submit(CollectingDispatcher(), submit_tracker())
    dispatcher = CollectingDispatcher()
    await cancel(dispatcher, submit_tracker(complaint_pending=True))
    assert "Nothing has been sent" in texts(dispatcher) and portal.complaints == {}


async def test_cancelling_when_the_portal_cannot_say_is_honest_about_it(portal):
    portal.down = True
    dispatcher = CollectingDispatcher()
    await cancel(dispatcher, submit_tracker(complaint_pending=True))
    said = texts(dispatcher)
    assert "can't check just now" in said and "Nothing has been sent" not in said


async def test_the_recorded_retry_sent_the_same_key_as_the_failed_attempt():
    first = tracker_for(SIGNED_IN, "action_submit_complaint", 1)
    second = tracker_for(SIGNED_IN, "action_submit_complaint", 2)
    assert first.get_slot("complaint_uuid") and first.get_slot("complaint_uuid") == second.get_slot(
        "complaint_uuid"
    )
    assert second.get_slot("complaint_pending") is True


async def test_a_family_who_gave_only_a_phone_number_is_replied_to_by_phone(portal, dispatcher):
    tracker = submit_tracker(contact_email=None, contact_details="07700 900123")
    await submit(dispatcher, tracker)
    [sent] = portal.posts("complaints")
    assert sent["json"]["contact_preference"] == "phone"
    assert "CMP-2026-000123" in texts(dispatcher)


async def test_a_refused_user_token_asks_for_contact_details_and_keeps_the_rest(portal, dispatcher):
    tracker = submit_tracker(SIGNED_IN, occurrence=2, user_token="signed-out-in-another-tab")
    events = await submit(dispatcher, tracker)
    assert texts(dispatcher).startswith("It looks like you're no longer signed in")
    assert slot_events(events) == {
        "contact_required": True,
        "complaint_confirmed": None,
        "complaint_pending": False,
    }
    assert events[-1]["event"] == "followup"
    assert portal.complaints == {}

    # With the details typed in, it goes without the refused token and is stored once.
    retry = submit_tracker(
        SIGNED_IN, occurrence=2, user_token="signed-out-in-another-tab", contact_required=True,
        contact_name="Sam Jones", contact_email="sam@example.com", contact_details="sam@example.com",
    )  # fmt: skip
    await submit(CollectingDispatcher(), retry)
    assert portal.posts("complaints")[-1]["user_token"] is None
    assert len(portal.complaints) == 1


def test_keys_fit_the_portal_whatever_the_sender_id():
    from actions.conversation import idempotency_key

    assert idempotency_key("chat", "a" * 32, "b" * 32) == f"chat-{'a' * 32}-{'b' * 16}"
    long_sender = idempotency_key("chat", "x" * 200, "b" * 32)
    assert len(long_sender) == 64 and long_sender != idempotency_key("chat", "x" * 200, "c" * 32)


async def test_nothing_to_send(portal, dispatcher):
    tracker = submit_tracker(complaint_uuid=None, complaint_category=None)
    await submit(dispatcher, tracker)
    assert texts(dispatcher).startswith("There's no complaint waiting to be sent.")
    assert portal.requests == []


async def test_answers_the_portal_refuses_are_asked_for_again(portal, dispatcher):
    tracker = submit_tracker(contact_name=None, contact_details=None, contact_email=None, contact_phone=None)
    events = await submit(dispatcher, tracker)
    assert texts(dispatcher).startswith("The complaints system couldn't accept some of your answers:")
    assert "Enter your name." in texts(dispatcher)
    assert slot_events(events)["contact_required"] is True
    assert events[-1] == {"event": "followup", "name": "complaint_form", "timestamp": None}


async def test_starting_a_complaint_gives_it_a_new_key(dispatcher):
    tracker = tracker_for(SIGNED_OUT, "action_start_complaint")
    events = await ActionStartComplaint().run(dispatcher, tracker, {})
    assert len(slot_events(events)["complaint_uuid"]) == 32
    assert texts(dispatcher).startswith("I can take your complaint")


async def test_asking_again_for_an_unsent_complaint_keeps_it_and_its_key(dispatcher):
    tracker = submit_tracker(complaint_pending=True)
    events = await ActionStartComplaint().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("You started a complaint earlier that hasn't been sent yet.")
    assert slot_events(events) == {"complaint_confirmed": None}


async def test_an_old_category_button_starts_a_complaint_about_that(dispatcher):
    tracker = tracker_for(SIGNED_OUT, "action_start_complaint")
    tracker.latest_message["intent"] = {"name": "choose_category", "confidence": 1.0}
    tracker.latest_message["entities"] = [{"entity": "complaint_category", "value": "provision"}]
    events = await ActionStartComplaint().run(dispatcher, tracker, {})
    assert slot_events(events)["complaint_category"] == "provision"


async def test_read_back_shows_every_answer_and_a_change_button_for_each(dispatcher):
    tracker = tracker_for(SIGNED_OUT, "action_ask_complaint_confirmed")
    await ActionAskComplaintConfirmed().run(dispatcher, tracker, {})
    assert texts(dispatcher) == (
        "Please check your complaint before I send it.\n"
        "Type: Delays\n"
        "What happened: We asked for an assessment in March and it is now November with no draft plan.\n"
        "What you want to happen: Issue the plan and tell us what went wrong\n"
        "Name: Sam Jones\n"
        "Contact: sam@example.com and 07700 900123\n"
        "Shall I send it?"
    )
    assert [b["title"] for b in all_buttons(dispatcher)] == [
        "Yes, send it", "Change the type", "Change what happened", "Change what you want to happen",
        "Change your contact details", "Cancel the complaint",
    ]  # fmt: skip


async def test_signed_in_read_back_uses_the_account_for_contact(dispatcher):
    await ActionAskComplaintConfirmed().run(
        dispatcher, tracker_for(SIGNED_IN, "action_ask_complaint_confirmed"), {}
    )
    assert "Contact: the details in your account" in texts(dispatcher)
    assert "Change your contact details" not in [b["title"] for b in all_buttons(dispatcher)]


async def test_no_at_the_read_back_asks_which_part_to_change(dispatcher):
    # In the recording the family said "no" after changing what happened: the 3rd read-back.
    tracker = tracker_for("complaint_change_and_cancel", "action_ask_complaint_confirmed", 3)
    await ActionAskComplaintConfirmed().run(dispatcher, tracker, {})
    assert texts(dispatcher) == "Which part would you like to change?"
    assert all_buttons(dispatcher)[0]["title"] == "Change the type"


async def test_change_empties_only_the_part_named(dispatcher):
    tracker = tracker_for("complaint_change_and_cancel", "action_change_complaint")
    events = await ActionChangeComplaint().run(dispatcher, tracker, {})
    assert texts(dispatcher) == "OK, let's change that."
    assert slot_events(events) == {
        "complaint_confirmed": None,
        "complaint_field": None,
        "complaint_what_happened": None,
    }


async def test_change_contact_details_empties_all_of_them(dispatcher):
    tracker = tracker_for("complaint_change_and_cancel", "action_change_complaint")
    tracker.latest_message["entities"] = [{"entity": "complaint_field", "value": "contact_details"}]
    events = await ActionChangeComplaint().run(dispatcher, tracker, {})
    assert {"contact_name", "contact_details", "contact_email", "contact_phone"} <= set(slot_events(events))


async def test_a_typed_change_request_is_understood(dispatcher):
    tracker = tracker_for("complaint_change_and_cancel", "action_change_complaint")
    tracker.latest_message.update(entities=[], text="can I change the outcome please")
    events = await ActionChangeComplaint().run(dispatcher, tracker, {})
    assert "complaint_desired_outcome" in slot_events(events)


async def test_change_when_no_complaint_is_being_written(dispatcher):
    tracker = tracker_for("faq", "action_answer_faq")
    await ActionChangeComplaint().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith("There's no complaint in progress in this chat.")


async def test_cancel_forgets_the_complaint(dispatcher):
    tracker = tracker_for("complaint_change_and_cancel", "action_cancel_complaint")
    events = await ActionCancelComplaint().run(dispatcher, tracker, {})
    assert texts(dispatcher) == "OK, I've cancelled your complaint. Nothing has been sent."
    assert slot_events(events)["complaint_what_happened"] is None


async def test_the_form_skips_contact_details_for_a_signed_in_family(dispatcher):
    form = ValidateComplaintForm()
    domain = domain_for(SIGNED_IN, "validate_complaint_form")
    slots = domain["forms"]["complaint_form"]["required_slots"]
    signed_in = tracker_for(SIGNED_IN, "validate_complaint_form")
    signed_out = tracker_for(SIGNED_IN, "validate_complaint_form", user_token=None)
    assert "contact_name" not in await form.required_slots(slots, dispatcher, signed_in, domain)
    assert "contact_details" in await form.required_slots(slots, dispatcher, signed_out, domain)
    needs_again = tracker_for(SIGNED_IN, "validate_complaint_form", contact_required=True)
    assert "contact_name" in await form.required_slots(slots, dispatcher, needs_again, domain)


def test_typed_categories():
    assert category_from("It's about the delays") == "delay"
    assert category_from("the plan was late") == "delay"
    assert category_from("Communication") == "communication"
    assert category_from("nobody answers my emails") == "communication"
    assert category_from("the speech therapy isn't being provided") == "provision"
    assert category_from("what the plan says is wrong") == "plan_content"
    assert category_from("something else") == "other"
    assert category_from("banana") is None


def test_form_validation_messages(dispatcher):
    form = ValidateComplaintForm()
    tracker = tracker_for(SIGNED_OUT, "validate_complaint_form", 3)
    assert form.validate_complaint_category("banana", dispatcher, tracker, {}) == {"complaint_category": None}
    assert form.validate_complaint_what_happened("late", dispatcher, tracker, {}) == {
        "complaint_what_happened": None
    }
    assert form.validate_complaint_what_happened('/choose_category{"a":1}', dispatcher, tracker, {}) == {
        "complaint_what_happened": None
    }
    assert form.validate_complaint_desired_outcome("123", dispatcher, tracker, {}) == {
        "complaint_desired_outcome": None
    }
    assert texts(dispatcher).splitlines() == [
        "Sorry, I didn't catch which of these it is about. Please choose one.",
        "Please tell me a bit more about what happened, in a sentence or two.",
        "Please type your answer rather than pressing an earlier button.",
        "Please tell me, in a few words, what you would like the council to do.",
    ]
    # Emptied on purpose (a new complaint, or "change"): checked silently.
    quiet = CollectingDispatcher()
    assert form.validate_complaint_what_happened(None, quiet, tracker, {}) == {
        "complaint_what_happened": None
    }
    assert quiet.messages == []
    long_text = "x" * 2500
    assert (
        len(form.validate_complaint_what_happened(long_text, quiet, tracker, {})["complaint_what_happened"])
        == 2000
    )


async def test_a_complaint_naming_the_familys_child_is_linked_to_that_child(portal, dispatcher):
    tracker = submit_tracker(
        SIGNED_IN, occurrence=2, complaint_what_happened="Noah's speech therapy has not happened since May."
    )
    await submit(dispatcher, tracker)
    [sent] = portal.posts("complaints")
    assert sent["json"]["child_id"] == portal.plans["token-parent-of-one"]["children"][0]["id"]


async def test_a_complaint_naming_no_child_of_the_account_is_not_linked(portal, dispatcher):
    tracker = submit_tracker(
        SIGNED_IN, occurrence=2, complaint_what_happened="Maya's transport is always late."
    )
    await submit(dispatcher, tracker)
    [sent] = portal.posts("complaints")
    assert "child_id" not in sent["json"]
