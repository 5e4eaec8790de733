"""Search counts reach Wagtail's promoted-search report, batched when they come from the ASGI front."""

import pytest
from wagtail.contrib.search_promotions.models import Query

from cms import search_hits


@pytest.mark.django_db
def test_counts_are_added_to_todays_hits():
    search_hits.record({"annual review": 3, "transport": 1})
    search_hits.record({"annual review": 2})
    assert Query.get("annual review").hits == 5
    assert Query.get("Transport").hits == 1


# The writer goes through Channels' database_sync_to_async, which tidies database connections.
@pytest.mark.django_db
async def test_the_counter_writes_a_loops_searches_in_one_batch(monkeypatch):
    batches = []
    monkeypatch.setattr(search_hits, "record", lambda counts: batches.append(dict(counts)))
    monkeypatch.setattr(search_hits, "FLUSH_SECONDS", 0.01)
    for query in ("tribunal", "tribunal", "mediation"):
        search_hits.count_in_loop(query)
    await search_hits._counters.get().task
    assert batches == [{"tribunal": 2, "mediation": 1}]


@pytest.mark.django_db
async def test_a_failed_write_never_reaches_the_family(monkeypatch, caplog):
    def broken(counts):
        raise RuntimeError("database down")

    monkeypatch.setattr(search_hits, "record", broken)
    monkeypatch.setattr(search_hits, "FLUSH_SECONDS", 0.01)
    search_hits.count_in_loop("tribunal")
    await search_hits._counters.get().task
    assert "Could not store 1 search count(s)" in caplog.text
