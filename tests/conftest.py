"""Fixtures shared by every room: the corpus graph built once, and the server running on it.

With SCOKG_TEST_BACKEND=remote the session's live server serves the corpus graph from an
`oxigraph serve` process (the remote store backend); `corpus_store_path` stays a local store of
the same graph either way, for tests that open it directly. Tests marked `local_store` need the
server to use that local directory (version swaps, worker processes) and are skipped then.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import CORPUS, TEST_BACKEND, LiveServer, OxigraphServer, start_live_server, start_oxigraph_server

from scokg.build import build_graph
from scokg.graph.backends import RemoteStore
from scokg.graph.store import open_read_only
from scokg.settings import Settings


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "local_store: needs a server on a local store directory (skipped with SCOKG_TEST_BACKEND=remote)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if TEST_BACKEND != "remote":
        return
    skip = pytest.mark.skip(reason="needs a local store directory; SCOKG_TEST_BACKEND=remote serves a remote store")
    for item in items:
        if item.get_closest_marker("local_store"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from `corpus/` once per test session (treat as read-only)."""
    store_path = tmp_path_factory.mktemp("corpus-graph") / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=CORPUS))
    return store_path


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An `oxigraph serve` process on an empty directory for the whole session."""
    server = start_oxigraph_server(tmp_path_factory.mktemp("oxigraph-serve"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def corpus_settings(corpus_store_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings serving the corpus graph from the backend SCOKG_TEST_BACKEND chooses (default: local).

    The remote backend is the session's `oxigraph_server`, loaded with the quads of `corpus_store_path`.
    """
    if TEST_BACKEND != "remote":
        return Settings(store_path=corpus_store_path)
    oxigraph: OxigraphServer = request.getfixturevalue("oxigraph_server")
    settings = Settings(store_path=str(oxigraph.endpoints))
    RemoteStore(settings.remote_store, settings.query_timeout_s).build(open_read_only(corpus_store_path))
    return settings


@pytest.fixture(scope="session")
def live_server(corpus_settings: Settings) -> Iterator[LiveServer]:
    """The corpus graph served over real HTTP (Werkzeug, threaded) for the whole session."""
    server, http = start_live_server(corpus_settings)
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
