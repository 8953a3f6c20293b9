"""Our writers of the four SPARQL results formats give byte for byte what pyoxigraph gives for the
same solutions: on every canned query over the corpus, on every quad, and on awkward terms."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.graph.store import open_read_only
from scokg.queries.catalog import load_catalog
from scokg.server.result_writers import WRITERS
from scokg.server.results import SOLUTION_FORMATS

XSD = "http://www.w3.org/2001/XMLSchema#"
AWKWARD = ox.Store()
for index, term in enumerate([
    ox.Literal("".join(chr(c) for c in range(1, 0x30)) + "\x7f\x85\u2028\ufeff<>&'\\"),
    ox.Literal('he said "hi",\nthen left', language="en-GB"),
    ox.Literal("x", datatype=ox.NamedNode("http://example.org/type?a=1&b=2")),
    *(ox.Literal(value, datatype=ox.NamedNode(XSD + kind)) for value, kind in [
        ("5", "integer"), ("-5", "integer"), ("2.5", "decimal"), ("1", "decimal"), ("1.5E3", "double"),
        ("true", "boolean"), ("0", "boolean"), ("nope", "boolean"), ("1.5", "float"), ("7", "int"), ("2024", "gYear"),
    ]),
    ox.NamedNode("http://example.org/a?b=c&d=e"),
]):
    AWKWARD.add(ox.Quad(ox.BlankNode(f"b{index}"), ox.NamedNode("http://example.org/p"), term))
AWKWARD_QUERIES = [
    "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/none> ?missing } } ORDER BY ?o",
    "SELECT * WHERE {} LIMIT 0",
    "SELECT ?x WHERE {}",
    "SELECT * {}",
    'SELECT (TRIPLE(<http://a/s>, <http://a/p>, "a,\\"b") AS ?t) (TRIPLE(BNODE("z"), <http://a/p>, '
    'TRIPLE(<http://a/s>, <http://a/p>, 5)) AS ?u) (STRLANGDIR("x<y", "ar", "rtl") AS ?d) {}',
]


def assert_same_as_pyoxigraph(store: ox.Store, query: str, **arguments) -> None:
    for media_type, results_format in SOLUTION_FORMATS.items():
        reference = store.query(query, **arguments).serialize(format=results_format)
        solutions = store.query(query, **arguments)
        variables = [variable.value for variable in solutions.variables]
        rows = [[solution[index] for index in range(len(variables))] for solution in solutions]
        assert WRITERS[media_type](variables, rows) == reference, (media_type, query)


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_awkward_terms(query: str) -> None:
    assert_same_as_pyoxigraph(AWKWARD, query)


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_canned_query_on_the_corpus(corpus_store_path: Path, name: str) -> None:
    query = load_catalog()[name]
    bindings = {ox.Variable(key): term for key, term in query.default_bindings().items()}
    assert_same_as_pyoxigraph(
        open_read_only(corpus_store_path), query.text, use_default_graph_as_union=True, substitutions=bindings
    )


def test_every_quad_of_the_corpus(corpus_store_path: Path) -> None:
    assert_same_as_pyoxigraph(open_read_only(corpus_store_path), "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
