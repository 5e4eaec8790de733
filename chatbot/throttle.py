"""A token bucket: a family can send a short burst of messages, then one every few seconds."""

import time


class TokenBucket:
    def __init__(self, capacity, refill_seconds, clock=time.monotonic):
        self.capacity = capacity
        self.refill_seconds = refill_seconds  # one token comes back every refill_seconds
        self.clock = clock
        self.tokens = float(capacity)
        self.updated = clock()

    def take(self):
        """True when a message may go through now (and uses up one token)."""
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) / self.refill_seconds)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
