"""Run a fixed SPARQL SELECT with variables bound by substitution, never by splicing text."""
from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolution, Store, Variable

from scokg.ontology.namespaces import PREFIXES


def select(
    store: Store,
    query: str,
    default_graph: NamedNode | None = None,
    **bindings: NamedNode | BlankNode | Literal,
) -> list[QuerySolution]:
    """The solutions of `query` (project every bound variable) with `bindings` substituted.

    Runs over the union of all graphs, or over `default_graph` alone if given. The solutions are
    read in this thread (pyoxigraph iterators must not cross threads).
    """
    substitutions = {Variable(name): term for name, term in bindings.items()}
    if default_graph is None:
        results = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions)
    else:
        results = store.query(query, prefixes=PREFIXES, default_graph=default_graph, substitutions=substitutions)
    return list(results)
