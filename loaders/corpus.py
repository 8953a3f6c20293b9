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
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CorpusError(path, f"cannot read the document: {err.strerror or err}") from None
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
    """Parse and check the `<name>.meta.yaml` sidecar beside a document; errors give the line
    of the offending key where there is one."""
    path = text_path.with_name(text_path.stem + SIDECAR_SUFFIX)
    if not path.is_file():
        raise CorpusError(text_path, f"metadata sidecar {path.name} is missing")
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except OSError as err:
        raise CorpusError(path, f"cannot read the sidecar: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CorpusError(path, f"invalid YAML: {err}", mark.line + 1 if mark else None) from None
    except UnicodeDecodeError as err:
        raw = path.read_bytes()
        raise CorpusError(path, "sidecar is not valid UTF-8", raw[: err.start].count(b"\n") + 1) from None
    if not isinstance(data, dict):
        raise CorpusError(path, "sidecar must be a mapping of keys (id, title, languages, ...)")
    return _meta_from_mapping(path, data, _key_lines(text))


def _key_lines(text: str) -> dict[str, int]:
    """The line (1-based) of each top-level key of a YAML mapping."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _meta_from_mapping(path: Path, data: dict, lines: dict[str, int]) -> SourceMeta:
    def error(key: str, message: str) -> CorpusError:
        return CorpusError(path, message, lines.get(key))

    doc_id = str(data.get("id") or "")
    if not _ID_PATTERN.match(doc_id):
        raise error("id", f"'id' must be lower-case ASCII letters, digits and hyphens, got {doc_id!r}")
    title = data.get("title") or {}
    issuer = data.get("issuer") or {}
    if not isinstance(title, dict) or not (title.get("zh") or title.get("en")):
        raise error("title", "'title' needs a 'zh' or 'en' entry")
    if not isinstance(issuer, dict):
        raise error("issuer", f"'issuer' must be a mapping with 'zh' and/or 'en', got {issuer!r}")
    published = data.get("published")
    if published is not None and not _DATE_PATTERN.match(str(published)):
        raise error("published", f"'published' must be YYYY, YYYY-MM or YYYY-MM-DD, got {published!r}")
    languages = data.get("languages")
    if not isinstance(languages, list) or not languages or any(lang not in ("zh", "en") for lang in languages):
        raise error("languages", f"'languages' must be a list of zh and/or en, got {languages!r}")
    primary = data.get("primary_language") or languages[0]
    if primary not in languages:
        raise error("primary_language", f"'primary_language' must be one of the languages {languages}, got {primary!r}")
    layout_name = data.get("layout")
    try:
        layout = Layout(layout_name) if layout_name else None
    except ValueError:
        valid = ", ".join(item.value for item in Layout)
        raise error("layout", f"unknown layout {layout_name!r} (valid: {valid})") from None
    return SourceMeta(
        id=doc_id,
        title_zh=title.get("zh"),
        title_en=title.get("en"),
        genre=str(data.get("genre") or "document"),
        issuer_zh=issuer.get("zh"),
        issuer_en=issuer.get("en"),
        published=str(published) if published is not None else None,
        languages=tuple(languages),
        primary_language=str(primary),
        layout=layout,
    )
