"""How the assistant writes dates, links and buttons (GOV.UK style: "4 December 2026")."""

from datetime import date, datetime, timezone

CONTACT_LINK = {"title": "Contact the SEND team", "url": "/contact-us/"}
SIGN_IN_LINK = {"title": "Sign in", "url": "/accounts/login/?next=/portal/"}
COMPLAINT_FORM_LINK = {"title": "Complaint form", "url": "/complaints/new/"}
TALK_TO_PERSON_BUTTON = {"title": "Talk to a person", "payload": "/talk_to_person"}
CANCEL_BUTTON = {"title": "Cancel", "payload": "/stop"}


def long_date(value: str | date | None) -> str:
    """ "2026-12-04" -> "4 December 2026"; an unreadable value is returned unchanged."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


def days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def iso_timestamp(epoch_seconds: float | None) -> str:
    """Rasa event timestamps (seconds since the epoch) as ISO 8601 in UTC."""
    moment = datetime.fromtimestamp(epoch_seconds or 0, tz=timezone.utc)
    return moment.isoformat(timespec="seconds")


def links(*items: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """The custom payload the widget shows as links under a reply."""
    return {"links": [{"title": item["title"], "url": item["url"]} for item in items if item]}


def expects(slot: str) -> dict[str, str]:
    """The custom payload of a form's question: the step it waits for. The chat bridge reads it to
    know whether a message that holds a safeguarding concern is the answer to keep (what happened)
    or must not be taken as one (a name, a phone number)."""
    return {"expects": slot}
