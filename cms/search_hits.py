"""How often families search for each query: Wagtail's "Promoted search results" report, which
tells communications staff what families look for.

A search answered from the page cache never reaches the search view, so the cached page carries
its query and every answer of it is counted here. The ASGI front counts in memory and writes the
counts of each event loop once a second in one transaction (a write per search would queue every
search behind the database); everywhere else a search is counted as it is answered."""

import asyncio
import logging
from collections import Counter

from channels.db import database_sync_to_async
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from config.per_loop import PerLoop

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0


def record(counts, date=None):
    """Adds ``counts`` ({query: hits}) to today's hits of each query."""
    date = date or timezone.localdate()
    with transaction.atomic():
        for query_string, hits in sorted(counts.items()):
            daily, _ = QueryDailyHits.objects.get_or_create(query=Query.get(query_string), date=date)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


class HitCounter:
    """Counts searches in one event loop and writes them every FLUSH_SECONDS."""

    def __init__(self):
        self.counts = Counter()
        self.task = None

    def add(self, query_string):
        self.counts[query_string] += 1
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self.run())

    async def run(self):
        while self.counts:
            await asyncio.sleep(FLUSH_SECONDS)
            counts, self.counts = self.counts, Counter()
            try:
                await database_sync_to_async(record)(counts)
            except Exception:  # a lost count must never fail a family's search
                logger.exception("Could not store %d search count(s)", sum(counts.values()))


_counters = PerLoop(HitCounter)


def count_in_loop(query_string):
    """Counts one search from async code (the ASGI front), batched per event loop."""
    _counters.get().add(query_string)


def count_now(query_string):
    """Counts one search from synchronous code (the search view, the cache middleware)."""
    try:
        record({query_string: 1})
    except Exception:  # a lost count must never fail a family's search
        logger.exception("Could not store a search count")
