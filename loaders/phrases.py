"""Shared phrase finders: bracketed Chinese titles, English title-case phrases, parentheticals."""
from __future__ import annotations

import re
from dataclasses import dataclass

_EN_TOKEN = re.compile(r"\(?\d{4}\s*[-–]\s*\d{4}\)?|[A-Za-z][\w’'\-\.]*|\d+(?:st|nd|rd|th)\b")
_EN_CONNECTORS = {"of", "the", "for", "on", "in", "among", "between", "to", "and", "at", "by", "with", "&"}
_EN_GAP = re.compile(r"^\s*(?:&\s*)?$")
_PARENTHETICAL = re.compile(r"^\s*[（(]([^（）()]{2,80})[）)]")
_SHORT_FORM = re.compile(r"[（(](?:以下)?简称[^（）()]*[）)]")


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


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
            phrases.append(Phrase(run[0].start(), run[-1].end(), text[run[0].start() : run[-1].end()]))
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
