"""Initiatives: quoted names before a head word, named platforms/bases/funds, themed years."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .phrases import bracketed_titles, title_case_phrases
from .temporal import DateValue

_ZH_QUOTED_WITH_HEAD = re.compile(r"“([^“”]{2,30})”(国家项目|项目|倡议|计划|纲要)")
_ZH_THEMED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:为)?\s*((?:上海合作组织|上合组织)?“[^“”]{2,20}年”|(?:上海合作组织|上合组织)?“[^“”]{2,20}”年)")
_ZH_NAMED = re.compile(r"((?:中国\s*[-—–]\s*)?(?:上海合作组织|上合组织|“一带一路”)[\u4e00-\u9fff“”]{2,20}?(?:平台|基地|基金))")
_ZH_FUND = re.compile(r"([\u4e00-\u9fff]{2,10}基金)")
_HEAD_CLASS = {"国家项目": "Project", "项目": "Project", "倡议": "CooperationProgramme", "计划": "CooperationProgramme", "纲要": "CooperationProgramme"}
_EN_YEAR = re.compile(r"\b((?:the\s+)?(?:SCO\s+)?Year of [A-Z][\w ]+?)(?: of ((?:19|20)\d{2}))?(?=[\"”,.;)]|\s+(?:and|of|as|in)\b|$)")


def initiative_ref(name: str, lang: str) -> Ref:
    return Ref("initiative", name_key(name, lang))


def find_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    return _zh_initiatives(ctx, lexicon) if ctx.lang == "zh" else _en_initiatives(ctx, lexicon)


def _zh_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    found: list[tuple[int, int, str, str, DateValue | None]] = []
    for match in _ZH_THEMED_YEAR.finditer(text):
        name = match.group(2).replace("“", "").replace("”", "")
        found.append((match.start(2), match.end(2), name, "ThemedYear", DateValue(int(match.group(1)))))
    for match in _ZH_QUOTED_WITH_HEAD.finditer(text):
        found.append((match.start(1), match.end(1), match.group(1), _HEAD_CLASS[match.group(2)], None))
    for title in bracketed_titles(text):  # 《上合组织“绿色之带”纲要》: the programme the title names
        for match in _ZH_QUOTED_WITH_HEAD.finditer(title.text):
            start = title.start + 1 + match.start(1)
            found.append((start, start + len(match.group(1)), match.group(1), _HEAD_CLASS[match.group(2)], None))
    for pattern in (_ZH_NAMED, _ZH_FUND):
        for match in pattern.finditer(text):
            name = match.group(1)
            if not any(s <= match.start(1) < e for s, e, *_ in found) and not _inside_title(text, match.start(1)):
                found.append((match.start(1), match.end(1), name, lexicon.initiative_class(name, "zh") or "Initiative", None))
    return [_observe(ctx, *item) for item in sorted(found)]


def _inside_title(text: str, index: int) -> bool:
    return any(t.start < index < t.end for t in bracketed_titles(text))


def _en_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    found: list[tuple[int, int, str, str, DateValue | None]] = []
    for match in _EN_YEAR.finditer(text):
        name = re.sub(r"^the\s+", "", match.group(1))
        start = match.start(1) + (len(match.group(1)) - len(name))
        year = DateValue(int(match.group(2))) if match.group(2) else None
        found.append((start, match.end(1), name, "ThemedYear", year))
    for phrase in title_case_phrases(text):
        name = re.sub(r"^(?:The|the)\s+", "", phrase.text)
        start = phrase.end - len(name)
        sco_class = lexicon.initiative_class(name, "en")
        if not sco_class or sco_class in ("ThemedYear", "Project") or lexicon.document_class(name, "en"):
            continue
        if len(name.split()) >= 2 and not any(s <= start < e for s, e, *_ in found):
            found.append((start, phrase.end, name, sco_class, None))
    return [_observe(ctx, *item) for item in sorted(found)]


def _observe(ctx: SentenceContext, start: int, end: int, name: str, sco_class: str, year: DateValue | None) -> Observation:
    obs = ctx.observe(initiative_ref(name, ctx.lang), sco_class, start, end, name=name)
    if year is not None:
        obs.add("schema:startDate", year, ctx.evidence())
    return obs
