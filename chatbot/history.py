"""Where a conversation lives: its opaque id in the family's session, its messages in the database.

Kept in the session, the id survives a page reload (the widget and Rasa's tracker carry on) and
ends with the session, so signing out starts a new, unlinked conversation."""

from django.db import transaction
from django.utils import timezone

from portal.models import SafeguardingFlag

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


def record_exchange(conversation_id, user, user_text, received_at, replies, replied_at=None):
    """Store one message from the family and what the family was shown in reply."""
    record_exchanges([(conversation_id, user, user_text, received_at, replies, replied_at or timezone.now())])


def record_exchanges(exchanges):
    """Store many exchanges ``(conversation_id, user, user_text, received_at, replies, replied_at)``,
    from any number of conversations, in one transaction and a handful of queries."""
    conversations = {}
    for conversation_id, user, _text, received_at, _replies, replied_at in exchanges:
        fields = conversations.setdefault(
            conversation_id, {"user_id": None, "started_at": received_at, "last_activity_at": replied_at}
        )
        fields["last_activity_at"] = max(fields["last_activity_at"], replied_at)
        if user is not None:
            fields["user_id"] = user.pk
    with transaction.atomic():
        existing = {c.public_id: c for c in Conversation.objects.filter(public_id__in=conversations)}
        new = [
            Conversation(public_id=key, **fields)
            for key, fields in conversations.items()
            if key not in existing
        ]
        # ignore_conflicts: another web process may have created the same conversation meanwhile.
        Conversation.objects.bulk_create(new, ignore_conflicts=True)
        for key, conversation in existing.items():
            changes = {"last_activity_at": conversations[key]["last_activity_at"]}
            if conversations[key]["user_id"] and conversation.user_id is None:
                changes["user_id"] = conversations[key]["user_id"]
            Conversation.objects.filter(pk=conversation.pk).update(**changes)
        pks = dict(Conversation.objects.filter(public_id__in=conversations).values_list("public_id", "pk"))
        messages = []
        for conversation_id, _user, user_text, received_at, replies, replied_at in exchanges:
            pk = pks[conversation_id]
            messages.append(
                Message(
                    conversation_id=pk, sender=Message.Sender.USER, text=user_text, created_at=received_at
                )
            )
            messages += [
                Message(
                    conversation_id=pk,
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


def purge_before(cutoff, keep_flagged_since=None):
    """Delete conversations whose last message is older than ``cutoff``; return how many went.

    A conversation with a safeguarding flag raised since ``keep_flagged_since`` is kept: it falls
    under the council's safeguarding retention, not the chat's."""
    # Messages go with their conversation (cascade); callback requests keep their own transcript copy.
    old = Conversation.objects.filter(last_activity_at__lt=cutoff)
    if keep_flagged_since is not None:
        flagged = SafeguardingFlag.objects.filter(created_at__gte=keep_flagged_since).exclude(
            conversation_public_id=""
        )
        old = old.exclude(public_id__in=flagged.values("conversation_public_id"))
    _total, per_model = old.delete()
    return per_model.get(Conversation._meta.label, 0)
