"""Exports of a store: RDF serialisations, and entity graphs for visualisation via networkx."""
from __future__ import annotations

import json
from typing import BinaryIO, Callable

import networkx as nx
from pyoxigraph import RdfFormat, Store, serialize

from scokg.ontology.namespaces import PREFIXES, SCO

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf", "cytoscape")
FORMATS = RDF_FORMATS + NETWORK_FORMATS

# Classes of the evidence layer: their instances are not nodes of the entity network.
_NOT_ENTITIES = ("Mention", "Evidence", "SourceDocument")


class ExportFormatError(ValueError):
    """The export format is not one of `FORMATS`."""


def export(store: Store, fmt: str, out: BinaryIO) -> None:
    """Write the whole store to `out` in format `fmt` (one of `FORMATS`).

    ``turtle`` writes the union of all graphs as one graph; ``trig``, ``nquads`` and ``jsonld``
    keep the named graphs; ``graphml``, ``gexf`` and ``cytoscape`` write the entity network
    (see `entity_network`).
    """
    if fmt not in _WRITERS:
        raise ExportFormatError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    _WRITERS[fmt](store, out)


def _turtle(store: Store, out: BinaryIO) -> None:
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    serialize(triples, out, RdfFormat.TURTLE, prefixes=PREFIXES)


def _dataset(fmt: RdfFormat) -> Callable[[Store, BinaryIO], None]:
    def write(store: Store, out: BinaryIO) -> None:
        store.dump(out, fmt, prefixes=PREFIXES)

    return write


def _cytoscape(store: Store, out: BinaryIO) -> None:
    out.write(json.dumps(nx.cytoscape_data(entity_network(store)), ensure_ascii=False).encode())


_WRITERS: dict[str, Callable[[Store, BinaryIO], None]] = {
    "turtle": _turtle,
    "trig": _dataset(RdfFormat.TRIG),
    "nquads": _dataset(RdfFormat.N_QUADS),
    "jsonld": _dataset(RdfFormat.JSON_LD),
    "graphml": lambda store, out: nx.write_graphml(entity_network(store), out),
    "gexf": lambda store, out: nx.write_gexf(entity_network(store), out),
    "cytoscape": _cytoscape,
}

_EXCLUDED = " ".join(f"sco:{name}" for name in _NOT_ENTITIES)

_NODES = f"""
PREFIX sco: <{SCO}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
SELECT ?s ?class ?label WHERE {{
  ?s a ?class .
  FILTER(isIRI(?s) && STRSTARTS(STR(?class), STR(sco:)))
  FILTER NOT EXISTS {{ VALUES ?excluded {{ {_EXCLUDED} }} ?s a ?excluded }}
  OPTIONAL {{ ?s rdfs:label ?label }}
}}
"""

_SUBCLASSES = f"""
PREFIX sco: <{SCO}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
SELECT DISTINCT ?sub ?super WHERE {{
  ?sub rdfs:subClassOf+ ?super .
  FILTER(?sub != ?super && STRSTARTS(STR(?sub), STR(sco:)) && STRSTARTS(STR(?super), STR(sco:)))
}}
"""

_LINKS = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"


def entity_network(store: Store) -> nx.MultiDiGraph:
    """The entities and the object-property links between them, as a networkx multigraph.

    Nodes are the IRIs of resources typed with a sco: class (except mentions, evidence and
    source documents), with attributes ``label`` (English, else Chinese, else untagged, else the
    IRI's last segment), ``label_zh`` and ``type`` (local name of the most specific sco: class).
    Edges carry ``predicate`` (a CURIE where a prefix is known) and are keyed by it.
    """
    types: dict[str, set[str]] = {}
    labels: dict[str, dict[str, set[str]]] = {}
    for row in store.query(_NODES, use_default_graph_as_union=True):
        node = row["s"].value
        types.setdefault(node, set()).add(_local(row["class"].value))
        label = row["label"]
        if label is not None:
            language = (label.language or "").split("-")[0].lower()
            labels.setdefault(node, {}).setdefault(language, set()).add(label.value)
    below = {
        (_local(row["sub"].value), _local(row["super"].value))
        for row in store.query(_SUBCLASSES, use_default_graph_as_union=True)
    }
    strictly_below = {(a, b) for a, b in below if (b, a) not in below}
    graph = nx.MultiDiGraph()
    for node in sorted(types):
        by_lang = labels.get(node, {})
        graph.add_node(
            node,
            label=_first(by_lang, "en", "zh", "") or node.rstrip("/").rsplit("/", 1)[-1],
            label_zh=_first(by_lang, "zh"),
            type=_most_specific(types[node], strictly_below),
        )
    for row in store.query(_LINKS, use_default_graph_as_union=True):
        source, target = row["s"].value, row["o"].value
        if source in types and target in types:
            predicate = curie(row["p"].value)
            graph.add_edge(source, target, key=predicate, predicate=predicate)
    return graph


def _local(sco_iri: str) -> str:
    return sco_iri[len(str(SCO)):]


def _most_specific(classes: set[str], strictly_below: set[tuple[str, str]]) -> str:
    """The alphabetically first of `classes` that no other of them is strictly below."""
    return min(c for c in classes if not any((other, c) in strictly_below for other in classes))


def _first(labels: dict[str, set[str]], *languages: str) -> str:
    """The first label, in `languages` order; alphabetically first within a language."""
    for language in languages:
        if labels.get(language):
            return min(labels[language])
    return ""


def curie(iri: str) -> str:
    """`iri` as prefix:local with the project's prefixes, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
