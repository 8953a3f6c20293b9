"""What every route needs: the settings, the current store, and how to run user queries and updates on it.

With a local store, user queries run in query worker processes (`query_workers`) and updates on
a copy of the store swapped in (`graph.store.update_store`). With a remote store both are sent to
the remote's endpoints: the remote enforces its own limits, the HTTP timeout is the time budget,
and the row and triple caps are applied here to what it answers.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app
from pyoxigraph import Store

from scokg.graph.backends import RemoteStore
from scokg.graph.remote import RemoteClient, RemoteTimeout, RemoteUnavailable
from scokg.graph.store import StoreError, update_store
from scokg.server.query_execution import QueryAnswer, QueryFailure, QueryJob, execute
from scokg.server.query_workers import QueryFailed, current_version, run_query
from scokg.server.store_handle import CurrentStore, RemoteHandle, open_handle
from scokg.settings import Settings

_RETRY_AFTER_S = 1


@dataclass(frozen=True)
class ServerContext:
    """The settings the app was created with and the store it serves."""

    settings: Settings
    current_store: CurrentStore | RemoteHandle

    @classmethod
    def open(cls, settings: Settings) -> ServerContext:
        """The context serving the store `settings` name (a local directory or a remote store)."""
        return cls(settings, open_handle(settings))

    @property
    def store(self) -> Store | RemoteClient:
        """The store for this request (reopened after a rebuild)."""
        return self.current_store.get()

    def store_version(self) -> str:
        """The version answers are computed on now: a local version directory (as `run_query` takes
        it), or the remote handle's version identifier."""
        if self.settings.remote_store is None:
            return current_version(self.settings.store_path)
        return self.current_store.version

    def run_query(self, job: QueryJob, version: str | None = None) -> QueryAnswer:
        """Run a user query within the time budget and caps of the settings; raises `QueryFailed`.

        `version` (a local store version directory) is passed on to `query_workers.run_query`; a
        remote store answers from its current data, and the answer's `store_path` is then the
        handle's version identifier.
        """
        if self.settings.remote_store is None:
            return run_query(self.settings, job, version)
        client, current = self.current_store.get(), self.current_store.version
        try:
            outcome = execute(job, _OneStore(client))
        except RemoteTimeout as error:
            raise QueryFailed(503, f"{error}; try a smaller query", _RETRY_AFTER_S) from None
        except RemoteUnavailable as error:
            raise QueryFailed(502, str(error)) from None
        if isinstance(outcome, QueryFailure):
            raise QueryFailed(outcome.status, outcome.message, _RETRY_AFTER_S if outcome.status == 503 else None)
        return replace(outcome, store_path=current)

    def apply_update(self, update_text: str) -> None:
        """Apply a SPARQL Update: `SyntaxError` or `RuntimeError` for a bad one (400), `StoreError`
        or `OSError` when it could not be written."""
        if self.settings.remote_store is None:
            update_store(self.settings.store_path, update_text)
            return
        try:
            RemoteStore(self.settings.remote_store, self.settings.query_timeout_s).update(update_text)
        except (RemoteTimeout, RemoteUnavailable) as error:
            raise StoreError(str(error)) from None


class _OneStore:
    """The `StoreCache` interface `execute` expects, handing out one remote client."""

    def __init__(self, client: RemoteClient) -> None:
        self._client = client

    def get(self, path: str) -> RemoteClient:
        """The remote client, whatever the (local) version path of the job."""
        del path
        return self._client


def server_context() -> ServerContext:
    """The context of the running app."""
    return current_app.extensions["scokg"]
