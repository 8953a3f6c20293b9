"""What every route needs: the settings and the current store, kept on the Flask app."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from pyoxigraph import Store

from scokg.server.store_handle import CurrentStore
from scokg.settings import Settings


@dataclass(frozen=True)
class ServerContext:
    """The settings the app was created with and the store it serves."""

    settings: Settings
    current_store: CurrentStore

    @property
    def store(self) -> Store:
        """The store for this request (reopened after a rebuild)."""
        return self.current_store.get()


def server_context() -> ServerContext:
    """The context of the running app."""
    return current_app.extensions["scokg"]
