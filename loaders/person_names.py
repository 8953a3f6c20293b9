"""The shapes of personal names in Chinese text.

Foreign names are written with a small set of transliteration characters, their parts joined by
a middle dot ("埃莫马利·拉赫蒙", "托卡耶夫"); Chinese names are a surname and one or two
characters ("李强", "任鸿斌"). The character sets and the words that may follow a name are data
(`person_names` in lexicon.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .alternation import alternation
from .lexicon import PersonNameWords

MIN_FOREIGN = 3  # characters of an undotted foreign name standing on its own
MIN_DOTTED_PART = 2  # characters of each part of a dotted name found without a title
_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_NAME = r"((?:[A-Z][a-z]+\.?|[A-Z]\.)(?:\s+(?:bin|al-|de|van)?\s*[A-Z][\w\-]+)*)"
_EN_NOT_A_NAME = ("of", "The", "Minister")
_HYPHENS = "-‐－"  # join the parts of a hyphenated given name ("巴特-额尔登·冈巴特")


@dataclass(frozen=True)
class TitledName:
    """An English "<Title> <Name>": the title as listed, where it starts, and the name's span."""

    title: str
    title_start: int
    start: int
    end: int


def en_cued_names(text: str, cues: Sequence[str]) -> list[tuple[int, int]]:
    """Capitalised names after a phrase that only introduces a person ("named after Chingis Aitmatov")."""
    return [m.span(1) for m in _cued_names(tuple(cues)).finditer(text)]


@lru_cache(maxsize=None)
def _cued_names(cues: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of `en_cued_names`, compiled once per list of cues."""
    return re.compile(rf"\b(?:{alternation(cues)})\s+{_EN_NAME}")


def en_titled_names(text: str, titles: Sequence[str]) -> list[TitledName]:
    """Capitalised names right after a person's title ("Prime Minister Turchin", "Chairman of the
    Cabinet of Ministers Adylbek Kasymaliev"), longest titles first."""
    result = []
    for match in _titled_names(tuple(titles)).finditer(text):
        if match.group(2).split()[0] not in _EN_NOT_A_NAME:
            result.append(TitledName(match.group(1), match.start(1), match.start(2), match.end(2)))
    return result


@lru_cache(maxsize=None)
def _titled_names(titles: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of `en_titled_names`, compiled once per list of titles."""
    return re.compile(rf"\b({alternation(titles, longest_first=True)})\s+{_EN_NAME}")


def _foreign_char(char: str, words: PersonNameWords) -> bool:
    return char in words.transliteration


def _joiner(char: str, words: PersonNameWords) -> bool:
    """A middle dot, or a hyphen (kept only inside a given name, see `_given_name_end`)."""
    return char in words.dots or char in _HYPHENS


def _given_name_end(name: str, words: PersonNameWords) -> int:
    """How much of a run of name characters is a name: a hyphen joins the parts of a given
    name only when a dotted surname follows ("巴特-额尔登·冈巴特"); else the name ends before it."""
    hyphens = [i for i, c in enumerate(name) if c in _HYPHENS]
    if not hyphens or any(c in words.dots for c in name[hyphens[-1] :]):
        return len(name)
    return hyphens[0]


def foreign_name_after(text: str, start: int, words: PersonNameWords) -> int | None:
    """End of a transliterated name starting at `start` ("托卡耶夫签署" → after 夫), or None."""
    end, letters = start, 0
    while end < len(text):
        char = text[end]
        if letters >= 2 and text.startswith(words.followers, end):
            break  # "奥马罗夫列席": 列 could be a name's, but 列席 follows names
        if _foreign_char(char, words):
            letters += 1
        elif not (_joiner(char, words) and letters and end + 1 < len(text) and _foreign_char(text[end + 1], words)):
            break
        end += 1
    end = start + _given_name_end(text[start:end], words)
    letters = sum(1 for c in text[start:end] if _foreign_char(c, words))
    dotted = any(c in words.dots for c in text[start:end])
    if letters >= MIN_FOREIGN or (dotted and letters >= 2) or (letters == 2 and _followed(text, end, words)):
        return end
    return None


def foreign_name_before(text: str, end: int, words: PersonNameWords) -> int | None:
    """Start of a transliterated name ending at `end` ("伊姆兰·汗总理" → at 伊), or None."""
    start, letters = end, 0
    while start > 0:
        char = text[start - 1]
        if _foreign_char(char, words):
            letters += 1
        elif not (_joiner(char, words) and letters and start > 1 and _foreign_char(text[start - 2], words)):
            break
        start -= 1
    hyphens = [i for i in range(start, end) if text[i] in _HYPHENS]
    if hyphens and not any(text[i] in words.dots for i in range(hyphens[-1], end)):
        start = hyphens[-1] + 1  # "…-额尔登部长": no dotted surname, so the name is what follows the hyphen
    letters = sum(1 for c in text[start:end] if _foreign_char(c, words))
    dotted = any(c in words.dots for c in text[start:end])
    if letters >= MIN_FOREIGN or (dotted and letters >= 2):
        return start
    return None


def chinese_name_after(text: str, start: int, words: PersonNameWords) -> int | None:
    """End of a Chinese name (surname and one or two characters) starting at `start`, when a
    follower word or punctuation comes right after it ("李强出席", "任鸿斌、")."""
    if start >= len(text) or text[start] not in words.surnames:
        return None
    for length in (3, 2):
        end = start + length
        if end <= len(text) and all(_CJK.match(c) for c in text[start:end]) and _followed(text, end, words):
            if not text.startswith(words.followers, start + 1):
                return end
    return None


def chinese_name_before(text: str, end: int, words: PersonNameWords) -> int | None:
    """Start of a Chinese name ending at `end` that opens its clause ("，习近平主席")."""
    for length in (3, 2):
        start = end - length
        if start < 0 or text[start] not in words.surnames or not all(_CJK.match(c) for c in text[start:end]):
            continue
        if start == 0 or not (_CJK.match(text[start - 1]) or text[start - 1] in words.dots):
            return start
    return None


def dotted_names(text: str, words: PersonNameWords) -> list[tuple[int, int]]:
    """Transliterated names with a middle dot standing on their own ("以钦吉斯·艾特玛托夫命名")."""
    result = []
    position = 0
    while position < len(text):
        if not _foreign_char(text[position], words) or (position and _foreign_char(text[position - 1], words)):
            position += 1
            continue
        end = foreign_name_after(text, position, words)
        parts = re.split(f"[{re.escape(words.dots)}]", text[position:end]) if end else []
        if end and len(parts) > 1 and all(len(p) >= MIN_DOTTED_PART for p in parts):
            result.append((position, end))
            position = end
        else:
            position += 1
    return result


def _followed(text: str, end: int, words: PersonNameWords) -> bool:
    """A name may end at `end`: punctuation (not a name's middle dot), the end of the text or a
    follower word comes next."""
    if end >= len(text):
        return True
    return (not _CJK.match(text[end]) and text[end] not in words.dots) or text.startswith(words.followers, end)


def name_parts(name: str, words: PersonNameWords) -> list[str]:
    """The parts of a personal name: split at middle dots (Chinese) or spaces (English)."""
    return [part for part in re.split(f"[{re.escape(words.dots)}\\s]+", name.strip()) if part]


def surname_match(short: str, full: str, words: PersonNameWords) -> str | None:
    """How a one-part name refers to a name of several parts: "exact" when it is the last part
    ("彼得罗相" of "罗曼诺斯•彼得罗相"), "variant" when it differs from the last part only in one
    character written with a transliteration variant ("米尔扎加利耶夫" / "…·米尔扎哈利耶夫"),
    else None."""
    parts = name_parts(full, words)
    if len(parts) < 2 or len(name_parts(short, words)) != 1:
        return None
    surname = parts[-1]
    if short == surname:
        return "exact"
    if len(short) != len(surname) or len(short) < MIN_FOREIGN:
        return None
    differences = [frozenset((a, b)) for a, b in zip(short, surname) if a != b]
    return "variant" if len(differences) == 1 and differences[0] in words.variants else None
