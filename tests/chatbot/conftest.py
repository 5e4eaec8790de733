"""A fake Rasa for the chat tests: an ``httpx.MockTransport`` injected into the bridge's client,
recording what the bridge sent and answering with whatever the test set."""

import json

import httpx
import pytest
from django.test import Client

from chatbot import rasa_client


class FakeRasa:
    def __init__(self):
        self.requests = []
        self.replies = [{"recipient_id": "x", "text": "Hello"}]
        self.status = 200
        self.error = None  # an httpx exception to raise instead of answering

    def handle(self, request):
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        return httpx.Response(self.status, json=self.replies)

    @property
    def bodies(self):
        return [json.loads(request.content) for request in self.requests]

    @property
    def tokens(self):
        return [request.headers["authorization"].removeprefix("Bearer ") for request in self.requests]


@pytest.fixture
def fake_rasa(settings):
    settings.RASA_URL = "http://rasa.test:5005"
    rasa = FakeRasa()
    rasa_client.set_transport(httpx.MockTransport(rasa.handle))
    yield rasa
    rasa_client.set_transport(None)


@pytest.fixture
def parent(django_user_model):
    return django_user_model.objects.create_user(
        email="parent@example.org", password="a-long-test-password", first_name="Pat", last_name="Parent"
    )


@pytest.fixture
def signed_in_cookie(parent):
    """The session cookie a browser would send after signing in."""
    client = Client()
    client.force_login(parent)
    return client.cookies["sessionid"].value
