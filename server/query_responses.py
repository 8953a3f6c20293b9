"""Between a request and the query workers: negotiate formats up front, turn answers into responses.

The kind of result (solutions, boolean, graph) is only known once the query has run in a
worker, so the media type is chosen beforehand for each kind, and the worker writes the one
that applies. A result cut at a row or triple cap carries the header `SCOKG-Results-Truncated`
with the cap (readable by cross-origin scripts too).
"""
from __future__ import annotations

from flask import Response
from werkzeug.wrappers import Request

from scokg.server.errors import plain_error
from scokg.server.negotiation import NotAcceptable, choose
from scokg.server.query_execution import BOOLEAN, GRAPH, SOLUTIONS, QueryAnswer
from scokg.server.query_workers import QueryFailed
from scokg.server.results import GRAPH_FORMATS, SOLUTION_FORMATS, content_type
from scokg.server.sparql_request import FORM

TRUNCATED_HEADER = "SCOKG-Results-Truncated"
# The media types each kind of result can be written as, the default first.
OFFERED: dict[str, list[str]] = {
    SOLUTIONS: list(SOLUTION_FORMATS),
    BOOLEAN: ["application/sparql-results+json", "application/sparql-results+xml"],
    GRAPH: list(GRAPH_FORMATS),
}


_NEGOTIATED_KEEP = 256
_negotiated: dict[tuple[object, ...], tuple[dict[str, str], dict[str, str]]] = {}


def negotiate(request: Request, kinds: tuple[str, ...] = tuple(OFFERED)) -> tuple[dict[str, str], dict[str, str]]:
    """The media type chosen for each result kind for `request`, and why the others cannot be produced.

    Raises NotAcceptable when no kind can be produced at all (so nothing needs to run). The
    choice depends only on the `format` parameters and `Accept`; it is remembered per process
    for the most common few (clients send the same headers again and again).
    """
    # Only a form body can carry `format` (reading `request.form` of another body costs a parse).
    form = tuple(request.form.getlist("format")) if request.mimetype == FORM else ()
    key = (kinds, tuple(request.args.getlist("format")), form, request.headers.get("Accept"))
    known = _negotiated.get(key)
    if known is not None:
        return dict(known[0]), dict(known[1])
    formats: dict[str, str] = {}
    refusals: dict[str, str] = {}
    for kind in kinds:
        try:
            formats[kind] = choose(OFFERED[kind], request=request)
        except NotAcceptable as error:
            refusals[kind] = str(error)
    if not formats:
        raise NotAcceptable(refusals[kinds[0]])
    if len(_negotiated) >= _NEGOTIATED_KEEP:
        _negotiated.clear()
    _negotiated[key] = (formats, refusals)
    return dict(formats), dict(refusals)


def answer_response(answer: QueryAnswer) -> Response:
    """The response carrying a worker's written result."""
    headers = [("Content-Type", content_type(answer.media_type)), ("Vary", "Accept")]
    if answer.truncated_at is not None:
        headers += [(TRUNCATED_HEADER, str(answer.truncated_at)), ("Access-Control-Expose-Headers", TRUNCATED_HEADER)]
    return Response(answer.body, headers=headers)


def failure_headers(failure: QueryFailed) -> dict[str, str]:
    """`Retry-After` when trying again later can help."""
    return {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}


def failure_response(failure: QueryFailed, subject: str) -> Response:
    """A text/plain error for a failed query; client errors (4xx) are prefixed with `subject`
    (e.g. "parameter `query`"), server-side ones (5xx) are not about the client's input."""
    message = f"{subject}: {failure}" if failure.status < 500 and failure.status != 406 else str(failure)
    return plain_error(failure.status, message, failure_headers(failure))
