"""The lexicon (kind words, titles, roles) and the well-known bodies, read from data files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .normalize import name_key

DATA_DIR = Path(__file__).parent / "data"
_DATA_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML is built with it


def read_data_file(path: Path) -> Any:
    """The YAML of a packaged data file (safe loading; by libyaml when available, which is faster)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DATA_LOADER)


@dataclass(frozen=True)
class KindWords:
    """A class and the zh/en head words that signal it."""

    sco_class: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class KnownInitiative:
    """A well-known global initiative and its names."""

    id: str
    sco_class: str
    zh_names: tuple[str, ...]
    en_names: tuple[str, ...]


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
class BodyNameWords:
    """What bounds a body name found by its head (lexicon.yaml `body_names`)."""

    anchored_heads: tuple[str, ...]
    national_heads: tuple[str, ...]
    min_unanchored: int
    generic_modifiers: tuple[str, ...]
    boundaries: tuple[str, ...]
    keep: tuple[str, ...]
    conjunctions: tuple[str, ...]
    enumeration: str
    blocked_followers: dict[str, tuple[str, ...]]
    kind_followers: tuple[str, ...]
    mechanism_lists: tuple[str, ...]
    mechanism_forums: tuple[str, ...]
    founding_verbs: tuple[str, ...]
    title_bridges: tuple[str, ...]
    framework_words: tuple[str, ...]
    founded_words: dict[str, tuple[str, ...]]
    en_connectors: tuple[str, ...]
    en_determiners: tuple[str, ...]


@dataclass(frozen=True)
class PersonNameWords:
    """The shapes of personal names (lexicon.yaml `person_names`)."""

    transliteration: frozenset[str]
    dots: str
    surnames: frozenset[str]
    followers: tuple[str, ...]
    name_first_titles: tuple[str, ...]
    office_verbs: tuple[str, ...]
    en_name_cues: tuple[str, ...]
    variants: frozenset[frozenset[str]]  # pairs of characters transliterating one sound alike


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors know about words, as data."""

    document_kinds: tuple[KindWords, ...]
    meeting_kinds: tuple[KindWords, ...]
    initiative_kinds: tuple[KindWords, ...]
    body_kinds: tuple[KindWords, ...]
    state_roles: tuple[KindWords, ...]
    person_titles: tuple[tuple[str, str], ...]
    title_renderings: dict[str, tuple[str, ...]]  # an English title and the others a text may use for it
    name_heads: tuple[tuple[str, str], ...]  # (zh, en) head words that translate each other
    adoption_verbs_zh: tuple[str, ...]
    adoption_verbs_en: tuple[str, ...]
    online_zh: tuple[str, ...]
    online_en: tuple[str, ...]
    series_aliases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    bodies: tuple[KnownBody, ...]
    body_names: BodyNameWords
    person_names: PersonNameWords
    language_names: frozenset[str]  # English names of languages that are no state's adjective
    known_initiatives: tuple[KnownInitiative, ...]

    @cached_property
    def bodies_by_id(self) -> dict[str, KnownBody]:
        """The well-known bodies by id, built once."""
        return {b.id: b for b in self.bodies}

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
            if stripped.endswith(kind.zh):
                return kind.sco_class
        return None
    lowered = text.lower()
    for kind in kinds:
        if _english_words_pattern(kind.en).search(lowered):
            return kind.sco_class
    return None


@lru_cache(maxsize=None)
def _english_words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of whole `words` (compiled once per kind)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")


def _body_name_words(entry: dict) -> BodyNameWords:
    zh, en = entry["zh"], entry["en"]
    return BodyNameWords(
        anchored_heads=tuple(zh["anchored_heads"]),
        national_heads=tuple(zh["national_heads"]),
        min_unanchored=int(zh["min_unanchored"]),
        generic_modifiers=tuple(sorted(zh["generic_modifiers"], key=len, reverse=True)),
        boundaries=tuple(zh["boundaries"]),
        keep=tuple(zh["keep"]),
        conjunctions=tuple(zh["conjunctions"]),
        enumeration=zh["enumeration"],
        blocked_followers={head: tuple(chars) for head, chars in zh["blocked_followers"].items()},
        kind_followers=tuple(zh["kind_followers"]),
        mechanism_lists=tuple(zh["mechanism_lists"]),
        mechanism_forums=tuple(zh["mechanism_forums"]),
        founding_verbs=tuple(zh["founding_verbs"]),
        title_bridges=tuple(zh["title_bridges"]),
        framework_words=tuple(zh["framework_words"]),
        founded_words={"zh": tuple(zh["founded_words"]), "en": tuple(en["founded_words"])},
        en_connectors=tuple(en["connectors"]),
        en_determiners=tuple(en["determiners"]),
    )


def _person_name_words(entry: dict) -> PersonNameWords:
    return PersonNameWords(
        transliteration=frozenset(re.sub(r"\s+", "", entry["transliteration"])),
        dots=entry["dots"],
        surnames=frozenset(re.sub(r"\s+", "", entry["surnames"])),
        followers=tuple(sorted(entry["followers"], key=len, reverse=True)),
        name_first_titles=tuple(entry["name_first_titles"]),
        office_verbs=tuple(entry["office_verbs"]),
        en_name_cues=tuple(entry["en_name_cues"]),
        variants=frozenset(frozenset(pair) for pair in entry["variants"]),
    )


def _kinds(entries: list[dict], key: str = "class") -> tuple[KindWords, ...]:
    return tuple(KindWords(e[key], tuple(e["zh"]), tuple(e["en"])) for e in entries)


@lru_cache(maxsize=None)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read `lexicon.yaml` and `bodies.yaml`."""
    words = read_data_file(data_dir / "lexicon.yaml")
    bodies = read_data_file(data_dir / "bodies.yaml")
    return Lexicon(
        document_kinds=_kinds(words["document_kinds"]),
        meeting_kinds=_kinds(words["meeting_kinds"]),
        initiative_kinds=_kinds(words["initiative_kinds"]),
        body_kinds=_kinds(words["body_kinds"]),
        state_roles=_kinds(words["state_roles"], key="role"),
        person_titles=tuple((t["zh"], t["en"]) for t in words["person_titles"]),
        name_heads=tuple((h["zh"], h["en"]) for h in words["name_heads"]),
        title_renderings={t["en"]: tuple(t["en_renderings"]) for t in words["person_titles"] if t.get("en_renderings")},
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
        body_names=_body_name_words(words["body_names"]),
        person_names=_person_name_words(words["person_names"]),
        language_names=frozenset(words["language_names"]),
        known_initiatives=tuple(
            KnownInitiative(i["id"], i["class"], tuple(i["zh"]), tuple(i["en"])) for i in words["known_initiatives"]
        ),
    )
