"""Writes chat exchanges to the database in batches, off the conversation's path.

Channels runs every ``database_sync_to_async`` call of a process on one thread, and each call
opens and closes a database connection. One write per message would queue 50 busy conversations
behind each other; instead each event loop has one writer that stores whatever has arrived, every
``MAX_DELAY_SECONDS`` or ``MAX_BATCH`` exchanges, in one transaction, first come first stored."""

import asyncio
import contextlib
import logging

from channels.db import database_sync_to_async

from config.per_loop import PerLoop

from .history import record_exchanges

logger = logging.getLogger(__name__)

MAX_DELAY_SECONDS = 0.2
MAX_BATCH = 200


class HistoryWriter:
    def __init__(self):
        self.pending = []  # (exchange, future) in arrival order
        self.full = asyncio.Event()
        self.task = None

    def submit(self, exchange):
        """Queue one exchange; the returned future is done once it is stored (True) or failed (False)."""
        future = asyncio.get_running_loop().create_future()
        self.pending.append((exchange, future))
        if len(self.pending) >= MAX_BATCH:
            self.full.set()
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self.run())
        return future

    async def run(self):
        while self.pending:
            with contextlib.suppress(TimeoutError):  # the batch is full, or it has waited long enough
                await asyncio.wait_for(self.full.wait(), MAX_DELAY_SECONDS)
            self.full.clear()
            batch, self.pending = self.pending, []
            try:
                await database_sync_to_async(record_exchanges)([exchange for exchange, _ in batch])
                stored = True
            except Exception:  # losing transcript lines must not break any conversation
                logger.exception("Could not store %d chat exchange(s)", len(batch))
                stored = False
            for _, future in batch:
                if not future.done():
                    future.set_result(stored)


_writers = PerLoop(HistoryWriter)


def get_writer():
    return _writers.get()
