"""`build_graph` and `scokg build` with a fake corpus loader, the real ontology and HermiT."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import scokg.build
from scokg.build import STEPS, BuildError, build_graph, entity_ntriples
from scokg.cli import scokg as scokg_cli
from scokg.graph.store import open_read_only
from scokg.loaders.errors import CorpusError, CorpusProblem
from scokg.loaders.pipeline import CorpusLoad
from scokg.settings import Settings

KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
SOURCE = "https://w3id.org/sco-kg/resource/source/doc-1"
INFERRED = "https://w3id.org/sco-kg/graph/inferred"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

DOC = f"""
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{SOURCE}> {{
  <{SOURCE}> a sco:SourceDocument .
  <{KAZ}> a sco:State ; sco:scoRole sco:MemberStateRole ; rdfs:label "Kazakhstan"@en ;
    sco:hasMention <https://w3id.org/sco-kg/resource/mention/m1> .
  <https://w3id.org/sco-kg/resource/mention/m1> a sco:Mention ; sco:text "Kazakhstan" .
}}
"""
PROBLEM = CorpusProblem(Path("corpus/bad.txt"), 3, "sidecar has no title")


def fake_loader(trig: str):
    def load_corpus(corpus_dir, base_iri, progress=None, **options):
        if progress:
            progress("reading doc-1.txt")
        return CorpusLoad(quads=list(ox.parse(trig, ox.RdfFormat.TRIG)), sources=[SOURCE], problems=[PROBLEM])

    return load_corpus


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setattr(scokg.build, "load_corpus", fake_loader(DOC))
    return Settings(store_path=tmp_path / "store", corpus_dir=tmp_path)


def test_build_graph_adds_ontology_and_inferences(settings):
    messages: list[str] = []
    report = build_graph(settings, progress=messages.append)
    assert [m for m in messages if m in STEPS] == list(STEPS)
    assert "reading doc-1.txt" in messages
    assert list(report.seconds) == list(STEPS)
    assert (report.sources, report.problems) == (1, [PROBLEM])
    store = open_read_only(settings.store_path)
    assert report.quads == len(store)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {SOURCE, "https://w3id.org/sco-kg/graph/ontology", INFERRED}
    inferred = [(q.subject.value, q.predicate.value, q.object.value)
                for q in store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED))]
    assert (KAZ, RDF_TYPE, "https://w3id.org/sco-kg/ontology#MemberState") in inferred
    assert not any("/mention/" in fact[0] for fact in inferred)  # mentions are not reasoned over
    assert report.inferred == len(inferred)


def test_rebuilding_gives_the_same_quads_blank_nodes_included(settings):
    def dump() -> list[bytes]:
        return sorted(open_read_only(settings.store_path).dump(format=ox.RdfFormat.N_QUADS).splitlines())

    build_graph(settings)
    first = dump()
    build_graph(settings)
    assert dump() == first
    assert any(b"_:" in line for line in first)  # the ontology's OWL restrictions


def test_inconsistent_corpus_raises_and_keeps_the_old_store(settings, monkeypatch):
    build_graph(settings)
    before = len(open_read_only(settings.store_path))
    clash = DOC.replace("a sco:State ;", "a sco:State, sco:Meeting ;")
    monkeypatch.setattr(scokg.build, "load_corpus", fake_loader(clash))
    with pytest.raises(BuildError, match="disjoint"):
        build_graph(settings)
    assert len(open_read_only(settings.store_path)) == before


def test_entity_triples_leave_out_mentions_evidence_and_literals():
    quads = list(ox.parse(DOC, ox.RdfFormat.TRIG))
    triples = {(t.subject.value, t.predicate.value, t.object.value)
               for t in ox.parse(entity_ntriples(quads), ox.RdfFormat.N_TRIPLES)}
    assert triples == {
        (SOURCE, RDF_TYPE, "https://w3id.org/sco-kg/ontology#SourceDocument"),
        (KAZ, RDF_TYPE, "https://w3id.org/sco-kg/ontology#State"),
        (KAZ, "https://w3id.org/sco-kg/ontology#scoRole", "https://w3id.org/sco-kg/ontology#MemberStateRole"),
    }


def test_cli_build_prints_a_summary_and_the_problems(settings):
    result = CliRunner().invoke(scokg_cli, ["--store", str(settings.store_path), "build"])
    assert result.exit_code == 0, result.output
    assert "1 sources" in result.output
    assert "corpus/bad.txt:3: sidecar has no title" in result.output


def test_cli_build_reports_a_fatal_corpus_error_without_traceback(tmp_path, monkeypatch):
    def broken(corpus_dir, base_iri, progress=None, **options):
        raise CorpusError(Path("corpus/x.txt"), "not valid UTF-8", line=2)

    monkeypatch.setattr(scokg.build, "load_corpus", broken)
    result = CliRunner().invoke(scokg_cli, ["--store", str(tmp_path / "store"), "build"])
    assert result.exit_code == 1
    assert "corpus/x.txt:2: not valid UTF-8" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "store").exists()
