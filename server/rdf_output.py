"""Write triples or quads as an HTTP response in one of the RDF media types."""
from __future__ import annotations

from typing import Iterable

from flask import Response
from pyoxigraph import Quad, Triple, serialize

from scokg.ontology.namespaces import PREFIXES
from scokg.server.results import GRAPH_FORMATS, content_type

# Formats that keep named graphs; the others get the triples (graphs merged, duplicates dropped).
DATASET_TYPES = ("application/trig", "application/n-quads")


def merged_triples(quads: Iterable[Quad]) -> list[Triple]:
    """The triples of `quads`, each once, in first-seen order."""
    return list(dict.fromkeys(quad.triple for quad in quads))


def rdf_response(quads: list[Quad], media_type: str, extra_prefixes: dict[str, str] | None = None) -> Response:
    """`quads` written as `media_type` (a key of `GRAPH_FORMATS`), graphs kept only in dataset formats."""
    data: list[Quad] | list[Triple] = quads if media_type in DATASET_TYPES else merged_triples(quads)
    body = serialize(data, format=GRAPH_FORMATS[media_type], prefixes={**PREFIXES, **(extra_prefixes or {})})
    response = Response(body, content_type=content_type(media_type))
    response.vary.add("Accept")
    return response
