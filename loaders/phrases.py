"""Shared phrase finders: bracketed Chinese titles, English title-case phrases, parentheticals."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .alternation import alternation

_EN_TOKEN = re.compile(r"\(?\d{4}\s*[-–]\s*\d{4}\)?|\([A-Z]{2,8}\)|[A-Za-z][\w’'\-\.]*|\d+(?:st|nd|rd|th)\b")
_EN_CONNECTORS = {"of", "the", "for", "on", "in", "among", "between", "to", "and", "at", "by", "with", "&"}
_EN_GAP = re.compile(r"^\s*(?:&\s*)?$")
_SENTENCE_FULL_STOP = re.compile(r"^[A-Za-z][a-z’'\-]{2,}\.$")  # "Dushanbe." ends a sentence; "U.S." and "Jr." keep their dots
_PARENTHETICAL = re.compile(r"^\s*[（(]([^（）()]{2,80})[）)]")
_SHORT_FORM = re.compile(r"[（(](?:以下)?简称[^（）()]*[）)]")
# A Chinese personal name after a title: up to three dotted parts, then two to seven characters
# up to a list separator or a verb that follows a name.
_ZH_PERSON_NAME = (
    r"((?:[\u4e00-\u9fff]{1,8}[·•]){0,3}[\u4e00-\u9fff]{2,7}?)"
    r"(?=[、，,。；;]|出席|主持|列席|和|以及|表示|指出|在|会见|发布|提出|承诺|称|曾|多次|强调|发来|向|致|$)"
)
ZH_NOT_A_NAME = re.compile(r"^[国兼会并在轮的期级]|[的会国期]")
_ZH_TITLE_FILLER = r"[\u4e00-\u9fff]{0,12}?"
# Words a Chinese name does not hold: particles, prepositions and verbs (a name starts after
# the last of them), and conjunctions, which join names rather than belong to one. Characters
# that also begin common words inside names (对话, 在线, 为主) are left out.
_ZH_NOT_IN_NAME = r"的|由|以(?!色列|及)|作为|将|把|了|并|通过|推动|推进|设立|建立|成立|支持|实施|落实|开展|参加|利用|依托|包括|资助"
_ZH_CONJUNCTION = r"和|与|及|以及"


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TitledName:
    """"<employer>…<title><name>": where the employer's name ends, the title, and the name."""

    employer_end: int
    title: str
    name: Phrase


def zh_titled_names(text: str, employer_ends: Iterable[int], titles: Sequence[str]) -> list[TitledName]:
    """Personal names written right after a title that follows an employer's name.

    `employer_ends` are the positions where names of possible employers (states, bodies) end;
    "蒙古国总理赞登沙特尔，" gives the name 赞登沙特尔 after the title 总理. Words that cannot
    begin or be part of a name (会, 国, 的 …) rule a candidate out.
    """
    if not titles:
        return []
    pattern = _titled_name(tuple(titles))
    result = []
    for end in employer_ends:
        match = pattern.match(text, end)
        if match and not ZH_NOT_A_NAME.search(match.group(2)):
            result.append(TitledName(end, match.group(1), Phrase(match.start(2), match.end(2), match.group(2))))
    return result


@lru_cache(maxsize=None)
def _titled_name(titles: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of `zh_titled_names`, compiled once per list of titles."""
    return re.compile(rf"{_ZH_TITLE_FILLER}({alternation(titles, longest_first=True)}){_ZH_PERSON_NAME}")


def zh_name_start(text: str, start: int, end: int, conjunctions: bool = False) -> int:
    """Where a Chinese name ending at `end` begins when read back to `start`: after the last
    particle, preposition or verb (and conjunction, if asked) outside “quotes”.

    "推动设立专门的资源开发和环境保护基金" → "资源开发和环境保护基金" (with conjunctions: "环境保护基金");
    "将生态环保合作作为南南合作基金" → "南南合作基金".
    """
    pattern = f"{_ZH_NOT_IN_NAME}|{_ZH_CONJUNCTION}" if conjunctions else _ZH_NOT_IN_NAME
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”", text)]
    cuts = [m.end() for m in re.finditer(pattern, text[:end]) if m.start() >= start and not any(a < m.start() < b for a, b in quoted)]
    return max(cuts, default=start)


def bracketed_titles(text: str) -> list[Phrase]:
    """Top-level 《…》 titles (inner 《》 nest; inner 〈〉 and <> are part of the title)."""
    result, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "《":
            if depth == 0:
                start = index
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                result.append(Phrase(start, index + 1, text[start + 1 : index]))
    return result


def inner_titles(title: str) -> list[str]:
    """Titles quoted inside a title: 〈…〉, <…> or 《…》."""
    return [m.group(1) for m in re.finditer(r"[〈<《]([^〈〉<>《》]{2,})[〉>》]", title)]


def parenthetical_after(text: str, end: int) -> Phrase | None:
    """A parenthesis right after position `end`, e.g. 《…》（2022年9月16日，撒马尔罕）."""
    match = _PARENTHETICAL.match(text[end:])
    if not match:
        return None
    return Phrase(end + match.start(1), end + match.end(1), match.group(1))


def without_short_forms(text: str) -> str:
    """Drop "(hereinafter …)" style short-form notes: 上海合作组织(简称上合组织)国家… → 上海合作组织国家…"""
    return _SHORT_FORM.sub("", text)


def title_case_phrases(text: str) -> list[Phrase]:
    """Runs of capitalised words joined by lower-case connectors ("Statement on Climate Change")."""
    tokens = list(_EN_TOKEN.finditer(text))
    phrases: list[Phrase] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and run[-1].group(0).lower() in _EN_CONNECTORS:
            run.pop()
        if run:
            end = run[-1].end() - (1 if _SENTENCE_FULL_STOP.search(run[-1].group(0)) else 0)
            phrases.append(Phrase(run[0].start(), end, text[run[0].start() : end]))
        run.clear()

    for index, token in enumerate(tokens):
        word = token.group(0)
        capital = word[0].isupper() or word[0].isdigit() or word.startswith("(")
        connector = word.lower() in _EN_CONNECTORS
        if run and not _EN_GAP.match(text[run[-1].end() : token.start()]):
            close()
        if capital or (run and connector):
            run.append(token)
        else:
            close()
    close()
    return phrases
