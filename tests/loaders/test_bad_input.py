"""Bad corpus input: a clear problem naming the file (and line), and the rest of the corpus
still loads; over `load_corpus` and over `scokg build`."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pyoxigraph import NamedNode, RdfFormat

from scokg.cli import scokg
from scokg.graph.store import open_read_only
from scokg.loaders.corpus import read_source
from scokg.loaders.errors import CorpusError
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.reading import alignment_problems

CORPUS = Path(__file__).parents[2] / "corpus"
BASE = "https://w3id.org/sco-kg/"
SIDECAR = "id: {id}\ntitle: {{zh: 测试, en: Test}}\nlanguages: [zh]\n"


def _write(folder: Path, name: str, data: bytes, sidecar: str | None = None) -> Path:
    path = folder / f"{name}.txt"
    path.write_bytes(data)
    if sidecar is not None:
        (folder / f"{name}.meta.yaml").write_text(sidecar, encoding="utf-8")
    return path


def test_each_bad_file_is_reported_and_the_good_ones_load(tmp_path: Path) -> None:
    good = "hog-24-joint-communique-2025"
    for suffix in (".txt", ".meta.yaml"):
        shutil.copy(CORPUS / f"{good}{suffix}", tmp_path / f"{good}{suffix}")
    _write(tmp_path, "empty", b"  \n", SIDECAR.format(id="empty"))
    _write(tmp_path, "latin1", "第一次会议\n".encode() + b"\xff\xfe bad\n", SIDECAR.format(id="latin1"))
    _write(tmp_path, "english", b"Only English text.\nMore English.\n", SIDECAR.format(id="english"))
    _write(tmp_path, "nosidecar", "第一次会议\n".encode())
    _write(tmp_path, "badlayout", "第一次会议\n".encode(), SIDECAR.format(id="badlayout") + "layout: scroll\n")
    result = load_corpus(tmp_path, BASE)
    messages = {p.path.name: str(p) for p in result.problems}
    assert set(messages) == {"empty.txt", "latin1.txt", "english.txt", "nosidecar.txt", "badlayout.meta.yaml"}
    assert "empty" in messages["empty.txt"]
    assert "latin1.txt:2" in messages["latin1.txt"] and "UTF-8" in messages["latin1.txt"]
    assert "unknown layout" in messages["english.txt"]
    assert "sidecar" in messages["nosidecar.txt"]
    assert "scroll" in messages["badlayout.meta.yaml"]
    assert result.sources == [f"{BASE}resource/source/{good}"]
    assert any(e.ref.kind == "person" for e in result.entities.values())


def test_bad_sidecar_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc", "第一次会议\n".encode(), "id: doc\ntitle: [unclosed\n")
    with pytest.raises(CorpusError) as info:
        read_source(path)
    assert info.value.path.name == "doc.meta.yaml"
    assert info.value.line is not None


# ------------------------------------------------------------------------ through `scokg build`
# A bad document is left out and reported on stderr as `<file>[:<line>]: <message>`; the build
# still succeeds (exit status 0: a store was built) and holds every good document. Only a
# corpus-wide failure (no corpus folder, facts contradicting the ontology) exits 1 and keeps
# the previous store. A bilingual document whose sides do not match is reported the same way
# but still loads, its unmatched paragraphs read without their translation.

GOOD = sorted(path.name.removesuffix(".txt") for path in CORPUS.glob("*.txt"))
SOURCE = f"{BASE}resource/source/"
HAS_MENTION = NamedNode("https://w3id.org/sco-kg/ontology#hasMention")
BAD_FILES: dict[str, tuple[bytes, str | None]] = {  # name -> (text, sidecar)
    "empty": (b"\n  \n", SIDECAR.format(id="empty")),
    "latin1": ("第一次会议\n".encode() + "Réunion\n".encode("latin-1"), SIDECAR.format(id="latin1")),
    "english": (b"Only English text.\nMore English.\n", SIDECAR.format(id="english")),
    "numbers": (b"2024\n---\n42\n", SIDECAR.format(id="numbers")),
    "nosidecar": ("第一次会议\n".encode(), None),
    "badyaml": ("第一次会议\n".encode(), "id: badyaml\ntitle: [unclosed\nlanguages: [zh]\n"),
    "badlanguages": ("第一次会议\n".encode(), "id: badlanguages\ntitle: {zh: 测试}\nlanguages: zh\n"),
    "badlayout": ("第一次会议\n".encode(), SIDECAR.format(id="badlayout") + "layout: scroll\n"),
    "badid": ("第一次会议\n".encode(), "title: {zh: 测试}\nid: Bad_ID\nlanguages: [zh]\n"),
    "sidecarlatin1": ("第一次会议\n".encode(), None),
}
# name -> what the report must say: `<file>[:<line>]: ` and a part of the message
EXPECTED = {
    "empty": "empty.txt: document is empty",
    "latin1": "latin1.txt:2: not valid UTF-8",
    "english": "english.txt: unknown layout: English-only text",
    "numbers": "numbers.txt: unknown layout: no Chinese or English text",
    "nosidecar": "nosidecar.txt: metadata sidecar nosidecar.meta.yaml is missing",
    "badyaml": "badyaml.meta.yaml:3: invalid YAML",
    "badlanguages": "badlanguages.meta.yaml:3: 'languages' must be a list of zh and/or en, got 'zh'",
    "badlayout": "badlayout.meta.yaml:4: unknown layout 'scroll'",
    "badid": "badid.meta.yaml:2: 'id' must be lower-case ASCII",
    "sidecarlatin1": "sidecarlatin1.meta.yaml:2: sidecar is not valid UTF-8",
}
# A line-pairs text whose third line (Chinese) has no English line after it.
MISMATCHED = """上海合作组织成员国环境部长会议于2026年5月20日在比什凯克举行。
The Meeting of Ministers of Environment of the SCO Member States was held in Bishkek on 20 May 2026.
会议由吉尔吉斯共和国主持。
各方同意在荒漠化防治、生物多样性保护和气候变化应对领域加强合作。
The parties agreed to strengthen cooperation on combating desertification, protecting biodiversity and addressing climate change.
会议通过了联合声明。
The meeting adopted a joint statement.
"""


def _corpus_with(folder: Path) -> Path:
    """A corpus folder holding the five real documents and their sidecars."""
    folder.mkdir()
    for path in CORPUS.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def _build(corpus: Path, store: Path) -> Result:
    return CliRunner().invoke(scokg, ["--store", str(store), "--corpus", str(corpus), "build"])


def _mentions(store: Path, graph: str) -> int:
    """How many sco:hasMention statements the named graph `graph` holds."""
    return len(list(open_read_only(store).quads_for_pattern(None, HAS_MENTION, None, NamedNode(graph))))


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """`scokg build` over the real documents plus every bad file of `BAD_FILES`."""
    root = tmp_path_factory.mktemp("bad-corpus")
    corpus = _corpus_with(root / "corpus")
    for name, (text, sidecar) in BAD_FILES.items():
        _write(corpus, name, text, sidecar)
    (corpus / "sidecarlatin1.meta.yaml").write_bytes(b"id: sidecarlatin1\ntitle: {zh: \xb2\xe2}\nlanguages: [zh]\n")
    return _build(corpus, root / "store"), root / "store"


def test_bad_files_do_not_stop_the_build(bad_build):
    result, _ = bad_build
    assert result.exit_code == 0, result.output
    assert f"{len(GOOD)} sources" in result.stdout
    assert f"{len(BAD_FILES)} corpus problem(s)" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_named_with_its_line(bad_build, name):
    result, _ = bad_build
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert any(EXPECTED[name] in line for line in lines), result.stderr
    assert sum(f"/{name}." in line for line in lines) == 1  # one problem per bad file


def test_the_store_holds_exactly_the_good_documents(bad_build, corpus_store_path):
    _, store = bad_build
    sources = {g.value for g in open_read_only(store).named_graphs() if g.value.startswith(SOURCE)}
    assert sources == {SOURCE + name for name in GOOD}
    # the bad files leave no trace: the store is the one built from the real documents alone
    clean = open_read_only(corpus_store_path).dump(format=RdfFormat.N_QUADS)
    assert sorted(open_read_only(store).dump(format=RdfFormat.N_QUADS).splitlines()) == sorted(clean.splitlines())


def test_mismatched_bilingual_lines_are_reported_and_the_document_still_loads(tmp_path: Path, corpus_store_path):
    corpus = _corpus_with(tmp_path / "corpus")
    _write(corpus, "mismatch", MISMATCHED.encode(), "id: mismatch\ntitle: {zh: 测试, en: Test}\n"
           "languages: [zh, en]\nlayout: bilingual-line-pairs\n")
    result = _build(corpus, tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert f"{len(GOOD) + 1} sources" in result.stdout
    assert "1 corpus problem(s)" in result.stderr
    assert ("mismatch.txt:3: 1 Chinese paragraph(s) without an English counterpart (line 3; "
            "the text has 4 Chinese and 3 English paragraphs)") in result.stderr
    for name in GOOD:  # every good document is in, read as in the clean build
        assert _mentions(tmp_path / "store", SOURCE + name) == _mentions(corpus_store_path, SOURCE + name) > 0
    texts = {quad.object.value for quad in open_read_only(tmp_path / "store").quads_for_pattern(
        None, NamedNode("https://w3id.org/sco-kg/ontology#text"), None, NamedNode(SOURCE + "mismatch"))}
    assert {"比什凯克", "上海合作组织成员国环境部长会议"} <= texts  # read, Chinese side and English side
    assert any("Ministers of Environment" in text for text in texts)


def test_the_real_corpus_has_no_mismatched_bilingual_documents():
    assert [problem for path in sorted(CORPUS.glob("*.txt")) for problem in alignment_problems(read_source(path))] == []


def test_sidecar_errors_give_the_line_of_the_key(tmp_path: Path):
    path = _write(tmp_path, "doc", "第一次会议\n".encode(), "id: doc\ntitle: {zh: 测试}\nlanguages: [zh]\n"
                  "primary_language: en\n")
    with pytest.raises(CorpusError, match="'primary_language' must be one of the languages") as info:
        read_source(path)
    assert (info.value.path.name, info.value.line) == ("doc.meta.yaml", 4)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_document_is_reported(tmp_path: Path):
    path = _write(tmp_path, "locked", "第一次会议\n".encode(), SIDECAR.format(id="locked"))
    path.chmod(0)
    with pytest.raises(CorpusError, match="cannot read the document"):
        read_source(path)


def test_a_missing_corpus_folder_fails_the_build_and_keeps_no_store(tmp_path: Path):
    result = _build(tmp_path / "nowhere", tmp_path / "store")
    assert result.exit_code == 1
    assert "nowhere: corpus directory not found" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "store").exists()
