"""The app factory: one Flask app serving the graph, assembled from one blueprint per job.

- `protocol`     SPARQL 1.1 Update (`/update`); the service description and query editor at `/sparql`
- `linked_data`  dereferenceable resource, graph and ontology IRIs (HTML and RDF)
- `downloads`    VoID, full dumps, GraphML/GEXF/Cytoscape.js exports
- `canned`       the `queries/*.rq` files at `/queries/<name>`
- `search`       `/search?q=` over labels and aliases
- `pages`        home page, timeline, browser UI assets

Queries at `/sparql` are answered in front of Flask by `sparql_endpoint.SparqlEndpoint` (the hot
path); the blueprints answer everything else.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from scokg.graph.remote import RemoteError
from scokg.server import canned, downloads, linked_data, pages, protocol, search
from scokg.server.context import ServerContext
from scokg.server.cors import add_cors_headers
from scokg.server.errors import http_exception, not_acceptable, remote_unavailable, too_large
from scokg.server.negotiation import NotAcceptable
from scokg.server.sparql_endpoint import SparqlEndpoint
from scokg.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """The app, serving the store at `settings.store_path` read-only in this process."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    # One limit for every request body, form fields included (Flask's own form limit is lower).
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    context = app.extensions["scokg"] = ServerContext.open(settings)
    for module in (protocol, linked_data, downloads, canned, search, pages):
        app.register_blueprint(module.bp)
    app.register_error_handler(NotAcceptable, not_acceptable)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, http_exception)
    app.register_error_handler(RemoteError, remote_unavailable)
    app.after_request(_cors)
    app.wsgi_app = SparqlEndpoint(context, app.wsgi_app)  # type: ignore[method-assign]
    return app


def _too_large(error: RequestEntityTooLarge) -> Response:
    return too_large(current_app.config["MAX_CONTENT_LENGTH"])


def _cors(response: Response) -> Response:
    return add_cors_headers(request, response)
