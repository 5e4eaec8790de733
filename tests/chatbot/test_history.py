"""Storing exchanges: in batches, in order, across conversations."""

import datetime

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chatbot import history_writer
from chatbot.history import record_exchanges
from chatbot.models import Conversation, Message


def exchange(conversation_id, text, user=None, seconds=0):
    at = timezone.now() + datetime.timedelta(seconds=seconds)
    return (
        conversation_id,
        user,
        text,
        at,
        [{"type": "bot", "text": f"re: {text}", "buttons": [], "links": []}],
        at,
    )


@pytest.mark.django_db
def test_a_batch_from_many_conversations_takes_a_fixed_number_of_queries(parent):
    Conversation.objects.create(public_id="a" * 32)
    batch = [
        exchange("a" * 32, "one", seconds=1),
        exchange("b" * 32, "two", parent),
        exchange("a" * 32, "three", seconds=2),
    ]
    batch += [exchange(f"{n:032x}", f"more {n}") for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        record_exchanges(batch)
    assert len(queries) <= 8  # not one round of queries per exchange
    a = Conversation.objects.get(public_id="a" * 32)
    assert list(a.messages.values_list("text", flat=True)) == ["one", "re: one", "three", "re: three"]
    assert a.last_activity_at == batch[2][5]
    assert Conversation.objects.get(public_id="b" * 32).user == parent
    assert Message.objects.count() == 46


@pytest.mark.django_db(transaction=True)
async def test_writer_stores_everything_submitted_in_order(monkeypatch):
    calls = []
    real = record_exchanges

    def counting(exchanges):
        calls.append(len(exchanges))
        real(exchanges)

    monkeypatch.setattr(history_writer, "record_exchanges", counting)
    writer = history_writer.HistoryWriter()
    futures = [writer.submit(exchange("c" * 32, f"m{n}", seconds=n)) for n in range(30)]
    assert [await future for future in futures] == [True] * 30
    assert sum(calls) == 30 and len(calls) <= 2
    texts = await database_sync_to_async(
        lambda: list(Message.objects.filter(sender="user").values_list("text", flat=True))
    )()
    assert texts == [f"m{n}" for n in range(30)]


@pytest.mark.django_db(transaction=True)
async def test_writer_reports_a_failed_batch_and_keeps_going(monkeypatch):
    def broken(exchanges):
        raise RuntimeError("database down")

    monkeypatch.setattr(history_writer, "record_exchanges", broken)
    writer = history_writer.HistoryWriter()
    assert await writer.submit(exchange("d" * 32, "lost")) is False
    monkeypatch.setattr(history_writer, "record_exchanges", record_exchanges)
    assert await writer.submit(exchange("d" * 32, "kept")) is True
