"""Shared fixtures: a fake portal on loopback, and trackers recorded from real conversations."""

import copy
import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.fake_portal import SERVICE_TOKEN, FakePortal, free_port

TRACKERS = Path(__file__).parent / "fixtures" / "trackers"


@pytest.fixture(autouse=True)
def quick_portal_client(monkeypatch):
    """Short timeouts and the fake's service token, whatever the developer's environment says."""
    monkeypatch.setenv("BOT_SERVICE_TOKEN", SERVICE_TOKEN)
    monkeypatch.setenv("PORTAL_API_TIMEOUT", "2")
    monkeypatch.setenv("PORTAL_API_ATTEMPTS", "2")
    monkeypatch.setenv("SEND_TEAM_PHONE", "01234 567890")


@pytest.fixture
async def portal(monkeypatch):
    fake = await FakePortal().start()
    monkeypatch.setenv("WEB_URL", fake.url)
    yield fake
    await fake.stop()


@pytest.fixture
def unreachable_portal(monkeypatch):
    """Nothing listens on this loopback port: connection refused, like a stopped web app."""
    monkeypatch.setenv("WEB_URL", f"http://127.0.0.1:{free_port()}")


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def recorded(scenario: str, action: str, occurrence: int = 1) -> dict:
    """The tracker Rasa sent to the action server when it ran ``action`` in a recorded conversation
    (scripts/record_trackers.py), and the domain it sent with it."""
    data = json.loads((TRACKERS / f"{scenario}.json").read_text())
    calls = [call for call in data["action_calls"] if call["next_action"] == action]
    if len(calls) < occurrence:
        raise LookupError(f"{scenario}: {action} ran {len(calls)} times, not {occurrence}")
    return copy.deepcopy({**calls[occurrence - 1], "domain": data["domain"]})


def tracker_for(
    scenario: str,
    action: str,
    occurrence: int = 1,
    user_token: str | None = "keep",  # noqa: S107 ("keep" the recorded token; not a password)
    **slots,
) -> Tracker:
    """A Tracker from a recorded call, optionally with another user token or other slot values."""
    state = recorded(scenario, action, occurrence)["tracker"]
    if user_token != "keep":
        state["latest_message"].setdefault("metadata", {})["user_token"] = user_token
    state["slots"].update(slots)
    return Tracker.from_dict(state)


def domain_for(scenario: str, action: str, occurrence: int = 1) -> dict:
    return recorded(scenario, action, occurrence)["domain"]


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(message.get("text") or "" for message in dispatcher.messages)


def all_links(dispatcher: CollectingDispatcher) -> list[dict]:
    return [link for m in dispatcher.messages for link in ((m.get("custom") or {}).get("links") or [])]


def all_buttons(dispatcher: CollectingDispatcher) -> list[dict]:
    return [button for m in dispatcher.messages for button in m.get("buttons") or []]


def slot_events(events: list) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
