"""A resource and its direct neighbours as Cytoscape.js elements, for the interactive graph view.

Neighbours are resources (IRIs) linked to or from the centre, except mentions and evidence (the
provenance layer) and the classes reached by `rdf:type`. The node count is capped.
"""
from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode, Store

from scokg.graph.export import curie
from scokg.ontology.namespaces import SCO
from scokg.server.bound_query import select
from scokg.server.labels import Labeller, local_name

MAX_NODES = 100
_MAX_LINKS = 1000

_LINKS = """
SELECT DISTINCT ?this ?s ?p ?o WHERE {
  { ?this ?p ?o . BIND(?this AS ?s) FILTER(isIRI(?o) && ?p != rdf:type) BIND(?o AS ?other) }
  UNION
  { ?s ?p ?this . BIND(?this AS ?o) FILTER(isIRI(?s)) BIND(?s AS ?other) }
  FILTER(?other != ?this)
  FILTER NOT EXISTS { ?other a ?layer . VALUES ?layer { sco:Mention sco:Evidence } }
} ORDER BY ?p ?s ?o LIMIT %d
""" % _MAX_LINKS

_TYPES = """
SELECT ?this ?type WHERE {
  ?this a ?type .
  FILTER(isIRI(?type))
  FILTER NOT EXISTS { ?this a ?other . ?other rdfs:subClassOf+ ?type . FILTER(?other != ?type) }
} ORDER BY ?type
"""


def neighbourhood(store: Store, node: NamedNode, base_iri: str) -> dict[str, Any]:
    """`{"elements": {"nodes": [...], "edges": [...]}}` for `node` and up to `MAX_NODES - 1` neighbours."""
    labeller = Labeller(store, base_iri)
    members = [node.value]
    edges = []
    for row in select(store, _LINKS, this=node):
        source, predicate, target = row["s"].value, row["p"].value, row["o"].value
        other = target if source == node.value else source
        if other not in members:
            if len(members) == MAX_NODES:
                continue
            members.append(other)
        edges.append({"data": {"id": f"{source} {predicate} {target}", "source": source, "target": target, "label": curie(predicate)}})
    nodes = []
    for iri in members:
        link = labeller.link(iri)
        nodes.append({"data": {"id": iri, "label": link.label, "type": _type(store, NamedNode(iri)), "href": link.href}})
    return {"elements": {"nodes": nodes, "edges": edges}}


def _type(store: Store, node: NamedNode) -> str:
    """The local name of the most specific type of `node` (a sco: class preferred), or ""."""
    types = [row["type"].value for row in select(store, _TYPES, this=node)]
    own = [iri for iri in types if iri.startswith(SCO.prefix)]
    chosen = own or types
    return local_name(chosen[0]) if chosen else ""
