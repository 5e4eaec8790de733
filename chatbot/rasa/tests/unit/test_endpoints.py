"""The endpoint files as Rasa reads them: every ``${VAR}`` expanded (Rasa leaves a quoted one
literal), the action server's secret sent as a header, and a missing variable refused."""

from pathlib import Path

import pytest
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.exceptions import RasaException

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "RASA_ACTIONS_WEBHOOK_URL": "http://actions.internal:5055/webhook",
    "RASA_ACTIONS_SECRET": "a-random-action-server-secret",
    "RASA_TRACKER_DB_HOST": "db.internal",
    "RASA_TRACKER_DB_PORT": "5432",
    "RASA_TRACKER_DB_NAME": "send_rasa_tracker",
    "RASA_TRACKER_DB_USER": "rasa",
    "RASA_TRACKER_DB_PASSWORD": "tracker-password",
    "RASA_LOCK_REDIS_HOST": "redis.internal",
    "RASA_LOCK_REDIS_PORT": "6379",
    "RASA_LOCK_REDIS_DB": "2",
}


@pytest.fixture
def production_env(monkeypatch):
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)


@pytest.mark.usefixtures("production_env")
def test_production_endpoints_take_every_value_from_the_environment():
    endpoints = read_endpoints_from_path(PROJECT / "endpoints.production.yml")
    assert endpoints.action.url == PRODUCTION["RASA_ACTIONS_WEBHOOK_URL"]
    assert endpoints.action.headers == {"Authorization": "Bearer a-random-action-server-secret"}
    assert endpoints.action.params == {}  # never a token in the query string
    tracker, lock = endpoints.tracker_store.kwargs, endpoints.lock_store.kwargs
    assert endpoints.tracker_store.url == "db.internal" and tracker["password"] == "tracker-password"
    assert str(tracker["port"]) == "5432" and endpoints.lock_store.url == "redis.internal"
    assert str(lock["db"]) == "2"
    for value in [*tracker.values(), *lock.values()]:
        assert "${" not in str(value)


@pytest.mark.parametrize("name", ["endpoints.yml", "endpoints.production.yml"])
def test_without_the_action_servers_secret_rasa_refuses_the_endpoints(production_env, monkeypatch, name):
    monkeypatch.delenv("RASA_ACTIONS_SECRET")
    with pytest.raises(RasaException, match="RASA_ACTIONS_SECRET"):
        read_endpoints_from_path(PROJECT / name)
