"""HTTP caching of what only a rebuild changes: validators, 304 answers and an LRU of bodies.

`@cached()` on a GET view (entity pages, graph neighbourhoods, canned queries, VoID, ontology
documents) makes its 200 answers carry

- `ETag`: a hash of the store version and of everything else the representation depends on
  (the request target as sent, `Accept`, the host the links are written for, and the settings
  that shape results), the same in every server process;
- `Last-Modified`: when the store version was built (from its directory name);
- `Cache-Control: public, max-age=<max_age>, must-revalidate` and `Vary: Accept`;

answers `304 Not Modified` to `If-None-Match` / `If-Modified-Since` without running the view,
and keeps rendered bodies in a per-process LRU bounded in bytes, keyed the same way. Anything
other than a 200 is neither cached nor given validators.
"""
from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Generic, Protocol, TypeVar

from flask import Response, make_response, request
from werkzeug.wrappers import Request
from werkzeug.http import is_resource_modified

from scokg.server.context import server_context
from scokg.server.versioned import snapshot

DEFAULT_MAX_AGE_S = 60
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024
_STAMP = re.compile(r"\.(\d{8}T\d{6})\d*Z-\d+$")  # graph.store names versions `<link>.<UTC stamp>-<pid>`


@dataclass(frozen=True)
class _Stored:
    """A rendered 200 answer: its body and headers."""

    body: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> Response:
        return Response(self.body, headers=list(self.headers))


class _HasBody(Protocol):
    @property
    def body(self) -> bytes: ...


V = TypeVar("V", bound=_HasBody)


class BodyCache(Generic[V]):
    """Answers (anything with a `body`) by key, least recently used dropped first, at most
    `max_bytes` of bodies."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES, max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self._max_bytes = max_bytes
        self._max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """The answer stored under `key`, if any (now the most recently used)."""
        with self._lock:
            stored = self._entries.get(key)
            if stored is not None:
                self._entries.move_to_end(key)
            return stored

    def put(self, key: Hashable, stored: V) -> None:
        """Keep `stored` under `key` unless its body alone is over the entry limit."""
        size = len(stored.body)
        if size > self._max_entry_bytes:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._entries[key] = stored
            self._bytes += size
            while self._bytes > self._max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)


_bodies: BodyCache[_Stored] = BodyCache()


def cached(max_age: int = DEFAULT_MAX_AGE_S) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    """Decorate a GET view whose answer depends only on the request and the store version."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Response]:
        @functools.wraps(view)
        def answer(*args: Any, **kwargs: Any) -> Response:
            _, version = snapshot()
            key = _key(version)
            validators = Validators.of(key)
            if validators.unchanged():
                return validators.apply(Response(status=304), max_age)
            stored = _bodies.get(key)
            if stored is not None:
                return validators.apply(stored.response(), max_age)
            response = make_response(view(*args, **kwargs))
            if response.status_code != 200 or response.is_streamed:
                return response
            if snapshot()[1] != version:  # rebuilt while the view ran: the answer may be the new version's
                return response
            _bodies.put(key, _Stored(response.get_data(), tuple(response.headers.items())))
            return validators.apply(response, max_age)

        return answer

    return decorate


@dataclass(frozen=True)
class Validators:
    """The `ETag` and `Last-Modified` of one representation of one store version."""

    etag: str
    built: datetime | None

    @classmethod
    def of(cls, key: tuple[str, ...]) -> Validators:
        """The validators of the representation `key` names; `key[0]` is the store version."""
        etag = hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()[:32]
        return cls(etag, built_at(key[0]))

    def unchanged(self, request: Request = request) -> bool:
        """Whether `If-None-Match` / `If-Modified-Since` of `request` (by default Flask's current
        one) match (answer 304)."""
        return not is_resource_modified(request.environ, etag=self.etag, last_modified=self.built)

    def apply(self, response: Response, max_age: int = DEFAULT_MAX_AGE_S) -> Response:
        """`response` with these validators, `Cache-Control` and `Vary: Accept`."""
        response.set_etag(self.etag)
        if self.built is not None:
            response.last_modified = self.built
        response.headers["Cache-Control"] = f"public, max-age={max_age}, must-revalidate"
        response.vary.add("Accept")
        return response


def built_at(version: str) -> datetime | None:
    """When the store version named `version` was built (None if its name does not say)."""
    match = _STAMP.search(version)
    if match is None:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)


def _key(version: str) -> tuple[str, ...]:
    """Everything a cached representation depends on."""
    settings = server_context().settings
    return (
        version,
        str(settings.store_path),
        settings.base_iri,
        str(settings.max_rows),
        str(settings.max_triples),
        request.host_url,
        # The request target as sent: routes tell `%2F` from `/`, which `request.path` has decoded.
        request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.full_path,
        request.headers.get("Accept", "").replace(" ", ""),
    )
