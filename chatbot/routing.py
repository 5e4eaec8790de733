from django.urls import path

from .consumers import ChatConsumer

# config/asgi.py wraps these in AllowedHostsOriginValidator and AuthMiddlewareStack.
websocket_urlpatterns = [
    path("ws/chat/", ChatConsumer.as_asgi()),
]
