"""The lexicon (kind words, titles, roles) and the well-known bodies, read from data files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .normalize import name_key

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class KindWords:
    """A class and the zh/en head words that signal it."""

    sco_class: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class KnownBody:
    """A well-known body and its names."""

    id: str
    sco_class: str
    en: str
    zh: str
    en_aliases: tuple[str, ...]
    zh_aliases: tuple[str, ...]
    part_of: str | None
    country: str | None

    @property
    def zh_names(self) -> tuple[str, ...]:
        return (self.zh, *self.zh_aliases)

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.en_aliases)


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors know about words, as data."""

    document_kinds: tuple[KindWords, ...]
    meeting_kinds: tuple[KindWords, ...]
    initiative_kinds: tuple[KindWords, ...]
    body_kinds: tuple[KindWords, ...]
    state_roles: tuple[KindWords, ...]
    person_titles: tuple[tuple[str, str], ...]
    adoption_verbs_zh: tuple[str, ...]
    adoption_verbs_en: tuple[str, ...]
    online_zh: tuple[str, ...]
    online_en: tuple[str, ...]
    series_aliases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    bodies: tuple[KnownBody, ...]

    def document_class(self, title: str, lang: str) -> str | None:
        """The document class a title's head word names, or None when it names no document."""
        return _classify(self.document_kinds, title, lang)

    def meeting_class(self, name: str, lang: str) -> str | None:
        return _classify(self.meeting_kinds, name, lang)

    def initiative_class(self, name: str, lang: str) -> str | None:
        return _classify(self.initiative_kinds, name, lang)

    def body_class(self, name: str, lang: str) -> str | None:
        return _classify(self.body_kinds, name, lang)

    def canonical_series_key(self, key: str) -> str:
        """The key of the canonical series when `key` is a known alias's key, else `key`."""
        for zh_names, en_names in self.series_aliases:
            keys = [name_key(n, "zh") for n in zh_names] + [name_key(n, "en") for n in en_names]
            if key in keys:
                return keys[0]
        return key

    def series_labels(self, key: str) -> dict[str, str]:
        """Canonical zh/en names of a known series, by its key."""
        for zh_names, en_names in self.series_aliases:
            if key == name_key(zh_names[0], "zh"):
                return {"zh": zh_names[0], "en": en_names[0]}
        return {}


def _classify(kinds: tuple[KindWords, ...], text: str, lang: str) -> str | None:
    if lang == "zh":
        stripped = text.rstrip("》”\"' ）)")
        for kind in kinds:
            if any(stripped.endswith(word) for word in kind.zh):
                return kind.sco_class
        return None
    lowered = text.lower()
    for kind in kinds:
        if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in kind.en):
            return kind.sco_class
    return None


def _kinds(entries: list[dict], key: str = "class") -> tuple[KindWords, ...]:
    return tuple(KindWords(e[key], tuple(e["zh"]), tuple(e["en"])) for e in entries)


@lru_cache(maxsize=None)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read `lexicon.yaml` and `bodies.yaml`."""
    words = yaml.safe_load((data_dir / "lexicon.yaml").read_text(encoding="utf-8"))
    bodies = yaml.safe_load((data_dir / "bodies.yaml").read_text(encoding="utf-8"))
    return Lexicon(
        document_kinds=_kinds(words["document_kinds"]),
        meeting_kinds=_kinds(words["meeting_kinds"]),
        initiative_kinds=_kinds(words["initiative_kinds"]),
        body_kinds=_kinds(words["body_kinds"]),
        state_roles=_kinds(words["state_roles"], key="role"),
        person_titles=tuple((t["zh"], t["en"]) for t in words["person_titles"]),
        adoption_verbs_zh=tuple(words["adoption_verbs"]["zh"]),
        adoption_verbs_en=tuple(words["adoption_verbs"]["en"]),
        online_zh=tuple(words["online_words"]["zh"]),
        online_en=tuple(words["online_words"]["en"]),
        series_aliases=tuple((tuple(a["zh"]), tuple(a["en"])) for a in words["series_aliases"]),
        bodies=tuple(
            KnownBody(
                id=b["id"],
                sco_class=b["class"],
                en=b["en"],
                zh=b["zh"],
                en_aliases=tuple(b.get("en_aliases") or ()),
                zh_aliases=tuple(b.get("zh_aliases") or ()),
                part_of=b.get("part_of"),
                country=b.get("country"),
            )
            for b in bodies
        ),
    )
