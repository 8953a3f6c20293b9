"""Read corpus documents and their metadata sidecars, with errors that name the file and line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import CorpusError
from .layout import Layout

SIDECAR_SUFFIX = ".meta.yaml"
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class SourceMeta:
    """What a sidecar says about its document."""

    id: str
    title_zh: str | None
    title_en: str | None
    genre: str
    issuer_zh: str | None
    issuer_en: str | None
    published: str | None
    languages: tuple[str, ...]
    primary_language: str
    layout: Layout | None


@dataclass(frozen=True)
class SourceText:
    """A corpus document: its path, full text and metadata."""

    path: Path
    text: str
    meta: SourceMeta

    @property
    def id(self) -> str:
        return self.meta.id


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The `.txt` documents of a corpus directory, in name order."""
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "corpus directory not found")
    return sorted(p for p in corpus_dir.glob("*.txt") if p.is_file())


def read_source(path: Path) -> SourceText:
    """Read one document and its sidecar; raise `CorpusError` naming the file on bad input."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise CorpusError(path, f"not valid UTF-8 (byte {err.start}: {err.reason})", line) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CorpusError(path, "document is empty")
    return SourceText(path, text, read_sidecar(path))


def read_sidecar(text_path: Path) -> SourceMeta:
    """Parse and check the `<name>.meta.yaml` sidecar beside a document."""
    path = text_path.with_name(text_path.stem + SIDECAR_SUFFIX)
    if not path.is_file():
        raise CorpusError(text_path, f"metadata sidecar {path.name} is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CorpusError(path, f"invalid YAML: {err}", mark.line + 1 if mark else None) from None
    except UnicodeDecodeError:
        raise CorpusError(path, "sidecar is not valid UTF-8") from None
    if not isinstance(data, dict):
        raise CorpusError(path, "sidecar must be a mapping")
    return _meta_from_mapping(path, data)


def _meta_from_mapping(path: Path, data: dict) -> SourceMeta:
    doc_id = str(data.get("id") or "")
    if not _ID_PATTERN.match(doc_id):
        raise CorpusError(path, f"'id' must be lower-case ASCII letters, digits and hyphens, got {doc_id!r}")
    title = data.get("title") or {}
    issuer = data.get("issuer") or {}
    if not isinstance(title, dict) or not (title.get("zh") or title.get("en")):
        raise CorpusError(path, "'title' needs a 'zh' or 'en' entry")
    published = data.get("published")
    if published is not None and not _DATE_PATTERN.match(str(published)):
        raise CorpusError(path, f"'published' must be YYYY, YYYY-MM or YYYY-MM-DD, got {published!r}")
    languages = tuple(data.get("languages") or ())
    if not languages or any(lang not in ("zh", "en") for lang in languages):
        raise CorpusError(path, f"'languages' must list zh and/or en, got {list(languages)!r}")
    layout_name = data.get("layout")
    try:
        layout = Layout(layout_name) if layout_name else None
    except ValueError:
        valid = ", ".join(item.value for item in Layout)
        raise CorpusError(path, f"unknown layout {layout_name!r} (valid: {valid})") from None
    return SourceMeta(
        id=doc_id,
        title_zh=title.get("zh"),
        title_en=title.get("en"),
        genre=str(data.get("genre") or "document"),
        issuer_zh=issuer.get("zh") if isinstance(issuer, dict) else None,
        issuer_en=issuer.get("en") if isinstance(issuer, dict) else None,
        published=str(published) if published is not None else None,
        languages=languages,
        primary_language=str(data.get("primary_language") or languages[0]),
        layout=layout,
    )
