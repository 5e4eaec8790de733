"""Django's ASGI handler, working on at most ``WEB_THREADS`` requests at once per process, each on
a pooled thread.

Under ASGI every request in flight gets a thread, and each passes between that thread and the
event loop several times (Django's sync middleware, its async request handling, the view). With
ten signed-in families at once per worker, those threads and the loop spent their time handing the
interpreter lock to one another: in the portal benchmark a worker served 150 requests a second
where, letting a few requests in at a time, it served 200. A request waits for a slot in the event
loop, which costs nothing, and gives the slot back as soon as its response starts, so a slow
download holds none; a long request (a spreadsheet import) holds one until it answers.

Django also started a thread for every request and joined it afterwards through another thread;
here each request takes a one-thread executor from a free list and gives it back. One request's
middleware and view still run on one thread, as Django's thread-sensitive code needs, and Django
closes the request's database connection at its end as before."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler

from config.per_loop import PerLoop

# Threads beyond this many idle ones (after a burst of slow responses) are let go.
MAX_IDLE = 64


class PooledThreadASGIHandler(ASGIHandler):
    def __init__(self):
        super().__init__()
        self._idle = []
        self._slots = PerLoop(lambda: asyncio.Semaphore(settings.WEB_THREADS))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        slots = self._slots.get()
        await slots.acquire()
        holding = True

        def release():
            nonlocal holding
            if holding:
                holding = False
                slots.release()

        async def send_then_release(message):
            if message["type"] == "http.response.start":
                release()
            await send(message)

        executor = self._idle.pop() if self._idle else ThreadPoolExecutor(1, thread_name_prefix="request")
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send_then_release)
        finally:
            release()
            if len(self._idle) < MAX_IDLE:
                self._idle.append(executor)
            else:
                executor.shutdown(wait=False)
