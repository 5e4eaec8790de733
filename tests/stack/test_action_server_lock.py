"""The action server behind a secret (issue 10): a forged tracker posted to ``/webhook`` from
loopback once created a complaint with the service token's authority. Now every call without
Rasa's ``Authorization`` header is refused before an action runs, and the server will not start
without its secrets."""

import httpx
import pytest

from portal.models import Complaint

from .servers import action_server

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]

FORGED = {
    "next_action": "action_submit_complaint",
    "sender_id": "forged",
    "tracker": {
        "sender_id": "forged",
        "slots": {
            "complaint_category": "Delays",
            "complaint_details": "A forged complaint",
            "contact_name": "Mallory",
            "contact_email": "mallory@example.org",
        },
        "latest_message": {"text": "yes", "intent": {"name": "affirm"}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    },
    "domain": {},
    "version": "3.6.21",
}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "wrong"}, {"X-Action-Secret": "anything"}],
    ids=["none", "wrong bearer", "bare", "other header"],
)
def test_a_call_without_the_secret_is_refused_and_does_nothing(rasa_stack, headers):
    before = Complaint.objects.count()
    response = httpx.post(f"{rasa_stack.actions.url}/webhook", json=FORGED, headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.json() == {"error": "unauthorized"}
    response = httpx.get(f"{rasa_stack.actions.url}/actions", headers=headers, timeout=10)
    assert response.status_code == 401
    assert Complaint.objects.count() == before


def test_the_secret_in_a_query_string_is_not_accepted(rasa_stack):
    secret = rasa_stack.actions.env["RASA_ACTIONS_SECRET"]
    response = httpx.get(f"{rasa_stack.actions.url}/actions", params={"token": secret}, timeout=10)
    assert response.status_code == 401


def test_rasa_itself_gets_through_and_the_health_check_stays_open(rasa_stack):
    secret = rasa_stack.actions.env["RASA_ACTIONS_SECRET"]
    listed = httpx.get(
        f"{rasa_stack.actions.url}/actions", headers={"Authorization": f"Bearer {secret}"}, timeout=10
    )
    assert listed.status_code == 200 and any(a["name"] == "action_submit_complaint" for a in listed.json())
    assert httpx.get(f"{rasa_stack.actions.url}/health", timeout=10).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"RASA_ACTIONS_SECRET": None},
        {"BOT_SERVICE_TOKEN": None},
        {"ALLOW_DEVELOPMENT_SECRETS": None, "RASA_ACTIONS_SECRET": "dev-only-action-server-secret-change-me"},
    ],
    ids=["no action secret", "no service token", "development secret outside development"],
)
def test_the_action_server_refuses_to_start_without_its_secrets(rasa_stack, change):
    env = dict(rasa_stack.actions.env)
    for name, value in change.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    server = action_server(env)
    with pytest.raises(RuntimeError, match="exited while starting"):
        server.start(timeout=120)
    assert any(name in server.log_tail() for name in change)
