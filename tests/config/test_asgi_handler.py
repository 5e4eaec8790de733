"""The ASGI handler works on at most WEB_THREADS requests at once per process, and a streaming
response does not hold a slot while it streams."""

import asyncio

import pytest

from config.asgi_handler import PooledThreadASGIHandler
from tests.config import slow_urls


async def get(app, path):
    """Status and body of one GET through the ASGI app."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip
    answered = asyncio.Event()
    requested = False
    status, body = None, b""

    async def receive():
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        nonlocal status, body
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")
            if not message.get("more_body"):
                answered.set()

    await app(scope, receive, send)
    return status, body


@pytest.fixture
def app(settings):
    settings.ROOT_URLCONF = "tests.config.slow_urls"
    settings.WEB_THREADS = 2
    return PooledThreadASGIHandler()


async def test_at_most_web_threads_requests_are_worked_on_at_once(app):
    slow_urls.running.update(now=0, most=0)
    answers = await asyncio.gather(*(get(app, "/slow/") for _ in range(6)))
    assert answers == [(200, b"done")] * 6
    assert slow_urls.running["most"] == 2


async def test_a_response_still_streaming_does_not_hold_a_slot(settings):
    settings.ROOT_URLCONF = "tests.config.slow_urls"
    settings.WEB_THREADS = 1
    app = PooledThreadASGIHandler()
    slow_urls.finish_stream["event"] = asyncio.Event()
    streaming = asyncio.create_task(get(app, "/stream/"))
    await asyncio.sleep(0.3)
    assert not streaming.done()
    # The only slot is free again: another family's page is answered while the download goes on.
    assert await asyncio.wait_for(get(app, "/quick/"), 10) == (200, b"quick")
    slow_urls.finish_stream["event"].set()
    assert await asyncio.wait_for(streaming, 10) == (200, b"first part last part")
