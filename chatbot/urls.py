from django.urls import path

from . import bot_api, views

app_name = "chatbot"

urlpatterns = [
    path("internal/bot/callbacks/", bot_api.callbacks, name="bot_callbacks"),
    path("chat/conversation/", views.conversation, name="conversation"),
]
