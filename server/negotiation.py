"""Content negotiation: pick a media type from `Accept` (with q-values) or a `format` parameter.

Every route that can answer in several formats calls `choose(offered)`; it returns the media type
to produce, or raises `NotAcceptable` (answered with 406 by the app).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import request as current_request
from werkzeug.wrappers import Request


class NotAcceptable(Exception):
    """Nothing the client accepts can be produced; the message lists what can."""


# Short names accepted by `?format=` (as Fuseki and Oxigraph server accept them), and file
# extensions for `/resource/....ttl`-style links.
FORMAT_ALIASES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf-xml": "application/rdf+xml",
    "owl": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nquads": "application/n-quads",
    "n-quads": "application/n-quads",
    "html": "text/html",
}

# Media types some clients send for the same thing.
_SYNONYMS: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/xhtml+xml": "text/html",
    "application/x-trig": "application/trig",
    "text/x-nquads": "application/n-quads",
}


@dataclass(frozen=True)
class _Range:
    media_type: str
    q: float
    order: int

    def matches(self, offered: str) -> int:
        """Specificity of the match (2 exact, 1 type/*, 0 */*), or -1 for no match."""
        if self.media_type == offered or _SYNONYMS.get(self.media_type) == offered:
            return 2
        main, _, sub = self.media_type.partition("/")
        if sub == "*" and main == offered.partition("/")[0]:
            return 1
        if self.media_type == "*/*":
            return 0
        return -1


def parse_accept(header: str | None) -> list[_Range]:
    """The media ranges of an `Accept` header with their q-values (RFC 9110 §12.5.1)."""
    ranges = []
    for order, item in enumerate((header or "*/*").split(",")):
        media_type, *params = (part.strip() for part in item.split(";"))
        if not media_type:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(_Range(media_type.lower(), q, order))
    return ranges


# `xml` and `json` name results formats, but a client asking a CONSTRUCT for them (SPARQLWrapper
# sends `format=xml` by default) means the RDF syntax of the same family, as Fuseki reads them.
_GRAPH_FLAVOURS: dict[str, str] = {
    "application/sparql-results+xml": "application/rdf+xml",
    "application/sparql-results+json": "application/ld+json",
}


def choose(offered: list[str], format_param: str = "format", request: Request = current_request) -> str:
    """The media type to produce among `offered` (preference order, first is the default) for
    `request` (by default Flask's current one).

    A `format` request parameter (alias or media type) wins over `Accept`; when it is given
    several times, the first value that can be produced is taken.
    """
    values = request.args.getlist(format_param) + request.form.getlist(format_param)
    for explicit in values:
        wanted = FORMAT_ALIASES.get(explicit.lower(), explicit.lower())
        wanted = _SYNONYMS.get(wanted, wanted)
        if wanted not in offered:
            wanted = _GRAPH_FLAVOURS.get(wanted, wanted)
        if wanted in offered:
            return wanted
    if values:
        raise NotAcceptable(f"parameter `{format_param}`: cannot produce {values[0]!r}; offered: {', '.join(offered)}")
    return choose_from_accept(request.headers.get("Accept"), offered)


def choose_from_accept(header: str | None, offered: list[str]) -> str:
    """The offered media type with the highest q-value in `header`, ties to the client's order."""
    best: tuple[float, int, int, int] | None = None
    chosen = None
    ranges = parse_accept(header)
    for preference, media_type in enumerate(offered):
        scored = [(r.matches(media_type), r) for r in ranges]
        scored = [(specificity, r) for specificity, r in scored if specificity >= 0]
        if not scored:
            continue
        specificity, match = max(scored, key=lambda pair: pair[0])  # the most specific range decides q
        if match.q <= 0:
            continue
        key = (match.q, specificity, -match.order, -preference)
        if best is None or key > best:
            best, chosen = key, media_type
    if chosen is None:
        raise NotAcceptable(f"header `Accept`: cannot produce {header!r}; offered: {', '.join(offered)}")
    return chosen


def wants_html() -> bool:
    """Whether a browser asked (text/html preferred over the RDF and results formats)."""
    request = current_request
    if request.args.get("format"):
        return request.args["format"].lower() == "html"
    try:
        return choose_from_accept(request.headers.get("Accept"), ["application/sparql-results+json", "text/turtle", "text/html"]) == "text/html"
    except NotAcceptable:
        return False
