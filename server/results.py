"""Serialise pyoxigraph query results into a negotiated media type.

Results must be serialised in the thread that ran the query (pyoxigraph iterators panic in
another thread), so routes call `negotiate_and_serialize` right after `Store.query`.
"""
from __future__ import annotations

from flask import Response
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat
from pyoxigraph import serialize as rdf_serialize

from scokg.ontology.namespaces import PREFIXES
from scokg.server.negotiation import choose

SOLUTION_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/trig": RdfFormat.TRIG,
    "application/n-quads": RdfFormat.N_QUADS,
}

# Text formats outside text/* that get an explicit charset (they are UTF-8 by definition).
_TEXT_TYPES = {"application/n-triples", "application/trig", "application/n-quads"}


def content_type(media_type: str) -> str:
    """The Content-Type value for `media_type` (a charset on text formats)."""
    if media_type.startswith("text/") or media_type in _TEXT_TYPES:
        return f"{media_type}; charset=utf-8"
    return media_type


def offered_for(results: QuerySolutions | QueryBoolean | QueryTriples) -> list[str]:
    """The media types these results can be written as, the default first."""
    if isinstance(results, QueryTriples):
        return list(GRAPH_FORMATS)
    if isinstance(results, QueryBoolean):
        return ["application/sparql-results+json", "application/sparql-results+xml"]
    return list(SOLUTION_FORMATS)


def serialize(results: QuerySolutions | QueryBoolean | QueryTriples, media_type: str) -> Response:
    """A response with `results` written as `media_type` (one of `offered_for(results)`)."""
    if isinstance(results, QueryTriples):
        body = rdf_serialize(results, format=GRAPH_FORMATS[media_type], prefixes=PREFIXES)
    else:
        body = results.serialize(format=SOLUTION_FORMATS[media_type])
    response = Response(body, content_type=content_type(media_type))
    response.vary.add("Accept")
    return response


def negotiate_and_serialize(results: QuerySolutions | QueryBoolean | QueryTriples) -> Response:
    """Choose the format from the request (`format` or `Accept`) and serialise; may raise NotAcceptable."""
    return serialize(results, choose(offered_for(results)))
