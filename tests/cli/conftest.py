"""A small store on disk for the command-line and server tests."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.graph.store import build_store

SAMPLE_TRIG = """
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix state: <https://w3id.org/sco-kg/resource/state/> .

<https://w3id.org/sco-kg/graph/reference> {
  state:kaz a sco:MemberState ; rdfs:label "Kazakhstan"@en, "哈萨克斯坦"@zh ; schema:foundingDate 1991 .
  state:chn a sco:MemberState ; rdfs:label "China"@en, "中国"@zh ; schema:foundingDate 1949 .
}
<https://w3id.org/sco-kg/graph/inferred> {
  state:kaz a sco:State .
  state:chn a sco:State .
}
"""


@pytest.fixture
def sample_trig() -> str:
    return SAMPLE_TRIG


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    build_store(path, ox.parse(SAMPLE_TRIG, ox.RdfFormat.TRIG))
    return path
