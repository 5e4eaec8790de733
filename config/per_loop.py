"""One object per running asyncio event loop.

Objects holding loop-bound state (a client's connections, a background task, queued work) must not
cross event loops. A served process has one loop, but tests and ``async_to_sync`` start many; the
objects of loops that have closed are dropped."""

import asyncio


class PerLoop:
    def __init__(self, factory, usable=None):
        """``factory()`` makes a loop's object; one that ``usable(obj)`` rejects is made again."""
        self._factory = factory
        self._usable = usable
        self._objects = {}

    def get(self):
        """The running loop's object, made on first use."""
        loop = asyncio.get_running_loop()
        for closed in [known for known in self._objects if known.is_closed()]:
            del self._objects[closed]
        found = self._objects.get(loop)
        if found is None or (self._usable is not None and not self._usable(found)):
            found = self._objects[loop] = self._factory()
        return found

    def all(self):
        """Every loop's object, e.g. for a test waiting on their background work from another thread."""
        return list(self._objects.values())

    def clear(self):
        self._objects.clear()
