"""Where the graph lives: a local versioned Oxigraph directory, or a remote SPARQL 1.1 store.

Both backends build (replace everything with new quads), apply updates, say whether data exists,
and open a reader with the pyoxigraph `Store` API the commands and the server use.

- `LocalStore` wraps `graph.store`: a build fills a new version directory and swaps it in, so a
  rebuild is atomic as a whole.
- `RemoteStore` writes each named graph with one Graph Store Protocol PUT (which replaces that
  graph), then deletes the named graphs the build no longer makes. Each graph is replaced
  atomically; whether readers can see some graphs new and others old meanwhile depends on the
  remote store (none of the protocols has a cross-request transaction).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple

from scokg.graph.remote import RemoteClient, RemoteEndpoints, RemoteError
from scokg.graph.store import (
    StoreError,
    StoreNotFoundError,
    build_store,
    open_read_only,
    open_version,
    store_exists,
    update_store,
)

if TYPE_CHECKING:
    from scokg.settings import Settings

# Seconds a write (one graph PUT, an update) may take on the remote store.
_WRITE_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Built:
    """Where a build went, and how many distinct quads it wrote."""

    where: str
    quads: int


class Backend(Protocol):
    """What the commands need from a place that stores the graph."""

    def build(self, quads: Iterable[Quad]) -> Built:
        """Replace the whole graph with `quads` (consumed once); where it went and its size."""

    def update(self, update_text: str) -> None:
        """Apply a SPARQL Update."""

    def exists(self) -> bool:
        """Whether a graph has been built there."""

    def reader(self) -> Any:
        """A read-only pyoxigraph `Store` (or an object with the same query API)."""


class LocalStore:
    """The versioned Oxigraph directory at `path` (see `graph.store`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def build(self, quads: Iterable[Quad]) -> Built:
        """Load `quads` into a new version and swap it in atomically."""
        version = build_store(self.path, quads)
        held = open_version(version)
        try:
            return Built(str(version), len(held.store))
        finally:
            held.close()

    def update(self, update_text: str) -> None:
        """Apply `update_text` to a copy of the current version and swap it in."""
        update_store(self.path, update_text)

    def exists(self) -> bool:
        """Whether a store has been built at the path."""
        return store_exists(self.path)

    def reader(self) -> Any:
        """The current version, read-only (StoreNotFoundError if none)."""
        return open_read_only(self.path)


class RemoteStore:
    """A remote SPARQL 1.1 store reached through its query, update and Graph Store Protocol URLs."""

    def __init__(self, endpoints: RemoteEndpoints, timeout_s: float) -> None:
        self.endpoints = endpoints
        self.client = RemoteClient(endpoints, timeout_s)
        self._writer = RemoteClient(endpoints, _WRITE_TIMEOUT_S)

    def build(self, quads: Iterable[Quad]) -> Built:
        """PUT each named graph of `quads`, then delete the named graphs no longer built.

        Quads in the default graph are refused (`StoreError`): over the protocol the default graph
        is the union of the named graphs on a store configured for it. Remote failures become
        `StoreError`, naming the graph reached so far.
        """
        graphs: dict[NamedNode, list[Triple]] = defaultdict(list)
        for quad in quads:
            if isinstance(quad.graph_name, DefaultGraph) or not isinstance(quad.graph_name, NamedNode):
                raise StoreError(f"a remote store takes quads in named graphs only, got {quad}")
            graphs[quad.graph_name].append(quad.triple)
        try:
            for graph, triples in graphs.items():
                self._writer.put_graph(graph, triples)
            for stale in set(self._writer.named_graphs()) - set(graphs):
                self._writer.delete_graph(stale)
        except RemoteError as error:
            raise StoreError(f"building into {self.endpoints.gsp} failed: {error}; graphs written before it "
                             "are new, the others as they were") from error
        return Built(str(self.endpoints), sum(len(set(triples)) for triples in graphs.values()))

    def update(self, update_text: str) -> None:
        """POST `update_text` to the update URL (RemoteRejected for one the store refuses)."""
        self._writer.update(update_text)

    def exists(self) -> bool:
        """Whether the remote store has any named graph (StoreError if it cannot be reached)."""
        try:
            return next(self.client.named_graphs(), None) is not None
        except RemoteError as error:
            raise StoreError(str(error)) from error

    def reader(self) -> RemoteClient:
        """The remote store behind the pyoxigraph `Store` API subset (StoreNotFoundError if empty)."""
        if not self.exists():
            raise StoreNotFoundError(f"no graph in the remote store {self.endpoints.query}: run `scokg build` first")
        return self.client


def open_backend(settings: Settings) -> Backend:
    """The backend `settings` name: `settings.remote_store` if set, else the directory `settings.store_path`."""
    if settings.remote_store is not None:
        return RemoteStore(settings.remote_store, settings.query_timeout_s)
    return LocalStore(settings.store_path)
