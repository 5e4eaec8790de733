"""Talks to Rasa's custom input channel, asynchronously, and turns its replies into widget messages.

One ``httpx.AsyncClient`` per event loop is shared by every conversation, so connections to Rasa
are pooled; every call has a timeout, and any failure surfaces as ``RasaUnavailable``."""

import logging
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from config.per_loop import PerLoop

from .tokens import sign_message_token

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/django/webhook"
# Rasa runs the actions (which call the portal's API) before it answers, so allow for that.
TIMEOUT = httpx.Timeout(connect=2.0, read=20.0, write=5.0, pool=5.0)
MAX_TEXT_CHARS = 4000
MAX_BUTTONS = 12
MAX_LINKS = 10


class RasaUnavailable(Exception):
    """Rasa timed out, refused the connection, failed or answered something we cannot read."""


# Tests (and the benchmark) inject an httpx transport here, e.g. ``httpx.MockTransport``.
_transport = None


def _new_client():
    return httpx.AsyncClient(
        timeout=TIMEOUT,
        transport=_transport,
        # httpcore checks every idle connection on each request, so keeping more open costs more
        # than reconnecting does: with 100 kept, a burst of 50 messages took twice as long.
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )


_clients = PerLoop(_new_client, usable=lambda client: not client.is_closed)


def set_transport(transport):
    """Use ``transport`` for every new client (None: the real network); forgets existing clients."""
    global _transport
    _transport = transport
    _clients.clear()


def get_client():
    return _clients.get()


async def send_message(conversation_id, text, user_token=None):
    """Send one family message to Rasa; return the widget messages for its replies."""
    token = sign_message_token(conversation_id, user_token)
    url = f"{settings.RASA_URL.rstrip('/')}{WEBHOOK_PATH}"
    try:
        response = await get_client().post(
            url, json={"message": text}, headers={"Authorization": f"Bearer {token}"}
        )
    except httpx.HTTPError as exc:
        raise RasaUnavailable(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code != 200:
        if response.status_code in (401, 403):
            logger.error("Rasa refused our token (HTTP %s): check RASA_JWT_SECRET", response.status_code)
        raise RasaUnavailable(f"HTTP {response.status_code}")
    try:
        replies = response.json()
    except ValueError as exc:
        raise RasaUnavailable("reply was not JSON") from exc
    if not isinstance(replies, list):
        raise RasaUnavailable("reply was not a list")
    return [message for reply in replies if (message := to_widget_message(reply))]


def _safe_url(url):
    """Only links to our own pages, to http(s) sites, or to call or text a number (the safety
    replies): never ``javascript:`` and the like."""
    if not isinstance(url, str) or not url:
        return None
    if url.startswith("/") and not url.startswith("//"):
        return url
    return url if urlsplit(url).scheme in ("http", "https", "tel", "sms") else None


def _text(value, limit=MAX_TEXT_CHARS):
    return value[:limit] if isinstance(value, str) else ""


def to_widget_message(reply):
    """One item of Rasa's reply list -> one ``{"type": "bot", ...}`` message, or None if empty."""
    if not isinstance(reply, dict):
        return None
    text = _text(reply.get("text"))
    buttons = []
    for button in reply.get("buttons") or []:
        if isinstance(button, dict) and _text(button.get("title")) and _text(button.get("payload")):
            buttons.append({"title": _text(button["title"], 200), "payload": _text(button["payload"], 500)})
    links = []
    expects = None
    custom = reply.get("custom")
    if isinstance(custom, dict):
        # The form step this reply asks for (the ask actions name it), for the chat bridge alone.
        expects = custom.get("expects") if isinstance(custom.get("expects"), str) else None
        for link in custom.get("links") or []:
            if isinstance(link, dict) and _text(link.get("title")) and (url := _safe_url(link.get("url"))):
                links.append({"title": _text(link["title"], 200), "url": url})
        # An action may put its text in the custom payload (e.g. a message with links only).
        text = text or _text(custom.get("text"))
    if not (text or buttons or links):
        return None
    message = {"type": "bot", "text": text, "buttons": buttons[:MAX_BUTTONS], "links": links[:MAX_LINKS]}
    if expects:
        message["expects"] = expects[:60]
    return message
