"""Every export format parses back; the entity network has the right nodes, labels and edges."""
from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest

from scokg.graph.export import FORMATS, ExportFormatError, entity_network, export

KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
CHN = "https://w3id.org/sco-kg/resource/state/chn"
SUMMIT = "https://w3id.org/sco-kg/resource/meeting/summit-2024"


def exported(store: ox.Store, fmt: str) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt, rdf_format", [
    ("trig", ox.RdfFormat.TRIG),
    ("nquads", ox.RdfFormat.N_QUADS),
    ("jsonld", ox.RdfFormat.JSON_LD),
])
def test_dataset_formats_round_trip_with_their_graphs(sample_store, fmt, rdf_format):
    assert set(ox.parse(exported(sample_store, fmt), rdf_format)) == set(sample_store)


def test_turtle_is_the_union_of_all_graphs_with_prefixes(sample_store):
    data = exported(sample_store, "turtle")
    assert b"@prefix sco: <https://w3id.org/sco-kg/ontology#>" in data
    triples = list(ox.parse(data, ox.RdfFormat.TURTLE))
    union = {ox.Quad(q.subject, q.predicate, q.object) for q in sample_store}
    assert set(triples) == union
    assert len(triples) == len(union) == len(sample_store) - 1  # kaz a MemberState is in two graphs


def test_network_nodes_are_entities_with_labels_and_most_specific_type(sample_store):
    graph = entity_network(sample_store)
    assert sorted(graph.nodes) == [SUMMIT, CHN, KAZ]
    assert graph.nodes[KAZ] == {"label": "Kazakhstan", "label_zh": "哈萨克斯坦", "type": "MemberState"}
    assert graph.nodes[CHN] == {"label": "中国", "label_zh": "中国", "type": "MemberState"}
    assert graph.nodes[SUMMIT] == {"label": "Astana Summit", "label_zh": "", "type": "Meeting"}


def test_network_edges_are_object_properties_between_entities(sample_store):
    edges = sorted((s, o, data["predicate"]) for s, o, data in entity_network(sample_store).edges(data=True))
    assert edges == [
        (SUMMIT, CHN, "schema:attendee"),
        (SUMMIT, KAZ, "schema:attendee"),
        (SUMMIT, KAZ, "schema:location"),
    ]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_read_back_with_networkx(sample_store, fmt, read):
    graph = read(io.BytesIO(exported(sample_store, fmt)))
    assert set(graph.nodes) == {SUMMIT, CHN, KAZ}
    assert graph.number_of_edges() == 3
    assert graph.nodes[KAZ]["label_zh"] == "哈萨克斯坦"


def test_cytoscape_json_has_nodes_and_edges(sample_store):
    elements = json.loads(exported(sample_store, "cytoscape"))["elements"]
    assert {node["data"]["id"] for node in elements["nodes"]} == {SUMMIT, CHN, KAZ}
    assert {edge["data"]["predicate"] for edge in elements["edges"]} == {"schema:attendee", "schema:location"}


def test_every_format_writes_something(sample_store):
    for fmt in FORMATS:
        assert exported(sample_store, fmt), fmt


def test_unknown_format_lists_the_valid_ones(sample_store):
    with pytest.raises(ExportFormatError, match="turtle, trig, nquads, jsonld, graphml, gexf, cytoscape"):
        exported(sample_store, "csv")
