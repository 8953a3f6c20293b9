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
