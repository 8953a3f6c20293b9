"""Building at scale: documents read in worker processes give exactly what one process gives,
bad files are still named, and the quads stream into the store (counted once each)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import scokg.loaders.pipeline as pipeline
from scokg.build import entity_ntriples
from scokg.cli import scokg as scokg_cli
from scokg.graph.backends import LocalStore
from scokg.graph.store import open_read_only
from scokg.loaders.pipeline import load_corpus, read_documents
from scokg.settings import Settings, SettingsError

ROOT = Path(__file__).parents[2]
SYNTHETIC = ROOT / "tests" / "gold" / "synthetic"
BASE = "https://w3id.org/sco-kg/"
SIDECAR = "id: {id}\ntitle: {{zh: 测试, en: Test}}\nlanguages: [zh]\n"
KAZ = f"{BASE}resource/state/kaz"


def _copy_documents(source: Path, target: Path) -> list[str]:
    """The documents (with their sidecars) of `source` copied into `target`; their names."""
    names = sorted(p.stem for p in source.glob("*.txt"))
    for name in names:
        for suffix in (".txt", ".meta.yaml"):
            shutil.copy(source / f"{name}{suffix}", target / f"{name}{suffix}")
    return names


def test_two_jobs_give_the_same_quads_in_the_same_order_as_one():
    one, two = load_corpus(SYNTHETIC, BASE, jobs=1), load_corpus(SYNTHETIC, BASE, jobs=2)
    quads = list(one.quads)
    assert len(quads) > 1000
    assert list(two.quads) == quads
    assert (two.sources, two.problems) == (one.sources, one.problems)
    assert KAZ in {q.subject.value for q in quads}


def test_corpus_quads_are_made_again_on_each_pass():
    load = load_corpus(SYNTHETIC, BASE)
    assert list(load.quads) == list(load.quads)
    assert load.quads == list(load.quads)


def test_documents_come_back_in_the_order_asked_whatever_the_jobs(tmp_path: Path):
    names = _copy_documents(SYNTHETIC, tmp_path)
    paths = [tmp_path / f"{name}.txt" for name in reversed(names)]
    read = list(read_documents(paths, jobs=2))
    assert [document.path for document in read] == paths
    assert all(document.source is not None and document.observations for document in read)


def test_a_bad_file_read_in_a_worker_is_reported_with_its_name(tmp_path: Path):
    _copy_documents(SYNTHETIC, tmp_path)
    (tmp_path / "latin1.txt").write_bytes("第一次会议\n".encode() + b"\xff bad\n")
    (tmp_path / "latin1.meta.yaml").write_text(SIDECAR.format(id="latin1"), encoding="utf-8")
    result = load_corpus(tmp_path, BASE, jobs=2)
    assert [(p.path.name, p.line) for p in result.problems] == [("latin1.txt", 2)]
    assert len(result.sources) == len(list(SYNTHETIC.glob("*.txt")))


def test_an_unexpected_error_in_a_worker_names_the_document(tmp_path: Path, monkeypatch):
    _copy_documents(SYNTHETIC, tmp_path)

    def broken(source, *args):
        raise RuntimeError(f"extractor bug in {source.id}")

    monkeypatch.setattr(pipeline, "read_source_text", broken)  # the forked workers inherit it
    with pytest.raises(RuntimeError, match="extractor bug") as info:
        load_corpus(tmp_path, BASE, jobs=2)
    assert any(note.startswith("while reading ") and note.endswith(".txt") for note in info.value.__notes__)


def test_entity_triples_do_not_depend_on_where_the_evidence_type_comes():
    doc = f"""
    @prefix sco: <https://w3id.org/sco-kg/ontology#> .
    <{BASE}g> {{
      <{KAZ}> a sco:State ; sco:hasMention <{BASE}m1> .
      <{BASE}m1> sco:mentionOf <{KAZ}> .
      <{BASE}m1> a sco:Mention .
    }}
    """
    quads = list(ox.parse(doc, ox.RdfFormat.TRIG))
    expected = f"<{KAZ}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/sco-kg/ontology#State> .\n"
    assert entity_ntriples(quads).decode() == expected
    assert entity_ntriples(reversed(quads)).decode() == expected


def test_the_reasoning_input_made_without_evidence_is_the_same_as_from_every_quad():
    loaded = load_corpus(ROOT / "corpus", BASE, jobs=1)
    quads = loaded.quads
    without = list(quads.without_evidence())
    assert len(without) < len(list(quads)) / 2  # the mention and evidence layer is most of the graph
    assert not any(quad.object == ox.NamedNode("https://w3id.org/sco-kg/ontology#Mention") for quad in without)
    assert entity_ntriples(loaded.reasoning_quads()) == entity_ntriples(quads)
    assert f"<{KAZ}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>".encode() in entity_ntriples(loaded.reasoning_quads())


def test_the_store_counts_each_distinct_quad_once(tmp_path: Path):
    quad = ox.Quad(ox.NamedNode(KAZ), ox.NamedNode(f"{BASE}p"), ox.Literal("x"), ox.NamedNode(f"{BASE}g"))
    other = ox.Quad(ox.NamedNode(KAZ), ox.NamedNode(f"{BASE}p"), ox.Literal("y"), ox.NamedNode(f"{BASE}g"))
    built = LocalStore(tmp_path / "store").build(iter([quad, other, quad]))  # a one-pass stream
    assert built.quads == 2 == len(open_read_only(tmp_path / "store"))
    assert Path(built.where) == (tmp_path / "store").resolve()


def test_build_jobs_setting_and_option(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SCOKG_BUILD_JOBS", "3")
    assert Settings.from_env().build_jobs == 3
    monkeypatch.setenv("SCOKG_BUILD_JOBS", "0")
    with pytest.raises(SettingsError, match="SCOKG_BUILD_JOBS"):
        Settings.from_env()
    monkeypatch.delenv("SCOKG_BUILD_JOBS")
    assert Settings.from_env().build_jobs >= 1
    result = CliRunner().invoke(scokg_cli, ["--store", str(tmp_path / "store"), "build", "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_scokg_build_with_two_jobs_stores_what_one_job_stores(tmp_path: Path):
    def build(jobs: str) -> list[bytes]:
        store = tmp_path / f"store-{jobs}"
        result = CliRunner().invoke(scokg_cli, ["--store", str(store), "--corpus", str(SYNTHETIC), "build", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        return sorted(open_read_only(store).dump(format=ox.RdfFormat.N_QUADS).splitlines())

    one = build("1")
    assert build("2") == one
    assert any(KAZ.encode() in line and b"/graph/inferred>" in line for line in one)
