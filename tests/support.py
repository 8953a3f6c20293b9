"""Helpers the tests import (fixtures live in conftest.py): the corpus path, live servers, and an
`oxigraph serve` process to test the remote store backend against."""
from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests
from werkzeug.serving import make_server

from scokg.graph.remote import RemoteEndpoints
from scokg.server.app import create_app
from scokg.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# SCOKG_TEST_BACKEND=remote serves the session's corpus graph from an `oxigraph serve` process.
BACKENDS = ("local", "remote")
TEST_BACKEND = os.environ.get("SCOKG_TEST_BACKEND", "local")
if TEST_BACKEND not in BACKENDS:
    raise RuntimeError(f"SCOKG_TEST_BACKEND: expected one of {', '.join(BACKENDS)}, got {TEST_BACKEND!r}")

_OXIGRAPH_START_S = 30.0


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


@dataclass
class OxigraphServer:
    """An `oxigraph serve` process on a loopback port (its default graph is its own, not the union)."""

    process: subprocess.Popen[bytes]
    url: str

    @property
    def endpoints(self) -> RemoteEndpoints:
        """Its query, update and Graph Store Protocol URLs."""
        return RemoteEndpoints(query=f"{self.url}/query", update=f"{self.url}/update", gsp=f"{self.url}/store")

    def stop(self) -> None:
        """Stop the process and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def oxigraph_command() -> str | None:
    """The `oxigraph` executable of this environment (PyPI package `oxigraph`), if installed."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def start_oxigraph_server(directory: Path) -> OxigraphServer:
    """Start `oxigraph serve` on `directory` at a free port; wait until it answers."""
    command = oxigraph_command()
    if command is None:
        raise RuntimeError("the `oxigraph` command is missing: pip install 'sco-kg[test]'")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [command, "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + _OXIGRAPH_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with status {process.returncode}")
        try:
            requests.post(server.endpoints.query, data={"query": "ASK {}"}, timeout=1).raise_for_status()
            return server
        except requests.RequestException:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"oxigraph serve did not answer within {_OXIGRAPH_START_S:g} s")


Answer = Callable[[str], tuple[int, dict[str, str], bytes]]
"""What a recording listener answers to a request path: status, headers, body."""


@dataclass(frozen=True)
class RecordingListener:
    """A local HTTP server standing in for a remote host; `hits` records every request."""

    port: int
    hits: list[str]
    server: http.server.ThreadingHTTPServer


def start_recording_listener(
    answer: Answer = lambda path: (200, {}, b""), host: str = "127.0.0.1", family: int = socket.AF_INET
) -> RecordingListener:
    """Listen on `host` at a free port, recording `"<METHOD> <path>"` of each request; stop it
    with `.server.shutdown()`."""
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            hits.append(f"{self.command} {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, headers, body = answer(self.path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        address_family = family

    server = Server((host, 0), Recorder)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return RecordingListener(server.server_port, hits, server)
