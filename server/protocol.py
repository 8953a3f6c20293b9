"""SPARQL 1.1 Update at `/update` (only with an update token), and what `/sparql` shows without a query.

- `/update` needs `Authorization: Bearer <token>`; the update is applied to a copy of the store
  that is swapped in atomically (`graph.store.update_store`), and every worker reopens it on its
  next request. LOAD and SERVICE are refused (403) unless their target is on the service
  allow-list, so nothing is contacted on a client's behalf; see `sparql_guard`.
- `/sparql` without a query answers the service description, or the query editor to a browser;
  queries are answered by `sparql_endpoint.SparqlEndpoint` before they reach this blueprint.
"""
from __future__ import annotations

import hmac

from flask import Blueprint, Response, render_template, request, url_for
from pyoxigraph import NamedNode, Quad, Store

from scokg.graph.store import StoreError
from scokg.server.context import ServerContext, server_context
from scokg.server.errors import plain_error
from scokg.server.negotiation import wants_html
from scokg.server.results import negotiate_and_serialize
from scokg.server.service_description import ServiceFacts, describe
from scokg.server.sparql_guard import GuardError, RemoteAccessRefused, check
from scokg.server.sparql_request import UPDATE, ProtocolError, read_operation

bp = Blueprint("protocol", __name__)

_OTHER_METHODS = ["PUT", "DELETE", "PATCH"]
_UPDATE_METHODS = "POST, OPTIONS"
_REALM = 'Bearer realm="sco-kg update"'


@bp.route("/sparql", methods=["GET"])
def sparql() -> Response | str:
    """The query editor for a browser, the service description otherwise (`SparqlEndpoint` in
    front of the app answers every request at `/sparql` that carries a query)."""
    return render_template("query.html") if wants_html() else _service_description(server_context())


@bp.route("/update", methods=["GET", "POST", "OPTIONS", *_OTHER_METHODS])
def update() -> Response:
    """Apply a SPARQL Update (only when an update token is configured)."""
    settings = server_context().settings
    if not settings.update_token:
        return plain_error(404, "updates are disabled on this server (no update token is configured)")
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": _UPDATE_METHODS})
    if request.method != "POST":
        return _method_not_allowed(_UPDATE_METHODS)
    refusal = _refuse_unauthorised(settings.update_token)
    if refusal:
        return refusal
    try:
        operation = read_operation(UPDATE, request)
        if operation is None:  # only a GET carries nothing, and updates are POST only
            raise ProtocolError(400, "parameter `update`: missing update")
        if operation.names_dataset:
            raise ProtocolError(
                400, f"parameter `{UPDATE.default_graph_parameter}` / `{UPDATE.named_graph_parameter}`: "
                "not supported; write USING / USING NAMED in the update instead"
            )
        accesses = check(operation.text, settings.service_allowlist, update=True)
    except ProtocolError as error:
        return plain_error(error.status, str(error))
    except RemoteAccessRefused as error:
        return plain_error(403, f"parameter `update`: {error}")
    except GuardError as error:
        return plain_error(400, f"parameter `update`: {error}")
    try:
        server_context().apply_update(operation.text)
    except SyntaxError as error:
        return plain_error(400, f"parameter `update`: malformed update: {error}")
    except RuntimeError as error:
        return plain_error(400, f"parameter `update`: update failed: {error}")
    except OSError as error:
        if not accesses:  # the store's disk, not the network: nothing was changed
            return plain_error(503, f"the update could not be written, nothing was changed: {error}")
        return plain_error(502, f"LOAD or SERVICE request failed: {error}")
    except StoreError as error:
        return plain_error(503, f"the update could not be written, nothing was changed: {error}")
    return Response(status=204)


def _service_description(context: ServerContext) -> Response:
    settings = context.settings
    store = context.store
    facts = ServiceFacts(
        endpoint=url_for("protocol.sparql", _external=True),
        update_endpoint=url_for("protocol.update", _external=True) if settings.update_token else None,
        union_default_graph=settings.union_default_graph,
        federated=bool(settings.service_allowlist),
        named_graphs=tuple(graph for graph in store.named_graphs() if isinstance(graph, NamedNode)),
    )
    description = Store()
    description.extend(Quad(triple.subject, triple.predicate, triple.object) for triple in describe(facts))
    return negotiate_and_serialize(description.query("CONSTRUCT WHERE { ?s ?p ?o }"))


def _refuse_unauthorised(token: str) -> Response | None:
    """401 without bearer credentials, 403 with wrong ones, None with the right token."""
    scheme, _, credentials = request.headers.get("Authorization", "").strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != "bearer" or not credentials:
        return plain_error(
            401, "header `Authorization`: send `Authorization: Bearer <update token>`", {"WWW-Authenticate": _REALM}
        )
    given = credentials.encode("latin-1", errors="replace")  # header text is Latin-1 decoded bytes
    if not hmac.compare_digest(given, token.encode("utf-8")):
        return plain_error(403, "header `Authorization`: wrong update token")
    return None


def _method_not_allowed(allowed: str) -> Response:
    return plain_error(405, f"method {request.method} is not allowed here; use {allowed}", {"Allow": allowed})
