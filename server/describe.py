"""The RDF description of a resource: a concise bounded description plus incoming links and labels.

Outgoing statements (from every named graph, blank nodes followed), statements pointing at the
resource, and the `rdfs:label`s of every resource linked either way. Each part is capped so
that a resource with thousands of links still gets a description of bounded size.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import BlankNode, NamedNode, Quad, Store

from scokg.ontology.namespaces import RDFS

MAX_OUTGOING = 5000
MAX_INCOMING = 2000
MAX_LABELLED = 1000


@dataclass(frozen=True)
class Description:
    """The statements describing one resource, as quads keeping their graphs."""

    node: NamedNode
    outgoing: list[Quad]
    incoming: list[Quad]
    labels: list[Quad]

    @property
    def quads(self) -> list[Quad]:
        """All statements of the description, each once."""
        return list(dict.fromkeys([*self.outgoing, *self.incoming, *self.labels]))


def exists(store: Store, node: NamedNode) -> bool:
    """Whether `node` is the subject or object of a statement, or names a graph, in `store`."""
    return (
        next(store.quads_for_pattern(node, None, None, None), None) is not None
        or next(store.quads_for_pattern(None, None, node, None), None) is not None
        or store.contains_named_graph(node)
    )


def describe(store: Store, node: NamedNode) -> Description:
    """The bounded description of `node` in `store` (all graphs)."""
    outgoing = _outgoing(store, node)
    incoming = list(islice(store.quads_for_pattern(None, None, node, None), MAX_INCOMING))
    linked = [q.object for q in outgoing if isinstance(q.object, NamedNode)]
    linked += [q.subject for q in incoming if isinstance(q.subject, NamedNode)]
    linked = [term for term in dict.fromkeys(linked) if term != node]
    labels = [
        quad
        for term in linked[:MAX_LABELLED]
        for quad in store.quads_for_pattern(term, RDFS.label, None, None)
    ]
    return Description(node, outgoing, incoming, labels)


def _outgoing(store: Store, node: NamedNode) -> list[Quad]:
    """Statements about `node` and, recursively, about the blank nodes they reach."""
    quads: list[Quad] = []
    seen: set[BlankNode] = set()
    todo: deque[NamedNode | BlankNode] = deque([node])
    while todo:
        subject = todo.popleft()
        for quad in store.quads_for_pattern(subject, None, None, None):
            if len(quads) == MAX_OUTGOING:
                return quads
            quads.append(quad)
            if isinstance(quad.object, BlankNode) and quad.object not in seen:
                seen.add(quad.object)
                todo.append(quad.object)
    return quads
