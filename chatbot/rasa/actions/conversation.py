"""What the actions read from the conversation tracker."""

import hashlib
import re
from typing import Any

from rasa_sdk import Tracker

from actions.formatting import iso_timestamp

TRANSCRIPT_MAX_MESSAGES = 200
TRANSCRIPT_MAX_CHARS = 2000
# The portal stores complaint keys in 64 characters.
MAX_KEY_CHARS = 64


def user_token(tracker: Tracker) -> str | None:
    """The web app's signed token for the person behind this message (None when signed out).

    The Django input channel copies it from the verified JWT into the message metadata; it is
    refreshed with every message, so it is always the latest one.
    """
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    token = metadata.get("user_token")
    return token if isinstance(token, str) and token else None


def latest_text(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("text") or "").strip()


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, entity: str) -> str | None:
    return next(tracker.get_latest_entity_values(entity), None)


def _button_title(payload: str, buttons: list[dict[str, Any]] | None) -> str | None:
    for button in buttons or []:
        if button.get("payload") == payload:
            return button.get("title")
    return None


def transcript(tracker: Tracker) -> list[dict[str, str]]:
    """The current session's messages, oldest first, for the caseworker who calls the family back.

    A button press reaches Rasa as its payload (``/affirm``); the caseworker sees the button's
    title ("Yes, send it") instead, as the family did.
    """
    session: list[dict[str, Any]] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            session = []
        elif event.get("event") in ("user", "bot"):
            session.append(event)

    lines: list[dict[str, str]] = []
    last_buttons: list[dict[str, Any]] | None = None
    for event in session:
        text = (event.get("text") or "").strip()
        if event["event"] == "bot":
            last_buttons = (event.get("data") or {}).get("buttons")
        elif text.startswith("/"):
            text = _button_title(text, last_buttons) or _describe_payload(text)
        if text:
            lines.append(
                {
                    "sender": event["event"],
                    "text": text[:TRANSCRIPT_MAX_CHARS],
                    "at": iso_timestamp(event.get("timestamp")),
                }
            )
    return lines[-TRANSCRIPT_MAX_MESSAGES:]


def _describe_payload(payload: str) -> str:
    """ "/choose_child{...}" with no matching button: name the choice, not the raw JSON ids."""
    name = payload[1:].split("{", 1)[0]
    return f"[pressed: {name.replace('_', ' ')}]"


def idempotency_key(prefix: str, sender_id: str, item_uuid: str) -> str:
    """The key that makes a complaint or callback request unique: this conversation and this item.

    Retrying with the same key returns the one already stored. Readable when it fits (a 32-character
    conversation id and 16 characters of the item's uuid); hashed when an unusual sender id would not.
    """
    key = f"{prefix}-{sender_id}-{item_uuid[:16]}"
    if len(key) <= MAX_KEY_CHARS:
        return key
    digest = hashlib.sha256(f"{sender_id}:{item_uuid}".encode()).hexdigest()
    return f"{prefix}-{digest}"[:MAX_KEY_CHARS]


# A question put in the middle of a form ("what is mediation?"): answered by the FAQ rule, and never
# kept as the answer to the form's own question.
QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|can|could|do|does|is|are|will|would|should|am)\b", re.IGNORECASE
)
CHANGED_MIND = re.compile(
    r"chang\w* my mind|never ?mind|forget (?:it|about it)|\bcancel\b|scrap (?:it|that)"
    r"|(?:do not|don'?t) want to (?:complain|do this|carry on)",
    re.IGNORECASE,
)
MAX_ASIDE_WORDS = 15


def is_aside(tracker: Tracker) -> bool:
    """The latest message is a short question (a process question the FAQ rule has answered) or a
    change of mind, not an answer to the form's question."""
    text = latest_text(tracker).strip()
    if CHANGED_MIND.search(text):
        return True
    intent = latest_intent(tracker) or ""
    short = len(text.split()) <= MAX_ASIDE_WORDS
    return short and intent.startswith("ask_") and (text.endswith("?") or bool(QUESTION_START.match(text)))
