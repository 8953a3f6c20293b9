"""The read-only store a server process queries, reopened when `scokg build` swaps in a new one."""
from __future__ import annotations

import threading
from pathlib import Path

from pyoxigraph import Store

from scokg.graph.store import open_read_only


class CurrentStore:
    """Hands out the store the store path currently points to.

    `scokg build` moves the store symlink atomically; each call to `get()` compares the link's
    target with the one opened and reopens on change. Requests that already hold the old
    handle finish on it.
    """

    def __init__(self, store_path: Path) -> None:
        self._path = Path(store_path)
        self._lock = threading.Lock()
        self._target = self._path.resolve()
        self._store = open_read_only(self._path)

    def get(self) -> Store:
        """The store for this request."""
        target = self._path.resolve()
        if target != self._target:
            with self._lock:
                if target != self._target:
                    self._store = open_read_only(self._path)
                    self._target = target
        return self._store

    @property
    def version(self) -> str:
        """An identifier of the store version being served (changes on every rebuild)."""
        return self._target.name
