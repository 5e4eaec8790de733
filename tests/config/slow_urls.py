"""Views for the ASGI handler tests: one that takes a while and counts how many run at once, and one
that streams until the test lets it finish."""

import threading
import time

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path

running = {"now": 0, "most": 0}
_lock = threading.Lock()
finish_stream = {}  # "event": an asyncio.Event the test sets


def slow(request):
    with _lock:
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
    time.sleep(0.2)
    with _lock:
        running["now"] -= 1
    return HttpResponse("done")


def quick(request):
    return HttpResponse("quick")


def stream(request):
    async def body():
        yield b"first part "
        await finish_stream["event"].wait()
        yield b"last part"

    return StreamingHttpResponse(body())


urlpatterns = [path("slow/", slow), path("quick/", quick), path("stream/", stream)]
