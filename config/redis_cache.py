"""Django's Redis cache with one client per process.

Django keeps its cache objects in a context-local (asgiref ``Local``), and under ASGI every request
runs in a new context, so the stock backend built a new client, a new pool and a new TCP connection
to Redis for every request: a connect, a DNS lookup and two handshake commands before the session
could even be read. It also builds a ``redis.Redis`` object for every command. redis-py's clients
and pools are thread-safe and notice a fork, so one per process is shared by every cache object
with the same servers and options."""

import threading

from django.core.cache.backends import redis as django_redis
from django.utils.functional import cached_property

_clients = {}
_lock = threading.Lock()


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._redis = {}  # pool index -> redis.Redis

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._redis.get(index)
        if client is None:
            client = self._redis[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = _clients.get(key)
        if client is None:
            with _lock:
                client = _clients.get(key)
                if client is None:
                    client = _clients[key] = self._class(self._servers, **self._options)
        return client
