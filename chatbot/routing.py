from django.urls import path

from .consumers import ChatConsumer

# config/asgi.py wraps these in an OriginValidator (CHAT_ALLOWED_ORIGINS) and AuthMiddlewareStack.
websocket_urlpatterns = [
    path("ws/chat/", ChatConsumer.as_asgi()),
]
