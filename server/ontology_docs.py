"""The ontology and its SHACL shapes in RDF formats, and the ontology's HTML documentation (pyLODE).

The documentation is generated once per process, offline (pyLODE inlines its CSS and loads its
background ontologies from files it ships), with each `sco:` class and property anchored at its
local name so that `https://w3id.org/sco-kg/ontology#X` lands on the section about X.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

from pyoxigraph import RdfFormat, parse, serialize

from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import SCO
from scokg.server.results import GRAPH_FORMATS

# Offered in this order (the first is the default).
ONTOLOGY_TYPES = ["text/html", "text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json"]
SHAPES_TYPES = ["text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json"]

_html_lock = threading.Lock()


@cache
def rdf_file(path: Path, media_type: str) -> bytes:
    """The Turtle file `path` (the ontology or the shapes) written as `media_type` (cached)."""
    if media_type == "text/turtle":
        return path.read_bytes()
    parser = parse(path=path, format=RdfFormat.TURTLE)
    triples = [quad.triple for quad in parser]
    return serialize(triples, format=GRAPH_FORMATS[media_type], prefixes=parser.prefixes)


def ontology_html() -> str:
    """The pyLODE documentation of the ontology (made on first call, then cached)."""
    with _html_lock:
        return _documentation()


@cache
def _documentation() -> str:
    with _root_logging_kept():
        from pylode import OntPub  # imported here: importing pyLODE reconfigures logging

        ont_pub = OntPub(ontology=str(ONTOLOGY_PATH))
        # pyLODE keeps a fragment id once assigned to an IRI: give every sco: term its local name.
        ont_pub.fids.update(_sco_fragments())
        return ont_pub.make_html(include_css=True)


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo pyLODE's changes to the root logger: its supermodel loader calls
    `logging.basicConfig(level=DEBUG)` on import, and its `logging.info` calls add a handler."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    if not handlers:  # basicConfig does nothing while the root logger has a handler
        root.addHandler(logging.NullHandler())
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _sco_fragments() -> dict[str, str]:
    """sco: term IRI -> its local name, for every term the ontology file mentions."""
    fragments = {}
    for quad in parse(path=ONTOLOGY_PATH, format=RdfFormat.TURTLE):
        iri = getattr(quad.subject, "value", "")
        if iri.startswith(SCO.prefix) and len(iri) > len(SCO.prefix):
            fragments[iri] = iri[len(SCO.prefix):]
    return fragments

