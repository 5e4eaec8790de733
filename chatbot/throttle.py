"""Chat rate limits: a token bucket per connection (a short burst, then one message every few
seconds), and a count per client address per minute that outlives the connection, so reconnecting
does not reset it."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


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


def client_address(scope):
    """The client's address, by the same rule as allauth's rate limits and the audit log: behind
    ``TRUSTED_PROXY_COUNT`` proxies, the address the outermost one saw; otherwise the peer."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = dict(scope.get("headers") or []).get(b"x-forwarded-for", b"").decode("latin-1")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return (scope.get("client") or ("unknown",))[0]


async def address_allows(address, now=None):
    """True while ``address`` has sent fewer than ``CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE`` messages
    this minute, over all its connections. If the cache cannot be reached the per-connection bucket
    still applies (the chat stays usable, and its safety replies are never held back)."""
    minute = int((time.time() if now is None else now) // 60)
    key = f"chat-rate:{address}:{minute}"
    try:
        await cache.aadd(key, 0, timeout=120)
        count = await cache.aincr(key)
    except Exception:  # the cache is down: fall back to the connection's own limit
        logger.warning("Chat rate limit store unavailable; per-connection limit only", exc_info=True)
        return True
    return count <= settings.CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE
