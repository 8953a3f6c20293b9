"""Helpers the tests import (fixtures live in conftest.py): the corpus path and live servers."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from scokg.server.app import create_app
from scokg.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


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
