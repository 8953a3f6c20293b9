"""A small synthetic dataset in the shape the build produces (no corpus, no reasoner)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

SAMPLE_TRIG = """
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix schema: <https://schema.org/> .
@prefix state: <https://w3id.org/sco-kg/resource/state/> .
@prefix meeting: <https://w3id.org/sco-kg/resource/meeting/> .
@prefix mention: <https://w3id.org/sco-kg/resource/mention/> .
@prefix source: <https://w3id.org/sco-kg/resource/source/> .

<https://w3id.org/sco-kg/graph/ontology> {
  sco:State a owl:Class .
  sco:MemberState a owl:Class ; rdfs:subClassOf sco:State .
  sco:Meeting a owl:Class .
}
<https://w3id.org/sco-kg/graph/reference> {
  state:kaz a sco:MemberState ; rdfs:label "Kazakhstan"@en, "哈萨克斯坦"@zh .
  state:chn a sco:MemberState ; rdfs:label "中国"@zh .
}
<https://w3id.org/sco-kg/resource/source/doc-1> {
  source:doc-1 a sco:SourceDocument .
  state:kaz a sco:MemberState .
  meeting:summit-2024 a sco:Meeting ; rdfs:label "Astana Summit"@en ;
    schema:location state:kaz ; schema:attendee state:kaz, state:chn .
  mention:m1 a sco:Mention ; schema:about state:kaz .
}
<https://w3id.org/sco-kg/graph/inferred> {
  state:kaz a sco:State .
  state:chn a sco:State .
}
"""

RES = "https://w3id.org/sco-kg/resource/"


@pytest.fixture
def sample_quads() -> list[ox.Quad]:
    return list(ox.parse(SAMPLE_TRIG, ox.RdfFormat.TRIG))


@pytest.fixture
def sample_store(sample_quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(sample_quads)
    return store
