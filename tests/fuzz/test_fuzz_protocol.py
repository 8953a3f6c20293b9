"""Fuzzing the server: random methods, paths, parameters, headers and bodies never get a 5xx.

Most examples go through the Flask test client (fast); a few go over real HTTP as raw bytes, so
that nothing a client library would refuse or normalise is left out. The app serves a small
store, so that any query the fuzzer happens to make valid runs in no time.
"""
from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import LiveServer, start_live_server

from scokg.graph.store import build_store
from scokg.server.app import create_app
from scokg.settings import Settings

TOKEN = "fuzz-token"
KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
SMALL_TRIG = f"""
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/sco-kg/graph/reference> {{
  <{KAZ}> a sco:MemberState ; sco:scoRole sco:MemberStateRole ; rdfs:label "Kazakhstan"@en, "哈萨克斯坦"@zh .
  <https://w3id.org/sco-kg/resource/meeting/m1> a sco:Meeting ; rdfs:label "A meeting"@en ;
    schema:startDate "2018-06-10"^^xsd:date ; schema:location <{KAZ}> .
}}
"""
FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FUZZ_HTTP = settings(FUZZ, max_examples=25)

PATHS = [
    "/", "/sparql", "/update", "/search", "/timeline", "/timeline.json", "/queries/", "/queries/states-by-sco-role",
    "/queries/documents-adopted-in-year", "/queries/entity-mentions", "/queries/meetings-in-country", "/resource/state/kaz",
    "/resource/state/kaz.ttl", "/resource/meeting/m1.jsonld", "/resource/", "/graph", "/graph/reference", "/graph/",
    "/neighbourhood.json", "/ontology", "/ontology.ttl", "/ontology/shapes", "/downloads", "/downloads/sco-kg.nq",
    "/.well-known/void", "/static/css/site.css", "/nothing-here",
]
PARAMETER_NAMES = [
    "query", "update", "format", "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri",
    "q", "limit", "iri", "year", "country", "entity", "timeout", "output", "callback",
]
SPARQL_TOKENS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", "$x", "*", ".", ";",
    ",", "a", f"<{KAZ}>", "<http://127.0.0.1:1/>", "<>", "SERVICE", "SILENT", "LOAD", "INSERT DATA", "DELETE WHERE",
    "DROP ALL", "CLEAR", "GRAPH", "FILTER", "REGEX", "STR", "LANG", "LIMIT", "OFFSET", "ORDER BY", "GROUP BY", "COUNT",
    "AS", "VALUES", "UNDEF", "'x'", '"y"@en', '"2018"^^<http://www.w3.org/2001/XMLSchema#gYear>', "1", "-2.5e3",
    "PREFIX", "p:", "p:x", "rdfs:label", "BIND", "OPTIONAL", "UNION", "MINUS", "NOT EXISTS", "FROM", "FROM NAMED",
    "DISTINCT", "/", "|", "^", "+", "?", "!", "#", "\n", "\\u0053ERVICE", "'''", '"""',
]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
HEADER_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=40)
SOUP = st.lists(st.sampled_from(SPARQL_TOKENS), max_size=25).map(" ".join)
LITERALS = st.one_of(TEXT.map(lambda text: str(ox.Literal(text))), st.integers().map(str),
                     st.sampled_from(['"en"', '"Kazakhstan"@en', '"哈萨克斯坦"@zh', '"2018-06-10"^^xsd:date']))
SUBJECTS = st.sampled_from(["?s", "?o", f"<{KAZ}>", "[]", "sco:Meeting"])
PREDICATES = st.sampled_from(["?p", "a", "rdfs:label", "sco:scoRole", "rdfs:label|sco:scoRole", "^a", "(a|!a)*"])
OBJECTS = st.one_of(SUBJECTS, LITERALS)
PATTERNS = st.lists(st.tuples(SUBJECTS, PREDICATES, OBJECTS).map(" ".join), min_size=1, max_size=3).map(" . ".join)
CONDITIONS = st.sampled_from([
    "", "FILTER(CONTAINS(STR(?o), {l}))", "FILTER(LANG(?o) = {l})", "FILTER(REGEX(STR(?o), {l}, 'i'))",
    "FILTER(?o > {l})", "BIND(STRLEN(STR({l})) AS ?n)", "OPTIONAL {{ ?o ?q {l} }}", "MINUS {{ ?s ?p {l} }}",
    "VALUES ?o {{ {l} }}", "FILTER NOT EXISTS {{ ?s rdfs:label {l} }}", "{{ ?s ?p {l} }} UNION {{ ?s ?p ?o }}",
])
FORMS = st.sampled_from([
    "SELECT * WHERE", "SELECT DISTINCT ?s ?o WHERE", "SELECT (COUNT(*) AS ?c) WHERE", "ASK", "ASK WHERE",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE", "DESCRIBE ?s WHERE", "SELECT ?s (SAMPLE(?o) AS ?x) WHERE",
])
MODIFIERS = st.sampled_from(["", "LIMIT 3", "ORDER BY ?o", "ORDER BY DESC(?s) OFFSET 1", "GROUP BY ?s", "LIMIT 0"])


@st.composite
def structured_queries(draw: st.DrawFn) -> str:
    """A query built from a form, patterns, a condition and modifiers: often valid, sometimes not."""
    prologue = "PREFIX sco: <https://w3id.org/sco-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " \
               "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    condition = draw(CONDITIONS).format(l=draw(LITERALS))
    query = f"{prologue}{draw(FORMS).format()} {{ {draw(PATTERNS)} {condition} }} {draw(MODIFIERS)}"
    if draw(st.integers(0, 3)) == 0:  # a mutation: a token dropped or a soup token slipped in
        words = query.split(" ")
        position = draw(st.integers(9, len(words) - 1))  # after the prologue
        words[position] = draw(st.sampled_from(["", *SPARQL_TOKENS]))
        query = " ".join(words)
    return query


SPARQL = st.one_of(structured_queries(), structured_queries(), SOUP)
VALUES = st.one_of(TEXT, SPARQL, st.sampled_from(["", "json", "xml", "csv", "tsv", "ttl", "html", "2024", "RUS", KAZ, f"<{KAZ}>", "-1", "99999"]))
MEDIA_TYPES = st.sampled_from([
    "*/*", "text/html", "application/json", "application/sparql-results+json", "application/sparql-results+xml",
    "text/csv", "text/tab-separated-values", "text/turtle", "application/ld+json", "application/n-triples",
    "application/rdf+xml", "application/trig", "application/n-quads", "image/png", "text/*", "application/*",
    "application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded", "multipart/form-data",
    "text/plain", "", ";;", "*/*;q=abc", "text/html;q=0", "text/turtle;q=1.5", "a/b/c", "*",
])
ACCEPT = st.one_of(MEDIA_TYPES, st.lists(MEDIA_TYPES, max_size=4).map(", ".join), HEADER_TEXT)
CONTENT_TYPE = st.one_of(
    MEDIA_TYPES,
    st.tuples(MEDIA_TYPES, st.sampled_from(["utf-8", "latin-1", "utf-16", "x-unknown", "", '"utf-8"'])).map(lambda p: f"{p[0]}; charset={p[1]}"),
    HEADER_TEXT,
)
AUTHORIZATION = st.sampled_from(["", f"Bearer {TOKEN}", "Bearer wrong", "Bearer", "Basic Zm9vOmJhcg==", f"bearer  {TOKEN} "])
METHODS = st.one_of(st.sampled_from(["GET", "POST"]), st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"]))
BODIES = st.one_of(st.binary(max_size=300), SPARQL.map(str.encode), TEXT.map(lambda text: text.encode("utf-8")))


@st.composite
def requests_(draw: st.DrawFn) -> dict[str, object]:
    """A random request: method, path (maybe with a random tail), query string, headers, body."""
    path = draw(st.one_of(st.just("/sparql"), st.sampled_from(PATHS)))
    if draw(st.booleans()):
        path += quote(draw(TEXT), safe="/.%")
    names = draw(st.lists(st.one_of(st.sampled_from(PARAMETER_NAMES), TEXT), max_size=4))
    pairs = [(name, draw(st.one_of(SPARQL, VALUES) if name in ("query", "update") else VALUES)) for name in names]
    query = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs).encode()
    if draw(st.booleans()):
        query += draw(st.binary(max_size=20))
    headers = {"Accept": draw(ACCEPT), "Content-Type": draw(CONTENT_TYPE), "Authorization": draw(AUTHORIZATION)}
    method = draw(METHODS)
    body = draw(BODIES)
    if method == "POST" and draw(st.booleans()):
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = query
    return {"method": method, "path": path, "query": query, "headers": headers, "body": body}


@pytest.fixture(scope="module")
def small_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    store_path = tmp_path_factory.mktemp("fuzz-protocol") / "store"
    build_store(store_path, ox.parse(SMALL_TRIG, ox.RdfFormat.TRIG))
    return Settings(store_path=store_path, update_token=TOKEN, query_timeout_s=20)


@pytest.fixture(scope="module")
def app(small_settings: Settings) -> Flask:
    return create_app(small_settings)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def live(small_settings: Settings) -> Iterator[LiveServer]:
    server, http = start_live_server(small_settings)
    yield server
    http.shutdown()


@FUZZ
@given(request=requests_())
def test_no_request_gets_a_5xx_from_the_app(client: FlaskClient, request: dict[str, object]) -> None:
    headers = {name: value for name, value in request["headers"].items() if value}
    response = client.open(
        request["path"], method=request["method"], query_string=request["query"].decode("latin-1"), headers=headers,
        data=request["body"],
    )
    assert response.status_code < 500, (response.status_code, response.get_data()[:300])
    if response.status_code >= 400 and request["method"] != "HEAD":
        assert response.get_data(), "an error without a message"


@FUZZ
@given(query=SPARQL, accept=ACCEPT)
def test_no_query_text_gets_a_5xx(client: FlaskClient, query: str, accept: str) -> None:
    response = client.post("/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert response.status_code < 500, (response.status_code, response.get_data()[:300])


@FUZZ_HTTP
@given(request=requests_())
def test_no_raw_http_request_gets_a_5xx(live: LiveServer, request: dict[str, object]) -> None:
    parts = urlsplit(live.url)
    target = request["path"].encode("latin-1", errors="replace")
    if request["query"]:
        target += b"?" + request["query"].replace(b" ", b"%20").replace(b"#", b"%23").replace(b"\r", b"").replace(b"\n", b"")
    head = [request["method"].encode() + b" " + target + b" HTTP/1.1", b"Host: " + parts.netloc.encode(), b"Connection: close"]
    for name, value in request["headers"].items():
        head.append(name.encode() + b": " + value.encode("utf-8").replace(b"\r", b"").replace(b"\n", b""))
    head.append(b"Content-Length: " + str(len(request["body"])).encode())
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
        connection.sendall(b"\r\n".join(head) + b"\r\n\r\n" + request["body"])
        status_line = connection.makefile("rb").readline()
    assert status_line.startswith(b"HTTP/1."), status_line
    assert int(status_line.split()[1]) < 500, status_line
