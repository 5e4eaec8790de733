"""ASGI entry point: HTTP goes to Django (cached public pages straight from the cache), WebSockets
to the chatbot's Channels routing."""

import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# Django must be set up before the consumers (and their models) are imported.
django.setup(set_prefix=False)

from config.asgi_handler import PooledThreadASGIHandler  # noqa: E402

django_asgi_app = PooledThreadASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from chatbot.routing import websocket_urlpatterns  # noqa: E402
from cms.page_cache import PageCacheASGI  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Cached public pages are answered before Django's request handling; the rest goes on to it.
        "http": PageCacheASGI(django_asgi_app),
        "websocket": OriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns)), settings.CHAT_ALLOWED_ORIGINS
        ),
    }
)

# What is loaded by now (Django, Wagtail, every app's modules) lives as long as the process. Left in
# the collector's generations, each full collection walks it all again: pauses of 100 ms and more in
# the middle of a request (seen on the timeliness dashboard). Frozen, it is never walked.
gc.freeze()
