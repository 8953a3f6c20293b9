"""Values computed once per store version: the store a request sees, and a cache keyed by its version.

`scokg build` swaps in a new store version while the server runs; anything derived from the
data (counts, the timeline, VoID statistics, dumps) is keyed by the version it was computed
from, so a rebuild is picked up on the next request without restarting.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Callable, Generic, TypeVar

from pyoxigraph import Store

from scokg.server.context import server_context
from scokg.settings import Settings

T = TypeVar("T")


def snapshot() -> tuple[Store, str]:
    """The store for this request and the identifier of its version, read consistently.

    A rebuild can swap the store between reading the handle and reading its version; the pair is
    read again until both belong to the same version.
    """
    handle = server_context().current_store
    while True:
        store = handle.get()
        version = handle.version
        if handle.get() is store:
            return store, version


_log = logging.getLogger(__name__)


class VersionCache(Generic[T]):
    """One value per (settings, store version), computed on first use; keeps the latest few.

    `prime()` starts computing the value for a version the process has not seen yet in a
    background thread, so that the first request needing it does not pay for all of it.
    """

    def __init__(self, compute: Callable[[Store, Settings], T], keep: int = 4) -> None:
        self._compute = compute
        self._keep = keep
        self._values: OrderedDict[tuple[Settings, str], T] = OrderedDict()
        self._pending: dict[tuple[Settings, str], threading.Event] = {}
        self._lock = threading.Lock()

    def get(self) -> T:
        """The value for the store this request sees (computed in this thread if missing)."""
        store, version = snapshot()
        key = (server_context().settings, version)
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            pending = self._pending.get(key)
        if pending is not None:
            pending.wait()
            with self._lock:
                if key in self._values:
                    return self._values[key]
        return self._fill(store, key)

    def prime(self) -> None:
        """Compute the value for the current store version in the background if it is missing."""
        context = server_context()
        key = (context.settings, context.current_store.version)  # cheap: no look at the store link
        with self._lock:
            if key in self._values or key in self._pending:
                return
        store, version = snapshot()
        key = (context.settings, version)
        with self._lock:
            if key in self._values or key in self._pending:
                return
            done = self._pending[key] = threading.Event()

        def fill() -> None:
            try:
                self._fill(store, key)
            except Exception:  # a warm-up only: the request that needs the value computes it and reports
                _log.warning("warming a cache for store version %s failed", key[1], exc_info=True)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
                done.set()

        threading.Thread(target=fill, name="scokg-version-cache", daemon=True).start()

    def _fill(self, store: Store, key: tuple[Settings, str]) -> T:
        value = self._compute(store, key[0])  # outside the lock: a slow build blocks no reader
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._keep:
                self._values.popitem(last=False)
        return value
