"""Results written natively by pyoxigraph and cut at the caps (issue 6, serving throughput): the
bytes are exactly those of the rows (or triples) kept, whatever the chunking of the output, in
every format; a cut where a value could hold a record marker falls back to counting rows."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.server import query_execution
from scokg.server.query_execution import GRAPH, SOLUTIONS, QueryJob, StoreCache, execute
from scokg.server.result_writers import LAYOUTS, CappedOutput, CapReached
from scokg.server.results import GRAPH_FORMATS, SOLUTION_FORMATS

ALL_QUADS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
# Values holding the bytes the cutters look for: `,{"`, `,{}`, newlines, quotes, `<result>`.
AWKWARD_VALUES = (
    'SELECT ?a ?b WHERE { VALUES (?a ?b) { ("x,{}y" 1) ("a,{\\"b" UNDEF) (UNDEF UNDEF) ("q\\r\\nz" 2) '
    '(UNDEF UNDEF) (<http://example.org/a> "\\"") ("<result>" "</results>") ("tab\\tnew\\nline" 3) } }'
)
EMPTY_ROWS = "SELECT ?a WHERE { VALUES ?a { UNDEF UNDEF UNDEF UNDEF UNDEF } }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
CAPS = [1, 2, 3, 7, 100, 1000]


@pytest.fixture(scope="module")
def stores() -> StoreCache:
    return StoreCache()


def job(store_path: Path, query: str, kind: str, media_type: str, cap: int) -> QueryJob:
    return QueryJob(query=query, formats={kind: media_type}, max_rows=cap, max_triples=cap,
                    store_path=str(store_path.resolve()), use_default_graph_as_union=True)


def by_rows(stores: StoreCache, request: QueryJob, monkeypatch: pytest.MonkeyPatch):
    """The answer as the row-by-row writers give it (no native layouts)."""
    with monkeypatch.context() as patch:
        patch.setattr(query_execution, "LAYOUTS", {})
        return execute(request, stores)


@pytest.mark.parametrize("cap", CAPS)
@pytest.mark.parametrize("media_type", list(SOLUTION_FORMATS))
@pytest.mark.parametrize("query", [ALL_QUADS, AWKWARD_VALUES, EMPTY_ROWS])
def test_native_select_equals_the_row_by_row_writers(corpus_store_path, stores, monkeypatch, query, media_type, cap):
    request = job(corpus_store_path, query, SOLUTIONS, media_type, cap)
    native = execute(request, stores)
    assert native == by_rows(stores, request, monkeypatch)
    rows = list(ox.parse_query_results(native.body, SOLUTION_FORMATS[media_type])) if media_type != "text/csv" else None
    if query == ALL_QUADS:  # thousands of quads: always cut, at exactly `cap` rows
        assert native.truncated_at == cap
        if rows is not None:
            assert len(rows) == cap


@pytest.mark.parametrize("cap", CAPS)
@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_native_construct_equals_the_triple_by_triple_writer(corpus_store_path, stores, monkeypatch, media_type, cap):
    request = job(corpus_store_path, CONSTRUCT, GRAPH, media_type, cap)
    native = execute(request, stores)
    assert native == by_rows(stores, request, monkeypatch)
    assert native.truncated_at == cap
    assert len(list(ox.parse(native.body, GRAPH_FORMATS[media_type]))) == cap


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml",
                                        "text/tab-separated-values"])
def test_a_cut_equals_the_same_query_with_limit(corpus_store_path, stores, media_type):
    answer = execute(job(corpus_store_path, ALL_QUADS, SOLUTIONS, media_type, 25), stores)
    limited = ox.Store.read_only(str(corpus_store_path.resolve())).query(
        f"{ALL_QUADS} LIMIT 25", use_default_graph_as_union=True
    )
    assert answer.body == limited.serialize(format=SOLUTION_FORMATS[media_type])


def native_output(media_type: str, query: str = AWKWARD_VALUES) -> bytes:
    store = ox.Store()
    return store.query(query).serialize(format=SOLUTION_FORMATS[media_type])


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 5, 8, 13, 8192])
@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml",
                                        "text/tab-separated-values", "text/csv"])
def test_cut_does_not_depend_on_how_the_output_is_chunked(media_type, chunk):
    whole = native_output(media_type)
    for cap in range(1, 10):
        reference = CappedOutput(LAYOUTS[media_type], cap)
        try:
            reference.write(whole)
        except CapReached:
            pass
        chunked = CappedOutput(LAYOUTS[media_type], cap)
        try:
            for start in range(0, len(whole), chunk):
                chunked.write(whole[start : start + chunk])
        except CapReached:
            pass
        assert (chunked.truncated, chunked.getvalue()) == (reference.truncated, reference.getvalue()), cap


def test_writing_stops_once_the_cap_is_passed():
    output = CappedOutput(LAYOUTS["application/n-triples"], 2)
    output.write(b"<a> <b> <c> .\n<a> <b> <d> .\n")
    assert not output.truncated
    with pytest.raises(CapReached):
        output.write(b"<a> <b> <e> .\n")
    assert output.truncated
    assert output.getvalue() == b"<a> <b> <c> .\n<a> <b> <d> .\n"


def test_json_values_that_look_like_row_starts_are_not_counted():
    store = ox.Store()
    body = store.query('SELECT ?v WHERE { VALUES ?v { "a,{" "b,{\\"c" "},{\\"d\\":1" } }').serialize(
        format=ox.QueryResultsFormat.JSON
    )
    output = CappedOutput(LAYOUTS["application/sparql-results+json"], 3)
    output.write(body)
    assert not output.truncated and not output.ambiguous
    assert output.getvalue() == body


def test_an_infinite_result_stops_at_the_cap(corpus_store_path, stores):
    """Every quad against every quad twice over: far more rows than could ever be written."""
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answer = execute(job(corpus_store_path, endless, SOLUTIONS, "application/sparql-results+json", 50), stores)
    assert answer.truncated_at == 50
    assert len(list(ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON))) == 50
