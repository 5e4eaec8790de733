"""What a family types at a form's question that is not an answer: a process question, a change
of mind, a request for a person, a sentence where a name should be. None of it is ever stored."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.complaints import ValidateComplaintForm
from actions.contact_details import person_name
from actions.handoff import ActionAskCallbackConfirmed, ValidateCallbackForm

SIGNED_OUT_SLOTS = {
    "contact_name": "Sam Jones",
    "contact_details": "sam@example.com",
    "callback_reason": "transport",
}


def tracker(text, intent="nlu_fallback", form="complaint_form", slots=None, user_token=None):
    return Tracker(
        sender_id="0123456789abcdef0123456789abcdef",
        slots=slots or {},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [],
            "metadata": {"user_token": user_token},
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": form},
        latest_action_name="action_listen",
    )


@pytest.mark.parametrize(
    "typed",
    [
        "can I just talk to a real person",
        "what is mediation?",
        "no actually i've changed my mind",
        "I want to complain about the delay",
        "sam@example.com",
        "Sam Jones 07700 900123",
        "/affirm",
        "it's about my son and his school and the plan and everything",
    ],
)
def test_a_sentence_is_never_taken_as_a_name(typed):
    assert person_name(typed) is None


@pytest.mark.parametrize("typed", ["Sam Jones", "my name is Aisha Khan", "Mary-Jane O'Neill", "Dr Li Wei"])
def test_names_are_names(typed):
    assert person_name(typed) is not None


@pytest.mark.parametrize("slot", ["complaint_what_happened", "complaint_desired_outcome"])
def test_a_process_question_at_a_free_text_step_is_not_kept(slot):
    dispatcher = CollectingDispatcher()
    validate = getattr(ValidateComplaintForm(), f"validate_{slot}")
    result = validate("what is mediation?", dispatcher, tracker("what is mediation?", "ask_disagreement"), {})
    assert result == {slot: None}


def test_a_change_of_mind_at_a_free_text_step_is_not_kept_and_offers_cancel():
    dispatcher = CollectingDispatcher()
    text = "no actually i've changed my mind"
    result = ValidateComplaintForm().validate_complaint_what_happened(text, dispatcher, tracker(text), {})
    assert result == {"complaint_what_happened": None}
    assert dispatcher.messages[0]["buttons"] == [{"title": "Cancel", "payload": "/stop"}]


def test_a_long_account_that_mentions_a_process_is_kept():
    dispatcher = CollectingDispatcher()
    text = "The annual review was due in March but nobody has contacted us and the plan is out of date"
    result = ValidateComplaintForm().validate_complaint_what_happened(
        text, dispatcher, tracker(text, "ask_annual_review"), {}
    )
    assert result == {"complaint_what_happened": text}


async def test_a_callback_is_read_back_before_it_is_sent():
    dispatcher = CollectingDispatcher()
    await ActionAskCallbackConfirmed().run(
        dispatcher, tracker("", form="callback_form", slots=SIGNED_OUT_SLOTS), {}
    )
    [message] = dispatcher.messages
    assert "What you'd like help with: transport" in message["text"]
    assert "Name: Sam Jones" in message["text"] and "Contact: sam@example.com" in message["text"]
    assert [button["payload"] for button in message["buttons"]] == ["/affirm", "/deny", "/stop"]
    assert message["custom"] == {"expects": "callback_confirmed"}


def test_no_at_the_read_back_asks_again_and_sends_nothing():
    dispatcher = CollectingDispatcher()
    result = ValidateCallbackForm().validate_callback_confirmed(
        False, dispatcher, tracker("no", "deny", form="callback_form", slots=SIGNED_OUT_SLOTS), {}
    )
    assert result["callback_confirmed"] is None and result["callback_reason"] is None
    assert result["contact_name"] is None
    assert "Nothing has been sent" in dispatcher.messages[0]["text"]
