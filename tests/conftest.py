"""Fixtures shared by every room: the corpus graph built once, and the server running on it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import CORPUS, LiveServer, start_live_server

from scokg.build import build_graph
from scokg.settings import Settings


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from `corpus/` once per test session (treat as read-only)."""
    store_path = tmp_path_factory.mktemp("corpus-graph") / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=CORPUS))
    return store_path


@pytest.fixture(scope="session")
def live_server(corpus_store_path: Path) -> Iterator[LiveServer]:
    """The corpus graph served over real HTTP (Werkzeug, threaded) for the whole session."""
    server, http = start_live_server(Settings(store_path=corpus_store_path))
    yield server
    http.shutdown()


@pytest.fixture()
def live_server_factory() -> Iterator[Callable[[Settings], LiveServer]]:
    """Start extra servers with other settings; all are shut down after the test."""
    handles = []

    def start(settings: Settings) -> LiveServer:
        server, http = start_live_server(settings)
        handles.append(http)
        return server

    yield start
    for http in handles:
        http.shutdown()
