"""The store a server process queries: a local version reopened when `scokg build` swaps in a new
one, or a remote store whose data version is checked now and then."""
from __future__ import annotations

import math
import threading
import time
from pathlib import Path

from pyoxigraph import Store

from scokg.graph.remote import RemoteClient, RemoteEndpoints, RemoteError
from scokg.graph.store import StoreVersion, open_version
from scokg.settings import Settings


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


_UNREACHABLE = "unreachable"


class RemoteHandle:
    """Hands out the client of a remote store, with a version read from the data.

    The version is a digest of the remote's named graphs and their sizes, read again at most every
    `refresh_s` seconds; `get()` returns a new client object when it changes, so caches keyed by
    the store object (search) or by the version (VoID, dumps) are rebuilt after a remote rebuild.
    """

    def __init__(self, endpoints: RemoteEndpoints, timeout_s: float, refresh_s: float = 5.0) -> None:
        self._endpoints = endpoints
        self._timeout_s = timeout_s
        self._refresh_s = refresh_s
        self._lock = threading.Lock()
        self._client = RemoteClient(endpoints, timeout_s)
        self._version = _UNREACHABLE
        self._checked = -math.inf
        self.get()

    def get(self) -> RemoteClient:
        """The client for this request (the last one while the remote store cannot be reached)."""
        with self._lock:
            if time.monotonic() - self._checked >= self._refresh_s:
                self._checked = time.monotonic()  # also after a failure: one attempt per `refresh_s`
                try:
                    version = self._client.fingerprint()
                except RemoteError:  # requests fail with their own error meanwhile
                    return self._client
                if version != self._version:
                    self._client = RemoteClient(self._endpoints, self._timeout_s)
                    self._version = version
            return self._client

    @property
    def version(self) -> str:
        """An identifier of the remote data last seen (changes when its graphs change)."""
        return f"remote-{self._version}"


def open_handle(settings: Settings) -> CurrentStore | RemoteHandle:
    """The handle for the store `settings` name: remote if `settings.remote_store` is set."""
    if settings.remote_store is not None:
        return RemoteHandle(settings.remote_store, settings.query_timeout_s)
    return CurrentStore(settings.store_path)
