"""Contact details typed into the chat by a family who is not signed in: read and checked.

Shared by the complaint and callback forms (the slots `contact_name` and `contact_details` are
filled by whichever form asks first, so a family is not asked twice in one conversation).
"""

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import user_token

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A UK number: 0 or +44 then digits, allowing the spaces, dashes and brackets people type.
PHONE = re.compile(r"(?:\+\s?44|\(?\b0)[\d\s()-]{8,16}\d")
NAME_PREFIX = re.compile(
    r"^(?:my name is|my name's|name is|name:|i am|i'm|im|it's|its|this is)\s+", re.IGNORECASE
)
CONTACT_SLOTS = ("contact_name", "contact_details", "contact_email", "contact_phone")

NAME_HELP = "Please type just your name, for example 'Sam Jones'. Or say 'cancel' to stop."
# Words a name never holds but a sentence typed at the name question does ("can I just talk to a
# real person", "what is mediation", "no actually I've changed my mind").
NOT_A_NAME = re.compile(
    r"\b(?:i|i'm|im|i've|ive|me|my|you|your|we|what|how|why|when|where|who|which|can|could|would|will|"
    r"should|do|does|did|is|are|was|want|need|talk|speak|person|someone|human|help|complaint|complain|"
    r"cancel|stop|mind|actually|sorry|please|thanks|thank|the|a|an|about|and|but|not|no|yes|ok|okay)\b",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 5
DETAILS_HELP = (
    "I couldn't find an email address or a UK phone number in that. Please type an email address "
    "like name@example.com, a phone number like 07700 900123, or both."
)


def phone_number(text: str) -> str | None:
    """The first UK phone number in ``text``, spaced as typed but trimmed; None if there is none."""
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        national = "0" + digits[2:] if digits.startswith("44") else digits
        if national.startswith("0") and len(national) in (10, 11):
            return re.sub(r"\s+", " ", match.group()).strip()
    return None


def email_address(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group().rstrip(".").lower() if match else None


def person_name(text: str) -> str | None:
    name = NAME_PREFIX.sub("", text.strip()).strip(" .,!")
    if not (2 <= len(name) <= 100) or "@" in name or name.startswith("/") or "?" in name:
        return None
    if len(name.split()) > MAX_NAME_WORDS or NOT_A_NAME.search(name):
        return None
    if not re.search(r"[^\W\d_]", name) or len(re.findall(r"\d", name)) > 0:
        return None
    return name


def needs_contact_details(tracker: Tracker) -> bool:
    """Signed-out families give contact details; signed-in ones are reached through their account
    (unless the portal said it could not use the account's details: `contact_required`)."""
    return not user_token(tracker) or bool(tracker.get_slot("contact_required"))


class ContactDetailsValidation:
    """Mixin for FormValidationActions that ask for `contact_name` and `contact_details`, which are
    asked only when the family is signed out (the portal knows a signed-in family's details)."""

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[str]:
        if needs_contact_details(tracker):
            return domain_slots
        return [slot for slot in domain_slots if slot not in ("contact_name", "contact_details")]

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:  # emptied on purpose ("change your contact details"): nothing to check
            return {"contact_name": None}
        name = person_name(str(value))
        if name is None:
            dispatcher.utter_message(text=NAME_HELP)
        return {"contact_name": name}

    def validate_contact_details(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:
            return {"contact_details": None, "contact_email": None, "contact_phone": None}
        text = str(value)
        email, phone = email_address(text), phone_number(text)
        if not (email or phone):
            dispatcher.utter_message(text=DETAILS_HELP)
            return {"contact_details": None, "contact_email": None, "contact_phone": None}
        shown = " and ".join(v for v in (email, phone) if v)
        return {"contact_details": shown, "contact_email": email, "contact_phone": phone}
