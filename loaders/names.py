"""Find names of known things (states, places, well-known bodies and initiatives) by dictionary lookup."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, load_lexicon
from .phrases import zh_titled_names

EMPLOYER_KINDS = ("state", "body")  # names that can stand before a title and a personal name
# Capitalised words listed before and after a word ("Chinese, Russian and English").
_EN_LIST_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+(?:,\s*|,?\s+(?:and|or)\s+))+$")
_EN_LIST_AFTER = re.compile(r"^(?:(?:,\s*|,?\s+(?:and|or)\s+)[A-Z][a-z]+\b)+")
_EN_WORD = re.compile(r"[A-Z][a-z]+")


@dataclass(frozen=True)
class NameMatch:
    """A dictionary name found in a text: offsets in that text, and what it names."""

    start: int
    end: int
    text: str
    kind: str  # "state", "place", "body" or "initiative"
    key: str  # ISO alpha-3, place English name, body or initiative id


class NameIndex:
    """Longest-match lookup of every known zh and en name."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self._targets: dict[str, dict[str, tuple[str, str]]] = {"zh": {}, "en": {}}
        for state in gazetteer.states:
            self._add("zh", state.all_zh_names, ("state", state.alpha3))
            self._add("en", state.all_en_names, ("state", state.alpha3))
            if state.zh_abbreviation:  # "俄方", "塔方": the one-character form only before 方
                self._add("zh", [state.zh_abbreviation + "方"], ("state", state.alpha3))
        for place in gazetteer.places:
            self._add("zh", [place.zh, *place.zh_aliases], ("place", place.en))
            self._add("en", [place.en, *place.en_aliases], ("place", place.en))
        for body in lexicon.bodies:
            self._add("zh", body.zh_names, ("body", body.id))
            self._add("en", body.en_names, ("body", body.id))
        for initiative in lexicon.known_initiatives:
            self._add("zh", initiative.zh_names, ("initiative", initiative.id))
            self._add("en", initiative.en_names, ("initiative", initiative.id))
        self._patterns = {lang: self._compile(lang) for lang in ("zh", "en")}
        self._zh_titles = tuple(title for title, _ in lexicon.person_titles)
        self._languages = lexicon.language_names
        # one-character heads a following character turns into another word (外交部 in 外交部长)
        self._zh_blocked = {head: followers for head, followers in lexicon.body_names.blocked_followers.items() if len(head) == 1}

    def _add(self, lang: str, names, target: tuple[str, str]) -> None:
        """Index `names`; a Chinese name also in its half-width form ("(总理)" for "（总理）")."""
        table = self._targets[lang]
        for name in names:
            if not name:
                continue
            table.setdefault(name if lang == "zh" else name.lower(), target)
            if lang == "zh":
                table.setdefault(unicodedata.normalize("NFKC", name), target)

    def _compile(self, lang: str) -> re.Pattern[str]:
        alternation = _longest_first(self._targets[lang])
        if lang == "zh":
            return re.compile(f"(?:{alternation})")
        return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)

    def find(self, text: str, lang: str) -> list[NameMatch]:
        """Every known name in `text`, longest first, non-overlapping.

        Chinese has no word breaks, so a short name can turn up inside a personal name
        ("沙特" in 赞登沙特尔): a match that starts inside the name written after
        "<state or body><title>" is part of that name, not a name of its own.
        """
        result = []
        for match in self._patterns[lang].finditer(text):
            found = match.group(0)
            if lang == "en" and found.isupper() is False and found[0].islower():
                continue  # English names are capitalised in running text
            kind, key = self._targets[lang][found if lang == "zh" else found.lower()]
            if kind == "body" and lang == "zh" and text[match.end() : match.end() + 1] in self._zh_blocked.get(found[-1], ()):
                continue
            if kind == "state" and lang == "en" and self._language_in_list(text, match.start(), match.end()):
                continue
            result.append(NameMatch(match.start(), match.end(), found, kind, key))
        if lang == "zh":
            result = self._outside_personal_names(text, result)
        return result

    def _language_in_list(self, text: str, start: int, end: int) -> bool:
        """A one-word state name (an adjective) listed with a language's name names a language."""
        if " " in text[start:end]:
            return False
        before, after = _EN_LIST_BEFORE.search(text, 0, start), _EN_LIST_AFTER.match(text[end:])
        listed = (before.group(0) if before else "") + (after.group(0) if after else "")
        return any(word in self._languages for word in _EN_WORD.findall(listed))

    def _outside_personal_names(self, text: str, matches: list[NameMatch]) -> list[NameMatch]:
        employer_ends = [m.end for m in matches if m.kind in EMPLOYER_KINDS]
        names = [t.name for t in zh_titled_names(text, employer_ends, self._zh_titles)]
        return [m for m in matches if not any(n.start < m.start < n.end for n in names)]


def _longest_first(names: Iterable[str]) -> str:
    """A pattern matching what the alternation of `names` longest first matches, with their
    common prefixes shared (a trie), so that a position is tried once per character, not once
    per name: at each character the longer names are tried before the name that ends there."""
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{pattern})?" if "" in node else pattern


@lru_cache(maxsize=1)
def default_name_index() -> NameIndex:
    """The index over the packaged reference data."""
    return NameIndex(load_gazetteer(), load_lexicon())
