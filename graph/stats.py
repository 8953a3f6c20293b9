"""Counts over a store: instances per class, triples per named graph."""
from __future__ import annotations

from pyoxigraph import Store

from scokg.ontology.namespaces import SCO

_CLASS_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?class .
  FILTER(STRSTARTS(STR(?class), "{SCO}"))
}} GROUP BY ?class ORDER BY ?class
"""

_GRAPH_SIZES = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def class_counts(store: Store) -> list[tuple[str, int]]:
    """(local name of a sco: class, distinct instances across all graphs), by class name."""
    rows = store.query(_CLASS_COUNTS, use_default_graph_as_union=True)
    return [(row["class"].value[len(str(SCO)):], int(row["n"].value)) for row in rows]


def graph_sizes(store: Store) -> list[tuple[str, int]]:
    """(named graph IRI, number of triples in it), by IRI."""
    return [(row["g"].value, int(row["n"].value)) for row in store.query(_GRAPH_SIZES)]


def total_quads(store: Store) -> int:
    """Number of quads in the store, all graphs together."""
    return len(store)
