"""SHACL validation of an N-Quads dataset (union of its graphs plus the ontology).

RDFS entailment is materialised here, restricted to the sub-property and
sub-class rules (rdfs7, rdfs9) over the ontology, instead of pyshacl's
``inference="rdfs"``:

* rdfs:domain / rdfs:range typing (rdfs2, rdfs3) would make every sh:class
  check on a property with a range vacuous (the range itself would type the
  value), so a State used as a meeting's sco:place would pass;
* owlrl's full closure also derives rdfs:Resource types and axiomatic triples
  for every node, which tripled the run time on a 30k-triple dataset.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF as RDF_NS, RDFS as RDFS_NS, SH, XSD as XSD_NS
from rdflib.term import Node

from .files import ONTOLOGY_PATH, SHAPES_PATH
from .namespaces import PREFIXES

_XSD_STRING = str(XSD_NS.string)


@dataclass
class ValidationReport:
    """Outcome of a SHACL run: ``results`` holds one "focus – path – message" line per result."""

    conforms: bool
    results: list[str] = field(default_factory=list)
    text: str = ""


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[tuple[Node, Node, Node], ...]:
    return tuple(Graph().parse(ONTOLOGY_PATH, format="turtle"))


@lru_cache(maxsize=1)
def _shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def _term(term: object) -> Node:
    """Convert a pyoxigraph term to rdflib (plain literals stay plain, like rdflib's parsers)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dtype = term.datatype.value
        return Literal(term.value) if dtype == _XSD_STRING else Literal(term.value, datatype=URIRef(dtype))
    raise ValueError(f"unsupported RDF term: {term!r}")


def _closure(edges: dict[Node, set[Node]], start: Node) -> set[Node]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@lru_cache(maxsize=1)
def _rdfs_rules() -> tuple[dict[Node, frozenset[Node]], dict[Node, frozenset[Node]]]:
    """Proper super-properties and super-classes (IRIs only) declared in the ontology."""
    edges: dict[Node, dict[Node, set[Node]]] = {RDFS_NS.subPropertyOf: defaultdict(set),
                                                RDFS_NS.subClassOf: defaultdict(set)}
    for s, p, o in _ontology_triples():
        if p in edges and isinstance(s, URIRef) and isinstance(o, URIRef):
            edges[p][s].add(o)
    sub_p, sub_c = edges[RDFS_NS.subPropertyOf], edges[RDFS_NS.subClassOf]
    return ({p: frozenset(_closure(sub_p, p) - {p}) for p in sub_p},
            {c: frozenset(_closure(sub_c, c) - {c}) for c in sub_c})


def _materialise_rdfs(graph: Graph) -> None:
    """Add super-property triples, then super-class types (RDFS rules rdfs7 and rdfs9)."""
    supers_p, supers_c = _rdfs_rules()
    for p, supers in supers_p.items():
        for s, o in list(graph.subject_objects(p)):
            for q in supers:
                graph.add((s, q, o))
    for c, supers in supers_c.items():
        for s in list(graph.subjects(RDF_NS.type, c)):
            for d in supers:
                graph.add((s, RDF_NS.type, d))


def _union_graph(data_nquads: bytes | str) -> Graph:
    data = data_nquads.encode() if isinstance(data_nquads, str) else data_nquads
    graph = Graph()
    for triple in _ontology_triples():
        graph.add(triple)
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.ERROR)  # ill-typed literals are reported by SHACL, not logged
    try:
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            graph.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    finally:
        term_logger.setLevel(level)
    return graph


def _short(term: Node | None) -> str:
    if term is None:
        return "(node)"
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if term.startswith(ns) and term != ns:
                return f"{prefix}:{term[len(ns):]}"
        return str(term)
    return term.n3()


def _result_lines(results: Graph) -> list[str]:
    lines = set()
    for r in results.subjects(RDF_NS.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage)) or ["(no message)"]
        path = results.value(r, SH.resultPath)
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        shown = "" if value is None or value == focus else f" (value: {_short(value)})"
        lines.add(f"{_short(focus)} – {_short(path)} – {'; '.join(messages)}{shown}")
    return sorted(lines)


def validate_shapes(data_nquads: bytes | str) -> ValidationReport:
    """Validate the union of all graphs in ``data_nquads`` plus the ontology against shapes.ttl."""
    graph = _union_graph(data_nquads)
    _materialise_rdfs(graph)
    conforms, results, text = pyshacl.validate(
        graph, shacl_graph=_shapes_graph(), inference="none", advanced=False, inplace=True,
        allow_warnings=False,
    )
    return ValidationReport(bool(conforms), _result_lines(results), str(text))
