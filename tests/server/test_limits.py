"""Request and result limits over real HTTP: body size (413), query length, rows of SELECT results
and triples of CONSTRUCT/DESCRIBE results (cut, and said so in `SCOKG-Results-Truncated`), and
the validation of the limit settings."""
from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from scokg.graph.store import open_read_only
from scokg.server.results import GRAPH_FORMATS, SOLUTION_FORMATS
from scokg.settings import ENV_VARS, Settings, SettingsError
from support import start_live_server

TRUNCATED = "SCOKG-Results-Truncated"
SPARQL_QUERY = "application/sparql-query"
MAX_ROWS = 7
MAX_TRIPLES = 5
# Every quad, in a fixed order, so the first rows are known.
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
LABELS = ("SELECT DISTINCT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
          "ORDER BY ?s ?label")
KAZ = "https://w3id.org/sco-kg/resource/state/kaz"


@pytest.fixture(scope="module")
def limited(corpus_store_path):
    """A server with small row, triple, query-length and body limits."""
    settings = Settings(
        store_path=corpus_store_path, max_rows=MAX_ROWS, max_triples=MAX_TRIPLES, max_query_length=400,
        max_body_bytes=2000,
    )
    server, http = start_live_server(settings)
    yield server
    http.shutdown()


def sparql(server, query: str, accept: str = "application/sparql-results+json", **params) -> requests.Response:
    return requests.get(server.url + "/sparql", params={"query": query, **params}, headers={"Accept": accept}, timeout=30)


def expected(store_path: Path, query: str, media_type: str) -> bytes:
    """pyoxigraph's own serialisation of `query` on the store (the reference for our writers)."""
    store = open_read_only(store_path)
    return store.query(query, use_default_graph_as_union=True).serialize(format=SOLUTION_FORMATS[media_type])


# --- request body and query length ------------------------------------------------------------


@pytest.mark.parametrize("content_type, body", [
    (SPARQL_QUERY, ("ASK {} #" + "x" * 3000).encode()),
    ("application/x-www-form-urlencoded", b"query=ASK%7B%7D%23" + b"x" * 3000),
])
def test_a_body_over_the_limit_is_413_naming_the_limit(limited, content_type, body):
    response = requests.post(limited.url + "/sparql", data=body, headers={"Content-Type": content_type}, timeout=30)
    assert response.status_code == 413, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "larger than the limit of 2000 bytes (SCOKG_MAX_BODY_BYTES)" in response.text


def test_a_body_under_the_limit_is_answered(limited):
    body = ("ASK {} #" + "x" * 300).encode()
    response = requests.post(limited.url + "/sparql", data=body, headers={"Content-Type": SPARQL_QUERY}, timeout=30)
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize("send", [
    lambda url, text: requests.get(url, params={"query": text}, timeout=30),
    lambda url, text: requests.post(url, data={"query": text}, timeout=30),
])
def test_a_query_over_the_length_limit_is_400_naming_query(limited, send):
    text = "ASK { ?s ?p ?o } # " + "padding " * 60
    response = send(limited.url + "/sparql", text)
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    assert f"parameter `query`: {len(text)} characters, more than the limit of 400 (SCOKG_MAX_QUERY_LENGTH)" in response.text


# --- rows of SELECT results -------------------------------------------------------------------


@pytest.mark.parametrize("media_type", list(SOLUTION_FORMATS))
def test_select_is_cut_at_max_rows_in_every_format(limited, corpus_store_path, media_type):
    response = sparql(limited, ALL_QUADS, media_type)
    assert response.status_code == 200, response.text
    assert response.headers[TRUNCATED] == str(MAX_ROWS)
    assert TRUNCATED in response.headers["Access-Control-Expose-Headers"]
    # exactly the first rows, written as pyoxigraph writes the same rows
    assert response.content == expected(corpus_store_path, f"{ALL_QUADS} LIMIT {MAX_ROWS}", media_type)
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    else:
        rows = list(ox.parse_query_results(response.content, SOLUTION_FORMATS[media_type]))
    assert len(rows) == MAX_ROWS


@pytest.mark.parametrize("media_type", list(SOLUTION_FORMATS))
def test_labels_keep_language_tags_except_in_csv(limited, corpus_store_path, media_type):
    query = LABELS.replace("WHERE {", f"WHERE {{ VALUES ?s {{ <{KAZ}> }}")
    response = sparql(limited, query, media_type)
    assert response.status_code == 200 and TRUNCATED not in response.headers
    assert response.content == expected(corpus_store_path, query, media_type)
    if media_type == "text/csv":
        assert response.text.splitlines() == ["s,label", f"{KAZ},Kazakhstan", f"{KAZ},哈萨克斯坦"]
    else:
        labels = [row["label"] for row in ox.parse_query_results(response.content, SOLUTION_FORMATS[media_type])]
        assert labels == [ox.Literal("Kazakhstan", language="en"), ox.Literal("哈萨克斯坦", language="zh")]


def test_exactly_max_rows_is_not_truncated(limited):
    response = sparql(limited, f"{ALL_QUADS} LIMIT {MAX_ROWS}")
    assert response.status_code == 200 and TRUNCATED not in response.headers
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS


def test_ask_is_not_affected(limited):
    response = sparql(limited, "ASK { ?s ?p ?o }")
    assert response.json()["boolean"] is True and TRUNCATED not in response.headers


def test_canned_query_is_cut_at_max_rows(limited):
    url = limited.url + "/queries/states-by-sco-role"
    as_json = requests.get(url, headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert as_json.status_code == 200 and as_json.headers[TRUNCATED] == str(MAX_ROWS)
    assert len(as_json.json()["results"]["bindings"]) == MAX_ROWS
    page = requests.get(url, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200
    assert f"the first {MAX_ROWS} shown" in page.text
    assert page.text.count("<tr>") == MAX_ROWS + 1  # the header row and the rows kept


# --- triples of CONSTRUCT and DESCRIBE results ------------------------------------------------


@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_construct_is_cut_at_max_triples(limited, media_type):
    response = sparql(limited, "CONSTRUCT WHERE { ?s ?p ?o }", media_type)
    assert response.status_code == 200, response.text
    assert response.headers[TRUNCATED] == str(MAX_TRIPLES)
    assert len(list(ox.parse(response.content, GRAPH_FORMATS[media_type]))) == MAX_TRIPLES


def test_describe_is_cut_and_small_graphs_are_whole(limited):
    describe = sparql(limited, f"DESCRIBE <{KAZ}>", "application/n-triples")
    assert describe.headers[TRUNCATED] == str(MAX_TRIPLES)
    assert len(describe.text.splitlines()) == MAX_TRIPLES
    labels = sparql(limited, f"CONSTRUCT WHERE {{ <{KAZ}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}", "text/turtle")
    assert TRUNCATED not in labels.headers
    assert {t.object for t in ox.parse(labels.content, ox.RdfFormat.TURTLE)} == {
        ox.Literal("Kazakhstan", language="en"), ox.Literal("哈萨克斯坦", language="zh")
    }


# --- settings ---------------------------------------------------------------------------------


def test_limit_defaults():
    settings = Settings()
    assert (settings.max_rows, settings.max_triples) == (10000, 100000)
    assert (settings.query_workers, settings.query_timeout_s) == (2, 10.0)
    assert (settings.max_body_bytes, settings.max_query_length) == (1024 * 1024, 100000)


@pytest.mark.parametrize("var, value, message", [
    ("SCOKG_MAX_ROWS", "0", "must be a positive integer, got 0"),
    ("SCOKG_MAX_TRIPLES", "-5", "must be a positive integer, got -5"),
    ("SCOKG_MAX_TRIPLES", "many", "invalid value 'many'"),
    ("SCOKG_QUERY_WORKERS", "0", "must be an integer in 1..64, got 0"),
    ("SCOKG_QUERY_WORKERS", "65", "must be an integer in 1..64, got 65"),
    ("SCOKG_MAX_BODY_BYTES", "1.5", "invalid value '1.5'"),
    ("SCOKG_MAX_QUERY_LENGTH", "0", "must be a positive integer, got 0"),
    ("SCOKG_QUERY_TIMEOUT", "inf", "must be a positive number of seconds, got inf"),
    ("SCOKG_QUERY_TIMEOUT", "nan", "must be a positive number of seconds, got nan"),
    ("SCOKG_QUERY_TIMEOUT", "-1", "must be a positive number of seconds, got -1.0"),
])
def test_invalid_limits_name_the_variable(monkeypatch, var, value, message):
    for name in ENV_VARS.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError, match=re.escape(message)) as caught:
        Settings.from_env()
    assert str(caught.value).startswith(var)


@pytest.mark.parametrize("field, value", [
    ("max_rows", True), ("max_triples", 2.5), ("query_workers", "2"), ("query_timeout_s", math.inf),
])
def test_invalid_limits_given_directly_are_refused(field, value):
    with pytest.raises(SettingsError, match=f"\\({field}\\)"):
        Settings(**{field: value})


def test_limits_from_the_environment(monkeypatch):
    for name in ENV_VARS.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SCOKG_MAX_TRIPLES", "50")
    monkeypatch.setenv("SCOKG_QUERY_WORKERS", "4")
    monkeypatch.setenv("SCOKG_MAX_BODY_BYTES", "4096")
    monkeypatch.setenv("SCOKG_MAX_QUERY_LENGTH", "300")
    settings = Settings.from_env()
    assert (settings.max_triples, settings.query_workers, settings.max_body_bytes, settings.max_query_length) == (
        50, 4, 4096, 300
    )
