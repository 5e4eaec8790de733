"""The references already met earlier in the file, to reject a reference that appears twice.

Kept in a throwaway SQLite file rather than a Python set, so that a 100,000-row file costs disk,
not memory: the import's memory stays the same whatever the size of the file."""

import sqlite3
import tempfile
from pathlib import Path

# SQLite's default limit on variables in one statement is 32766; stay well under it.
CHUNK = 900


class SeenReferences:
    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="plans-import-")
        self._db = sqlite3.connect(Path(self._dir.name) / "seen.sqlite3")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (reference TEXT PRIMARY KEY, row INTEGER NOT NULL) WITHOUT ROWID")

    def first_rows(self, references):
        """{reference: row it was first seen on} for those of ``references`` already added."""
        found = {}
        references = list(references)
        for start in range(0, len(references), CHUNK):
            chunk = references[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(f"SELECT reference, row FROM seen WHERE reference IN ({marks})", chunk)  # noqa: S608
            )
        return found

    def add(self, pairs):
        """Remember ``(reference, row)`` pairs."""
        self._db.executemany("INSERT OR IGNORE INTO seen (reference, row) VALUES (?, ?)", pairs)

    def close(self):
        self._db.close()
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
