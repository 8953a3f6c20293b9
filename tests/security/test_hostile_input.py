"""Hostile input against the running server, over real HTTP (raw sockets where a client library
would normalise or refuse what is sent).

Huge and malformed requests, invalid UTF-8, deep nesting, unknown parameters, path traversal,
labels carrying markup, SERVICE/LOAD aimed at loopback and private addresses, and updates with
missing or wrong tokens: each must be a clear 4xx (never a 5xx), leak nothing, contact nothing
and change nothing.
"""
from __future__ import annotations

import base64
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import pytest
import requests
from support import LiveServer, RecordingListener, start_live_server, start_recording_listener

from scokg.graph.store import build_store, open_read_only
from scokg.ontology.namespaces import DCTERMS, OWL, PROV, RDF, RDFS, SCHEMA, SCO, SKOS, XSD, graph_namespace, resource_namespace
from scokg.settings import Settings

RES = "https://w3id.org/sco-kg/resource/"
RESOURCE = resource_namespace()
GRAPHS = graph_namespace()
KAZ = RES + "state/kaz"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SPARQL_JSON = "application/sparql-results+json"
TOKEN = "s3cret-update-token-for-tests"
MB = 1024 * 1024

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "script-close": "</script><script>alert(1)</script>",
    "template": "{{7*7}}",
    "single-quote": "' onmouseover='alert(1)' x='",
}
SOURCE = RES + "source/evil-source"
SOURCE_TITLE = "Evil source " + PAYLOADS["script-close"]
CLASS_LABEL = "Evil class " + PAYLOADS["attribute"]


def label(name: str) -> str:
    return f"Evil {name} {PAYLOADS[name]}"


def label_zh(name: str) -> str:
    return f"恶意{name}{PAYLOADS[name]}"


def entity(name: str) -> str:
    return RES + f"state/evil-{name}"


def meeting_label(name: str) -> str:
    return f"Meeting {PAYLOADS[name]}"


def quote_text(name: str) -> str:
    return f"The quoted sentence {PAYLOADS[name]} ends here."


# --- stores and servers ---------------------------------------------------------------------


def hostile_quads() -> list[ox.Quad]:
    """A small dataset whose labels, titles and quotes carry markup, and Kazakhstan."""
    source = ox.NamedNode(SOURCE)
    reference, ontology = GRAPHS.reference, GRAPHS.ontology
    quads = [
        ox.Quad(SCO.EvilClass, RDF.type, OWL.Class, ontology),
        ox.Quad(SCO.EvilClass, RDFS.label, ox.Literal(CLASS_LABEL, language="en"), ontology),
        ox.Quad(source, RDF.type, SCO.SourceDocument, source),
        ox.Quad(source, DCTERMS.title, ox.Literal(SOURCE_TITLE, language="en"), source),
        ox.Quad(source, RDFS.label, ox.Literal(SOURCE_TITLE, language="en"), source),
        ox.Quad(ox.NamedNode(KAZ), RDF.type, SCO.MemberState, reference),
        ox.Quad(ox.NamedNode(KAZ), RDFS.label, ox.Literal("Kazakhstan", language="en"), reference),
        ox.Quad(ox.NamedNode(KAZ), RDFS.label, ox.Literal("哈萨克斯坦", language="zh"), reference),
    ]
    for number, name in enumerate(PAYLOADS, start=1):
        state, mention, meeting = ox.NamedNode(entity(name)), RESOURCE[f"mention/evil-{name}"], RESOURCE[f"meeting/evil-{name}"]
        facts = [
            (state, RDF.type, SCO.State), (state, RDF.type, SCO.MemberState), (state, SCO.scoRole, SCO.MemberStateRole),
            (state, RDFS.label, ox.Literal(label(name), language="en")),
            (state, RDFS.label, ox.Literal(label_zh(name), language="zh")),
            (state, SKOS.altLabel, ox.Literal(PAYLOADS[name], language="en")),
            (state, SCO.hasMention, mention), (mention, RDF.type, SCO.Mention),
            (mention, SCO.quote, ox.Literal(quote_text(name), language="en")),
            (mention, SCO.startOffset, ox.Literal(0)), (mention, SCO.endOffset, ox.Literal(4)),
            (mention, PROV.wasDerivedFrom, source),
            (meeting, RDF.type, SCO.Meeting), (meeting, RDFS.label, ox.Literal(meeting_label(name), language="en")),
            (meeting, SCHEMA.startDate, ox.Literal(f"2020-0{number}-01", datatype=XSD.date)),
            (meeting, SCHEMA.location, state),
        ]
        quads += [ox.Quad(subject, predicate, value, source) for subject, predicate, value in facts]
    return quads


def dump(store_path: Path) -> list[bytes]:
    return sorted(open_read_only(store_path).dump(format=ox.RdfFormat.N_QUADS).splitlines())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The hostile dataset (and Kazakhstan) served over real HTTP: the target of most tests here."""
    store_path = tmp_path_factory.mktemp("hostile-labels") / "store"
    build_store(store_path, hostile_quads())
    server, http = start_live_server(Settings(store_path=store_path))
    yield server
    http.shutdown()


@pytest.fixture(scope="module")
def updatable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A small store served with an update token."""
    store_path = tmp_path_factory.mktemp("hostile-updates") / "store"
    build_store(store_path, [q for q in hostile_quads() if q.graph_name == GRAPHS.reference])
    server, http = start_live_server(Settings(store_path=store_path, update_token=TOKEN))
    yield server
    http.shutdown()


# --- raw HTTP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def raw_request(server: LiveServer, head: bytes, body: bytes = b"") -> RawResponse:
    """Send `head` (request line and headers, without the blank line) and `body` as they are.

    The answer is read while sending: a server may answer early (414, 413) and close.
    """
    parts = urlsplit(server.url)
    received = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:

        def send() -> None:
            try:
                connection.sendall(head + b"\r\nConnection: close\r\n\r\n" + body)
            except OSError:  # the server answered and closed before reading everything
                pass

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        try:
            while not _complete(received) and (chunk := connection.recv(65536)):
                received += chunk
        except ConnectionResetError:
            pass
        sender.join(30)
    assert received, "the server closed the connection without an answer"
    header_block, _, content = received.partition(b"\r\n\r\n")
    status_line, *header_lines = header_block.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return RawResponse(int(status_line.split()[1]), headers, content)


def _complete(received: bytes) -> bool:
    """Whether `received` holds a whole response with a Content-Length (else read until close)."""
    header_block, separator, content = received.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", header_block)
    return bool(separator and length and len(content) >= int(length.group(1)))


def raw_get(server: LiveServer, target: bytes | str, *headers: bytes) -> RawResponse:
    target = target.encode("latin-1") if isinstance(target, str) else target
    host = urlsplit(server.url).netloc.encode()
    return raw_request(server, b"\r\n".join([b"GET " + target + b" HTTP/1.1", b"Host: " + host, *headers]))


def assert_client_error(status: int, *allowed: int) -> None:
    assert 400 <= status < 500, f"expected a 4xx, got {status}"
    if allowed:
        assert status in allowed


def assert_alive(server: LiveServer) -> None:
    response = requests.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": SPARQL_JSON}, timeout=30)
    assert response.status_code == 200 and response.json()["boolean"] is True


# --- huge and malformed requests --------------------------------------------------------------

HUGE_QUERY = 'ASK { ?s ?p "' + "a" * (5 * MB) + '" }'


@pytest.mark.parametrize("how", ["body", "form", "chunked body"])
def test_a_5_mb_query_is_refused_with_413_or_400(hostile, how: str) -> None:
    if how == "body":
        response = requests.post(hostile.url + "/sparql", data=HUGE_QUERY.encode(), headers={"Content-Type": "application/sparql-query"})
    elif how == "form":
        response = requests.post(hostile.url + "/sparql", data={"query": HUGE_QUERY})
    else:
        chunks = (HUGE_QUERY[i : i + 64 * 1024].encode() for i in range(0, len(HUGE_QUERY), 64 * 1024))
        response = requests.post(hostile.url + "/sparql", data=chunks, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code in (400, 413), response.text[:200]
    assert_alive(hostile)


def test_a_5_mb_url_is_refused(hostile) -> None:
    response = raw_get(hostile, "/sparql?query=" + quote(HUGE_QUERY))
    assert_client_error(response.status, 400, 413, 414, 431)
    response = raw_get(hostile, "/search?q=" + "k" * MB)
    assert_client_error(response.status, 400, 413, 414, 431)
    assert_alive(hostile)


def test_a_huge_header_or_a_lying_content_length_is_no_5xx(hostile) -> None:
    response = raw_get(hostile, "/sparql?query=ASK%7B%7D", b"Accept: " + b"text/html;q=0.1, " * 10000)
    assert_client_error(response.status)
    host = urlsplit(hostile.url).netloc.encode()
    declared = raw_request(
        hostile,
        b"POST /sparql HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/sparql-query\r\nContent-Length: " + str(50 * MB).encode(),
        b"ASK {}",
    )
    assert_client_error(declared.status, 413)
    short = raw_request(
        hostile,
        b"POST /sparql HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 8",
        b"ASK {}  " + b"garbage after the declared length" * 1000,
    )
    assert short.status == 200 and json.loads(short.body)["boolean"] is True
    assert_alive(hostile)


@pytest.mark.parametrize("host", [
    b'evil.example"><script>alert(1)</script>', b"evil example", b"evil.example:99999", b"[::1", b"a@b/c", b"\xff\xfe", b"",
])
def test_hostile_host_headers_are_no_5xx_and_never_markup(updatable, host: bytes) -> None:
    """The Host header names the server in the service description and VoID: it must not inject."""
    for path, accept in [("/", BROWSER), ("/downloads", BROWSER), ("/sparql", "text/turtle"), ("/.well-known/void", "text/turtle")]:
        response = raw_request(updatable, b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host + b"\r\nAccept: " + accept.encode())
        assert response.status < 500, (path, response.text[:300])
        assert b"<script>alert" not in response.body


@pytest.mark.parametrize("query", [
    "SELECT",
    "SELECT * WHERE { ?s ?p }",
    "SELECT * WHERE { ?s ?p ?o ",
    "\x00\x01\x02",
    "ASK { FILTER(" + "1 + " * 1000 + "1) }",
    "SELECT * WHERE { ?s ?p '''unterminated }",
    "PREFIX : <not an iri> SELECT * {}",
    "SELECT * WHERE { <http://a b> ?p ?o }",
    "\ufeffASK {}\ud7ff",
])
def test_malformed_queries_are_400(hostile, query: str) -> None:
    response = requests.post(hostile.url + "/sparql", data=query.encode("utf-8", "surrogatepass"),
                             headers={"Content-Type": "application/sparql-query", "Accept": SPARQL_JSON})
    assert response.status_code in (200, 400), response.text[:300]
    if response.status_code == 400:
        assert response.headers["Content-Type"].startswith("text/plain")


# --- invalid UTF-8 ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "/sparql?query=%FF%FE",
    "/sparql?query=ASK%7B%7D&default-graph-uri=%C3%28",
    "/sparql?%FF=ASK%7B%7D",
    "/sparql?query=ASK%7B%3Chttp%3A%2F%2Fa%2F%ED%A0%80%3E%3Fp%3Fo%7D",
])
def test_invalid_utf8_in_the_url_of_a_query_is_400(hostile, target: str) -> None:
    response = raw_get(hostile, target)
    assert response.status == 400
    assert "utf-8" in response.text.lower()


@pytest.mark.parametrize("target", [
    b"/search?q=%FF%FE", b"/resource/%FF%FE", b"/resource/state/%C0%AE%C0%AE", b"/graph?iri=%FF",
    b"/neighbourhood.json?iri=%ED%A0%80", b"/queries/states-by-sco-role?%FF=1", b"/queries/%FF",
    b"/downloads/%FF", b"/resource/\xff\xfe", b"/search?q=\xe4\xb8", b"/.well-known/void?format=%FF",
])
def test_invalid_utf8_anywhere_else_is_no_5xx(hostile, target: bytes) -> None:
    response = raw_get(hostile, target)
    assert response.status < 500, response.text[:300]


def test_invalid_utf8_in_a_form_a_body_or_a_header_is_400(hostile) -> None:
    form = requests.post(hostile.url + "/sparql", data=b"query=ASK%20%7B%7D%C3%28", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 400 and "utf-8" in form.text.lower()
    body = requests.post(hostile.url + "/sparql", data=b"ASK { ?s ?p '\xff\xfe' }", headers={"Content-Type": "application/sparql-query"})
    assert body.status_code == 400 and "utf-8" in body.text.lower()
    charset = requests.post(hostile.url + "/sparql", data=b"ASK {}", headers={"Content-Type": "application/sparql-query; charset=x-no-such"})
    assert_client_error(charset.status_code, 400, 415)
    header = raw_get(hostile, "/sparql?query=ASK%7B%7D", b"Accept: \xff\xfe/\xc3\x28")
    assert header.status < 500
    assert_alive(hostile)


# --- deep nesting -----------------------------------------------------------------------------

DEPTH = 10_000
NESTED = {
    "braces": "SELECT * WHERE " + "{" * DEPTH + " ?s ?p ?o " + "}" * DEPTH,
    "parentheses": "ASK { FILTER(" + "(" * DEPTH + "1" + ")" * DEPTH + ") }",
    "brackets": "PREFIX : <http://a/> ASK { ?s ?p " + "[:p " * DEPTH + "1" + "]" * DEPTH + " }",
    "unbalanced": "SELECT * WHERE " + "{(" * DEPTH,
}


@pytest.mark.parametrize("name", NESTED)
def test_deep_nesting_is_refused_and_the_server_still_answers(hostile, name: str) -> None:
    by_get = requests.get(hostile.url + "/sparql", params={"query": NESTED[name]}, headers={"Accept": SPARQL_JSON})
    by_form = requests.post(hostile.url + "/sparql", data={"query": NESTED[name]})
    by_body = requests.post(hostile.url + "/sparql", data=NESTED[name].encode(), headers={"Content-Type": "application/sparql-query"})
    if len(by_get.request.url) > 65536:  # longer than a request line may be
        assert by_get.status_code == 414
    else:
        assert by_get.status_code == 400 and "nest" in by_get.text, by_get.text[:200]
    for response in (by_form, by_body):
        assert response.status_code == 400, response.text[:200]
        assert "nest" in response.text
    assert_alive(hostile)


def test_deep_nesting_in_an_update_is_refused_and_changes_nothing(updatable) -> None:
    before = dump(updatable.settings.store_path)
    update = "INSERT DATA " + "{" * DEPTH + "}" * DEPTH
    response = requests.post(updatable.url + "/update", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400 and "nest" in response.text
    assert dump(updatable.settings.store_path) == before
    assert_alive(updatable)


# --- unknown parameters -----------------------------------------------------------------------


@pytest.mark.parametrize("path, params", [
    ("/sparql", {"query": "ASK {}", "foo": "bar", "timeout": "999999", "format": "json"}),
    ("/sparql", {"query": "ASK {}", "query ": "x", "QUERY": "DROP ALL"}),
    ("/search", {"q": "kazakh", "foo": "1", "limit": "5"}),
    ("/resource/state/kaz", {"foo": "bar"}),
    ("/graph", {"foo": "bar"}),
    ("/timeline.json", {"x": "1"}),
    ("/.well-known/void", {"x": "1"}),
    ("/downloads", {"x": "1"}),
    ("/", {"x": "<script>"}),
    ("/queries/states-by-sco-role", {"foo": "1"}),
])
def test_unknown_parameters_are_ignored_or_400(hostile, path: str, params: dict[str, str]) -> None:
    response = requests.get(hostile.url + path, params=params)
    assert response.status_code in (200, 400), response.text[:300]
    if response.status_code == 400:
        assert any(name in response.text for name in params)


# --- path traversal ---------------------------------------------------------------------------

SECRETS = ("root:x:0:", "from __future__", "[tool.setuptools]", "import ")
TRAVERSALS = [
    "/resource/../../etc/passwd",
    "/resource/..%2f..%2fetc%2fpasswd",
    "/resource/%2e%2e/%2e%2e/etc/passwd",
    "/resource/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/resource/..%252f..%252fetc%252fpasswd",
    "/resource/..\\..\\etc\\passwd",
    "/resource/..%5c..%5cetc%5cpasswd",
    "/resource/state/kaz/../../../../etc/passwd",
    "/resource//etc/passwd",
    "/resource/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/graph/..%2f..%2fetc%2fpasswd",
    "/downloads/../../etc/passwd",
    "/downloads/..%2f..%2fetc%2fpasswd",
    "/downloads/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/downloads/..%5c..%5cetc%5cpasswd",
    "/downloads/....//....//etc/passwd",
    "/downloads/..%2f..%2fpyproject.toml",
    "/queries/..%2f..%2fetc%2fpasswd",
    "/queries/../../etc/passwd",
    "/queries/..%2fcatalog",
    "/queries/..%2f..%2fpyproject.toml",
    "/queries/%2e%2e%2fserver%2fapp.py",
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/css/..%2f..%2fapp.py",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/ontology/..%2f..%2fetc%2fpasswd",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_is_4xx_and_leaks_nothing(hostile, target: str) -> None:
    response = raw_get(hostile, target)
    if response.status == 308:  # `//` merged into `/`: the redirect stays on this server, and leads nowhere
        location = urlsplit(response.headers["location"])
        assert location.netloc in ("", urlsplit(hostile.url).netloc) and ".." not in location.path
        response = raw_get(hostile, location.path)
    assert_client_error(response.status)
    for secret in SECRETS:
        assert secret not in response.text


def test_traversal_to_a_planted_file_never_reads_it(hostile, tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-7f3a9c")
    up = "../" * 30 + str(canary).lstrip("/")
    encoded = "..%2f" * 30 + quote(str(canary).lstrip("/"), safe="")
    for prefix in ("/static/", "/downloads/", "/resource/", "/queries/", "/graph/", "/ontology/"):
        for target in (prefix + up, prefix + encoded, prefix + encoded.replace("%2f", "%5c")):
            response = raw_get(hostile, target)
            assert_client_error(response.status)
            assert "CANARY" not in response.text


# --- labels carrying markup -------------------------------------------------------------------


class Markup(HTMLParser):
    """The elements, attributes, text and inline scripts of a page, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def assert_safe_html(response: requests.Response, *shown: str) -> Markup:
    """The page shows each of `shown` as text, and no payload became markup or script."""
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.text
    for payload in PAYLOADS.values():
        if any(c in payload for c in "<>\"'"):
            assert payload not in page, f"unescaped payload {payload!r}"
    markup = Markup(page)
    assert not [tag for tag, _ in markup.tags if tag in ("img", "svg", "iframe", "object", "embed")]
    handlers = [(tag, name) for tag, attrs in markup.tags for name in attrs if name.startswith("on")]
    assert handlers == [], "an event handler attribute was injected"
    for tag, attrs in markup.tags:
        if tag == "script":
            assert attrs.get("src"), "an inline script appeared"
    assert all("alert(" not in script for script in markup.scripts)
    text = "".join(markup.text)
    for expected in shown:
        assert expected in text, f"{expected!r} is not shown as text"
    return markup


def html(server: LiveServer, path: str, **params: str) -> requests.Response:
    response = requests.get(server.url + path, params=params, headers={"Accept": BROWSER})
    assert response.status_code == 200, response.text[:300]
    return response


@pytest.mark.parametrize("name", PAYLOADS)
def test_entity_page_escapes_labels_aliases_and_quotes(hostile, name: str) -> None:
    markup = assert_safe_html(html(hostile, f"/resource/state/evil-{name}"), label(name), label_zh(name), PAYLOADS[name], quote_text(name))
    # data- attributes carry the value intact, as an attribute value (never as markup)
    urls = [attrs["data-elements-url"] for tag, attrs in markup.tags if "data-elements-url" in attrs]
    assert urls == ["/neighbourhood.json?iri=" + quote(entity(name), safe="")]


def test_search_results_page_escapes_labels(hostile) -> None:
    assert_safe_html(html(hostile, "/search", q="evil"), *(label(name) for name in PAYLOADS))


def test_search_page_escapes_the_query_text(hostile) -> None:
    for payload in PAYLOADS.values():
        assert_safe_html(html(hostile, "/search", q=payload), payload)


def test_canned_query_tables_escape_labels_titles_and_quotes(hostile) -> None:
    assert_safe_html(html(hostile, "/queries/states-by-sco-role"), *(label(n) for n in PAYLOADS), *(label_zh(n) for n in PAYLOADS))
    assert_safe_html(html(hostile, "/queries/sources-overview"), SOURCE_TITLE)
    assert_safe_html(html(hostile, "/queries/entity-mentions", entity=entity("script-close")), quote_text("script-close"))


def test_canned_query_error_page_escapes_the_bad_value(hostile) -> None:
    response = requests.get(hostile.url + "/queries/documents-adopted-in-year", params={"year": PAYLOADS["attribute"]},
                            headers={"Accept": BROWSER})
    assert response.status_code == 400
    assert_safe_html(response)
    assert 'value="&#34;&gt;&lt;img' in response.text or 'value="&quot;&gt;&lt;img' in response.text


def test_home_timeline_and_graph_pages_escape_labels(hostile) -> None:
    assert_safe_html(html(hostile, "/"), SOURCE_TITLE, CLASS_LABEL)
    assert_safe_html(html(hostile, "/timeline"), *(meeting_label(name) for name in PAYLOADS))
    assert_safe_html(html(hostile, "/graph"), SOURCE_TITLE)
    assert_safe_html(html(hostile, "/graph", iri=SOURCE))


def json_of(response: requests.Response) -> object:
    assert response.status_code == 200, response.text[:300]
    assert "html" not in response.headers["Content-Type"]
    return response.json()


def test_json_answers_carry_the_labels_exactly(hostile) -> None:
    found = json_of(requests.get(hostile.url + "/search", params={"q": "evil", "format": "json"}))
    assert {hit["label_en"] for hit in found["results"]} >= {label(name) for name in PAYLOADS}
    timeline = json_of(requests.get(hostile.url + "/timeline.json"))
    assert {item["label"] for year in timeline["years"] for item in year["items"]} == {meeting_label(n) for n in PAYLOADS}
    canned = json_of(requests.get(hostile.url + "/queries/states-by-sco-role", headers={"Accept": SPARQL_JSON}))
    assert {row["nameEn"]["value"] for row in canned["results"]["bindings"]} == {label(n) for n in PAYLOADS}
    for name in PAYLOADS:
        nodes = json_of(requests.get(hostile.url + "/neighbourhood.json", params={"iri": entity(name)}))["elements"]["nodes"]
        assert label(name) in {node["data"].get("label") for node in nodes}
        query = f"SELECT ?l WHERE {{ <{entity(name)}> <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}"
        answer = json_of(requests.get(hostile.url + "/sparql", params={"query": query}, headers={"Accept": SPARQL_JSON}))
        assert [row["l"]["value"] for row in answer["results"]["bindings"]] == [PAYLOADS[name]]
        document = json_of(requests.get(hostile.url + f"/resource/state/evil-{name}.jsonld"))
        assert {label(name), label_zh(name), PAYLOADS[name], meeting_label(name)} <= values_of(document)


def values_of(document: object) -> set[str]:
    """Every string value in a JSON document."""
    if isinstance(document, dict):
        return set().union(*(values_of(value) for value in document.values())) if document else set()
    if isinstance(document, list):
        return set().union(*(values_of(value) for value in document)) if document else set()
    return {document} if isinstance(document, str) else set()


# --- SERVICE and LOAD to loopback and private addresses ---------------------------------------


def listen(host: str, family: int = socket.AF_INET, redirect_to: str | None = None) -> RecordingListener:
    """A listener standing in for an internal service (redirecting to `redirect_to` if given)."""
    if redirect_to:
        return start_recording_listener(lambda path: (307, {"Location": redirect_to}, b""), host, family)
    return start_recording_listener(host=host, family=family)


@pytest.fixture
def internal() -> Iterator[tuple[RecordingListener, RecordingListener | None]]:
    """Recording listeners on 127.0.0.1 and (where the host has IPv6) on ::1."""
    ipv4 = listen("127.0.0.1")
    try:
        ipv6: RecordingListener | None = listen("::1", socket.AF_INET6)
    except OSError:
        ipv6 = None
    yield ipv4, ipv6
    for listener in (ipv4, ipv6):
        if listener:
            listener.server.shutdown()


def internal_targets(ipv4: RecordingListener, ipv6: RecordingListener | None) -> list[str]:
    port = ipv4.port
    targets = [
        f"http://127.0.0.1:{port}/sparql", f"http://localhost:{port}/sparql", f"http://127.1:{port}/",
        f"http://2130706433:{port}/", f"http://0x7f000001:{port}/", f"http://0.0.0.0:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/", f"http://LOCALHOST.:{port}/", f"https://127.0.0.1:{port}/",
        "http://10.0.0.1/sparql", "http://169.254.169.254/latest/meta-data/", "http://192.168.0.1/", "http://[fd00::1]/",
    ]
    if ipv6:
        targets.append(f"http://[::1]:{ipv6.port}/sparql")
    return targets


QUERY_FORMS = [
    "SELECT * WHERE {{ SERVICE <{t}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{t}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{t}> SELECT * WHERE {{ SERVICE r: {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{t}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
]
UPDATE_FORMS = [
    "LOAD <{t}>",
    "LOAD SILENT <{t}> INTO GRAPH <urn:x:g>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{t}> {{ ?s ?p ?o }} }}",
]


def test_service_to_internal_addresses_is_refused_and_contacts_nothing(hostile, internal) -> None:
    ipv4, ipv6 = internal
    for target in internal_targets(ipv4, ipv6):
        for form in QUERY_FORMS:
            started = time.monotonic()
            response = requests.get(hostile.url + "/sparql", params={"query": form.format(t=target)}, timeout=30)
            assert response.status_code == 400, (target, form, response.text[:200])
            assert time.monotonic() - started < 5, "the server tried to reach the address"
    assert ipv4.hits == [] and (ipv6 is None or ipv6.hits == [])


def test_load_to_internal_addresses_is_refused_and_changes_nothing(updatable, internal) -> None:
    ipv4, ipv6 = internal
    before = dump(updatable.settings.store_path)
    for target in internal_targets(ipv4, ipv6):
        for form in UPDATE_FORMS:
            response = requests.post(updatable.url + "/update", data={"update": form.format(t=target)},
                                     headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
            assert response.status_code in (400, 403), (target, form, response.text[:200])
    assert ipv4.hits == [] and (ipv6 is None or ipv6.hits == [])
    assert dump(updatable.settings.store_path) == before


def test_an_allowlisted_service_cannot_redirect_to_an_internal_one(tmp_path: Path, internal) -> None:
    ipv4, _ = internal
    redirector = listen("127.0.0.1", redirect_to=f"http://127.0.0.1:{ipv4.port}/secret")
    allowed = f"http://127.0.0.1:{redirector.port}/"
    store_path = tmp_path / "store"
    build_store(store_path, [q for q in hostile_quads() if q.graph_name == GRAPHS.reference])
    server, http_server = start_live_server(Settings(store_path=store_path, update_token=TOKEN, service_allowlist=(allowed,)))
    try:
        query = requests.get(server.url + "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{allowed}sparql> {{ ?s ?p ?o }} }}"})
        assert query.status_code == 502, query.text[:300]
        load = requests.post(server.url + "/update", data={"update": f"LOAD <{allowed}data.ttl>"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert load.status_code == 502, load.text[:300]
        tricks = [f"http://127.0.0.1:{redirector.port}@127.0.0.1:{ipv4.port}/", f"http://127.0.0.1:{redirector.port}.evil/"]
        for target in tricks:
            refused = requests.get(server.url + "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"})
            assert refused.status_code == 400, (target, refused.text[:200])
    finally:
        http_server.shutdown()
        redirector.server.shutdown()
    assert len(redirector.hits) == 2  # the allow-listed host was asked, once each
    assert ipv4.hits == []  # and its redirect was not followed


# --- updates without, or with a wrong, token --------------------------------------------------

INSERT = f'INSERT DATA {{ GRAPH <https://w3id.org/sco-kg/graph/reference> {{ <{KAZ}> <http://www.w3.org/2000/01/rdf-schema#comment> "tampered" }} }}'


@pytest.mark.parametrize("headers, params, status", [
    ({}, {}, 401),
    ({"Authorization": "Bearer wrong-token"}, {}, 403),
    ({"Authorization": f"Bearer {TOKEN}x"}, {}, 403),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, {}, 403),
    ({"Authorization": f"Bearer {TOKEN.upper()}"}, {}, 403),
    ({"Authorization": "Bearer"}, {}, 401),
    ({"Authorization": TOKEN}, {}, 401),
    ({"Authorization": "Basic " + base64.b64encode(f"admin:{TOKEN}".encode()).decode()}, {}, 401),
    ({}, {"token": TOKEN, "access_token": TOKEN}, 401),
    ({"X-Update-Token": TOKEN, "Cookie": f"token={TOKEN}"}, {}, 401),
])
def test_updates_without_the_right_token_are_refused_and_change_nothing(updatable, headers, params, status) -> None:
    before = dump(updatable.settings.store_path)
    for update in (INSERT, "DROP ALL", "CLEAR DEFAULT"):
        response = requests.post(updatable.url + "/update", params=params, data={"update": update, **params}, headers=headers)
        assert response.status_code == status, response.text[:200]
    assert dump(updatable.settings.store_path) == before


def test_an_update_by_get_or_with_raw_bytes_in_the_header_is_refused(updatable) -> None:
    before = dump(updatable.settings.store_path)
    by_get = requests.get(updatable.url + "/update", params={"update": "DROP ALL"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert by_get.status_code == 405
    host = urlsplit(updatable.url).netloc.encode()
    body = b"update=DROP%20ALL"
    for credentials in (b"Bearer \xff\xfe" + TOKEN.encode(), b"Bearer " + TOKEN.encode() + b"\xc3\x28", b"\x00Bearer " + TOKEN.encode()):
        response = raw_request(
            updatable,
            b"POST /update HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\nAuthorization: " + credentials,
            body,
        )
        assert_client_error(response.status, 400, 401, 403)
    assert dump(updatable.settings.store_path) == before


def test_the_right_token_updates_the_store(updatable) -> None:
    before = dump(updatable.settings.store_path)
    response = requests.post(updatable.url + "/update", data={"update": INSERT}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.text
    after = dump(updatable.settings.store_path)
    assert set(after) - set(before) == {
        f'<{KAZ}> <http://www.w3.org/2000/01/rdf-schema#comment> "tampered" <https://w3id.org/sco-kg/graph/reference> .'.encode()
    }
    ask = requests.get(updatable.url + "/sparql", params={"query": f'ASK {{ <{KAZ}> ?p "tampered" }}'}, headers={"Accept": SPARQL_JSON})
    assert ask.json()["boolean"] is True
    undo = INSERT.replace("INSERT DATA", "DELETE DATA")
    assert requests.post(updatable.url + "/update", data={"update": undo}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
    assert dump(updatable.settings.store_path) == before


# --- the same pages in a real browser: scripts draw labels as text ----------------------------

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium through the system chromedriver (skipped where it is not installed)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("SCOKG_REQUIRE_BROWSER"):
            pytest.fail("Chromium and chromedriver are required (SCOKG_REQUIRE_BROWSER is set)")
        pytest.skip("Chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def assert_nothing_ran(driver: object) -> None:
    """No alert opened, and no element a payload would create exists in the live DOM."""
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    injected = driver.execute_script(
        "return [...document.querySelectorAll('img, iframe, object, embed, script:not([src])')].map(e => e.outerHTML);"
    )
    assert injected == []
    handlers = driver.execute_script(
        "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'));"
    )
    assert handlers == []


def wait_for(driver: object, condition, message: str) -> object:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, 30).until(condition)
    except TimeoutException:
        pytest.fail(f"timed out: {message}")


def test_scripts_draw_hostile_labels_as_text_in_a_browser(browser, hostile) -> None:
    from selenium.webdriver.common.by import By

    def rendered(element: object) -> bool:
        return element.get_attribute("data-rendered") == "true" or element.get_attribute("data-error") is not None

    for name in ("attribute", "script-close"):
        browser.get(f"{hostile.url}/resource/state/evil-{name}")
        view = browser.find_element(By.CSS_SELECTOR, "div.graph-view[data-elements-url]")
        wait_for(browser, lambda d: rendered(view), "the graph view to render")
        assert view.get_attribute("data-error") is None
        labels = browser.execute_script("return document.querySelector('div.graph-view').cytoscape.nodes().map(n => n.data('label'));")
        assert label(name) in labels
        assert browser.find_element(By.TAG_NAME, "h1").text == label(name)
        assert_nothing_ran(browser)

    browser.get(f"{hostile.url}/timeline")
    chart = browser.find_element(By.CSS_SELECTOR, "div.timeline-chart[data-timeline-url]")
    wait_for(browser, lambda d: rendered(chart), "the timeline to render")
    button = chart.find_element(By.CSS_SELECTOR, "svg g.year[data-year='2020']")
    browser.execute_script("arguments[0].scrollIntoView({inline: 'center'});", button)
    button.click()
    wait_for(browser, lambda d: chart.find_elements(By.CSS_SELECTOR, ".timeline-items li"), "the year's items to be listed")
    listed = {link.text for link in chart.find_elements(By.CSS_SELECTOR, ".timeline-items li a")}
    assert listed == {meeting_label(name).strip() for name in PAYLOADS}
    assert_nothing_ran(browser)

    for path in ("/", "/search?q=evil", "/queries/states-by-sco-role", f"/search?q={quote(PAYLOADS['attribute'])}"):
        browser.get(hostile.url + path)
        assert_nothing_ran(browser)
