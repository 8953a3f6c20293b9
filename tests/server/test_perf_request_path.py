"""What the request path does once instead of on every query (issue 6, serving throughput): queries
are answered in front of Flask, guard verdicts are remembered, the store version is read with one
readlink, worker messages of any size cross the socket whole, and the serving settings are read
from the environment."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from werkzeug.test import Client

from scokg.graph.store import build_store
from scokg.server.context import ServerContext
from scokg.server.query_execution import GRAPH, QueryJob, StoreCache, execute
from scokg.server.query_workers import current_version, run_query
from scokg.server.sparql_endpoint import SparqlEndpoint
from scokg.server.sparql_guard import RemoteAccessRefused, TooDeeplyNested, check
from scokg.settings import Settings, SettingsError

SERVICE = "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }"
ALLOWED = "SELECT * WHERE { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }"
KAZ_LABEL = ('SELECT DISTINCT ?label WHERE { <https://w3id.org/sco-kg/resource/state/kaz> '
             '<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = "zh") }')


def test_queries_are_answered_in_front_of_flask_and_the_rest_reaches_it(corpus_store_path: Path):
    reached: list[str] = []

    def flask_app(environ, start_response):
        reached.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from flask"]

    client = Client(SparqlEndpoint(ServerContext.open(Settings(store_path=corpus_store_path)), flask_app))
    answer = client.post("/sparql", data=KAZ_LABEL, headers={
        "Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})
    assert answer.status_code == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.get_data(as_text=True).splitlines() == ["?label", '"哈萨克斯坦"@zh']
    assert client.get("/sparql", query_string={"query": "SELECT * WHERE {"}).status_code == 400
    assert client.delete("/sparql").headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert reached == []
    assert client.get("/sparql").get_data() == b"from flask"  # no query: the service description
    assert client.get("/resource/state/kaz").get_data() == b"from flask"
    assert reached == ["GET /sparql", "GET /resource/state/kaz"]


@pytest.mark.parametrize("attempt", range(3))
def test_a_remembered_refusal_is_raised_every_time(attempt):
    with pytest.raises(RemoteAccessRefused, match="evil.example"):
        check(SERVICE, (), update=False)
    with pytest.raises(TooDeeplyNested):
        check("SELECT * WHERE " + "{" * 200 + "}" * 200, (), update=False)


def test_the_verdict_depends_on_the_allowlist():
    (access,) = check(ALLOWED, ("http://ok.example/",), update=False)
    assert access.iri == "http://ok.example/sparql"
    with pytest.raises(RemoteAccessRefused):
        check(ALLOWED, (), update=False)
    returned = check(ALLOWED, ("http://ok.example/",), update=False)
    returned.clear()  # callers get their own list
    assert len(check(ALLOWED, ("http://ok.example/",), update=False)) == 1


def test_current_version_is_what_resolve_gives(tmp_path: Path):
    link = tmp_path / "store"
    build_store(link, [ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))])
    assert current_version(link) == str(link.resolve())
    first = current_version(link)
    build_store(link, [ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("new"))])
    assert current_version(link) == str(link.resolve()) != first
    directory = tmp_path / "plain"
    directory.mkdir()
    assert current_version(directory) == str(directory.resolve())
    assert current_version(tmp_path / "missing") == str((tmp_path / "missing").resolve())


def test_answers_larger_than_the_socket_buffer_arrive_whole(corpus_store_path: Path):
    """Every quad as N-Triples: megabytes through the worker's socket, byte for byte."""
    job = QueryJob(query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", formats={GRAPH: "application/n-triples"},
                   max_rows=10, max_triples=10**7, use_default_graph_as_union=True)
    answer = run_query(Settings(store_path=corpus_store_path, query_workers=1), job)
    direct = execute(QueryJob(**{**job.__dict__, "store_path": str(corpus_store_path.resolve())}), StoreCache())
    assert len(answer.body) > 1_000_000
    assert answer.body == direct.body


def test_serving_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("SCOKG_SERVER_THREADS", "6")
    monkeypatch.setenv("SCOKG_QUERY_CACHE_BYTES", "0")
    settings = Settings.from_env()
    assert (settings.server_threads, settings.query_cache_bytes) == (6, 0)
    defaults = Settings()
    assert defaults.server_threads == 4 and defaults.query_cache_bytes == 64 * 1024 * 1024


@pytest.mark.parametrize(("field", "value", "message"), [
    ("server_threads", 0, "SCOKG_SERVER_THREADS (server_threads): must be an integer in 1..256"),
    ("query_cache_bytes", -1, "SCOKG_QUERY_CACHE_BYTES (query_cache_bytes): must be a non-negative integer"),
    ("query_cache_bytes", True, "SCOKG_QUERY_CACHE_BYTES (query_cache_bytes): must be a non-negative integer"),
])
def test_invalid_serving_settings_name_the_variable(field, value, message):
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        Settings(**{field: value})
