"""Real SPARQL clients against the live server: SPARQLWrapper and rdflib's SPARQLStore."""
from __future__ import annotations


import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, RDFXML, TURTLE, XML, SPARQLWrapper

KAZ = URIRef("https://w3id.org/sco-kg/resource/state/kaz")
MEMBER_STATE = URIRef("https://w3id.org/sco-kg/ontology#MemberState")
PREFIXES = "PREFIX sco: <https://w3id.org/sco-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MEMBER_NAMES = PREFIXES + """
SELECT DISTINCT ?en ?zh WHERE {
  ?state a sco:MemberState ; rdfs:label ?en, ?zh .
  FILTER(LANG(?en) = "en" && LANG(?zh) = "zh")
} ORDER BY ?en"""
SCO_MEMBERS_EN = [
    "Belarus", "China", "India", "Iran", "Kazakhstan", "Kyrgyzstan", "Pakistan", "Russia", "Tajikistan", "Uzbekistan",
]
KAZ_LABELS = PREFIXES + f"CONSTRUCT {{ <{KAZ}> rdfs:label ?l ; a ?c }} WHERE {{ <{KAZ}> rdfs:label ?l ; a ?c }}"


def wrapper(live_server, query: str, return_format: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(live_server, method):
    result = wrapper(live_server, MEMBER_NAMES, JSON, method).queryAndConvert()
    rows = [(row["en"]["value"], row["zh"]["value"]) for row in result["results"]["bindings"]]
    assert [en for en, _ in rows] == SCO_MEMBERS_EN
    assert ("Kazakhstan", "哈萨克斯坦") in rows
    assert result["results"]["bindings"][0]["zh"]["xml:lang"] == "zh"


def test_sparqlwrapper_ask(live_server):
    assert wrapper(live_server, f"ASK {{ <{KAZ}> a <{MEMBER_STATE}> }}", JSON).queryAndConvert()["boolean"] is True
    document = wrapper(live_server, f"ASK {{ <{KAZ}> a <{KAZ}> }}", XML).queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "false"


def assert_kazakhstan(graph: Graph) -> None:
    assert (KAZ, RDF.type, MEMBER_STATE) in graph
    assert set(graph.objects(KAZ, RDFS.label)) == {Literal("Kazakhstan", lang="en"), Literal("哈萨克斯坦", lang="zh")}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside SPARQLWrapper
def test_sparqlwrapper_construct_to_an_rdflib_graph(live_server):
    client = wrapper(live_server, KAZ_LABELS, RDFXML)
    client.setOnlyConneg(True)
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph)
    assert_kazakhstan(graph)

    turtle = wrapper(live_server, KAZ_LABELS, TURTLE).queryAndConvert()
    assert_kazakhstan(Graph().parse(data=turtle, format="turtle"))


def test_sparqlwrapper_construct_with_its_default_settings(live_server):
    client = SPARQLWrapper(live_server.url + "/sparql")  # returnFormat XML, `format=xml` in the URL
    client.setQuery(KAZ_LABELS)
    assert_kazakhstan(client.queryAndConvert())


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_query_and_triples(live_server, method):
    graph = Graph(store=SPARQLStore(live_server.url + "/sparql", method=method))
    rows = graph.query(MEMBER_NAMES)
    assert [str(row.en) for row in rows] == SCO_MEMBERS_EN
    assert (Literal("Kazakhstan", lang="en"), Literal("哈萨克斯坦", lang="zh")) in {(row.en, row.zh) for row in rows}
    assert (KAZ, RDF.type, MEMBER_STATE) in graph
    assert Literal("哈萨克斯坦", lang="zh") in set(graph.objects(KAZ, RDFS.label))
    assert graph.query(f"ASK {{ <{KAZ}> a <{MEMBER_STATE}> }}").askAnswer is True
