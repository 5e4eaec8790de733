"""Where a conversation lives: its opaque id in the family's session, its messages in the database.

Kept in the session, the id survives a page reload (the widget and Rasa's tracker carry on) and
ends with the session, so signing out starts a new, unlinked conversation."""

from django.db import transaction
from django.utils import timezone

from .models import Conversation, Message, new_conversation_id

SESSION_KEY = "chat_conversation_id"
HISTORY_LIMIT = 50


def conversation_id_for_session(session):
    """The session's conversation id, created (and the session saved) when it has none yet."""
    conversation_id = session.get(SESSION_KEY)
    if not (isinstance(conversation_id, str) and len(conversation_id) == 32):
        conversation_id = new_conversation_id()
        session[SESSION_KEY] = conversation_id
        session.save()
    return conversation_id


def record_exchange(conversation_id, user, user_text, received_at, replies):
    """Store one message from the family and what the family was shown in reply, in one transaction."""
    user_id = user.pk if user is not None else None
    replied_at = timezone.now()
    with transaction.atomic():
        conversation, created = Conversation.objects.get_or_create(
            public_id=conversation_id,
            defaults={"user_id": user_id, "started_at": received_at, "last_activity_at": replied_at},
        )
        if not created:
            changes = {"last_activity_at": replied_at}
            if user_id and conversation.user_id is None:
                changes["user_id"] = user_id
            Conversation.objects.filter(pk=conversation.pk).update(**changes)
        messages = [
            Message(
                conversation=conversation,
                sender=Message.Sender.USER,
                text=user_text,
                created_at=received_at,
            )
        ]
        messages += [
            Message(
                conversation=conversation,
                sender=Message.Sender.BOT,
                text=reply.get("text", ""),
                buttons=reply.get("buttons", []),
                links=reply.get("links", []),
                created_at=replied_at,
            )
            for reply in replies
        ]
        Message.objects.bulk_create(messages)


def recent_messages(conversation_id, limit=HISTORY_LIMIT):
    """The last ``limit`` messages, oldest first, as the widget shows them again after a reload."""
    rows = (
        Message.objects.filter(conversation__public_id=conversation_id)
        .order_by("-created_at", "-pk")
        .values("sender", "text", "links")[:limit]
    )
    return [{"sender": row["sender"], "text": row["text"], "links": row["links"]} for row in reversed(rows)]


def purge_before(cutoff):
    """Delete conversations whose last message is older than ``cutoff``; return how many went."""
    # Messages go with their conversation (cascade); callback requests keep their own transcript copy.
    _total, per_model = Conversation.objects.filter(last_activity_at__lt=cutoff).delete()
    return per_model.get(Conversation._meta.label, 0)
