"""A minimal ASGI app for the server tests: it answers with the id of the process that served it."""

import os


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return
    body = str(os.getpid()).encode()
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(body))]}
    )
    await send({"type": "http.response.body", "body": body})
