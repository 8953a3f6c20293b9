"""Run a fixed SPARQL SELECT with variables bound by a `VALUES` row, never by splicing user text.

Each bound IRI or literal is written by pyoxigraph (N-Triples syntax, its escaping) into a
`VALUES ?name { term }` row at the start of the query's WHERE group, so Oxigraph's planner sees
the value (it ignores `substitutions` when planning: an entity's evidence query took seconds on a
large graph with substitutions and milliseconds with VALUES). Blank nodes cannot be written in
VALUES; they are bound with pyoxigraph `substitutions`.
"""
from __future__ import annotations

from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolution, Store, Variable

from scokg.ontology.namespaces import PREFIXES
from scokg.server.sparql_tokens import Kind, tokenize

Term = NamedNode | BlankNode | Literal


def select(
    store: Store,
    query: str,
    default_graph: NamedNode | None = None,
    **bindings: Term,
) -> list[QuerySolution]:
    """The solutions of `query` (project every bound variable) with `bindings` bound.

    Runs over the union of all graphs, or over `default_graph` alone if given. The solutions are
    read in this thread (pyoxigraph iterators must not cross threads).
    """
    written = {name: term for name, term in bindings.items() if not isinstance(term, BlankNode)}
    substitutions = {Variable(name): term for name, term in bindings.items() if isinstance(term, BlankNode)}
    text = with_values(query, written)
    if default_graph is None:
        results = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions)
    else:
        results = store.query(text, prefixes=PREFIXES, default_graph=default_graph, substitutions=substitutions)
    return list(results)


def with_values(text: str, bindings: Mapping[str, NamedNode | Literal]) -> str:
    """`text` with one `VALUES ?name { term }` row per binding at the start of its WHERE group.

    Terms are written by pyoxigraph (`str(term)`), so a value cannot change the query's structure.
    Raises ValueError if the query has no WHERE group.
    """
    if not bindings:
        return text
    opening = _where_group(text)
    values = "".join(f"\n  VALUES ?{Variable(name).value} {{ {_written(term)} }}" for name, term in bindings.items())
    return text[: opening + 1] + values + text[opening + 1:]


def _written(term: NamedNode | Literal) -> str:
    if not isinstance(term, (NamedNode, Literal)):
        raise TypeError(f"only IRIs and literals can be written in VALUES, not {type(term).__name__}")
    return str(term)


def _where_group(text: str) -> int:
    """Offset of the `{` opening the WHERE group: the first after the keyword WHERE, else the first
    top-level group (the second for a CONSTRUCT, whose first is the template)."""
    depth = 0
    groups_seen = 0
    after_where = False
    construct = False
    for token in tokenize(text):
        if depth == 0 and token.is_word("CONSTRUCT"):
            construct = True
        elif depth == 0 and token.is_word("WHERE"):
            after_where = True
        elif token.kind is Kind.PUNCT and token.text == "{":
            if depth == 0 and (after_where or not construct or groups_seen == 1):
                return token.start
            depth += 1
        elif token.kind is Kind.PUNCT and token.text == "}":
            depth -= 1
            if depth == 0:
                groups_seen += 1
    raise ValueError("the query has no WHERE group to bind variables in")
