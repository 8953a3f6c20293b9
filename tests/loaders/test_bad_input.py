"""Bad corpus input: a clear problem naming the file, and the rest of the corpus still loads."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scokg.loaders.corpus import read_source
from scokg.loaders.errors import CorpusError
from scokg.loaders.pipeline import load_corpus

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
