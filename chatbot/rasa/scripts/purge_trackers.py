"""Delete Rasa's stored conversations older than the chat retention (``CHAT_RETENTION_DAYS``),
whole conversations at a time: the web app's ``purge_chat_history`` removes its own copy, this one
removes Rasa's. Run daily by the Procfile's housekeeping, from chatbot/rasa:

    ../../.venv-rasa/bin/python scripts/purge_trackers.py --endpoints endpoints.yml --days 90
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import read_endpoints_from_path

from tracker_stores import ScrubbedSQLTrackerStore


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--days", type=int, required=True)
    args = parser.parse_args(argv)
    store = TrackerStore.create(read_endpoints_from_path(args.endpoints).tracker_store)
    if not isinstance(store, ScrubbedSQLTrackerStore):
        print(f"The tracker store is {type(store).__name__}: nothing kept on disk to purge.")
        return 0
    conversations, events = store.purge_before(time.time() - args.days * 86400)
    print(
        f"Purged {conversations} conversation(s), {events} event(s) older than {args.days} days "
        "from Rasa's store."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
