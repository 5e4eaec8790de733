"""The only way into the assistant: Django's Channels consumer, proven by a signed JWT.

Rasa's stock REST channel believes whatever ``sender`` and ``metadata`` the request body claims,
so anyone who could reach it could read another conversation or pose as a signed-in parent.
This channel trusts nothing in the body except the message text. The conversation id (``sub``)
and the parent's user token come from a short-lived HS256 token that only the web app can sign
(``RASA_JWT_SECRET``), and replies go back in the response body like the REST channel's.
"""

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import jwt
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.settings import required_secret

logger = logging.getLogger(__name__)

ISSUER = "send-web"
AUDIENCE = "send-rasa"
MAX_MESSAGE_CHARS = 2000
# The web app signs tokens for 60 s; allow a little clock skew between processes, and refuse
# long-lived tokens outright so a leaked one is worth little.
LEEWAY_SECONDS = 5
MAX_TOKEN_LIFETIME_SECONDS = 300
# An opaque conversation id: a uuid4 hex. Anything else (an email, a row id) is refused.
SENDER_PATTERN = re.compile(r"^[0-9a-f]{32}$")
REQUIRED_CLAIMS = ["iss", "aud", "sub", "iat", "exp"]

SORRY_TEXT = (
    "Sorry, something went wrong on our side and I can't answer right now. "
    "Please try again in a few minutes, or contact the SEND team."
)
CONTACT_LINK = {"title": "Contact the SEND team", "url": "/contact-us/"}


class TokenRefused(Exception):
    """The bearer token is missing, forged, expired or does not follow the contract."""


def decode_token(authorization: str | None, secret: str) -> dict[str, Any]:
    """The verified claims of ``Authorization: Bearer <JWT>``, or TokenRefused."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRefused("missing bearer token")
    try:
        claims = jwt.decode(
            token.strip(),
            secret,
            algorithms=["HS256"],  # never "none", never an algorithm the token picks
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=LEEWAY_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.PyJWTError as error:
        raise TokenRefused(str(error)) from error
    if not isinstance(claims.get("sub"), str) or not SENDER_PATTERN.match(claims["sub"]):
        raise TokenRefused("sub is not an opaque conversation id")
    if claims["exp"] - claims["iat"] > MAX_TOKEN_LIFETIME_SECONDS:
        raise TokenRefused("token lifetime too long")
    user_token = claims.get("user_token")
    if user_token is not None and not isinstance(user_token, str):
        raise TokenRefused("user_token must be a string or null")
    return claims


def message_text(body: bytes) -> str:
    """The user's message from a ``{"message": "<text>"}`` body, or ValueError saying what is wrong."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError("The request body is not valid JSON.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
        raise ValueError('The request body must be {"message": "<text>"}.')
    text = payload["message"].strip()
    if not text:
        raise ValueError("The message is empty.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ValueError(f"The message is longer than {MAX_MESSAGE_CHARS:,} characters.")
    return text


class ReplyCollector(CollectingOutputChannel):
    """Collects one JSON object per bot response: text, buttons and custom payload together.

    The stock collector splits text at blank lines and sends the custom payload as a separate
    message; the widget is simpler when an answer and its links arrive as one reply.
    """

    @classmethod
    def name(cls) -> str:
        return "django"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        reply: dict[str, Any] = {"recipient_id": recipient_id}
        if message.get("text"):
            reply["text"] = message["text"]
        buttons = message.get("buttons") or message.get("quick_replies")
        if buttons:
            reply["buttons"] = [
                {"title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons
            ]
        if message.get("custom"):
            reply["custom"] = message["custom"]
        if len(reply) > 1:
            await self._persist_message(reply)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list, **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})


class DjangoInput(InputChannel):
    """``POST /webhooks/django/webhook`` with a bearer JWT signed by the web app."""

    def __init__(self, jwt_secret: str | None = None) -> None:
        # Fails closed: Rasa does not start without the secret (actions.settings).
        self.jwt_secret = jwt_secret or required_secret("RASA_JWT_SECRET")

    @classmethod
    def name(cls) -> str:
        return "django"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "DjangoInput":
        # The secret comes from the environment, never from a committed credentials file.
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"django_webhook_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                claims = decode_token(request.headers.get("Authorization"), self.jwt_secret)
            except TokenRefused as refused:
                logger.info("Refused a chat message: %s", refused)
                return response.json({"error": "invalid_token"}, status=401)
            try:
                text = message_text(request.body)
            except ValueError as bad:
                return response.json({"error": "bad_request", "detail": str(bad)}, status=400)

            collector = ReplyCollector()
            metadata = {"user_token": claims.get("user_token")}
            try:
                await on_new_message(
                    UserMessage(text, collector, claims["sub"], input_channel=self.name(), metadata=metadata)
                )
            except Exception:  # Rasa failed mid-turn: still answer the family, never a bare 500.
                logger.exception("The assistant failed to handle a message")
            if not collector.messages:
                # Every turn of this assistant says something; silence means an action failed.
                collector.messages.append(
                    {"recipient_id": claims["sub"], "text": SORRY_TEXT, "custom": {"links": [CONTACT_LINK]}}
                )
            return response.json(collector.messages)

        return webhook
