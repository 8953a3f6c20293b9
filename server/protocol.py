"""SPARQL 1.1 Protocol: queries at `/sparql`, updates at `/update` (only with an update token).

- `/sparql` takes a query by GET, by POST form or as an `application/sparql-query` body, with
  `default-graph-uri` / `named-graph-uri` naming the dataset (they replace the query's FROM
  clauses and the union default graph). Without a query it answers the service description, or
  the query editor to a browser.
- The default graph is the union of all graphs unless `union_default_graph` is off (then it is
  the store's own default graph); a query with FROM / FROM NAMED keeps its own dataset.
- SERVICE and LOAD are refused (400 in a query, 403 in an update) unless their target is on the
  service allow-list, so nothing is contacted on a client's behalf; see `sparql_guard`.
- `/update` needs `Authorization: Bearer <token>`; the update is applied to a copy of the store
  that is swapped in atomically (`graph.store.update_store`), and every worker reopens it on its
  next request.

A query runs, and its result is written, in a query worker process (`query_workers`) within the
time budget, cut at `max_rows` solutions or `max_triples` triples (header
`SCOKG-Results-Truncated`); its text may be at most `max_query_length` characters. A GET answer
carries `ETag` / `Last-Modified` of the store version (304 on a match) unless the query uses
NOW(), RAND(), UUID(), STRUUID(), BNODE() or blank nodes, or SERVICE; answers to such stable
queries are also kept in a per-process cache keyed by the store version (`query_cache_bytes`,
SCOKG_QUERY_CACHE_BYTES, 0 turns it off). Every error a
client can cause is a text/plain 4xx; a query over its time budget is a 503 with `Retry-After`.
"""
from __future__ import annotations

import functools
import hmac
import os
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for
from pyoxigraph import NamedNode, Quad, Store

from scokg.graph.store import StoreError
from scokg.server.errors import plain_error
from scokg.server.context import ServerContext, server_context
from scokg.server.http_cache import BodyCache, Validators
from scokg.server.negotiation import wants_html
from scokg.server.query_execution import QueryAnswer, QueryJob
from scokg.server.query_responses import answer_response, failure_response, negotiate
from scokg.server.query_workers import QueryFailed
from scokg.server.results import negotiate_and_serialize
from scokg.server.service_description import ServiceFacts, describe
from scokg.server.sparql_guard import GuardError, RemoteAccessRefused, check
from scokg.server.sparql_request import QUERY, UPDATE, Operation, ProtocolError, read_operation
from scokg.server.sparql_tokens import Kind, Token, tokenize
from scokg.settings import Settings

bp = Blueprint("protocol", __name__)

_OTHER_METHODS = ["PUT", "DELETE", "PATCH"]
_QUERY_METHODS = "GET, HEAD, POST, OPTIONS"
_UPDATE_METHODS = "POST, OPTIONS"
_REALM = 'Bearer realm="sco-kg update"'
# Functions whose value differs between runs of the same query on the same data: no ETag then.
_VOLATILE = ("NOW", "RAND", "UUID", "STRUUID", "BNODE")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def sparql() -> Response | str:
    """Answer a query, or describe the service when there is none."""
    if request.method == "OPTIONS":  # a CORS preflight; app.py adds the Access-Control headers
        return Response(status=204, headers={"Allow": _QUERY_METHODS})
    context = server_context()
    settings = context.settings
    try:
        operation = read_operation(QUERY)
        if operation is None:
            return render_template("query.html") if wants_html() else _service_description(context)
        _check_length(operation.text, settings)
        accesses = check(operation.text, settings.service_allowlist, update=False)
    except ProtocolError as error:
        return plain_error(error.status, str(error))
    except GuardError as error:
        return plain_error(400, f"parameter `query`: {error}")
    formats, refusals = negotiate()
    job = QueryJob(
        query=operation.text,
        formats=formats,
        refusals=refusals,
        max_rows=settings.max_rows,
        max_triples=settings.max_triples,
        remote=bool(accesses),
        **_dataset(operation, settings),
    )
    validators = _validators(job, settings) if request.method in ("GET", "HEAD") and not accesses else None
    if validators is not None and validators[1].unchanged():
        return validators[1].apply(Response(status=304))
    try:
        answer = _answer(context, job, validators[0] if validators else None)
    except QueryFailed as failure:
        return failure_response(failure, "parameter `query`")
    response = answer_response(answer)
    if validators is not None and answer.store_path == validators[0]:
        validators[1].apply(response)
    return response


def _answer(context: ServerContext, job: QueryJob, version: str | None) -> QueryAnswer:
    """The answer to `job` on the store version `version` (None: the current one), from the
    answer cache when this process has computed it before; raises QueryFailed.

    Answers are cached per store version (a rebuild makes a new one, so nothing is ever stale),
    unless the store is remote (it may change without a new version being seen), the cache is
    off (`query_cache_bytes` 0), the query contacts other hosts or can answer differently on the
    same data (see `_volatile`), or its text is too long to be worth keeping as a key.
    """
    settings = context.settings
    if (settings.remote_store is not None or not settings.query_cache_bytes or job.remote
            or len(job.query) > _CACHED_QUERY_LENGTH):
        return context.run_query(job, version)
    version = version or context.store_version()
    key = (version, job.query, tuple(sorted(job.formats.items())), job.default_graph, job.named_graphs,
           job.use_default_graph_as_union, job.max_rows, job.max_triples)
    cache = _answer_cache(settings.query_cache_bytes)
    answer = cache.get(key)
    if answer is None:
        answer = context.run_query(job, version)
        if answer.store_path == version and not _is_volatile(job.query):
            cache.put(key, answer)
    return answer


_CACHED_QUERY_LENGTH = 8192


@functools.lru_cache(maxsize=4)
def _answer_cache(max_bytes: int) -> BodyCache[QueryAnswer]:
    """This process's cache of query answers holding at most `max_bytes` of bodies."""
    return BodyCache(max_bytes)


@bp.route("/sparql", methods=_OTHER_METHODS, endpoint="sparql_other_methods", provide_automatic_options=False)
def sparql_other_methods() -> Response:
    """Queries are GET or POST."""
    return _method_not_allowed(_QUERY_METHODS)


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
        operation = read_operation(UPDATE)
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


def _check_length(text: str, settings: Settings) -> None:
    if len(text) > settings.max_query_length:
        raise ProtocolError(
            400, f"parameter `query`: {len(text)} characters, more than the limit of "
            f"{settings.max_query_length} (SCOKG_MAX_QUERY_LENGTH)"
        )


def _dataset(operation: Operation, settings: Settings) -> dict[str, Any]:
    """The `QueryJob` fields choosing the dataset of this request (graphs as IRIs)."""
    if operation.names_dataset:
        return {
            "default_graph": tuple(graph.value for graph in operation.default_graphs),
            "named_graphs": tuple(graph.value for graph in operation.named_graphs),
        }
    if settings.union_default_graph and not _declares_dataset(operation.text):
        return {"use_default_graph_as_union": True}
    return {}


def _validators(job: QueryJob, settings: Settings) -> tuple[str, Validators] | None:
    """The store version directory to run a GET query on and the validators of its answer, or
    None if the query can answer differently on the same version (see `_volatile`)."""
    if _is_volatile(job.query):
        return None
    version = server_context().store_version()
    key = (
        os.path.basename(version), "sparql", job.query, repr(sorted(job.formats.items())), repr(job.default_graph),
        repr(job.named_graphs), str(job.use_default_graph_as_union), str(job.max_rows), str(job.max_triples),
    )
    return version, Validators.of(key)


def _is_volatile(query: str) -> bool:
    """Whether `query` can answer differently on the same store version (remembered for short texts)."""
    return _remembered_volatile(query) if len(query) <= _CACHED_QUERY_LENGTH else _volatile_text(query)


def _volatile_text(query: str) -> bool:
    return any(_volatile(token) for token in tokenize(query))


_remembered_volatile = functools.lru_cache(maxsize=1024)(_volatile_text)


def _volatile(token: Token) -> bool:
    """Whether `token` can make the same query answer differently: a volatile function, or a
    blank node (`_:b`, `[`), which a CONSTRUCT template makes afresh on every run."""
    return token.is_word(*_VOLATILE) or token.kind is Kind.BNODE or (token.kind is Kind.PUNCT and token.text == "[")


def _declares_dataset(query: str) -> bool:
    """Whether the query has FROM or FROM NAMED clauses (`use_default_graph_as_union` would ignore them)."""
    if "FROM" not in query.upper():  # most queries: no need to tokenize
        return False
    return any(token.kind is Kind.WORD and token.text.upper().startswith("FROM") for token in tokenize(query))


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
