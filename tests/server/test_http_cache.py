"""HTTP caching over real HTTP: validators, 304 answers, and new content after a rebuild."""
from __future__ import annotations

from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import requests
from pyoxigraph import Literal, NamedNode, Quad

from scokg.graph.store import build_store
from scokg.ontology.namespaces import RDF, RDFS, SCO
from scokg.server.bound_query import with_values
from scokg.settings import Settings

KAZ = "/resource/state/kaz"
CACHED_URLS = [
    (KAZ, "text/html"),
    (KAZ, "text/turtle"),
    ("/queries/meetings-in-country?country=KAZ", "application/sparql-results+json"),
    ("/queries/meetings-in-country?country=KAZ", "text/html"),
    ("/.well-known/void", "text/turtle"),
    ("/neighbourhood.json?iri=https://w3id.org/sco-kg/resource/state/kaz", "application/json"),
    ("/ontology", "text/turtle"),
]


def _get(url: str, accept: str, **headers: str) -> requests.Response:
    return requests.get(url, headers={"Accept": accept, **headers}, timeout=60)


@pytest.mark.parametrize(("path", "accept"), CACHED_URLS)
def test_etag_round_trip_gives_304(live_server, path: str, accept: str) -> None:
    first = _get(live_server.url + path, accept)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert "must-revalidate" in first.headers["Cache-Control"]
    assert "max-age=" in first.headers["Cache-Control"]
    assert "Accept" in first.headers["Vary"]
    again = _get(live_server.url + path, accept, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    other = _get(live_server.url + path, accept, **{"If-None-Match": '"not-this-one"'})
    assert other.status_code == 200
    assert other.content == first.content


@pytest.mark.local_store  # Last-Modified is the build time of a local store version
def test_if_modified_since_gives_304(live_server) -> None:
    first = _get(live_server.url + KAZ, "text/html")
    built = parsedate_to_datetime(first.headers["Last-Modified"])
    assert built.year >= 2024
    again = _get(live_server.url + KAZ, "text/html", **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304
    stale = _get(live_server.url + KAZ, "text/html", **{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert stale.status_code == 200


def test_each_representation_has_its_own_etag(live_server) -> None:
    html = _get(live_server.url + KAZ, "text/html")
    turtle = _get(live_server.url + KAZ, "text/turtle")
    russia = _get(live_server.url + "/queries/meetings-in-country?country=RUS", "application/sparql-results+json")
    kazakhstan = _get(live_server.url + "/queries/meetings-in-country?country=KAZ", "application/sparql-results+json")
    assert "哈萨克斯坦" in html.text and "Kazakhstan" in turtle.text
    assert len({html.headers["ETag"], turtle.headers["ETag"], russia.headers["ETag"], kazakhstan.headers["ETag"]}) == 4
    # An ETag from another representation does not answer 304.
    crossed = _get(live_server.url + KAZ, "text/turtle", **{"If-None-Match": html.headers["ETag"]})
    assert crossed.status_code == 200 and "Kazakhstan" in crossed.text


def test_errors_carry_no_validators(live_server) -> None:
    missing = _get(live_server.url + "/resource/state/nowhere", "text/turtle")
    assert missing.status_code == 404
    assert "ETag" not in missing.headers
    bad = _get(live_server.url + "/queries/meetings-in-year?year=soon", "application/sparql-results+json")
    assert bad.status_code == 400
    assert "ETag" not in bad.headers


def test_canned_value_cannot_change_the_query(live_server) -> None:
    """A parameter is written as one literal: quotes and braces in it match nothing."""
    attack = 'KAZ" ) } UNION { ?meeting ?p ?o } #'
    response = _get(live_server.url + "/queries/meetings-in-country", "application/sparql-results+json",)
    assert response.status_code == 200
    hostile = requests.get(
        live_server.url + "/queries/meetings-in-country",
        params={"country": attack},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert hostile.status_code == 200
    assert hostile.json()["results"]["bindings"] == []


def test_with_values_writes_terms_at_the_where_group() -> None:
    text = 'SELECT ?s WHERE { ?s ?p "{" }'
    bound = with_values(text, {"s": Literal('x" } ?a ?b ?c {')})
    assert bound == 'SELECT ?s WHERE {\n  VALUES ?s { "x\\" } ?a ?b ?c {" }' + ' ?s ?p "{" }'
    construct = with_values("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", {"s": NamedNode("urn:x")})
    assert construct == "CONSTRUCT { ?s ?p ?o } {\n  VALUES ?s { <urn:x> } ?s ?p ?o }"


def _label_quads(label: str) -> list[Quad]:
    base = "https://w3id.org/sco-kg/"
    state = NamedNode(base + "resource/state/kaz")
    graph = NamedNode(base + "graph/test")
    return [
        Quad(state, RDF.type, SCO.MemberState, graph),
        Quad(state, RDFS.label, Literal(label, language="en"), graph),
    ]


def test_rebuild_changes_the_etag(tmp_path: Path, live_server_factory) -> None:
    store_path = tmp_path / "store"
    build_store(store_path, _label_quads("Kazakhstan before"))
    server = live_server_factory(Settings(store_path=store_path))
    count = "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
    urls = [(KAZ, "text/html"), (KAZ, "text/turtle"), ("/.well-known/void", "text/turtle"), (count, "text/csv")]
    before = {url: _get(server.url + url[0], url[1]) for url in urls}
    for response in before.values():
        assert response.status_code == 200
    assert "Kazakhstan before" in before[urls[0]].text
    assert _get(server.url + KAZ, "text/html", **{"If-None-Match": before[urls[0]].headers["ETag"]}).status_code == 304

    build_store(store_path, [*_label_quads("Kazakhstan after"), *_label_quads("Qazaqstan")])

    for url, old in before.items():
        fresh = _get(server.url + url[0], url[1], **{"If-None-Match": old.headers["ETag"]})
        assert fresh.status_code == 200, url
        assert fresh.headers["ETag"] != old.headers["ETag"]
        assert fresh.content != old.content
    page = _get(server.url + KAZ, "text/html")
    assert "Kazakhstan after" in page.text and "Kazakhstan before" not in page.text
    assert _get(server.url + count, "text/csv").text.split() == ["n", "3"]
    assert 'void:triples 3' in _get(server.url + "/.well-known/void", "text/turtle").text


def test_sparql_get_has_validators_unless_volatile(live_server) -> None:
    query = "SELECT ?label WHERE { <https://w3id.org/sco-kg/resource/state/kaz> rdfs:label ?label }"
    params = {"query": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + query}
    accept = {"Accept": "application/sparql-results+json"}
    first = requests.get(live_server.url + "/sparql", params=params, headers=accept, timeout=60)
    assert first.status_code == 200
    assert "Kazakhstan" in first.text
    again = requests.get(
        live_server.url + "/sparql", params=params, headers={**accept, "If-None-Match": first.headers["ETag"]}, timeout=60
    )
    assert again.status_code == 304
    as_xml = requests.get(
        live_server.url + "/sparql", params=params,
        headers={"Accept": "application/sparql-results+xml", "If-None-Match": first.headers["ETag"]}, timeout=60,
    )
    assert as_xml.status_code == 200 and as_xml.headers["ETag"] != first.headers["ETag"]
    posted = requests.post(live_server.url + "/sparql", data=params, headers=accept, timeout=60)
    assert posted.status_code == 200 and "ETag" not in posted.headers
    volatile = requests.get(live_server.url + "/sparql", params={"query": "SELECT (NOW() AS ?t) {}"}, headers=accept, timeout=60)
    assert volatile.status_code == 200 and "ETag" not in volatile.headers
    fresh = requests.get(
        live_server.url + "/sparql", params={"query": "CONSTRUCT { [] <urn:p> 1 } {}"}, headers={"Accept": "text/turtle"}, timeout=60
    )
    assert fresh.status_code == 200 and "ETag" not in fresh.headers
