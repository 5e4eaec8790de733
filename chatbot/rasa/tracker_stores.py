"""Rasa's tracker store for this assistant: the SQL store, minus the family's credentials.

The Django channel puts the web app's signed user token in each message's metadata, because the
actions need it to read that family's case (``actions.conversation.user_token``). Rasa would keep
it for good: in every ``user`` event, in the ``session_started`` metadata and in the
``session_started_metadata`` slot. This store takes it out of all three just before the turn's events
are written (the actions have run by then), so no signed token is ever stored, and a tracker read
back has none. A custom tracker store is Rasa's documented extension point (``type:
tracker_stores.ScrubbedSQLTrackerStore`` in endpoints.yml); the rest is the stock SQL store.

``purge_before`` deletes whole conversations whose last event is older than a cut-off: Rasa's store
has no delete of its own, so it goes through the store's session and event table
(scripts/purge_trackers.py runs it daily).
"""

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import SESSION_START_METADATA_SLOT
from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

# Metadata keys that carry a credential. The channel sets only this one today.
SECRET_METADATA = ("user_token",)


def _without_secrets(metadata):
    if not isinstance(metadata, dict) or not any(key in metadata for key in SECRET_METADATA):
        return metadata
    return {key: value for key, value in metadata.items() if key not in SECRET_METADATA}


def scrub(tracker: DialogueStateTracker) -> None:
    """Take every credential out of ``tracker``'s events and session metadata slot, in place."""
    for event in tracker.events:
        if isinstance(event, (UserUttered, SessionStarted)):
            event.metadata = _without_secrets(event.metadata)
        if isinstance(event, UserUttered):
            event.parse_data["metadata"] = _without_secrets(event.parse_data.get("metadata"))
        if isinstance(event, SlotSet) and event.key == SESSION_START_METADATA_SLOT:
            event.value = _without_secrets(event.value)
    slot = tracker.slots.get(SESSION_START_METADATA_SLOT)
    if slot is not None:
        slot.value = _without_secrets(slot.value)


class ScrubbedSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        scrub(tracker)
        await super().save(tracker)

    def purge_before(self, cutoff_timestamp: float) -> tuple[int, int]:
        """Delete every conversation whose newest event is older than ``cutoff_timestamp``.

        Returns (conversations, events) deleted."""
        import sqlalchemy as sa

        event = self.SQLEvent
        with self.session_scope() as session:
            stale = (
                session.query(event.sender_id)
                .group_by(event.sender_id)
                .having(sa.func.max(event.timestamp) < cutoff_timestamp)
            )
            senders = [row[0] for row in stale]
            deleted = 0
            for start in range(0, len(senders), 500):
                batch = senders[start : start + 500]
                deleted += (
                    session.query(event).filter(event.sender_id.in_(batch)).delete(synchronize_session=False)
                )
            session.commit()
        return len(senders), deleted
