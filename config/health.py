"""/healthz: the state of every service the site depends on, for a load balancer or a person.

200 when all are up; 503 naming what is down. Each check has a short timeout so a dead service
makes the answer "down", never a hung request."""

import asyncio
import time

import httpx
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

CHECK_TIMEOUT_SECONDS = 2.0


def _query_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


async def check_database():
    await database_sync_to_async(_query_database)()


async def check_cache():
    """The cache (Redis in production): sessions, rate limits and the page cache live in it."""
    await cache.aset("healthz:cache", "ok", 10)
    if await cache.aget("healthz:cache") != "ok":
        raise RuntimeError("the cache did not keep a value")


async def check_channel_layer():
    layer = get_channel_layer()
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError("channel layer returned the wrong message")


async def _check_http(url):
    async with httpx.AsyncClient(timeout=CHECK_TIMEOUT_SECONDS) as client:
        response = await client.get(url)
        response.raise_for_status()


async def check_rasa():
    await _check_http(f"{settings.RASA_URL}/")


async def check_actions():
    await _check_http(f"{settings.RASA_ACTIONS_URL}/health")


def enabled_checks():
    checks = {"database": check_database, "cache": check_cache, "channel_layer": check_channel_layer}
    if settings.HEALTHZ_CHECK_CHATBOT:
        checks |= {"rasa": check_rasa, "actions": check_actions}
    return checks


async def _run(check):
    started = time.perf_counter()
    try:
        await asyncio.wait_for(check(), timeout=CHECK_TIMEOUT_SECONDS)
    except Exception as exc:  # any failure means "down"; the reason is reported, not raised
        return {"status": "down", "error": f"{type(exc).__name__}: {exc}"[:200]}
    return {"status": "up", "ms": round((time.perf_counter() - started) * 1000, 1)}


async def healthz(request):
    checks = enabled_checks()
    results = await asyncio.gather(*(_run(check) for check in checks.values()))
    services = dict(zip(checks, results, strict=True))
    down = [name for name, result in services.items() if result["status"] != "up"]
    body = {"status": "down" if down else "up", "down": down, "services": services}
    return JsonResponse(body, status=503 if down else 200)
