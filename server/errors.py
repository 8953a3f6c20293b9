"""Error answers: `<status> <reason>: <message>` as text/plain, naming what was wrong."""
from __future__ import annotations

from flask import Response
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES


def plain_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A text/plain error response: `<status> <reason>: <message>`."""
    response = Response(
        f"{status} {HTTP_STATUS_CODES[status]}: {message}\n", status=status, mimetype="text/plain", headers=headers
    )
    response.vary.add("Accept")
    return response


def http_exception(error: HTTPException) -> Response:
    """Any HTTP error no route answered itself (unknown path, method, oversized body...), as plain text."""
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    return plain_error(error.code or 500, error.description or error.name, headers)


def not_acceptable(error: Exception) -> Response:
    """406: nothing the client accepts can be produced (the message lists what can)."""
    return plain_error(406, str(error))


def too_large(limit: int) -> Response:
    """413: the request body is over `limit` bytes."""
    return plain_error(413, f"the request body is larger than the limit of {limit} bytes (SCOKG_MAX_BODY_BYTES)")


def remote_unavailable(error: Exception) -> Response:
    """502: the remote store did not answer."""
    return plain_error(502, f"the remote store did not answer: {error}")
