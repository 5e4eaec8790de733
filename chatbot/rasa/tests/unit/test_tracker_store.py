"""The tracker store keeps no sign-in token and purges whole old conversations (tracker_stores.py)."""

import json
import sqlite3
import time

import pytest
from rasa.shared.core.constants import SESSION_START_METADATA_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from scripts import purge_trackers
from tracker_stores import ScrubbedSQLTrackerStore

TOKEN = "signed.user.token-abc123"
DOMAIN = Domain.from_dict({"intents": ["greet"], "slots": {}})


@pytest.fixture
def store(tmp_path):
    return ScrubbedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "trackers.db"))


def conversation(sender, at, token=TOKEN):
    metadata = {"user_token": token, "other": "kept"}
    events = [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(metadata=metadata, timestamp=at),
        SlotSet(SESSION_START_METADATA_SLOT, metadata, timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
        UserUttered("where is my son's plan", {"name": "greet"}, metadata=metadata, timestamp=at),
    ]
    return DialogueStateTracker.from_events(sender, events, slots=DOMAIN.slots)


def stored_rows(store):
    with sqlite3.connect(store.engine.url.database) as db:
        return db.execute("SELECT sender_id, data FROM events").fetchall()


async def test_no_sign_in_token_is_written_and_other_metadata_is_kept(store):
    await store.save(conversation("abc", time.time()))
    rows = stored_rows(store)
    assert rows and all(TOKEN not in data and "user_token" not in data for _sender, data in rows)
    assert any('"other": "kept"' in data for _sender, data in rows)
    tracker = await store.retrieve("abc")
    assert "user_token" not in json.dumps(tracker.current_state())
    assert tracker.get_slot(SESSION_START_METADATA_SLOT) == {"other": "kept"}


async def test_the_purge_deletes_whole_old_conversations_and_keeps_recent_ones(store):
    now = time.time()
    await store.save(conversation("old", now - 100 * 86400))
    await store.save(conversation("recent", now - 10 * 86400))
    mixed = conversation("mixed", now - 100 * 86400)
    mixed.update(UserUttered("still here", {"name": "greet"}, timestamp=now - 86400))
    await store.save(mixed)
    assert store.purge_before(now - 90 * 86400) == (1, 5)
    assert {sender for sender, _data in stored_rows(store)} == {"recent", "mixed"}


async def test_the_purge_script_reads_the_endpoints_file(store, tmp_path, capsys):
    await store.save(conversation("old", time.time() - 100 * 86400))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f'tracker_store:\n  type: tracker_stores.ScrubbedSQLTrackerStore\n  dialect: "sqlite"\n'
        f'  db: "{store.engine.url.database}"\n'
    )
    assert purge_trackers.main(["--endpoints", str(endpoints), "--days", "90"]) == 0
    assert "Purged 1 conversation(s), 5 event(s)" in capsys.readouterr().out
    assert stored_rows(store) == []
