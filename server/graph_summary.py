"""What a named graph holds: its size, its classes and properties with counts; and the list of graphs."""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode, Store

from scokg.server.bound_query import select
from scokg.server.labels import Labeller, Link
from scokg.server.paths import graph_url

MAX_ROWS = 100

_SIZE = "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { ?s ?p ?o }"
_CLASSES = f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?class }} GROUP BY ?class ORDER BY DESC(?n) ?class LIMIT {MAX_ROWS}"
_PROPERTIES = f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {MAX_ROWS}"
_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@dataclass(frozen=True)
class Count:
    """A class or property and how often it occurs."""

    term: Link
    count: int


@dataclass(frozen=True)
class GraphSummary:
    """Everything `graph.html` renders about one named graph."""

    graph: Link
    page: str
    triples: int
    subjects: int
    classes: list[Count]
    properties: list[Count]


def summarize(store: Store, graph: NamedNode, base_iri: str) -> GraphSummary:
    """The counts of the named graph `graph`."""
    labeller = Labeller(store, base_iri)
    size = select(store, _SIZE, default_graph=graph)[0]
    return GraphSummary(
        graph=labeller.link(graph.value),
        page=graph_url(graph.value, base_iri),
        triples=int(size["triples"].value),
        subjects=int(size["subjects"].value),
        classes=[
            Count(labeller.link(row["class"].value), int(row["n"].value))
            for row in select(store, _CLASSES, default_graph=graph)
            if isinstance(row["class"], NamedNode)
        ],
        properties=[
            Count(labeller.predicate(row["p"].value), int(row["n"].value))
            for row in select(store, _PROPERTIES, default_graph=graph)
        ],
    )


def all_graphs(store: Store, base_iri: str) -> list[Count]:
    """Every named graph with its number of triples; each link points at the graph's page."""
    labeller = Labeller(store, base_iri)
    graphs = []
    for row in select(store, _GRAPHS):
        link = labeller.link(row["g"].value)
        graphs.append(Count(Link(link.iri, link.label, link.lang, graph_url(link.iri, base_iri)), int(row["n"].value)))
    return graphs
