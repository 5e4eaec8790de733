"""Conversations are kept for CHAT_RETENTION_DAYS, then `purge_chat_history` deletes them."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from chatbot.models import CallbackRequest, Conversation, Message

pytestmark = pytest.mark.django_db


def conversation_last_active(days_ago):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    conversation = Conversation.objects.create(started_at=when, last_activity_at=when)
    Message.objects.create(
        conversation=conversation, sender="user", text=f"{days_ago} days ago", created_at=when
    )
    return conversation


def test_deletes_only_conversations_older_than_the_retention_period(settings):
    settings.CHAT_RETENTION_DAYS = 30
    old = conversation_last_active(31)
    recent = conversation_last_active(29)
    callback = CallbackRequest.objects.create(
        idempotency_key="k",
        conversation=old,
        contact_name="A",
        contact_email="a@example.org",
        reason="r",
        transcript=[{"sender": "user", "text": "31 days ago", "at": ""}],
    )
    out = StringIO()
    call_command("purge_chat_history", stdout=out)
    assert "Deleted 1 conversation(s)" in out.getvalue()
    assert list(Conversation.objects.all()) == [recent]
    assert list(Message.objects.values_list("text", flat=True)) == ["29 days ago"]
    # The callback request is a case record: it stays, with its own copy of the transcript.
    callback.refresh_from_db()
    assert callback.conversation is None and callback.transcript[0]["text"] == "31 days ago"


def test_days_option_overrides_the_setting(settings):
    settings.CHAT_RETENTION_DAYS = 90
    conversation_last_active(10)
    call_command("purge_chat_history", "--days", "7", stdout=StringIO())
    assert not Conversation.objects.exists()


def test_an_old_conversation_still_in_use_is_kept(settings):
    settings.CHAT_RETENTION_DAYS = 30
    conversation = conversation_last_active(100)
    Conversation.objects.filter(pk=conversation.pk).update(last_activity_at=timezone.now())
    call_command("purge_chat_history", stdout=StringIO())
    assert Conversation.objects.exists()


def test_refuses_a_retention_of_zero_days():
    with pytest.raises(CommandError, match="at least 1 day"):
        call_command("purge_chat_history", "--days", "0", stdout=StringIO())
