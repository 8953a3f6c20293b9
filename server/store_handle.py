"""The read-only store a server process queries, reopened when `scokg build` swaps in a new one."""
from __future__ import annotations

import threading
from pathlib import Path

from pyoxigraph import Store

from scokg.graph.store import StoreVersion, open_version


class CurrentStore:
    """Hands out the store the store path currently points to.

    `scokg build` moves the store symlink atomically; each call to `get()` compares the link's
    target with the version opened and opens the new one on change. Every version this process
    has open stays held (builds and updates do not remove it) until no request refers to its
    store any more: requests that already hold the old store finish on it.
    """

    def __init__(self, store_path: Path) -> None:
        self._path = Path(store_path)
        self._lock = threading.Lock()
        self._current: StoreVersion = open_version(self._path)
        self._retired: list[StoreVersion] = []

    def get(self) -> Store:
        """The store for this request."""
        target = self._path.resolve()
        with self._lock:
            if target != self._current.path:
                opened = open_version(self._path)
                self._retired.append(self._current)
                self._current = opened
            if self._retired:
                self._release_unused()
            return self._current.store

    @property
    def version(self) -> str:
        """An identifier of the store version being served (changes on every rebuild)."""
        return self._current.path.name

    def _release_unused(self) -> None:
        """Close the superseded versions no request uses any more (the caller holds the lock)."""
        still_used = []
        for version in self._retired:
            if version.in_use():
                still_used.append(version)
            else:
                version.close()
        self._retired = still_used
