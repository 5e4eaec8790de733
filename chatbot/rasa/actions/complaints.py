"""Taking a complaint in the chat: a Rasa form, a read-back, then the portal's complaints API.

The family's words live in slots until the portal confirms the complaint with a reference. If the
portal cannot be reached the slots stay as they are and "Try again" sends the same request with the
same idempotency key (the conversation's sender id and a uuid made when this complaint started), so
a complaint is never lost and never created twice, however many times it is retried.
"""

import re
import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.contact_details import ContactDetailsValidation, needs_contact_details
from actions.conversation import (
    CHANGED_MIND,
    idempotency_key,
    is_aside,
    latest_entity,
    latest_intent,
    latest_text,
    user_token,
)
from actions.formatting import CANCEL_BUTTON, COMPLAINT_FORM_LINK, CONTACT_LINK, expects, links, long_date
from actions.portal_api import AlreadySent, PortalAPI, PortalRejected, PortalUnavailable, SignInRequired

CATEGORIES = {
    "delay": "Delays",
    "communication": "Communication",
    "plan_content": "What the plan says",
    "provision": "Support in the plan not being provided",
    "other": "Something else",
}
# Typed answers to "what is your complaint about?", checked in this order ("the plan was late"
# is a delay before it is about the plan).
CATEGORY_WORDS = [
    ("other", r"\bother\b|something else|none of (these|those|them)"),
    ("delay", r"delay|late\b|lateness|slow|wait|overdue|deadline|too long|weeks|months|timescale"),
    (
        "provision",
        r"provision|not (being )?(provided|delivered|given|happening)|support|therap|speech|"
        r"\bot\b|1:1|one to one|one-to-one|hours|\bta\b|teaching assistant",
    ),
    (
        "communication",
        r"communicat|contact|phone|call|email|e-mail|repl|respond|answer|ignor|rude|letter|"
        r"told|informed|listen",
    ),
    ("plan_content", r"plan|content|wrong|mistake|incorrect|section|wording|inaccura|says"),
]
FIELD_SLOTS = {
    "complaint_category": ["complaint_category"],
    "complaint_what_happened": ["complaint_what_happened"],
    "complaint_desired_outcome": ["complaint_desired_outcome"],
    "contact_details": ["contact_name", "contact_details", "contact_email", "contact_phone"],
}
FIELD_WORDS = [
    ("complaint_category", r"categor|type|kind|about"),
    ("complaint_desired_outcome", r"outcome|put (it|things) right|to happen|want (them|the council)|result"),
    ("complaint_what_happened", r"happened|descri|what i (said|wrote)|details? of|story|explain"),
    ("contact_details", r"contact|email|e-mail|phone|number|name|address"),
]
# The portal's field names -> the slots that hold them (to ask again for what it refused).
API_FIELD_SLOTS = {
    "category": ["complaint_category"],
    "what_happened": ["complaint_what_happened"],
    "desired_outcome": ["complaint_desired_outcome"],
    "contact_name": ["contact_name"],
    "contact_email": ["contact_details", "contact_email", "contact_phone"],
    "contact_phone": ["contact_details", "contact_email", "contact_phone"],
}
COMPLAINT_SLOTS = (
    "complaint_category",
    "complaint_what_happened",
    "complaint_desired_outcome",
    "complaint_confirmed",
    "complaint_uuid",
    "complaint_pending",
    "complaint_field",
    "contact_required",
)
MIN_WHAT_HAPPENED = 10
MAX_TEXT = 2000

START_TEXT = (
    "I can take your complaint and pass it to the SEND team. It takes a few minutes. "
    "You can say 'cancel' at any time."
)
PENDING_TEXT = (
    "You started a complaint earlier that hasn't been sent yet. Here it is again so you can check it."
)
ASK_CATEGORY_TEXT = "What is your complaint about?"
CATEGORY_HELP = "Sorry, I didn't catch which of these it is about. Please choose one."
ASK_WHAT_HAPPENED_TEXT = (
    "Please tell me what happened. Include dates and names if you know them (up to 2,000 characters)."
)
WHAT_HAPPENED_HELP = "Please tell me a bit more about what happened, in a sentence or two."
ASK_OUTCOME_TEXT = "What would you like the council to do to put things right?"
OUTCOME_HELP = "Please tell me, in a few words, what you would like the council to do."
ASK_NAME_TEXT = "What is your name?"
ASK_DETAILS_TEXT = "How should the SEND team contact you? Type an email address, a UK phone number, or both."
TYPE_IT_TEXT = "Please type your answer rather than pressing an earlier button."
WHICH_PART_TEXT = "Which part would you like to change?"
CHECK_TEXT = "Please check your complaint before I send it."
ACCOUNT_CONTACT_TEXT = "Contact: the details in your account"
SEND_QUESTION = "Shall I send it?"
CHANGE_OK_TEXT = "OK, let's change that."
SENT_TEXT = (
    "Your complaint has been sent. Your reference is {reference}. The SEND team will reply by {due} "
    "(stage 1 of the council's complaints process). Please keep your reference."
)
ALREADY_SENT_TEXT = (
    "Your complaint had already been sent before your last changes, so the SEND team has the version "
    "you sent first. Your reference is {reference}. The changes you made since have not been added: "
    "to add them, reply to the email we sent you, or tell the SEND team when they contact you."
)
FAILED_TEXT = (
    "Sorry, I couldn't send your complaint because our complaints system isn't responding just now. "
    "Nothing you've written has been lost: I've kept it in this chat. You can try again in a minute, "
    "or use the complaint form on our website instead."
)
REJECTED_TEXT = "The complaints system couldn't accept some of your answers:"
NOTHING_TO_SEND_TEXT = (
    "There's no complaint waiting to be sent. If you'd like to make one, say 'make a complaint'."
)
NOTHING_TO_CHANGE_TEXT = (
    "There's no complaint in progress in this chat. A complaint that has already been sent can't be "
    "changed here: to add to it, reply to your acknowledgement email quoting your reference, or "
    "contact the SEND team."
)
PENDING_CHANGE_TEXT = (
    "Your complaint hasn't been sent yet. Choose 'Try again' to send it as it is, or say "
    "'make a complaint' to see it again and change it."
)
CANCELLED_TEXT = "OK, I've cancelled your complaint. Nothing has been sent."
# Cancelling after a send whose answer was lost: the family is told what the portal holds.
CANCELLED_TOO_LATE_TEXT = (
    "Your complaint had already reached the SEND team before you cancelled, so it has been sent. "
    "Your reference is {reference}. If you want to withdraw it, reply to the email we sent you or "
    "tell the SEND team when they contact you."
)
CANCELLED_UNSURE_TEXT = (
    "OK, I've stopped. I can't check just now whether your complaint reached the SEND team before "
    "you cancelled. If it did, you will get an email with its reference; if you don't, nothing was sent."
)
SIGNED_OUT_TEXT = (
    "It looks like you're no longer signed in, so I need your name and contact details to send "
    "your complaint. Everything else you wrote is kept."
)

CHANGED_MIND_TEXT = (
    "Would you like to stop? Choose 'Cancel' and nothing will be sent, or answer the question to carry on."
)

TRY_AGAIN_BUTTON = {"title": "Try again", "payload": "/retry_complaint"}


def not_an_answer(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
    """``{slot: None}`` when the latest message is a question or a change of mind, not an answer:
    the FAQ rule has answered a question already, and the form asks its own again."""
    if not is_aside(tracker):
        return None
    if CHANGED_MIND.search(latest_text(tracker)):
        dispatcher.utter_message(text=CHANGED_MIND_TEXT, buttons=[CANCEL_BUTTON])
    return {slot: None}


def category_from(text: str) -> str | None:
    text = text.strip().lower()
    if text in CATEGORIES:
        return text
    for key, label in CATEGORIES.items():
        if text == label.lower():
            return key
    for key, pattern in CATEGORY_WORDS:
        if re.search(pattern, text):
            return key
    return None


def category_buttons() -> list[dict[str, str]]:
    return [
        {"title": label, "payload": f'/choose_category{{"complaint_category":"{key}"}}'}
        for key, label in CATEGORIES.items()
    ]


def change_buttons(tracker: Tracker) -> list[dict[str, str]]:
    fields = [
        ("complaint_category", "Change the type"),
        ("complaint_what_happened", "Change what happened"),
        ("complaint_desired_outcome", "Change what you want to happen"),
    ]
    if needs_contact_details(tracker):
        fields.append(("contact_details", "Change your contact details"))
    return [
        {"title": title, "payload": f'/change_complaint{{"complaint_field":"{field}"}}'}
        for field, title in fields
    ]


def read_back(tracker: Tracker) -> str:
    lines = [
        CHECK_TEXT,
        f"Type: {CATEGORIES.get(tracker.get_slot('complaint_category'), 'not given')}",
        f"What happened: {tracker.get_slot('complaint_what_happened')}",
        f"What you want to happen: {tracker.get_slot('complaint_desired_outcome')}",
    ]
    if needs_contact_details(tracker):
        lines.append(f"Name: {tracker.get_slot('contact_name')}")
        lines.append(f"Contact: {tracker.get_slot('contact_details')}")
    else:
        lines.append(ACCOUNT_CONTACT_TEXT)
    lines.append(SEND_QUESTION)
    return "\n".join(lines)


async def named_child_id(token: str | None, text: str) -> str | None:
    """The id of the one child on this account the complaint names, so the portal can link it;
    the portal checks again that this user may see that child."""
    if not token:
        return None
    try:
        children = await PortalAPI.from_env().plans(token)
    except (PortalUnavailable, SignInRequired):
        return None
    named = [
        child
        for child in children
        if child.get("first_name")
        and re.search(rf"\b{re.escape(child['first_name'])}\b", text, re.IGNORECASE)
    ]
    return named[0].get("id") if len(named) == 1 else None


def is_payload(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith("/")


def complaint_key(tracker: Tracker) -> str:
    return idempotency_key("chat", tracker.sender_id, tracker.get_slot("complaint_uuid"))


def _clear(slots: list[str] | tuple[str, ...]) -> list[SlotSet]:
    return [SlotSet(slot, None) for slot in slots]


class ActionStartComplaint(Action):
    def name(self) -> str:
        return "action_start_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if tracker.get_slot("complaint_pending") and tracker.get_slot("complaint_uuid"):
            # Same complaint, same uuid: "yes" after the read-back resends it with the same key.
            dispatcher.utter_message(text=PENDING_TEXT)
            return [SlotSet("complaint_confirmed", None)]
        dispatcher.utter_message(text=START_TEXT)
        # Clear only what is set: a SlotSet(None) would count as an answer for the form to check.
        events = [SlotSet(name, None) for name in COMPLAINT_SLOTS if tracker.get_slot(name) is not None]
        # An old "Delays" button pressed after a complaint was sent starts a new one about delays.
        chosen = latest_entity(tracker, "complaint_category")
        if latest_intent(tracker) == "choose_category" and chosen in CATEGORIES:
            events.append(SlotSet("complaint_category", chosen))
        return [*events, SlotSet("complaint_uuid", uuid.uuid4().hex)]


class ValidateComplaintForm(ContactDetailsValidation, FormValidationAction):
    def name(self) -> str:
        return "validate_complaint_form"

    def validate_complaint_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:  # emptied on purpose (a new complaint, or "change"): nothing to check
            return {"complaint_category": None}
        category = category_from(str(value or ""))
        if category is None:
            dispatcher.utter_message(text=CATEGORY_HELP)
        return {"complaint_category": category}

    def validate_complaint_what_happened(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:
            return {"complaint_what_happened": None}
        if (aside := not_an_answer("complaint_what_happened", dispatcher, tracker)) is not None:
            return aside
        if is_payload(value):
            dispatcher.utter_message(text=TYPE_IT_TEXT)
            return {"complaint_what_happened": None}
        text = str(value or "").strip()
        if len(text) < MIN_WHAT_HAPPENED:
            dispatcher.utter_message(text=WHAT_HAPPENED_HELP)
            return {"complaint_what_happened": None}
        return {"complaint_what_happened": text[:MAX_TEXT]}

    def validate_complaint_desired_outcome(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:
            return {"complaint_desired_outcome": None}
        if (aside := not_an_answer("complaint_desired_outcome", dispatcher, tracker)) is not None:
            return aside
        if is_payload(value):
            dispatcher.utter_message(text=TYPE_IT_TEXT)
            return {"complaint_desired_outcome": None}
        text = str(value or "").strip()
        if len(text) < 2 or not re.search(r"[^\W\d_]", text):
            dispatcher.utter_message(text=OUTCOME_HELP)
            return {"complaint_desired_outcome": None}
        return {"complaint_desired_outcome": text[:MAX_TEXT]}

    def validate_complaint_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        # "No" is not the end: the question is asked again, offering each part to change.
        return {"complaint_confirmed": True if value is True else None}


class ActionAskComplaintCategory(Action):
    def name(self) -> str:
        return "action_ask_complaint_category"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(
            text=ASK_CATEGORY_TEXT, buttons=category_buttons(), json_message=expects("complaint_category")
        )
        return []


class ActionAskComplaintWhatHappened(Action):
    def name(self) -> str:
        return "action_ask_complaint_what_happened"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=ASK_WHAT_HAPPENED_TEXT, json_message=expects("complaint_what_happened"))
        return []


class ActionAskComplaintDesiredOutcome(Action):
    def name(self) -> str:
        return "action_ask_complaint_desired_outcome"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=ASK_OUTCOME_TEXT, json_message=expects("complaint_desired_outcome"))
        return []


class ActionAskContactName(Action):
    def name(self) -> str:
        return "action_ask_contact_name"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=ASK_NAME_TEXT, json_message=expects("contact_name"))
        return []


class ActionAskContactDetails(Action):
    def name(self) -> str:
        return "action_ask_contact_details"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=ASK_DETAILS_TEXT, json_message=expects("contact_details"))
        return []


class ActionAskComplaintConfirmed(Action):
    """The read-back ("check your answers"), with a button to send and one to change each part."""

    def name(self) -> str:
        return "action_ask_complaint_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        buttons = [{"title": "Yes, send it", "payload": "/affirm"}, *change_buttons(tracker)]
        buttons.append({"title": "Cancel the complaint", "payload": "/stop"})
        if latest_intent(tracker) == "deny" and tracker.get_slot("requested_slot") == "complaint_confirmed":
            dispatcher.utter_message(
                text=WHICH_PART_TEXT, buttons=buttons[1:], json_message=expects("complaint_confirmed")
            )
        else:
            dispatcher.utter_message(
                text=read_back(tracker), buttons=buttons, json_message=expects("complaint_confirmed")
            )
        return []


class ActionChangeComplaint(Action):
    """'Change what happened': empty that part so the form asks for it again, then reads back."""

    def name(self) -> str:
        return "action_change_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if tracker.active_loop_name != "complaint_form":
            if tracker.get_slot("complaint_pending"):
                dispatcher.utter_message(text=PENDING_CHANGE_TEXT, buttons=[TRY_AGAIN_BUTTON])
            else:
                dispatcher.utter_message(text=NOTHING_TO_CHANGE_TEXT, json_message=links(CONTACT_LINK))
            return []
        field = latest_entity(tracker, "complaint_field")
        if field not in FIELD_SLOTS:
            text = latest_text(tracker).lower()
            field = next((key for key, pattern in FIELD_WORDS if re.search(pattern, text)), None)
        events = [SlotSet("complaint_confirmed", None), SlotSet("complaint_field", None)]
        if field in FIELD_SLOTS:
            dispatcher.utter_message(text=CHANGE_OK_TEXT)
            events += _clear(FIELD_SLOTS[field])
        # Without a recognisable part the form simply reads back again, offering each part.
        return events


class ActionSubmitComplaint(Action):
    def name(self) -> str:
        return "action_submit_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        slot = tracker.get_slot
        ready = all(
            slot(name)
            for name in (
                "complaint_category",
                "complaint_what_happened",
                "complaint_desired_outcome",
                "complaint_uuid",
                "complaint_confirmed",
            )
        )
        if not ready:
            dispatcher.utter_message(text=NOTHING_TO_SEND_TEXT)
            return []

        payload = {
            "idempotency_key": complaint_key(tracker),
            "category": slot("complaint_category"),
            "what_happened": slot("complaint_what_happened"),
            "desired_outcome": slot("complaint_desired_outcome"),
        }
        if needs_contact_details(tracker):
            payload.update(
                contact_name=slot("contact_name") or "",
                contact_email=slot("contact_email") or "",
                contact_phone=slot("contact_phone") or "",
                # The portal replies by email unless told otherwise; some families only gave a phone.
                contact_preference="email" if slot("contact_email") else "phone",
            )
        # Once the portal has refused this user's token, the complaint goes with typed contact details.
        token = None if slot("contact_required") else user_token(tracker)
        child_id = await named_child_id(token, f"{payload['what_happened']} {payload['desired_outcome']}")
        if child_id:
            payload["child_id"] = child_id
        try:
            result = await PortalAPI.from_env().create_complaint(payload, token)
        except PortalUnavailable:
            dispatcher.utter_message(
                text=FAILED_TEXT,
                buttons=[TRY_AGAIN_BUTTON],
                json_message=links(COMPLAINT_FORM_LINK, CONTACT_LINK),
            )
            return [SlotSet("complaint_pending", True)]
        except PortalRejected as rejected:
            return self._ask_again(dispatcher, rejected.errors)
        except AlreadySent as sent:
            # What the family reads must match what the portal holds: the first version was stored.
            result = sent.result
            status_link = (
                {"title": "Your complaint", "url": result["status_url"]} if result.get("status_url") else None
            )
            dispatcher.utter_message(
                text=ALREADY_SENT_TEXT.format(reference=result.get("reference", "")),
                json_message=links(status_link) if status_link else None,
            )
            return _clear(COMPLAINT_SLOTS)
        except SignInRequired:
            dispatcher.utter_message(text=SIGNED_OUT_TEXT)
            return [
                SlotSet("contact_required", True),
                SlotSet("complaint_confirmed", None),
                SlotSet("complaint_pending", False),
                FollowupAction("complaint_form"),
            ]

        status_link = (
            {"title": "Your complaint", "url": result["status_url"]} if result.get("status_url") else None
        )
        dispatcher.utter_message(
            text=SENT_TEXT.format(reference=result["reference"], due=long_date(result.get("stage1_due"))),
            json_message=links(status_link) if status_link else None,
        )
        return _clear(COMPLAINT_SLOTS)

    @staticmethod
    def _ask_again(dispatcher: CollectingDispatcher, errors: dict[str, str]) -> list:
        """The portal refused some answers (400): say which, empty them and reopen the form."""
        dispatcher.utter_message(text="\n".join([REJECTED_TEXT, *errors.values()]))
        events: list = [SlotSet("complaint_confirmed", None), SlotSet("complaint_pending", False)]
        for field in errors:
            events += _clear(API_FIELD_SLOTS.get(field, []))
        if any(field in ("contact_name", "contact_email", "contact_phone") for field in errors):
            events.append(SlotSet("contact_required", True))
        return [*events, FollowupAction("complaint_form")]


class ActionCancelComplaint(Action):
    def name(self) -> str:
        return "action_cancel_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        done = [*_clear(COMPLAINT_SLOTS), SlotSet("requested_slot", None)]
        if not (tracker.get_slot("complaint_pending") and tracker.get_slot("complaint_uuid")):
            dispatcher.utter_message(text=CANCELLED_TEXT)
            return done
        # A send failed as far as we know, but its answer may only have been lost on the way back.
        token = None if tracker.get_slot("contact_required") else user_token(tracker)
        try:
            stored = await PortalAPI.from_env().find_complaint(complaint_key(tracker), token)
        except (PortalUnavailable, SignInRequired):
            dispatcher.utter_message(text=CANCELLED_UNSURE_TEXT)
            return done
        if stored is None:
            dispatcher.utter_message(text=CANCELLED_TEXT)
        else:
            dispatcher.utter_message(text=CANCELLED_TOO_LATE_TEXT.format(reference=stored["reference"]))
        return done
