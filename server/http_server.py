"""The production HTTP server: Granian (a Rust HTTP server) running the Flask app over WSGI.

Granian parses HTTP and manages connections in native code and calls the app from a pool of
threads in each worker process; every worker creates its own app, and so its own read-only
store handle and query worker pool. It measured best of the servers tried (bench/serving.py):
gunicorn's threaded worker spent more CPU per request in its own Python than the whole
answer costs Oxigraph server.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings

from scokg.settings import Settings

if TYPE_CHECKING:
    from flask import Flask


def production_server(settings: Settings, workers: int) -> Granian:
    """A server for the app on `settings.host`:`settings.port` with `workers` processes, each
    answering up to `settings.server_threads` requests at a time."""
    return Granian(
        "scokg.server.app:create_app",  # only named in logs: `run` hands over the loader below
        address=settings.host,
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=settings.server_threads,
        http1_settings=HTTP1Settings(keep_alive=True),
        websockets=False,
        respawn_failed_workers=True,
        log_access=False,
    )


def serve_forever(server: Granian, settings: Settings) -> None:
    """Serve until stopped (SIGINT or SIGTERM); each worker loads the app for `settings`."""
    server.serve(target_loader=partial(_load_app, settings), wrap_loader=False)


def _load_app(settings: Settings) -> Flask:
    from scokg.server.app import create_app  # in the worker: one store handle per process

    return create_app(settings)
