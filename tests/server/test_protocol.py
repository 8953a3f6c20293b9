"""The SPARQL 1.1 Protocol over real HTTP: query forms, formats, datasets, errors, service
description, CORS, updates, and SERVICE/LOAD never reaching the network unless allowed."""
from __future__ import annotations

import csv
import errno
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from scokg.graph import store as store_module
from scokg.graph.store import build_store
from scokg.server.results import GRAPH_FORMATS, SOLUTION_FORMATS
from scokg.server.service_description import FORMAT_IRIS, SD
from scokg.settings import Settings
from support import LiveServer, start_live_server, start_recording_listener

BASE = "https://w3id.org/sco-kg/"
KAZ = BASE + "resource/state/kaz"
INFERRED = BASE + "graph/inferred"
REFERENCE = BASE + "graph/reference"
PREFIXES = "PREFIX sco: <https://w3id.org/sco-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MEMBER_STATES = PREFIXES + """
SELECT DISTINCT ?state ?en ?zh WHERE {
  ?state a sco:MemberState ; rdfs:label ?en, ?zh .
  FILTER(LANG(?en) = "en" && LANG(?zh) = "zh")
} ORDER BY ?state"""
SCO_MEMBERS = ["blr", "chn", "ind", "irn", "kaz", "kgz", "pak", "rus", "tjk", "uzb"]
COUNT_MEMBERS = PREFIXES + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a sco:MemberState }"
SPARQL_QUERY = "application/sparql-query"
JSON_RESULTS = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
PREFLIGHT = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
TOKEN = "s3cret-token"


def sparql(server: LiveServer) -> str:
    return server.url + "/sparql"


def bindings(response: requests.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    return [{name: term["value"] for name, term in row.items()} for row in response.json()["results"]["bindings"]]


def count(response: requests.Response) -> int:
    return int(bindings(response)[0]["n"])


def assert_plain_error(response: requests.Response, status: int, *fragments: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    for fragment in fragments:
        assert fragment in response.text


# --- the four query forms, three ways of sending a query ---------------------------------------


def test_select_by_get_post_form_and_post_body_gives_the_ten_member_states(live_server):
    url = sparql(live_server)
    answers = [
        requests.get(url, params={"query": MEMBER_STATES}),
        requests.post(url, data={"query": MEMBER_STATES}),
        requests.post(url, data=MEMBER_STATES.encode(), headers={"Content-Type": SPARQL_QUERY}),
    ]
    for response in answers:
        rows = bindings(response)
        assert [row["state"].rsplit("/", 1)[1] for row in rows] == SCO_MEMBERS
        assert {"state": KAZ, "en": "Kazakhstan", "zh": "哈萨克斯坦"} in rows


def test_ask_true_and_false(live_server):
    yes = requests.get(sparql(live_server), params={"query": PREFIXES + f"ASK {{ <{KAZ}> rdfs:label '哈萨克斯坦'@zh }}"})
    assert yes.status_code == 200 and yes.json()["boolean"] is True
    no = requests.get(sparql(live_server), params={"query": f"ASK {{ <{KAZ}> ?p 'Atlantis' }}"})
    assert no.json()["boolean"] is False
    xml = requests.get(
        sparql(live_server), params={"query": f"ASK {{ <{KAZ}> ?p ?o }}"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.headers["Content-Type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in xml.text


def test_construct_and_describe_return_graphs(live_server):
    construct = requests.get(
        sparql(live_server),
        params={"query": PREFIXES + f"CONSTRUCT {{ <{KAZ}> rdfs:label ?l }} WHERE {{ <{KAZ}> rdfs:label ?l }}"},
    )
    assert construct.status_code == 200
    assert construct.headers["Content-Type"] == "text/turtle; charset=utf-8"
    labels = {t.object for t in ox.parse(construct.content, ox.RdfFormat.TURTLE)}
    assert labels == {ox.Literal("Kazakhstan", language="en"), ox.Literal("哈萨克斯坦", language="zh")}

    describe = requests.get(
        sparql(live_server), params={"query": f"DESCRIBE <{KAZ}>"}, headers={"Accept": "application/n-triples"}
    )
    triples = {(t.subject, t.predicate, t.object) for t in ox.parse(describe.content, ox.RdfFormat.N_TRIPLES)}
    assert {subject for subject, _, _ in triples} == {ox.NamedNode(KAZ)}
    assert (ox.NamedNode(KAZ), ox.NamedNode("https://w3id.org/sco-kg/ontology#iso3166Alpha3"), ox.Literal("KAZ")) in triples


# --- result formats and content negotiation ---------------------------------------------------


@pytest.mark.parametrize("media_type", list(SOLUTION_FORMATS))
def test_select_in_every_results_format(live_server, media_type):
    response = requests.get(sparql(live_server), params={"query": MEMBER_STATES}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    if media_type == "text/csv":  # lossy: no parser, read it as a table
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))[1:]
        assert [KAZ, "Kazakhstan", "哈萨克斯坦"] in rows
    else:
        rows = list(ox.parse_query_results(response.content, SOLUTION_FORMATS[media_type]))
        assert [row["zh"] for row in rows if row["state"] == ox.NamedNode(KAZ)] == [ox.Literal("哈萨克斯坦", language="zh")]
    assert len(rows) == 10


@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_construct_in_every_graph_format(live_server, media_type):
    query = PREFIXES + "CONSTRUCT { ?s a sco:MemberState } WHERE { ?s a sco:MemberState }"
    response = requests.get(sparql(live_server), params={"query": query}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    subjects = {quad.subject for quad in ox.parse(response.content, GRAPH_FORMATS[media_type])}
    assert len(subjects) == 10 and ox.NamedNode(KAZ) in subjects


def test_accept_q_values_and_format_parameter(live_server):
    url = sparql(live_server)
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9"
    weighted = requests.get(url, params={"query": MEMBER_STATES}, headers={"Accept": accept})
    assert weighted.headers["Content-Type"].startswith("application/sparql-results+xml")
    by_format = requests.get(url, params={"query": MEMBER_STATES, "format": "tsv"}, headers={"Accept": JSON_RESULTS})
    assert by_format.headers["Content-Type"].startswith("text/tab-separated-values")
    assert by_format.text.splitlines()[0] == "?state\t?en\t?zh"


def test_nothing_acceptable_is_406(live_server):
    url = sparql(live_server)
    assert requests.get(url, params={"query": MEMBER_STATES}, headers={"Accept": "image/png"}).status_code == 406
    assert requests.get(url, params={"query": MEMBER_STATES, "format": "ttl"}).status_code == 406
    construct = requests.get(url, params={"query": f"CONSTRUCT WHERE {{ <{KAZ}> ?p ?o }}"}, headers={"Accept": JSON_RESULTS})
    assert construct.status_code == 406


# --- the dataset ------------------------------------------------------------------------------


def test_default_graph_is_the_union_of_all_graphs(live_server):
    assert count(requests.get(sparql(live_server), params={"query": COUNT_MEMBERS})) == 10


def test_default_graph_uri_replaces_the_union(live_server):
    url = sparql(live_server)
    assert count(requests.get(url, params={"query": COUNT_MEMBERS, "default-graph-uri": REFERENCE})) == 0
    assert count(requests.get(url, params={"query": COUNT_MEMBERS, "default-graph-uri": INFERRED})) == 10
    both = requests.post(url, data={"query": COUNT_MEMBERS, "default-graph-uri": [REFERENCE, INFERRED]})
    assert count(both) == 10


def test_named_graph_uri_limits_the_named_graphs_and_empties_the_default(live_server):
    url = sparql(live_server)
    graphs = requests.get(url, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": REFERENCE})
    assert bindings(graphs) == [{"g": REFERENCE}]
    empty_default = requests.get(url, params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": REFERENCE})
    assert empty_default.json()["boolean"] is False


def test_from_clauses_are_kept_and_the_request_dataset_overrides_them(live_server):
    url = sparql(live_server)
    query = PREFIXES + f"SELECT (COUNT(DISTINCT ?s) AS ?n) FROM <{REFERENCE}> WHERE {{ ?s a sco:MemberState }}"
    assert count(requests.get(url, params={"query": query})) == 0  # not the union
    assert count(requests.get(url, params={"query": query, "default-graph-uri": INFERRED})) == 10


def test_union_default_graph_can_be_switched_off(corpus_store_path, monkeypatch):
    monkeypatch.setenv("SCOKG_UNION_DEFAULT_GRAPH", "false")
    server, http = start_live_server(Settings.from_env(store_path=corpus_store_path))
    try:
        url = sparql(server)
        assert count(requests.get(url, params={"query": COUNT_MEMBERS})) == 0  # the store's own default graph is empty
        in_graphs = PREFIXES + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a sco:MemberState } }"
        assert count(requests.get(url, params={"query": in_graphs})) == 10
        description = service_description(server)
        assert (ox.NamedNode(sparql(server)), SD.feature, SD.UnionDefaultGraph) not in description
    finally:
        http.shutdown()


# --- errors -----------------------------------------------------------------------------------


def test_malformed_query_is_400_with_the_parser_message(live_server):
    response = requests.get(sparql(live_server), params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert_plain_error(response, 400, "parameter `query`", "malformed query", "error at 1:")


@pytest.mark.parametrize("send", [
    lambda url: requests.post(url, data={"default-graph-uri": REFERENCE}),
    lambda url: requests.get(url, params={"default-graph-uri": REFERENCE}),
    lambda url: requests.get(url, params={"query": "  "}),
    lambda url: requests.post(url, data=b"", headers={"Content-Type": SPARQL_QUERY}),
])
def test_missing_query_is_400(live_server, send):
    assert_plain_error(send(sparql(live_server)), 400, "parameter `query`: missing query")


@pytest.mark.parametrize("send", [
    lambda url: requests.get(url, params={"query": [COUNT_MEMBERS, "ASK {}"]}),
    lambda url: requests.post(url + "?query=ASK%7B%7D", data={"query": COUNT_MEMBERS}),
    lambda url: requests.post(url + "?query=ASK%7B%7D", data=COUNT_MEMBERS.encode(), headers={"Content-Type": SPARQL_QUERY}),
])
def test_two_queries_are_400(live_server, send):
    assert_plain_error(send(sparql(live_server)), 400, "parameter `query`: 2 query texts given")


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_invalid_graph_iri_is_400_naming_the_parameter(live_server, parameter):
    response = requests.get(sparql(live_server), params={"query": COUNT_MEMBERS, parameter: "not an iri"})
    assert_plain_error(response, 400, f"parameter `{parameter}`", "invalid graph IRI 'not an iri'")


def test_update_sent_to_the_query_endpoint_is_400(live_server):
    response = requests.post(sparql(live_server), data={"update": "CLEAR ALL"})
    assert_plain_error(response, 400, "parameter `update`", "/update")


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None])
def test_unsupported_body_type_is_415(live_server, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = requests.post(sparql(live_server), data=COUNT_MEMBERS.encode(), headers=headers)
    assert_plain_error(response, 415, "header `Content-Type`", SPARQL_QUERY)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(live_server, method):
    response = requests.request(method, sparql(live_server))
    assert_plain_error(response, 405, method)
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize("send, parameter", [
    (lambda url: requests.get(url + "?query=ASK%7B%7D%23%FF"), "parameter `query` in the URL"),
    (lambda url: requests.get(url + "?query=ASK%7B%7D&default-graph-uri=http://a/%C3"), "parameter `default-graph-uri` in the URL"),
    (lambda url: requests.post(url, data=b"query=ASK%7B%7D%23%FE", headers={"Content-Type": FORM}), "parameter `query` in the form body"),
    (lambda url: requests.post(url, data=b"ASK {} #\xff", headers={"Content-Type": SPARQL_QUERY}), "parameter `query` (request body)"),
    (lambda url: requests.get(url + "?%FF=1"), "a parameter name in the URL"),
])
def test_invalid_utf8_is_400(live_server, send, parameter):
    assert_plain_error(send(sparql(live_server)), 400, parameter, "not valid")


def test_deeply_nested_query_is_refused_and_the_server_survives(live_server):
    query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    assert_plain_error(requests.post(sparql(live_server), data={"query": query}), 400, "nested deeper")
    assert count(requests.get(sparql(live_server), params={"query": COUNT_MEMBERS})) == 10


# --- service description, query page, CORS ----------------------------------------------------


def service_description(server: LiveServer, accept: str = "text/turtle") -> set[tuple[ox.Term, ox.Term, ox.Term]]:
    response = requests.get(sparql(server), headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == accept
    return {(t.subject, t.predicate, t.object) for t in ox.parse(response.content, GRAPH_FORMATS[accept])}


def objects(triples: set[tuple[ox.Term, ox.Term, ox.Term]], subject: ox.Term, predicate: ox.NamedNode) -> set[ox.Term]:
    return {o for s, p, o in triples if s == subject and p == predicate}


def test_service_description_describes_the_endpoint(live_server, corpus_store_path):
    triples = service_description(live_server)
    service = ox.NamedNode(sparql(live_server))
    assert objects(triples, service, SD.endpoint) == {service}
    assert objects(triples, service, SD.supportedLanguage) == {SD.SPARQL11Query}
    assert objects(triples, service, SD.resultFormat) == set(FORMAT_IRIS.values())
    assert set(FORMAT_IRIS) == set(SOLUTION_FORMATS) | set(GRAPH_FORMATS)
    assert objects(triples, service, SD.feature) == {SD.UnionDefaultGraph}
    (dataset,) = objects(triples, service, SD.defaultDataset)
    named = objects(triples, dataset, SD.namedGraph)
    names = {name for graph in named for name in objects(triples, graph, SD.name)}
    store = ox.Store.read_only(str(corpus_store_path.resolve()))  # the graph the server serves, built locally
    assert names == set(store.named_graphs())
    assert {ox.NamedNode(INFERRED), ox.NamedNode(REFERENCE), ox.NamedNode(BASE + "resource/source/csec-brochure")} <= names


@pytest.mark.parametrize("accept", ["application/ld+json", "application/n-triples", "application/rdf+xml", "application/trig"])
def test_service_description_in_other_rdf_formats(live_server, accept):
    triples = service_description(live_server, accept)
    assert (ox.NamedNode(sparql(live_server)), SD.supportedLanguage, SD.SPARQL11Query) in triples


def test_service_description_is_not_offered_as_query_results(live_server):
    assert requests.get(sparql(live_server), headers={"Accept": "application/sparql-results+json"}).status_code == 406


QUERY_PAGE = Path(__file__).resolve().parents[2] / "server" / "templates" / "query.html"


@pytest.mark.skipif(not QUERY_PAGE.exists(), reason="server/templates/query.html is written by the UI's owner")
def test_a_browser_gets_the_query_page(live_server):
    response = requests.get(sparql(live_server), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")


def test_cors_preflight_and_simple_requests(live_server):
    preflight = requests.options(
        sparql(live_server),
        headers={**PREFLIGHT, "Access-Control-Request-Headers": "Content-Type"},
    )
    assert preflight.status_code in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    simple = requests.get(sparql(live_server), params={"query": COUNT_MEMBERS}, headers={"Origin": "https://example.org"})
    assert simple.headers["Access-Control-Allow-Origin"] == "*"


# --- updates ----------------------------------------------------------------------------------

SMALL_TRIG = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{REFERENCE}> {{ <{KAZ}> a <https://w3id.org/sco-kg/ontology#MemberState> ; rdfs:label "Kazakhstan"@en . }}
"""
NEW_LABEL = f'INSERT DATA {{ GRAPH <{REFERENCE}> {{ <{KAZ}> <http://www.w3.org/2000/01/rdf-schema#label> "哈萨克斯坦"@zh }} }}'
ASK_NEW_LABEL = f'ASK {{ <{KAZ}> <http://www.w3.org/2000/01/rdf-schema#label> "哈萨克斯坦"@zh }}'
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def serve(settings: Settings) -> Iterator[LiveServer]:
    server, http = start_live_server(settings)
    try:
        yield server
    finally:
        http.shutdown()


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    build_store(path, ox.parse(SMALL_TRIG, ox.RdfFormat.TRIG))
    return path


@pytest.fixture
def update_server(small_store: Path) -> Iterator[LiveServer]:
    yield from serve(Settings(store_path=small_store, update_token=TOKEN))


def update_url(server: LiveServer) -> str:
    return server.url + "/update"


def asks(server: LiveServer, query: str) -> bool:
    response = requests.get(sparql(server), params={"query": query})
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


def test_update_endpoint_is_absent_without_a_token(live_server):
    assert live_server.settings.update_token is None
    for method in ("GET", "POST", "OPTIONS"):
        response = requests.request(method, update_url(live_server), data={"update": "CLEAR ALL"}, headers=BEARER)
        assert_plain_error(response, 404, "updates are disabled")


def test_update_by_form_is_visible_to_the_next_query(update_server, small_store):
    before = small_store.resolve()
    assert not asks(update_server, ASK_NEW_LABEL)
    response = requests.post(update_url(update_server), data={"update": NEW_LABEL}, headers=BEARER)
    assert response.status_code == 204, response.text
    assert small_store.resolve() != before
    assert asks(update_server, ASK_NEW_LABEL)


def test_update_by_body_then_delete(update_server):
    headers = {**BEARER, "Content-Type": "application/sparql-update"}
    assert requests.post(update_url(update_server), data=NEW_LABEL.encode(), headers=headers).status_code == 204
    assert asks(update_server, ASK_NEW_LABEL)
    delete = NEW_LABEL.replace("INSERT DATA", "DELETE DATA")
    assert requests.post(update_url(update_server), data=delete.encode(), headers=headers).status_code == 204
    assert not asks(update_server, ASK_NEW_LABEL)


def test_update_on_a_full_disk_is_503_and_changes_nothing(update_server, small_store, monkeypatch):
    def disk_full(directory: Path, update_text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "_apply", disk_full)  # the update runs in this process
    before = small_store.resolve()
    response = requests.post(update_url(update_server), data={"update": NEW_LABEL}, headers=BEARER)
    assert response.status_code == 503, response.text
    assert "nothing was changed" in response.text and "No space left" in response.text
    assert small_store.resolve() == before
    assert not asks(update_server, ASK_NEW_LABEL)


@pytest.mark.parametrize("headers, status, fragment", [
    ({}, 401, "Bearer"),
    ({"Authorization": f"Basic {TOKEN}"}, 401, "Bearer"),
    ({"Authorization": "Bearer "}, 401, "Bearer"),
    ({"Authorization": "Bearer wrong-token"}, 403, "wrong update token"),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403, "wrong update token"),
    ({"Authorization": "Bearer t\u00f6ken"}, 403, "wrong update token"),
])
def test_update_needs_the_bearer_token(update_server, small_store, headers, status, fragment):
    before = small_store.resolve()
    response = requests.post(update_url(update_server), data={"update": NEW_LABEL}, headers=headers)
    assert_plain_error(response, status, "header `Authorization`", fragment)
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert small_store.resolve() == before
    assert not asks(update_server, ASK_NEW_LABEL)


@pytest.mark.parametrize("send, status, fragment", [
    (lambda url: requests.post(url, data={"update": "INSERT DATA { <http://a> }"}, headers=BEARER), 400, "malformed update: error at"),
    (lambda url: requests.post(url, data={"update": "DROP GRAPH <http://example.org/none>"}, headers=BEARER), 400, "does not exist"),
    (lambda url: requests.post(url, data={"format": "json"}, headers=BEARER), 400, "missing update"),
    (lambda url: requests.post(url, data={"update": ["CLEAR ALL", "CLEAR ALL"]}, headers=BEARER), 400, "2 update texts"),
    (lambda url: requests.post(url, data={"query": "ASK {}"}, headers=BEARER), 400, "parameter `query`"),
    (lambda url: requests.post(url, data={"update": "CLEAR ALL", "using-graph-uri": REFERENCE}, headers=BEARER), 400, "using-graph-uri"),
    (lambda url: requests.post(url, data=b"CLEAR ALL", headers={**BEARER, "Content-Type": "text/plain"}), 415, "sparql-update"),
    (lambda url: requests.post(url, data=b"update=CLEAR%FF", headers={**BEARER, "Content-Type": FORM}), 400, "not valid UTF-8"),
    (lambda url: requests.get(url, params={"update": "CLEAR ALL"}, headers=BEARER), 405, "POST"),
])
def test_bad_updates_are_4xx_and_change_nothing(update_server, small_store, send, status, fragment):
    before = small_store.resolve()
    assert_plain_error(send(update_url(update_server)), status, fragment)
    assert small_store.resolve() == before
    assert asks(update_server, f"ASK {{ <{KAZ}> ?p ?o }}")


def test_update_preflight_and_description(update_server):
    preflight = requests.options(update_url(update_server), headers={**PREFLIGHT, "Access-Control-Request-Headers": "Authorization"})
    assert preflight.status_code == 204
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    triples = service_description(update_server)
    service = ox.NamedNode(sparql(update_server))
    assert objects(triples, service, SD.supportedLanguage) == {SD.SPARQL11Query, SD.SPARQL11Update}
    assert ox.NamedNode(update_url(update_server)) in objects(triples, service, SD.endpoint)


# --- SERVICE and LOAD: nothing is contacted unless allow-listed --------------------------------

REMOTE_RESULTS = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "from the remote endpoint"}}]}}
REMOTE_TURTLE = f'<{KAZ}> <http://www.w3.org/2000/01/rdf-schema#comment> "loaded from the remote file" .\n'


@pytest.fixture
def remote() -> Iterator[tuple[str, list[str]]]:
    """A local stand-in for a remote host: records every request, answers SPARQL JSON or Turtle."""
    def answer(path: str) -> tuple[int, dict[str, str], bytes]:
        if path.startswith("/data"):
            return 200, {"Content-Type": "text/turtle"}, REMOTE_TURTLE.encode()
        return 200, {"Content-Type": "application/sparql-results+json"}, json.dumps(REMOTE_RESULTS).encode()

    recorder = start_recording_listener(answer)
    yield f"http://127.0.0.1:{recorder.port}/", recorder.hits
    recorder.server.shutdown()


def test_service_and_load_contact_nothing_by_default(remote, small_store):
    url, hits = remote
    for server in serve(Settings(store_path=small_store, update_token=TOKEN)):
        queries = [
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}",
            f"SELECT * WHERE {{ sErViCe SILENT <{url}sparql> {{ ?s ?p ?x }} }}",
            f"PREFIX r: <{url}> SELECT * WHERE {{ ?s ?p ?o . SERVICE r:sparql {{ ?s ?p ?x }} }}",
        ]
        for query in queries:
            assert_plain_error(requests.get(sparql(server), params={"query": query}), 400, "SERVICE", url, "allow-list")
        updates = [f"LOAD <{url}data.ttl>", f"LOAD SILENT <{url}data.ttl> INTO GRAPH <{REFERENCE}>",
                   f"INSERT {{ ?s ?p ?x }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}"]
        for text in updates:
            assert_plain_error(requests.post(update_url(server), data={"update": text}, headers=BEARER), 403, url, "allow-list")
        assert requests.get(sparql(server), params={"query": f"SELECT * WHERE {{ ?s ?p 'SERVICE <{url}> {{}}' }}"}).status_code == 200
    assert hits == []


def test_allowlisted_service_and_load_are_forwarded(remote, small_store):
    url, hits = remote
    for server in serve(Settings(store_path=small_store, update_token=TOKEN, service_allowlist=(url,))):
        query = f"SELECT ?x WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?x }} }}"
        assert bindings(requests.get(sparql(server), params={"query": query})) == [{"x": "from the remote endpoint"}]
        variable = "SELECT * WHERE { BIND(<http://127.0.0.1/> AS ?e) SERVICE ?e { ?s ?p ?x } }"
        assert_plain_error(requests.get(sparql(server), params={"query": variable}), 400, "no variable")
        load = requests.post(update_url(server), data={"update": f"LOAD <{url}data.ttl> INTO GRAPH <{REFERENCE}>"}, headers=BEARER)
        assert load.status_code == 204, load.text
        assert asks(server, f'ASK {{ <{KAZ}> ?p "loaded from the remote file" }}')
        description = service_description(server)
        assert SD.BasicFederatedQuery in objects(description, ox.NamedNode(sparql(server)), SD.feature)
    assert [hit.split()[1] for hit in hits] == ["/sparql", "/data.ttl"]


def test_unreachable_allowlisted_service_is_502(small_store):
    closed = "http://127.0.0.1:9/"  # discard port: nothing listens
    for server in serve(replace(Settings(store_path=small_store), service_allowlist=(closed,))):
        response = requests.get(sparql(server), params={"query": f"SELECT * WHERE {{ SERVICE <{closed}> {{ ?s ?p ?o }} }}"})
        assert_plain_error(response, 502, "SERVICE request failed")
