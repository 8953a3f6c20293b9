"""VoID, the downloads page and the dump files over real HTTP, on the corpus graph."""
from __future__ import annotations

import http.client
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pyoxigraph as ox
import pytest
import requests

from scokg.graph.store import build_store
from scokg.ontology.namespaces import DCTERMS, RDF, RDFS, SCO, graph_namespace
from scokg.settings import Settings

VOID = "http://rdfs.org/ns/void#"
SD_NAME = ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name")
KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
KAZ_LABEL = ox.Quad(ox.NamedNode(KAZ), RDFS.label, ox.Literal("Kazakhstan", language="en"))

RDF_DUMPS = {
    "sco-kg.ttl": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "sco-kg.nq": ("application/n-quads", ox.RdfFormat.N_QUADS),
    "sco-kg.trig": ("application/trig", ox.RdfFormat.TRIG),
    "sco-kg.jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
}
NETWORK_DUMPS = {
    "sco-kg.graphml": "application/graphml+xml; charset=utf-8",
    "sco-kg.gexf": "application/gexf+xml; charset=utf-8",
    "sco-kg.cyjs": "application/json",
}


def v(name: str) -> ox.NamedNode:
    return ox.NamedNode(VOID + name)


@pytest.fixture(scope="module")
def store(corpus_store_path: Path) -> ox.Store:
    """The corpus store, opened read-only beside the server's handle."""
    return ox.Store.read_only(str(corpus_store_path.resolve()))


@pytest.fixture(scope="module")
def void(live_server) -> ox.Store:
    """The VoID description (default format), loaded into a store to query."""
    response = requests.get(live_server.url + "/.well-known/void", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    description = ox.Store()
    description.extend(ox.parse(response.content, ox.RdfFormat.TURTLE))
    return description


@pytest.fixture(scope="module")
def dataset(live_server) -> ox.NamedNode:
    return ox.NamedNode(live_server.settings.base_iri + ".well-known/void#sco-kg")


def value(void: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> ox.Literal | ox.NamedNode:
    (quad,) = void.quads_for_pattern(subject, predicate, None)
    return quad.object


def number(store: ox.Store, query: str, union: bool = True) -> int:
    return int(next(iter(store.query(query, use_default_graph_as_union=union)))["n"].value)


def test_void_counts_quads_as_triples(void, dataset, store):
    # void:triples is the number of quads (one per triple and graph): the sum over named graphs.
    assert int(value(void, dataset, v("triples")).value) == len(store) > 17000
    subset_sizes = [int(value(void, q.object, v("triples")).value) for q in void.quads_for_pattern(dataset, v("subset"), None)]
    assert sum(subset_sizes) == len(store)
    property_sizes = [
        int(value(void, q.object, v("triples")).value) for q in void.quads_for_pattern(dataset, v("propertyPartition"), None)
    ]
    assert sum(property_sizes) == len(store)
    assert int(value(void, dataset, v("properties")).value) == len(property_sizes) == number(
        store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"
    )


def test_void_distinct_counts_match_sparql(void, dataset, store, live_server):
    assert int(value(void, dataset, v("distinctSubjects")).value) == number(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    assert int(value(void, dataset, v("distinctObjects")).value) == number(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")
    space = live_server.settings.base_iri + "resource/"
    assert value(void, dataset, v("uriSpace")) == ox.Literal(space)
    assert int(value(void, dataset, v("entities")).value) == number(
        store, f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{space}")) }}'
    )


def test_void_class_partitions_match_sparql(void, dataset, store):
    partitions = {
        value(void, q.object, v("class")).value: int(value(void, q.object, v("entities")).value)
        for q in void.quads_for_pattern(dataset, v("classPartition"), None)
    }
    expected = {
        row["c"].value: int(row["n"].value)
        for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c",
                               use_default_graph_as_union=True)
    }
    assert partitions == expected
    assert partitions[SCO.MemberState.value] == 10
    assert int(value(void, dataset, v("classes")).value) == len(partitions)


def test_void_has_one_subset_per_named_graph(void, dataset, store):
    subsets = {
        value(void, q.object, SD_NAME).value: int(value(void, q.object, v("triples")).value)
        for q in void.quads_for_pattern(dataset, v("subset"), None)
    }
    assert subsets == {graph.value: len(list(store.quads_for_pattern(None, None, None, graph))) for graph in store.named_graphs()}
    brochure = next(q.object for q in void.quads_for_pattern(dataset, v("subset"), None)
                    if value(void, q.object, SD_NAME).value.endswith("/source/csec-brochure"))
    titles = {q.object for q in void.quads_for_pattern(brochure, DCTERMS.title, None)}
    assert ox.Literal("上海合作组织环境保护合作", language="zh") in titles


def test_void_describes_access_and_vocabularies(void, dataset, live_server, store):
    titles = {q.object for q in void.quads_for_pattern(dataset, DCTERMS.title, None)}
    assert {t.language for t in titles} == {"en", "zh"}
    assert value(void, dataset, v("sparqlEndpoint")) == ox.NamedNode(live_server.url + "/sparql")
    dumps = {q.object.value for q in void.quads_for_pattern(dataset, v("dataDump"), None)}
    assert dumps == {live_server.url + "/downloads/" + name for name in RDF_DUMPS}
    vocabularies = {q.object.value for q in void.quads_for_pattern(dataset, v("vocabulary"), None)}
    assert {"https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", str(SCO)} <= vocabularies
    examples = [q.object for q in void.quads_for_pattern(dataset, v("exampleResource"), None)]
    assert examples and all(any(store.quads_for_pattern(example, RDFS.label, None)) for example in examples)
    assert ox.Quad(dataset, RDF.type, v("Dataset")) in void


@pytest.mark.parametrize("how, media_type, rdf_format", [
    ({"headers": {"Accept": "application/n-triples"}}, "application/n-triples; charset=utf-8", ox.RdfFormat.N_TRIPLES),
    ({"headers": {"Accept": "application/rdf+xml"}}, "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json", ox.RdfFormat.JSON_LD),
    ({"params": {"format": "jsonld"}}, "application/ld+json", ox.RdfFormat.JSON_LD),
    ({"headers": {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}}, "text/turtle; charset=utf-8",
     ox.RdfFormat.TURTLE),
])
def test_void_is_negotiated(live_server, dataset, store, how, media_type, rdf_format):
    response = requests.get(live_server.url + "/.well-known/void", timeout=30, **how)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert "Accept" in response.headers["Vary"]
    triples = {(t.subject, t.predicate, t.object) for t in ox.parse(response.content, rdf_format)}
    assert any(s == dataset and p == v("triples") and int(o.value) == len(store) for s, p, o in triples)


def test_void_refuses_formats_it_cannot_write(live_server):
    assert requests.get(live_server.url + "/.well-known/void", headers={"Accept": "text/csv"}, timeout=30).status_code == 406
    response = requests.get(live_server.url + "/.well-known/void", params={"format": "csv"}, timeout=30)
    assert response.status_code == 406
    assert "format" in response.text


@pytest.mark.local_store  # a remote store relabels blank nodes
@pytest.mark.parametrize("name", list(RDF_DUMPS))
def test_rdf_dumps_parse_and_hold_the_store(live_server, store, name):
    media_type, rdf_format = RDF_DUMPS[name]
    response = requests.get(live_server.url + "/downloads/" + name, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    parsed = list(ox.parse(response.content, rdf_format))
    if name == "sco-kg.ttl":  # the union of the graphs: each distinct triple once
        assert KAZ_LABEL.triple in {q.triple for q in parsed}
        assert len(parsed) == number(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    else:  # the named graphs kept
        assert len(parsed) == len(store)
        assert set(parsed) == set(store)
        assert any(q.triple == KAZ_LABEL.triple and q.graph_name != ox.DefaultGraph() for q in parsed)


@pytest.mark.parametrize("name", list(NETWORK_DUMPS))
def test_network_exports_parse_and_hold_kazakhstan(live_server, name):
    response = requests.get(live_server.url + "/downloads/" + name, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == NETWORK_DUMPS[name]
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    if name.endswith(".cyjs"):
        graph = nx.cytoscape_graph(json.loads(response.content))
    else:
        graph = (nx.read_graphml if name.endswith(".graphml") else nx.read_gexf)(io.BytesIO(response.content))
    assert graph.nodes[KAZ]["label"] == "Kazakhstan"
    assert graph.nodes[KAZ]["label_zh"] == "哈萨克斯坦"
    assert graph.nodes[KAZ]["type"] == "MemberState"
    assert graph.number_of_edges() > 0


def test_etag_and_last_modified_give_304(live_server):
    url = live_server.url + "/downloads/sco-kg.nq"
    first = requests.get(url, timeout=60)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    unchanged = requests.get(url, headers={"If-None-Match": etag}, timeout=30)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["ETag"] == etag
    assert requests.get(url, headers={"If-Modified-Since": modified}, timeout=30).status_code == 304
    assert requests.head(url, headers={"If-None-Match": etag}, timeout=30).status_code == 304
    changed = requests.get(url, headers={"If-None-Match": '"another-version"'}, timeout=60)
    assert changed.status_code == 200 and changed.content == first.content
    assert requests.get(live_server.url + "/downloads/sco-kg.ttl", timeout=60).headers["ETag"] != etag


@pytest.mark.parametrize("target", [
    "/downloads/../store",
    "/downloads/%2e%2e%2fstore",
    "/downloads/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/downloads/..%2f..%2fetc%2fpasswd",
    "/downloads/sco-kg.ttl%00",
    "/downloads/sco-kg.xml",
    "/downloads/.sco-kg.ttl.partial",
    "/downloads/",
])
def test_unknown_names_and_traversal_are_404(live_server, target):
    host = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", target)  # sent as written: no client-side path normalisation
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 404
    assert b"root:" not in body


def test_downloads_page_lists_every_file_with_its_size(live_server):
    response = requests.get(live_server.url + "/downloads", timeout=60)
    assert response.status_code == 200
    for name in [*RDF_DUMPS, *NETWORK_DUMPS]:
        size = len(requests.get(live_server.url + "/downloads/" + name, timeout=60).content)
        assert f'<tr data-file="{name}" data-size="{size}">' in response.text
        assert f'href="/downloads/{name}"' in response.text
    assert 'href="/.well-known/void"' in response.text


def quads(base: str, label: str) -> list[ox.Quad]:
    state = ox.NamedNode(base + "resource/state/kaz")
    graph = graph_namespace(base).reference
    return [
        ox.Quad(state, RDF.type, SCO.MemberState, graph),
        ox.Quad(state, RDFS.label, ox.Literal(label, language="en"), graph),
    ]


@pytest.fixture()
def small_server(tmp_path: Path, live_server_factory) -> tuple[str, Path]:
    """A server on a small store of its own, which the test rebuilds."""
    store_path = tmp_path / "store"
    build_store(store_path, quads("https://w3id.org/sco-kg/", "Kazakhstan"))
    return live_server_factory(Settings(store_path=store_path)).url, store_path


def test_a_rebuild_gives_new_dumps_and_void(small_server):
    url, store_path = small_server
    before = requests.get(url + "/downloads/sco-kg.nq", timeout=30)
    assert b'"Kazakhstan"@en' in before.content
    cache = store_path.with_name("store.cache")
    assert [d.name for d in cache.iterdir()] == [store_path.resolve().name]

    build_store(store_path, quads("https://w3id.org/sco-kg/", "Qazaqstan") + quads("https://w3id.org/sco-kg/", "Kazakhstan"))
    after = requests.get(url + "/downloads/sco-kg.nq", headers={"If-None-Match": before.headers["ETag"]}, timeout=30)
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b'"Qazaqstan"@en' in after.content
    assert [d.name for d in cache.iterdir()] == [store_path.resolve().name]  # the old version's files are gone
    description = ox.Store()
    description.extend(ox.parse(requests.get(url + "/.well-known/void", timeout=30).content, ox.RdfFormat.TURTLE))
    dataset = ox.NamedNode("https://w3id.org/sco-kg/.well-known/void#sco-kg")
    assert int(value(description, dataset, v("triples")).value) == 3
