"""Counts over the synthetic store."""
from __future__ import annotations

from scokg.graph.stats import class_counts, graph_sizes, total_quads


def test_class_counts_are_distinct_subjects_across_graphs_sorted_by_name(sample_store):
    # kaz and chn are sco:State in the inferred graph and sco:MemberState elsewhere: counted once each.
    assert class_counts(sample_store) == [
        ("Meeting", 1),
        ("MemberState", 2),
        ("Mention", 1),
        ("SourceDocument", 1),
        ("State", 2),
    ]


def test_graph_sizes_count_triples_per_named_graph(sample_store):
    assert graph_sizes(sample_store) == [
        ("https://w3id.org/sco-kg/graph/inferred", 2),
        ("https://w3id.org/sco-kg/graph/ontology", 4),
        ("https://w3id.org/sco-kg/graph/reference", 5),
        ("https://w3id.org/sco-kg/resource/source/doc-1", 9),
    ]


def test_total_quads(sample_store):
    assert total_quads(sample_store) == 20
