"""The /sparql answer cache over real HTTP (issue 6, serving throughput): a repeated query is
answered without running it again, keyed by store version, query, formats, dataset and caps;
volatile queries and a cache turned off always run; a rebuild gives new answers and new ETags."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests
from pyoxigraph import Literal, NamedNode, Quad

from scokg.graph.store import build_store
from scokg.server.context import ServerContext
from scokg.settings import Settings

EX = "http://example.org/"
JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
NAMES = "SELECT ?name WHERE { ?s <http://example.org/name> ?name } ORDER BY ?name"
TRUNCATED = "SCOKG-Results-Truncated"


def quads(*names: str) -> list[Quad]:
    return [Quad(NamedNode(f"{EX}{index}"), NamedNode(f"{EX}name"), Literal(name)) for index, name in enumerate(names)]


@pytest.fixture()
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The query texts that reached the query workers (not the cache), in order."""
    seen: list[str] = []
    original = ServerContext.run_query

    def counting(self, job, version=None):
        seen.append(job.query)
        return original(self, job, version)

    monkeypatch.setattr(ServerContext, "run_query", counting)
    return seen


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    link = tmp_path / "store"
    build_store(link, quads("Astana", "Bishkek", "Dushanbe"))
    return link


def post(server, query: str, accept: str = JSON) -> requests.Response:
    return requests.post(server.url + "/sparql", data=query.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-query", "Accept": accept})


def names(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["name"]["value"] for row in response.json()["results"]["bindings"]]


def test_a_repeated_query_is_answered_from_the_cache(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store))
    first, second = post(server, NAMES), post(server, NAMES)
    assert names(first) == names(second) == ["Astana", "Bishkek", "Dushanbe"]
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert runs == [NAMES]


def test_each_format_is_its_own_entry(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store))
    as_json, as_xml, as_json_again = post(server, NAMES), post(server, NAMES, XML), post(server, NAMES)
    assert as_xml.headers["Content-Type"].startswith(XML) and b"<sparql" in as_xml.content
    assert as_json_again.content == as_json.content
    assert runs == [NAMES, NAMES]


def test_the_cache_can_be_turned_off(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store, query_cache_bytes=0))
    assert names(post(server, NAMES)) == names(post(server, NAMES))
    assert runs == [NAMES, NAMES]


def test_volatile_queries_always_run(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store))
    query = "SELECT (RAND() AS ?r) WHERE {}"
    first, second = post(server, query), post(server, query)
    assert first.status_code == second.status_code == 200
    assert runs == [query, query]


def test_a_truncated_answer_keeps_its_header_when_cached(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store, max_rows=2))
    first, second = post(server, NAMES), post(server, NAMES)
    assert names(first) == names(second) == ["Astana", "Bishkek"]
    assert first.headers[TRUNCATED] == second.headers[TRUNCATED] == "2"
    assert TRUNCATED in second.headers["Access-Control-Expose-Headers"]
    assert runs == [NAMES]


def test_a_rebuild_gives_new_answers_and_a_new_etag(live_server_factory, store, runs):
    server = live_server_factory(Settings(store_path=store))
    before = requests.get(server.url + "/sparql", params={"query": NAMES}, headers={"Accept": JSON}, timeout=30)
    etag = before.headers["ETag"]
    assert names(before) == ["Astana", "Bishkek", "Dushanbe"]
    assert requests.get(server.url + "/sparql", params={"query": NAMES}, timeout=30,
                        headers={"Accept": JSON, "If-None-Match": etag}).status_code == 304
    assert names(post(server, NAMES)) == ["Astana", "Bishkek", "Dushanbe"]
    build_store(store, quads("Moscow", "Tashkent"))
    after = requests.get(server.url + "/sparql", params={"query": NAMES}, timeout=30,
                         headers={"Accept": JSON, "If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    assert names(after) == names(post(server, NAMES)) == ["Moscow", "Tashkent"]
    assert runs == [NAMES, NAMES]  # once per store version: GET and POST share the entry
