"""Fixtures shared by every room: the corpus graph built once, and the server running on it."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from scokg.build import build_graph
from scokg.server.app import create_app
from scokg.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from `corpus/` once per test session (treat as read-only)."""
    store_path = tmp_path_factory.mktemp("corpus-graph") / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=CORPUS))
    return store_path


@dataclass(frozen=True)
class LiveServer:
    """A server on 127.0.0.1 answering real HTTP."""

    url: str
    settings: Settings


def start_live_server(settings: Settings) -> tuple[LiveServer, object]:
    """Serve `create_app(settings)` on a free loopback port in a thread; returns (server, handle)."""
    http = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    return LiveServer(f"http://127.0.0.1:{http.server_port}", settings), http


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
