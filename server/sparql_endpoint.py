"""The SPARQL 1.1 Protocol query endpoint, `/sparql`, as a plain WSGI app in front of Flask.

Queries are the hot path, so they are answered here with Werkzeug's request and response
objects alone: Flask's per-request machinery (contexts, routing, hooks) cost more CPU under
concurrent load than the whole answer costs Oxigraph server (bench/serving.py). A GET without a
query (the query editor for a browser, the service description otherwise) and every other path
go on to the Flask app.

- A query comes by GET, by POST form or as an `application/sparql-query` body, with
  `default-graph-uri` / `named-graph-uri` naming the dataset (they replace the query's FROM
  clauses and the union default graph).
- The default graph is the union of all graphs unless `union_default_graph` is off (then it is
  the store's own default graph); a query with FROM / FROM NAMED keeps its own dataset.
- SERVICE is refused (400) unless its target is on the service allow-list; see `sparql_guard`.
- The query runs, and its result is written, in a query worker process (`query_workers`) within
  the time budget, cut at `max_rows` solutions or `max_triples` triples (header
  `SCOKG-Results-Truncated`); its text may be at most `max_query_length` characters.
- A GET answer carries `ETag` / `Last-Modified` of the store version (304 on a match) unless the
  query uses NOW(), RAND(), UUID(), STRUUID(), BNODE() or blank nodes, or SERVICE; answers to
  such stable queries are also kept in a per-process cache keyed by the store version
  (`query_cache_bytes`, SCOKG_QUERY_CACHE_BYTES, 0 turns it off).
- Every error a client can cause is a text/plain 4xx naming the parameter or header; a query
  over its time budget is a 503 with `Retry-After`.
"""
from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from scokg.graph.remote import RemoteError
from scokg.server.context import ServerContext
from scokg.server.cors import add_cors_headers
from scokg.server.errors import http_exception, not_acceptable, plain_error, remote_unavailable, too_large
from scokg.server.http_cache import BodyCache, Validators
from scokg.server.negotiation import NotAcceptable
from scokg.server.query_execution import QueryAnswer, QueryJob
from scokg.server.query_responses import answer_response, failure_response, negotiate
from scokg.server.query_workers import QueryFailed
from scokg.server.sparql_guard import GuardError, check
from scokg.server.sparql_request import QUERY, Operation, ProtocolError, read_operation
from scokg.server.sparql_tokens import Kind, Token, tokenize
from scokg.settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

QUERY_METHODS = "GET, HEAD, POST, OPTIONS"
# Functions whose value differs between runs of the same query on the same data: no ETag then.
_VOLATILE = ("NOW", "RAND", "UUID", "STRUUID", "BNODE")
_CACHED_QUERY_LENGTH = 8192
_log = logging.getLogger(__name__)


class SparqlEndpoint:
    """WSGI middleware answering SPARQL queries at `QUERY.endpoint`; everything else goes to `app`."""

    def __init__(self, context: ServerContext, app: WSGIApplication) -> None:
        self._context = context
        self._app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != QUERY.endpoint:
            return self._app(environ, start_response)
        request = Request(environ)
        request.max_content_length = self._context.settings.max_body_bytes
        request.max_form_memory_size = self._context.settings.max_body_bytes
        try:
            response = self._respond(request)
        except Exception:  # a bug, not the client's doing: logged, and a plain 500
            _log.exception("answering %s %s failed", request.method, request.full_path)
            response = plain_error(500, "the server failed to answer this request; the error is logged")
        if response is None:
            return self._app(environ, start_response)
        body, status, headers = add_cors_headers(request, response).get_wsgi_response(environ)
        start_response(status, headers)
        return [b"".join(body)]  # the answer is in memory: one piece, which servers send without iterating

    def _respond(self, request: Request) -> Response | None:
        """The answer to a request at the endpoint, or None when it carries no query."""
        if request.method == "OPTIONS":  # a CORS preflight
            return Response(status=204, headers={"Allow": QUERY_METHODS})
        if request.method not in ("GET", "HEAD", "POST"):
            return plain_error(
                405, f"method {request.method} is not allowed here; use {QUERY_METHODS}", {"Allow": QUERY_METHODS}
            )
        settings = self._context.settings
        try:
            operation = read_operation(QUERY, request)
            if operation is None:
                return None
            _check_length(operation.text, settings)
            accesses = check(operation.text, settings.service_allowlist, update=False)
            formats, refusals = negotiate(request)
        except ProtocolError as error:
            return plain_error(error.status, str(error))
        except GuardError as error:
            return plain_error(400, f"parameter `query`: {error}")
        except NotAcceptable as error:
            return not_acceptable(error)
        except RequestEntityTooLarge:
            return too_large(settings.max_body_bytes)
        except HTTPException as error:
            return http_exception(error)
        job = QueryJob(
            query=operation.text,
            formats=formats,
            refusals=refusals,
            max_rows=settings.max_rows,
            max_triples=settings.max_triples,
            remote=bool(accesses),
            **_dataset(operation, settings),
        )
        try:
            validators = self._validators(job) if request.method in ("GET", "HEAD") and not accesses else None
            if validators is not None and validators[1].unchanged(request):
                return validators[1].apply(Response(status=304))
            answer = self._answer(job, validators[0] if validators else None)
        except QueryFailed as failure:
            return failure_response(failure, "parameter `query`")
        except RemoteError as error:
            return remote_unavailable(error)
        response = answer_response(answer)
        if validators is not None and answer.store_path == validators[0]:
            validators[1].apply(response)
        return response

    def _answer(self, job: QueryJob, version: str | None) -> QueryAnswer:
        """The answer to `job` on the store version `version` (None: the current one), from the
        answer cache when this process has computed it before; raises QueryFailed.

        Answers are cached per store version (a rebuild makes a new one, so nothing is ever
        stale), unless the store is remote (it may change without a new version being seen), the
        cache is off (`query_cache_bytes` 0), the query contacts other hosts or can answer
        differently on the same data (see `_volatile`), or its text is too long to be worth
        keeping as a key.
        """
        context = self._context
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

    def _validators(self, job: QueryJob) -> tuple[str, Validators] | None:
        """The store version to run a GET query on and the validators of its answer, or None if
        the query can answer differently on the same version (see `_volatile`)."""
        if _is_volatile(job.query):
            return None
        version = self._context.store_version()
        key = (
            os.path.basename(version), "sparql", job.query, repr(sorted(job.formats.items())), repr(job.default_graph),
            repr(job.named_graphs), str(job.use_default_graph_as_union), str(job.max_rows), str(job.max_triples),
        )
        return version, Validators.of(key)


@functools.lru_cache(maxsize=4)
def _answer_cache(max_bytes: int) -> BodyCache[QueryAnswer]:
    """This process's cache of query answers holding at most `max_bytes` of bodies."""
    return BodyCache(max_bytes)


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
