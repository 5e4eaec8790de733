"""'Can I talk to someone?': a callback request, with this chat's transcript, for a caseworker.

Open-source Rasa has no live handoff, so the person is reached the other way round: the family
says what they need (and how to reach them if signed out), the portal stores the request with the
transcript for the staff side, and the family is told the reference and when to expect contact.
"""

import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import settings as settings_module
from actions.contact_details import ContactDetailsValidation, needs_contact_details
from actions.conversation import CHANGED_MIND, idempotency_key, is_aside, transcript, user_token
from actions.formatting import CANCEL_BUTTON, CONTACT_LINK, expects, links, long_date
from actions.portal_api import PortalAPI, PortalRejected, PortalUnavailable, SignInRequired

START_TEXT = "I can ask someone from the SEND team to contact you. You can say 'cancel' at any time."
ASK_REASON_TEXT = "In a sentence or two, what would you like help with?"
REASON_HELP = "Please tell me in a few words what you'd like help with, so the right person contacts you."
REQUESTED_TEXT = (
    "Thank you. I've passed your request and this conversation to the SEND team. "
    "Your reference is {reference}. Someone will contact you by {when}."
)
FAILED_TEXT = (
    "Sorry, I couldn't pass your request on just now. Please phone the SEND team on {phone} "
    "({hours}), or use the contact page."
)
CANCELLED_TEXT = "OK, I won't ask anyone to contact you. Is there anything else I can help with?"
CHECK_TEXT = "Please check this before I pass it on."
SEND_QUESTION = "Shall I send it?"
CHANGE_TEXT = "OK, let's put it right. Nothing has been sent."
CHANGED_MIND_TEXT = (
    "Would you like to stop? Choose 'Cancel' and nobody will be asked to contact you, or tell me what "
    "you'd like help with."
)
CALLBACK_SLOTS = ("callback_reason", "callback_uuid", "callback_confirmed")


class ActionStartCallback(Action):
    def name(self) -> str:
        return "action_start_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=START_TEXT)
        # Clear only what is set: a SlotSet(None) would count as an answer for the form to check.
        events = [
            SlotSet(name, None)
            for name in ("callback_reason", "callback_confirmed")
            if tracker.get_slot(name) is not None
        ]
        return [*events, SlotSet("callback_uuid", uuid.uuid4().hex)]


class ValidateCallbackForm(ContactDetailsValidation, FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    def validate_callback_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:
            return {"callback_reason": None}
        text = str(value).strip()
        if is_aside(tracker) and not CHANGED_MIND.search(text):
            return {"callback_reason": None}  # a question the FAQ rule answered: ask again
        if CHANGED_MIND.search(text):
            dispatcher.utter_message(text=CHANGED_MIND_TEXT, buttons=[CANCEL_BUTTON])
            return {"callback_reason": None}
        if len(text) < 3 or text.startswith("/"):
            dispatcher.utter_message(text=REASON_HELP)
            return {"callback_reason": None}
        return {"callback_reason": text[:2000]}

    def validate_callback_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        # "No" starts the request again from what it is about (and who to contact, if typed).
        if value is True:
            return {"callback_confirmed": True}
        if value is False:
            dispatcher.utter_message(text=CHANGE_TEXT)
            cleared = {"callback_confirmed": None, "callback_reason": None}
            if needs_contact_details(tracker):
                cleared.update(
                    contact_name=None, contact_details=None, contact_email=None, contact_phone=None
                )
            return cleared
        return {"callback_confirmed": None}


def read_back(tracker: Tracker) -> str:
    lines = [CHECK_TEXT, f"What you'd like help with: {tracker.get_slot('callback_reason')}"]
    if needs_contact_details(tracker):
        lines.append(f"Name: {tracker.get_slot('contact_name')}")
        lines.append(f"Contact: {tracker.get_slot('contact_details')}")
    else:
        lines.append("Contact: the details in your account")
    lines.append(SEND_QUESTION)
    return "\n".join(lines)


class ActionAskCallbackConfirmed(Action):
    """The read-back before a request is passed on."""

    def name(self) -> str:
        return "action_ask_callback_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        buttons = [
            {"title": "Yes, send it", "payload": "/affirm"},
            {"title": "No, change it", "payload": "/deny"},
            {"title": "Cancel", "payload": "/stop"},
        ]
        dispatcher.utter_message(
            text=read_back(tracker), buttons=buttons, json_message=expects("callback_confirmed")
        )
        return []


class ActionAskCallbackReason(Action):
    def name(self) -> str:
        return "action_ask_callback_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=ASK_REASON_TEXT, json_message=expects("callback_reason"))
        return []


class ActionRequestCallback(Action):
    def name(self) -> str:
        return "action_request_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        slot = tracker.get_slot
        callback_uuid = slot("callback_uuid") or uuid.uuid4().hex
        payload = {
            "idempotency_key": idempotency_key("callback", tracker.sender_id, callback_uuid),
            "conversation_id": tracker.sender_id,
            "reason": slot("callback_reason") or "",
            "transcript": transcript(tracker),
        }
        if needs_contact_details(tracker):
            payload.update(
                contact_name=slot("contact_name") or "",
                contact_email=slot("contact_email") or "",
                contact_phone=slot("contact_phone") or "",
            )
        try:
            result = await PortalAPI.from_env().create_callback(payload, user_token(tracker))
        except (PortalUnavailable, PortalRejected, SignInRequired):
            config = settings_module.load()
            dispatcher.utter_message(
                text=FAILED_TEXT.format(phone=config.team_phone, hours=config.team_hours),
                json_message=links(CONTACT_LINK),
            )
            return [SlotSet(name, None) for name in CALLBACK_SLOTS]
        dispatcher.utter_message(
            text=REQUESTED_TEXT.format(
                reference=result["reference"], when=long_date(result.get("expect_contact_by")) or "soon"
            )
        )
        return [SlotSet(name, None) for name in CALLBACK_SLOTS]


class ActionCancelCallback(Action):
    def name(self) -> str:
        return "action_cancel_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=CANCELLED_TEXT)
        return [*(SlotSet(name, None) for name in CALLBACK_SLOTS), SlotSet("requested_slot", None)]
