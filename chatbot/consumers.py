"""The chat WebSocket, ``/ws/chat/``: relays a family's messages to Rasa and Rasa's replies back.

Client -> server: ``{"message": "<text>"}``.
Server -> client: ``{"type": "bot", "text", "buttons": [{"title", "payload"}], "links": [{"title", "url"}]}``
for each reply, ``{"type": "safety", "text", "links"}`` when a message holds a crisis or
safeguarding concern, or ``{"type": "error", "code", "text", "links"}`` when a message is refused or
the assistant cannot answer. Nothing a client sends can crash the connection.

Every message is checked for crisis and safeguarding content here, before Rasa sees it
(``portal.safeguarding``), so the family is answered with the routes to help even when Rasa, the
action server or Redis is down, and a message such as "i just want it all to stop" is never heard
as the *stop* intent. Such a message goes on to Rasa only at a free-text step of a form (what
happened, what the family wants, why they want a call), where it is the family's own account and
must be kept; the complaint or request is then flagged when it is stored. At any other step the
form waits, and nothing is taken as an answer."""

import asyncio
import json
import logging
import threading
from importlib import import_module

from channels.auth import get_user
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from portal.bot_auth import issue_user_token
from portal.models import SafeguardingFlag
from portal.safeguarding import classifier, contacts, flags, replies, screening

from . import nations, rasa_client
from .history import conversation_id_for_session
from .history_writer import get_writer
from .throttle import TokenBucket, address_allows, client_address

logger = logging.getLogger(__name__)

# The safety classifier trains in about a second when first used: start that now, as the web
# process loads, so no family's first message waits for it.
threading.Thread(target=classifier.default_model, name="safety-classifier", daemon=True).start()

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
# Form steps whose answer is the family's own account: a message there is kept even when it
# holds a concern (the ask actions name the step they wait for in ``custom.expects``).
FREE_TEXT_STEPS = {"complaint_what_happened", "complaint_desired_outcome", "callback_reason"}
KEPT_IN_FORM = (
    "What you wrote is kept with your request, and it will be marked for the safeguarding staff too. "
    "When you're ready, we can carry on:"
)
PAUSED_FORM = (
    "Nothing has been sent, and your answers so far are kept. When you're ready, answer the last "
    "question again, or say 'cancel' to stop."
)
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
        self.address = client_address(self.scope)
        self.last_write = None
        # The form step Rasa last asked for, if any (from its replies' ``expects``).
        self.expecting = None
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
        # Every message counts towards the limits, even ones we refuse, so garbage cannot flood us either.
        if not self.bucket.take() or not await address_allows(self.address):
            # Even too fast, a family in crisis is given the routes to help (no database needed).
            text, problem = self._message_text(text_data)
            if not problem and (concern := screening.screen(text)) is not None:
                reply = replies.build(concern)
                return await self.send_json(
                    {"type": "safety", "text": reply.text, "buttons": [], "links": reply.links}
                )
            return await self.send_error("throttled")
        text, problem = self._message_text(text_data)
        if problem:
            return await self.send_error(problem, length=len(text or ""))
        received_at = timezone.now()
        concern = screening.screen(text)
        nation = nations.reply_for(text) if concern is None and not self.expecting else None
        if nation is not None:
            # England's answer would mislead a family elsewhere: say so, and where to go instead.
            user = await self.current_user()
            sent = await self.send_json_list(
                [{"type": "bot", "text": nation.text, "buttons": [], "links": nation.links}]
            )
        elif concern is None:
            user = await self.current_user()
            sent = await self.send_json_list(await self.ask_rasa(text, user))
        else:
            # The routes to help go out first, before anything that could fail or take time.
            safety = await self.safety_message(concern)
            await self.send_json(safety)
            user = await self.current_user()
            await self.raise_flag(concern, text, user)
            sent = [safety, *await self.send_json_list(await self.after_concern(text, user))]
        # Stored in the background, in batches, after the family has the answer: the database
        # never slows a reply or the next message down.
        self.last_write = get_writer().submit(
            (self.conversation_id, user, text, received_at, sent, timezone.now())
        )

    async def send_json_list(self, messages):
        for message in messages:
            await self.send_json(message)
        return messages

    async def ask_rasa(self, text, user):
        try:
            answers = await rasa_client.send_message(
                self.conversation_id, text, issue_user_token(user) if user else None
            )
        except rasa_client.RasaUnavailable as exc:
            logger.warning("Chat %s: Rasa unavailable: %s", self.conversation_id, exc)
            return [self.error_message("unavailable")]
        self.expecting = next(
            (answer["expects"] for answer in reversed(answers) if answer.get("expects")), None
        )
        for answer in answers:
            answer.pop("expects", None)
        return answers or [{"type": "bot", "text": NO_ANSWER, "buttons": [], "links": HELP_LINKS[1:]}]

    async def after_concern(self, text, user):
        """What follows the safety reply: the open form carries on only where the message is the
        family's own account of what happened; anywhere else it waits, and Rasa is not asked."""
        if self.expecting in FREE_TEXT_STEPS:
            answers = await self.ask_rasa(text, user)
            return [{"type": "bot", "text": KEPT_IN_FORM, "buttons": [], "links": []}, *answers]
        if self.expecting:
            return [{"type": "bot", "text": PAUSED_FORM, "buttons": [], "links": []}]
        return []

    async def safety_message(self, concern):
        try:
            reply = await database_sync_to_async(contacts.reply_for)(concern)
        except Exception:  # the database is down, or worse: the national numbers still go out
            logger.exception("Chat %s: safety contacts unavailable", self.conversation_id)
            reply = replies.build(concern)
        return {"type": "safety", "text": reply.text, "buttons": [], "links": reply.links}

    async def raise_flag(self, concern, text, user):
        try:
            await database_sync_to_async(flags.raise_flag)(
                concern,
                text,
                SafeguardingFlag.Source.CHAT,
                user=user,
                conversation_public_id=self.conversation_id,
            )
        except Exception:  # never let a failed write stop the family being answered
            logger.exception("Chat %s: the safeguarding flag could not be stored", self.conversation_id)

    @staticmethod
    def _message_text(text_data):
        """(text, None) for a message to forward, or (text or None, error code) for one to refuse."""
        if not isinstance(text_data, str):
            return None, "unreadable"
        if len(text_data) > MAX_MESSAGE_CHARS * 8:  # far too long even before decoding
            return text_data, "too_long"
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply to parse
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
