"""Linked Data over real HTTP: dereferencing, content negotiation, pages, graph view, ontology."""
from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import rdflib
import requests
from pyoxigraph import Literal, NamedNode, Quad, Store

from scokg.build import build_graph
from scokg.graph.store import build_store
from scokg.ontology.namespaces import ONTOLOGY_IRI, RDF, RDFS, SCO, graph_namespace
from scokg.server import describe as describe_module
from scokg.server import neighbourhood as neighbourhood_module
from scokg.settings import Settings
from support import CORPUS, start_live_server

RESOURCE = "https://w3id.org/sco-kg/resource/"
KAZ = RESOURCE + "state/kaz"
ASTANA = RESOURCE + "place/astana"
TIANJIN = RESOURCE + "place/tianjin"
MINISTERS_6TH = RESOURCE + "meeting/6th-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies"
BROCHURE = RESOURCE + "source/csec-brochure"
REFERENCE_GRAPH = "https://w3id.org/sco-kg/graph/reference"
INFERRED_GRAPH = "https://w3id.org/sco-kg/graph/inferred"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

# The brochure's list of member states (csec-brochure.txt lines 66 and 68): the evidence of
# Kazakhstan's role, and sentences mentioning it.
MEMBER_STATES_SENTENCE = "目前上合组织国家包括：十个成员国："
MEMBER_STATES_SENTENCE_EN = "Currently, the SCO countries includes 10 Member States"

# media type -> (rdflib parser name, whether the body keeps named graphs)
RDF_TYPES = {
    "text/turtle": ("turtle", False),
    "application/ld+json": ("json-ld", False),
    "application/n-triples": ("nt", False),
    "application/rdf+xml": ("xml", False),
    "application/trig": ("trig", True),
    "application/n-quads": ("nquads", True),
}
EXTENSIONS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
}
TEXT_TYPES = {"text/turtle", "application/n-triples", "application/trig", "application/n-quads", "text/html"}

U = rdflib.URIRef


def get(server, path: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + path, headers=headers, params=params or None, timeout=60)


def parse_rdf(response: requests.Response, media_type: str) -> rdflib.Dataset:
    """The body parsed by rdflib (an independent parser), as a dataset."""
    parser, _ = RDF_TYPES[media_type]
    dataset = rdflib.Dataset()
    dataset.parse(data=response.content, format=parser, publicID="http://invalid.example/")
    return dataset


def triples(dataset: rdflib.Dataset) -> set[tuple]:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def raw_get(server, path: str, accept: str = "*/*") -> tuple[int, bytes]:
    """GET `path` exactly as written (no client-side normalisation or re-encoding)."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.putheader("Accept", accept)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class _Elements(HTMLParser):
    """Every element of a page with its attributes and its text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.found.append((tag, dict(attrs), text))
        if tag not in {"meta", "link", "input", "br", "img"}:
            self._open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for text in self._open:
            text.append(data)


def elements(html: str, tag: str) -> list[tuple[dict[str, str | None], str]]:
    parser = _Elements()
    parser.feed(html)
    return [(attrs, " ".join(" ".join(text).split())) for name, attrs, text in parser.found if name == tag]


@pytest.fixture(scope="module")
def store(corpus_store_path: Path) -> Store:
    return Store.read_only(str(corpus_store_path.resolve()))


@pytest.fixture(scope="module")
def kaz_page(live_server) -> str:
    response = get(live_server, "/resource/state/kaz", BROWSER_ACCEPT)
    assert response.status_code == 200
    return response.text


# --- content negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
def test_kazakhstan_by_content_negotiation(live_server, media_type: str) -> None:
    response = get(live_server, "/resource/state/kaz", media_type)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    if media_type in TEXT_TYPES:
        assert "charset=utf-8" in response.headers["Content-Type"]
    assert "Accept" in response.headers["Vary"]
    assert response.headers["Content-Location"] == "/resource/state/kaz." + {v: k for k, v in EXTENSIONS.items()}[media_type]
    dataset = parse_rdf(response, media_type)
    facts = triples(dataset)
    assert (U(KAZ), U(RDF.type.value), U(SCO.MemberState.value)) in facts
    assert (U(KAZ), U(RDFS.label.value), rdflib.Literal("Kazakhstan", lang="en")) in facts
    assert (U(KAZ), U(RDFS.label.value), rdflib.Literal("哈萨克斯坦", lang="zh")) in facts
    if RDF_TYPES[media_type][1]:  # dataset formats keep where each statement came from
        graph_of = {(s, p, o): g for s, p, o, g in dataset.quads((U(KAZ), U(RDF.type.value), None, None))}
        assert graph_of[(U(KAZ), U(RDF.type.value), U(SCO.MemberState.value))] == U(INFERRED_GRAPH)


@pytest.mark.parametrize("ext", list(EXTENSIONS))
def test_kazakhstan_by_extension_whatever_the_accept_header(live_server, ext: str) -> None:
    response = get(live_server, f"/resource/state/kaz.{ext}", "text/html")
    media_type = EXTENSIONS[ext]
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    facts = triples(parse_rdf(response, media_type))
    assert (U(KAZ), U(SCO.iso3166Alpha3.value), rdflib.Literal("KAZ")) in facts


def test_html_extension_and_browser_accept_give_the_page(live_server) -> None:
    for response in (get(live_server, "/resource/state/kaz.html", "text/turtle"), get(live_server, "/resource/state/kaz", BROWSER_ACCEPT)):
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "<h1" in response.text and "Kazakhstan" in response.text


def test_any_client_gets_turtle_and_format_parameter_overrides(live_server) -> None:
    assert get(live_server, "/resource/state/kaz", "*/*").headers["Content-Type"].startswith("text/turtle")
    response = get(live_server, "/resource/state/kaz", "text/html", format="nt")
    assert response.headers["Content-Type"].startswith("application/n-triples")


def test_description_has_incoming_links_labels_of_neighbours_and_no_duplicates(live_server) -> None:
    response = get(live_server, "/resource/state/kaz", "application/n-triples")
    lines = [line for line in response.text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))  # the label stated by three documents comes once
    facts = triples(parse_rdf(response, "application/n-triples"))
    assert (U(ASTANA), U(SCO.country.value), U(KAZ)) in facts
    assert (U(ASTANA), U(RDFS.label.value), rdflib.Literal("Astana", lang="en")) in facts


def test_description_is_bounded(live_server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(describe_module, "MAX_OUTGOING", 10)
    monkeypatch.setattr(describe_module, "MAX_INCOMING", 5)
    response = get(live_server, "/resource/body/sco", "application/n-quads")
    subject = "<" + RESOURCE + "body/sco>"
    lines = [line for line in response.text.splitlines() if line.strip()]
    assert len([line for line in lines if line.startswith(subject + " ")]) == 10
    assert len([line for line in lines if line.split(" ")[2] == subject]) == 5


def test_unknown_resource_is_404_as_html_or_text(live_server) -> None:
    page = get(live_server, "/resource/state/atlantis", BROWSER_ACCEPT)
    assert page.status_code == 404
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "404" in page.text and "atlantis" in page.text
    text = get(live_server, "/resource/state/atlantis", "text/turtle")
    assert text.status_code == 404
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Accept" in text.headers["Vary"]
    assert get(live_server, "/resource/state/atlantis.ttl").status_code == 404
    assert get(live_server, "/graph/atlantis", "application/trig").status_code == 404


def test_unproducible_format_is_406(live_server) -> None:
    assert get(live_server, "/resource/state/kaz", "image/png").status_code == 406
    assert get(live_server, "/resource/state/kaz", format="pdf").status_code == 406
    assert get(live_server, "/ontology", "image/png").status_code == 406


@pytest.mark.parametrize(
    "path",
    [
        "/resource/state/../state/kaz",
        "/resource/../resource/state/kaz",
        "/resource/state/%2e%2e/state/kaz",
        "/resource/state%2Fkaz",
        "/resource/state%2fkaz.ttl",
        "/graph/%2e%2e%2fresource%2fstate%2fkaz",
        "/resource/state/kaz%00",
        "/resource/state/kaz%5C",
        "/resource/state//kaz",
        "/resource/state/%3Cscript%3E",
        "/resource/%ff%fe",
        "/resource/" + "x" * 5000,
        "/resource/" + "a/" * 1000 + "kaz",
        "/resource/",
        "/graph/",
        "/ontology.%2e%2e",
    ],
)
def test_odd_paths_are_rejected_not_crashed(live_server, path: str) -> None:
    status, body = raw_get(live_server, path)
    assert status in (400, 404), (status, body[:200])
    assert b"Kazakhstan" not in body


# --- the HTML page of an entity ---------------------------------------------------------------------


def test_page_shows_labels_in_both_languages_with_lang(kaz_page: str) -> None:
    spans = elements(kaz_page, "span")
    assert ({"lang": "en"}, "Kazakhstan") in spans
    assert ({"lang": "zh"}, "哈萨克斯坦") in spans
    assert ({"lang": "zh"}, "哈萨克斯坦共和国") in spans  # skos:altLabel


def test_page_links_types_facts_and_incoming_links_locally(kaz_page: str) -> None:
    links = {attrs.get("href"): text for attrs, text in elements(kaz_page, "a")}
    assert links["/ontology#MemberState"] == "member state"
    assert links["/resource/membership/kaz-sco"]  # org:hasMembership, an outgoing fact
    assert links["/resource/place/astana"] == "Astana"  # sco:country, an incoming link
    assert links["/resource/source/csec-brochure"] == "SCO Environmental Cooperation"
    cells = [text for _, text in elements(kaz_page, "td")]
    assert "KAZ" in cells and "KZ" in cells


def test_page_quotes_the_source_sentences(kaz_page: str) -> None:
    corpus_text = (CORPUS / "csec-brochure.txt").read_text(encoding="utf-8")
    quotes = [text for attrs, text in elements(kaz_page, "blockquote")]
    evidence = [q for q in quotes if q.startswith(MEMBER_STATES_SENTENCE)]
    assert evidence and evidence[0] in corpus_text and "哈萨克斯坦共和国" in evidence[0]
    assert ({"lang": "zh"}, evidence[0]) in elements(kaz_page, "blockquote")
    statements = [text for attrs, text in elements(kaz_page, "p") if attrs.get("class") == "statement"]
    assert "Kazakhstan — sco:scoRole → member state" in statements
    english = [q for q in quotes if q.startswith(MEMBER_STATES_SENTENCE_EN)]  # a mention's sentence
    assert english and english[0] in corpus_text and "the Republic of Kazakhstan" in english[0]


def test_page_has_the_graph_view_and_its_scripts(kaz_page: str) -> None:
    views = [attrs for attrs, _ in elements(kaz_page, "div") if attrs.get("class") == "graph-view"]
    assert views == [{"class": "graph-view", "data-elements-url": "/neighbourhood.json?iri=" + quote(KAZ, safe="")}]
    scripts = [attrs.get("src") for attrs, _ in elements(kaz_page, "script")]
    assert scripts[-2:] == ["/static/vendor/cytoscape/cytoscape.min.js", "/static/js/graph-view.js"]


def test_meeting_page_shows_date_and_place(live_server) -> None:
    response = get(live_server, "/resource/meeting/6th-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies", BROWSER_ACCEPT)
    assert response.status_code == 200
    rows = [text for _, text in elements(response.text, "tr")]
    assert any(row.startswith("schema:startDate 2025-07 xsd:gYearMonth") for row in rows)
    assert any(row.startswith("sco:place Tianjin") for row in rows)
    links = {attrs.get("href"): text for attrs, text in elements(response.text, "a")}
    assert links["/resource/place/tianjin"] == "Tianjin"
    assert ({"lang": "zh"}, "第6次上海合作组织成员国环境部长会") in elements(response.text, "span")


def test_source_document_page_points_at_its_graph(live_server, store: Store) -> None:
    response = get(live_server, "/resource/source/csec-brochure", BROWSER_ACCEPT)
    size = len(list(store.quads_for_pattern(None, None, None, NamedNode(BROCHURE))))
    assert f"graph of {size} triples" in " ".join(response.text.split())
    assert "/graph?iri=" + quote(BROCHURE, safe="") in response.text


# --- neighbourhood.json -------------------------------------------------------------------------


def test_neighbourhood_json(live_server, store: Store) -> None:
    response = get(live_server, "/neighbourhood.json", iri=KAZ)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    elements_ = response.json()["elements"]
    nodes = {node["data"]["id"]: node["data"] for node in elements_["nodes"]}
    assert set(nodes[KAZ]) == {"id", "label", "type", "href"}
    assert nodes[KAZ] == {"id": KAZ, "label": "Kazakhstan", "type": "MemberState", "href": "/resource/state/kaz"}
    assert nodes[ASTANA]["href"] == "/resource/place/astana" and nodes[ASTANA]["type"] == "City"
    # every resource linked to or from Kazakhstan, except types and the provenance layer, up to the cap
    kaz = NamedNode(KAZ)
    linked = {q.object for q in store.quads_for_pattern(kaz, None, None) if isinstance(q.object, NamedNode) and q.predicate != RDF.type}
    linked |= {q.subject for q in store.quads_for_pattern(None, None, kaz) if isinstance(q.subject, NamedNode)}
    provenance = {q.subject for layer in (SCO.Mention, SCO.Evidence) for q in store.quads_for_pattern(None, RDF.type, layer)}
    neighbours = {node.value for node in linked - provenance} - {KAZ}
    assert len(nodes) == min(neighbourhood_module.MAX_NODES, 1 + len(neighbours))
    assert not any("/mention/" in iri or "/evidence/" in iri for iri in nodes)
    assert all(iri.startswith("http") for iri in nodes)  # resources only, no literals
    edges = [edge["data"] for edge in elements_["edges"]]
    assert {"id", "source", "target", "label"} == set(edges[0])
    assert len({edge["id"] for edge in edges}) == len(edges)
    assert all(edge["source"] in nodes and edge["target"] in nodes for edge in edges)
    assert all(KAZ in (edge["source"], edge["target"]) for edge in edges)
    assert {"source": ASTANA, "target": KAZ, "label": "sco:country"}.items() <= next(
        edge for edge in edges if edge["source"] == ASTANA
    ).items()


def test_neighbourhood_is_bounded(live_server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neighbourhood_module, "MAX_NODES", 4)
    elements_ = get(live_server, "/neighbourhood.json", iri=RESOURCE + "body/sco").json()["elements"]
    ids = {node["data"]["id"] for node in elements_["nodes"]}
    assert len(ids) == 4
    assert all(edge["data"]["source"] in ids and edge["data"]["target"] in ids for edge in elements_["edges"])


def test_neighbourhood_bad_parameters(live_server) -> None:
    missing = get(live_server, "/neighbourhood.json")
    assert missing.status_code == 400 and "`iri`" in missing.json()["error"]
    invalid = get(live_server, "/neighbourhood.json", iri="not an iri")
    assert invalid.status_code == 400 and "`iri`" in invalid.json()["error"]
    assert get(live_server, "/neighbourhood.json", iri=RESOURCE + "state/atlantis").status_code == 404


# --- named graphs -------------------------------------------------------------------------------


def test_graph_page_lists_counts_and_downloads(live_server, store: Store) -> None:
    response = get(live_server, "/graph/reference", BROWSER_ACCEPT)
    assert response.status_code == 200
    graph = NamedNode(REFERENCE_GRAPH)
    size = len(list(store.quads_for_pattern(None, None, None, graph)))
    states = len({q.subject for q in store.quads_for_pattern(None, RDF.type, SCO.State, graph)})
    text = " ".join(response.text.split())
    assert f"{size} triples" in text
    rows = [row for _, row in elements(response.text, "tr")]
    assert f"state {states}" in rows
    links = [attrs.get("href") for attrs, _ in elements(response.text, "a")]
    assert "/graph/reference?format=trig" in links and "/graph/reference?format=nq" in links


@pytest.mark.parametrize("media_type", ["application/trig", "application/n-quads", "text/turtle"])
def test_graph_contents_by_content_negotiation(live_server, store: Store, media_type: str) -> None:
    response = get(live_server, "/graph/reference", media_type)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type + "; charset=utf-8"
    dataset = parse_rdf(response, media_type)
    expected = len(list(store.quads_for_pattern(None, None, None, NamedNode(REFERENCE_GRAPH))))
    assert len(triples(dataset)) == expected
    assert (U(KAZ), U(SCO.iso3166Alpha3.value), rdflib.Literal("KAZ")) in triples(dataset)
    if RDF_TYPES[media_type][1]:
        assert {g for _, _, _, g in dataset.quads((None, None, None, None))} == {U(REFERENCE_GRAPH)}


def test_document_graph_by_iri_parameter_and_the_list_of_graphs(live_server) -> None:
    trig = get(live_server, "/graph", "application/trig", iri=BROCHURE)
    assert trig.status_code == 200
    dataset = parse_rdf(trig, "application/trig")
    assert (U(MINISTERS_6TH), U(SCO.place.value), U(TIANJIN)) in triples(dataset)
    listing = get(live_server, "/graph", BROWSER_ACCEPT)
    links = [attrs.get("href") for attrs, _ in elements(listing.text, "a")]
    assert "/graph/reference" in links and "/graph?iri=" + quote(BROCHURE, safe="") in links
    assert get(live_server, "/graph", iri="https://example.org/no-graph").status_code == 404
    assert get(live_server, "/graph", iri="no graph").status_code == 400


# --- the ontology -------------------------------------------------------------------------------


def test_ontology_documentation_works_offline_and_anchors_terms(live_server, kaz_page: str) -> None:
    response = get(live_server, "/ontology", BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    ids = {attrs.get("id") for attrs, _ in elements(response.text, "div")} | {
        attrs.get("id") for attrs, _ in elements(response.text, "section")
    }
    assert {"MemberState", "Meeting", "scoRole"} <= ids  # where /ontology#X from the pages lands
    assert "/ontology#MemberState" in kaz_page
    external = [attrs.get("src") for attrs, _ in elements(response.text, "script") if attrs.get("src")]
    external += [attrs.get("href") for attrs, _ in elements(response.text, "link") if attrs.get("rel") == "stylesheet"]
    assert external == []


@pytest.mark.parametrize("media_type", ["text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json"])
def test_ontology_as_rdf(live_server, media_type: str) -> None:
    response = get(live_server, "/ontology", media_type)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    facts = triples(parse_rdf(response, media_type))
    owl = "http://www.w3.org/2002/07/owl#"
    assert (U(ONTOLOGY_IRI), U(RDF.type.value), U(owl + "Ontology")) in facts
    assert (U(SCO.MemberState.value), U(RDF.type.value), U(owl + "Class")) in facts
    assert (U(SCO.MemberState.value), U(RDFS.label.value), rdflib.Literal("成员国", lang="zh")) in facts


def test_ontology_and_shapes_by_extension(live_server) -> None:
    turtle = get(live_server, "/ontology.ttl", "text/html")
    assert turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    shapes = get(live_server, "/ontology/shapes")
    assert shapes.headers["Content-Type"] == "text/turtle; charset=utf-8"
    shacl = "http://www.w3.org/ns/shacl#"
    facts = triples(parse_rdf(shapes, "text/turtle"))
    assert any(p == U(RDF.type.value) and o == U(shacl + "NodeShape") for _, p, o in facts)
    jsonld = get(live_server, "/ontology/shapes.jsonld")
    assert triples(parse_rdf(jsonld, "application/ld+json")) and len(triples(parse_rdf(jsonld, "application/ld+json"))) == len(facts)
    assert get(live_server, "/ontology.xyz").status_code == 404


# --- escaping, and a server with another base IRI -----------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A tiny store whose data tries to inject markup and a javascript: link."""
    evil = NamedNode(RESOURCE + "thing/evil")
    graph = graph_namespace().reference
    quads = [
        Quad(evil, RDF.type, SCO.Project, graph),
        Quad(evil, RDFS.label, Literal("<script>alert(1)</script>", language="en"), graph),
        Quad(evil, SCO.partOf, NamedNode("javascript:alert(1)"), graph),
        Quad(evil, SCO.code, Literal('"><img src=x onerror=alert(2)>'), graph),
    ]
    store_path = tmp_path_factory.mktemp("hostile") / "store"
    build_store(store_path, quads)
    server, http = start_live_server(Settings(store_path=store_path))
    yield server
    http.shutdown()


def test_data_is_escaped_in_html(hostile_server) -> None:
    response = get(hostile_server, "/resource/thing/evil", BROWSER_ACCEPT)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<img" not in response.text
    assert 'href="javascript:' not in response.text
    assert ({"lang": "en"}, "<script>alert(1)</script>") in elements(response.text, "h1")
    nodes = get(hostile_server, "/neighbourhood.json", iri=RESOURCE + "thing/evil").json()["elements"]["nodes"]
    assert {node["data"]["href"] for node in nodes} == {"/resource/thing/evil", None}


def test_request_text_is_escaped_in_error_pages(hostile_server) -> None:
    response = get(hostile_server, "/resource/x'onload='alert(3)", BROWSER_ACCEPT)
    assert response.status_code == 404
    assert "x'onload" not in response.text and "x&#39;onload" in response.text


@pytest.fixture(scope="module")
def example_org_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The corpus built and served with base IRI http://example.org/kg/."""
    settings = Settings(base_iri="http://example.org/kg/", store_path=tmp_path_factory.mktemp("example-org") / "store", corpus_dir=CORPUS)
    build_graph(settings)
    server, http = start_live_server(settings)
    yield server
    http.shutdown()


def test_base_iri_maps_onto_the_server_paths(example_org_server) -> None:
    kaz = "http://example.org/kg/resource/state/kaz"
    response = get(example_org_server, "/resource/state/kaz", "text/turtle")
    assert response.status_code == 200
    facts = triples(parse_rdf(response, "text/turtle"))
    assert (U(kaz), U(RDF.type.value), U(SCO.MemberState.value)) in facts
    assert not any(str(s).startswith(RESOURCE) for s, _, _ in facts)
    page = get(example_org_server, "/resource/state/kaz", BROWSER_ACCEPT).text
    links = {attrs.get("href") for attrs, _ in elements(page, "a")}
    assert "/resource/place/astana" in links and "/graph/reference" in links
    assert not any(link and link.startswith("http://example.org/") for link in links)
    nodes = get(example_org_server, "/neighbourhood.json", iri=kaz).json()["elements"]["nodes"]
    assert nodes[0]["data"]["href"] == "/resource/state/kaz"
    graph = get(example_org_server, "/graph/inferred", "application/n-quads")
    assert re.search(r"<http://example\.org/kg/graph/inferred> \.$", graph.text.splitlines()[0])
    assert get(example_org_server, "/resource/state/kaz", "text/turtle").text == response.text
