"""The app factory: one Flask app serving the graph, assembled from one blueprint per job.

- `protocol`     SPARQL 1.1 Protocol (`/sparql`, `/update`) and the service description
- `linked_data`  dereferenceable resource, graph and ontology IRIs (HTML and RDF)
- `downloads`    VoID, full dumps, GraphML/GEXF/Cytoscape.js exports
- `canned`       the `queries/*.rq` files at `/queries/<name>`
- `search`       `/search?q=` over labels and aliases
- `pages`        home page, timeline, browser UI assets
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from scokg.graph.remote import RemoteError
from scokg.server import canned, downloads, linked_data, pages, protocol, search
from scokg.server.context import ServerContext
from scokg.server.errors import http_exception, plain_error
from scokg.server.negotiation import NotAcceptable
from scokg.settings import Settings

_CORS_METHODS = "GET, POST, OPTIONS"


def create_app(settings: Settings | None = None) -> Flask:
    """The app, serving the store at `settings.store_path` read-only in this process."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    # One limit for every request body, form fields included (Flask's own form limit is lower).
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    app.extensions["scokg"] = ServerContext.open(settings)
    for module in (protocol, linked_data, downloads, canned, search, pages):
        app.register_blueprint(module.bp)
    app.register_error_handler(NotAcceptable, _not_acceptable)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, http_exception)
    app.register_error_handler(RemoteError, _remote_unavailable)
    app.after_request(_cors)
    return app


def _not_acceptable(error: NotAcceptable) -> Response:
    return plain_error(406, str(error))


def _too_large(error: RequestEntityTooLarge) -> Response:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return plain_error(413, f"the request body is larger than the limit of {limit} bytes (SCOKG_MAX_BODY_BYTES)")


def _remote_unavailable(error: RemoteError) -> Response:
    return plain_error(502, f"the remote store did not answer: {error}")


def _cors(response: Response) -> Response:
    """Any origin may read (as Oxigraph server and Fuseki allow); updates carry their own token."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = _CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Content-Type, Authorization"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
