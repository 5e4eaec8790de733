"""The chat WebSocket, ``/ws/chat/``: relays a family's messages to Rasa and Rasa's replies back.

Client -> server: ``{"message": "<text>"}``.
Server -> client: ``{"type": "bot", "text", "buttons": [{"title", "payload"}], "links": [{"title", "url"}]}``
for each reply, or ``{"type": "error", "code", "text", "links"}`` when a message is refused or the
assistant cannot answer. Nothing a client sends can crash the connection."""

import asyncio
import json
import logging
from importlib import import_module

from channels.auth import get_user
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from portal.bot_auth import issue_user_token

from . import rasa_client
from .history import conversation_id_for_session
from .history_writer import get_writer
from .throttle import TokenBucket

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
# A burst of 8 messages, then one every 1.5 seconds: a person typing or tapping quick replies is
# never slowed, a script hammering the socket is.
THROTTLE_BURST = getattr(settings, "CHAT_THROTTLE_BURST", 8)
THROTTLE_REFILL_SECONDS = getattr(settings, "CHAT_THROTTLE_REFILL_SECONDS", 1.5)

HELP_LINKS = [
    {"title": "Make a complaint online", "url": "/complaints/new/"},
    {"title": "Contact the SEND team", "url": "/contact-us/"},
]
ERRORS = {
    "unavailable": "Sorry, the assistant is not working at the moment, so your message has not been "
    "answered. Please try again later. You can still make a complaint using the online form, or "
    "contact the SEND team.",
    "too_long": "Your message is {length:,} characters long. Messages can be up to 2,000 characters: "
    "please shorten it or send it in parts.",
    "empty": "Type a message before you press Send.",
    "unreadable": "Sorry, that message could not be read. Type your question and press Send.",
    "throttled": "You're sending messages too quickly. Wait a few seconds, then send your message again.",
}
NO_ANSWER = "Sorry, I do not have an answer to that. Try asking in another way, or contact the SEND team."


def _load_session(session_key):
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore(session_key)
    session.load()
    return session


class ChatConsumer(AsyncJsonWebsocketConsumer):
    # Each chat talks only to its own browser and Rasa: no groups, no channel-layer messages. Opting
    # out spares every open chat a blocking receive loop on Redis.
    channel_layer_alias = None

    async def connect(self):
        user = self.scope.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        session = self.scope["session"]
        self.conversation_id = await database_sync_to_async(conversation_id_for_session)(session)
        self.bucket = TokenBucket(THROTTLE_BURST, THROTTLE_REFILL_SECONDS)
        self.last_write = None
        await self.accept()

    async def dispatch(self, message):
        # Channels closes stale database connections before every message: a hop onto the single
        # thread that all of the process's synchronous code shares, where busy chats queue behind
        # each other. This consumer reaches the database only through database_sync_to_async,
        # which does that clean-up itself, so chat messages skip the hop.
        if message["type"] == "websocket.receive":
            return await self.websocket_receive(message)
        return await super().dispatch(message)

    async def disconnect(self, code):
        # Whatever the family saw is stored before the connection's work ends.
        if getattr(self, "last_write", None) is not None:
            await asyncio.shield(self.last_write)

    async def receive(self, text_data=None, bytes_data=None):
        # Every message counts towards the limit, even ones we refuse, so garbage cannot flood us either.
        if not self.bucket.take():
            return await self.send_error("throttled")
        text, problem = self._message_text(text_data)
        if problem:
            return await self.send_error(problem, length=len(text or ""))
        received_at = timezone.now()
        user = await self.current_user()
        try:
            replies = await rasa_client.send_message(
                self.conversation_id, text, issue_user_token(user) if user else None
            )
        except rasa_client.RasaUnavailable as exc:
            logger.warning("Chat %s: Rasa unavailable: %s", self.conversation_id, exc)
            replies = [self.error_message("unavailable")]
        if not replies:
            replies = [{"type": "bot", "text": NO_ANSWER, "buttons": [], "links": HELP_LINKS[1:]}]
        for reply in replies:
            await self.send_json(reply)
        # Stored in the background, in batches, after the family has the answer: the database
        # never slows a reply or the next message down.
        self.last_write = get_writer().submit(
            (self.conversation_id, user, text, received_at, replies, timezone.now())
        )

    @staticmethod
    def _message_text(text_data):
        """(text, None) for a message to forward, or (text or None, error code) for one to refuse."""
        if not isinstance(text_data, str):
            return None, "unreadable"
        if len(text_data) > MAX_MESSAGE_CHARS * 8:  # far too long even before decoding
            return text_data, "too_long"
        try:
            content = json.loads(text_data)
        except ValueError:
            return None, "unreadable"
        if not isinstance(content, dict) or not isinstance(content.get("message"), str):
            return None, "unreadable"
        text = content["message"].strip()
        if not text:
            return text, "empty"
        if len(text) > MAX_MESSAGE_CHARS:
            return text, "too_long"
        return text, None

    async def current_user(self):
        """The signed-in user, checked again against the session store: signing out in another tab
        must stop this open chat from asking about that family's children."""
        if self.user is None:
            return None
        session = await database_sync_to_async(_load_session)(self.scope["session"].session_key)
        user = await get_user({"session": session})
        if not user.is_authenticated or user.pk != self.user.pk:
            logger.info("Chat %s: user signed out during the conversation", self.conversation_id)
            self.user = None
        return self.user

    @staticmethod
    def error_message(code, **details):
        return {"type": "error", "code": code, "text": ERRORS[code].format(**details), "links": HELP_LINKS}

    async def send_error(self, code, **details):
        await self.send_json(self.error_message(code, **details))
