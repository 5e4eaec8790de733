"""Fixtures for whole conversations through the real services.

``web_server``: the project's ASGI app served by uvicorn in a thread of the test process, so the
consumers, the internal bot API and the tests all use the same test database. ``rasa_stack``: the
trained Rasa model and the action server as real subprocesses on free loopback ports, with the
action server calling that web app. Tests that need Rasa are skipped, with the reason, only while
the trained model file is missing."""

import json
import time
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client
from websockets.sync.client import connect

from chatbot import history_writer, rasa_client

from .servers import MODEL, RASA_BIN, RasaProcess, WebServer, action_server, rasa_env, rasa_server


@dataclass
class Stack:
    web: WebServer
    rasa: RasaProcess
    actions: RasaProcess


@pytest.fixture(scope="session")
def web_server():
    from config.asgi import application

    server = WebServer(application).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def rasa_stack(web_server, tmp_path_factory):
    if not MODEL.exists():
        pytest.skip(
            "the Rasa model is not trained yet (chatbot/rasa/models/send-assistant.tar.gz): make rasa-model"
        )
    if not RASA_BIN.exists():
        pytest.fail("Rasa is not installed in .venv-rasa: run `make rasa-venv`.")
    env = rasa_env(web_server.url, django_settings.RASA_JWT_SECRET, django_settings.BOT_SERVICE_TOKEN)
    actions = action_server(env).start()
    try:
        rasa = rasa_server(env, actions.url, tmp_path_factory.mktemp("rasa")).start()
    except Exception:
        actions.stop()
        raise
    yield Stack(web=web_server, rasa=rasa, actions=actions)
    rasa.stop()
    actions.stop()


def wait_for_chat_writes(timeout=10):
    """Wait until the web app has stored every chat exchange it has sent.

    The consumer stores exchanges in the background; on the in-memory SQLite test database a write
    still running when a test reads or empties the tables fails with "database table is locked"."""
    time.sleep(0.05)  # the exchange is queued just after its last reply frame goes out
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        writers = history_writer._writers.all()
        if not any(writer.pending or (writer.task and not writer.task.done()) for writer in writers):
            return
        time.sleep(0.02)
    raise TimeoutError("chat exchanges were not stored in time")


@pytest.fixture
def prompt_chat_writes(monkeypatch):
    monkeypatch.setattr(history_writer, "MAX_DELAY_SECONDS", 0.01)


@pytest.fixture
def stack(rasa_stack, settings, transactional_db, prompt_chat_writes):
    """The whole stack for one test, with the bridge pointed at the real Rasa."""
    settings.RASA_URL = rasa_stack.rasa.url
    rasa_client.set_transport(None)
    if rasa_stack.actions.process is None:  # a test stopped it
        rasa_stack.actions.start()
    yield rasa_stack
    wait_for_chat_writes()


class Chat:
    """A family's browser tab, as far as the WebSocket goes."""

    def __init__(self, web, session_cookie=None):
        headers = {"Origin": web.url}
        if session_cookie:
            headers["Cookie"] = f"sessionid={session_cookie}"
        self.ws = connect(web.ws_url, additional_headers=headers, open_timeout=10)
        self.transcript = []

    def ask(self, text, timeout=60):
        """Send ``text``; return every reply (the first may take a while, the rest come together)."""
        self.ws.send(json.dumps({"message": text}))
        replies = [json.loads(self.ws.recv(timeout=timeout))]
        while True:
            try:
                replies.append(json.loads(self.ws.recv(timeout=0.75)))
            except TimeoutError:
                break
        self.transcript.append((text, replies))
        return replies

    def close(self):
        self.ws.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def text_of(replies):
    return "\n".join(reply.get("text", "") for reply in replies)


def links_of(replies):
    return [link for reply in replies for link in reply.get("links", [])]


def buttons_of(replies):
    return [button for reply in replies for button in reply.get("buttons", [])]


def sign_in(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
