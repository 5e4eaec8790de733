"""The real Rasa server, started as the Procfile starts it, with the trained model.

Proves the wiring in credentials.yml: the Django channel answers at /webhooks/django/webhook,
refuses a forged, missing or expired token, and the stock REST webhook does not exist.
The action server is deliberately not running, which also shows what a family sees then.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import jwt
import pytest
import requests

from tests.fake_portal import free_port

pytestmark = pytest.mark.model
PROJECT = Path(__file__).resolve().parent.parent
MODEL = PROJECT / "models" / "send-assistant.tar.gz"
SECRET = "stack-test-secret-0123456789abcdef01234567"


def signed(secret: str = SECRET, lifetime: int = 60, user_token: str | None = None) -> str:
    now = int(time.time())
    claims = {"iss": "send-web", "aud": "send-rasa", "sub": uuid.uuid4().hex, "user_token": user_token,
              "iat": now, "exp": now + lifetime}  # fmt: skip
    return jwt.encode(claims, secret, algorithm="HS256")


@pytest.fixture(scope="module")
def rasa_url(tmp_path_factory):
    if not MODEL.exists():
        pytest.skip("no trained model: run `make rasa-model` first")
    endpoints = tmp_path_factory.mktemp("rasa") / "endpoints.yml"
    # Nothing listens on the action server's port; the tracker store is in memory.
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{free_port()}/webhook"\n')
    port = free_port()
    env = {**os.environ, "RASA_JWT_SECRET": SECRET, "RASA_TELEMETRY_ENABLED": "false"}
    rasa = Path(sys.executable).parent / "rasa"
    command = [
        str(rasa), "run", "--interface", "127.0.0.1", "--port", str(port),
        "--credentials", "credentials.yml", "--endpoints", str(endpoints), "--model", str(MODEL),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, "rasa run exited"
            try:
                if requests.get(f"{url}/webhooks/django/", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("Rasa did not start within 3 minutes")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def post(url: str, bearer: str | None, message: str = "hello") -> requests.Response:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    webhook = f"{url}/webhooks/django/webhook"
    return requests.post(webhook, json={"message": message}, headers=headers, timeout=30)


def test_a_signed_message_is_answered(rasa_url):
    reply = post(rasa_url, signed())
    assert reply.status_code == 200
    [greeting] = reply.json()
    assert greeting["text"].startswith("Hello. I'm the SEND assistant.")
    assert {"title": "Talk to a person", "payload": "/talk_to_person"} in greeting["buttons"]


@pytest.mark.parametrize(
    "bearer",
    [None, signed(secret="forged-secret-forged-secret-forged-secret"), signed(lifetime=-120)],
    ids=["missing", "forged", "expired"],
)
def test_a_missing_forged_or_expired_token_is_refused(rasa_url, bearer):
    reply = post(rasa_url, bearer)
    assert (reply.status_code, reply.json()) == (401, {"error": "invalid_token"})


def test_the_stock_rest_channel_is_not_exposed(rasa_url):
    body = {"sender": "x", "message": "hi"}
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", json=body, timeout=10)
    assert reply.status_code == 404


def test_with_the_action_server_down_the_family_gets_an_apology_not_silence(rasa_url):
    reply = post(rasa_url, signed(), "what is an EHCP?")
    assert reply.status_code == 200
    assert reply.json()[0]["text"].startswith("Sorry, something went wrong on our side")
