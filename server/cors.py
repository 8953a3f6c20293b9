"""Cross-origin reads: any origin may read (as Oxigraph server and Fuseki allow); updates carry their own token."""
from __future__ import annotations

from werkzeug.wrappers import Request, Response

_METHODS = "GET, POST, OPTIONS"


def add_cors_headers(request: Request, response: Response) -> Response:
    """`response` with the CORS headers for `request` (a preflight also gets the allowed methods and headers)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = _METHODS
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Content-Type, Authorization"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
