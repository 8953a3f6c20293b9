"""When and where a sentence says a body was founded.

"上海合作组织是由…于2001年在上海成立的…组织": the body named first in a clause that says it was
founded (成立, 揭牌, 启动); "依托2014年成立的…中心", "2014年6月，启动…中心": the body right after
the founding word; "The SCO … established on June 15, 2001 in Shanghai", "CSEC was inaugurated in
Beijing in June 2014": the first body of the sentence before the founding word. The date is the
one the clause gives after the body (after the English founding word; before a body named right
after the founding word, the last one before it), else a date opening the sentence (in Chinese,
standing alone in the clause) right before the body ("2014 年，…中心成立"; "In 2014, the …
Center was established"); the place the first one named there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .alternation import alternation
from .body_names import BodyName
from .context import SentenceContext
from .lexicon import Lexicon
from .temporal import DateValue, find_dates

_ZH_CLAUSE_BREAK = re.compile(r"[，。；：,;:]")
_ZH_FILLERS = re.compile(r"[是由于自在、和及与，,\s]|正式|已经|已")
_EN_LEAD = re.compile(r"^\s*(?:(?:in|on|since)\s+)?$", re.IGNORECASE)
_EN_AFTER_LEAD = re.compile(r"^\s*,\s*(?:the\s+)?$", re.IGNORECASE)
_EN_GAP = re.compile(r"^\s*(?:\([^)]*\))?\s*,?\s*(?:(?:is|was|has been|had been)\b[^,;()]{0,60})?$")


@dataclass(frozen=True)
class Founding:
    """What a sentence says about a body's founding."""

    date: DateValue | None
    place: str | None  # key of the place


def founding(ctx: SentenceContext, body: BodyName, found: list[BodyName], lexicon: Lexicon) -> Founding | None:
    """The founding date and place the sentence gives for `body`, if it says it was founded."""
    words = lexicon.body_names.founded_words[ctx.lang]
    text = ctx.text
    start, end = _clause(text, body) if ctx.lang == "zh" else (0, len(text))
    before = text[start : body.start].rstrip("的")
    word = next((w for w in words if before.endswith(w)), None)
    if word is not None:  # "依托2014年成立的…中心", "2014年6月，启动…中心"
        dates = find_dates(text[: start + len(before) - len(word)])
        date = dates[-1] if dates and _only_fillers(ctx, dates[-1].end, start + len(before) - len(word)) else None
        return _founding(ctx, date.value if date else None, start, body.start)
    top = [b for b in found if start <= b.start and b.end <= end and not _inside(b, found)]
    match = re.search(alternation(words), text[body.end : end])
    if not top or top[0] is not body or match is None:
        return None
    word_start = body.end + match.start()
    if not _only_fillers(ctx, body.end, word_start):
        return None  # the founding word is about something else ("上合组织…专家会议于2005年启动")
    dates = find_dates(text[word_start:end] if ctx.lang == "en" else text[body.end : end])
    date = dates[0].value if dates else _leading_date(ctx, body.start if ctx.lang == "en" else start)
    return _founding(ctx, date, body.end, end)


def _leading_date(ctx: SentenceContext, stop: int) -> DateValue | None:
    """A date that opens the sentence or clause right before the body ("2014年，…中心成立";
    "In June 2014, the … Center was established")."""
    text = ctx.text
    dates = [d for d in find_dates(text[:stop]) if not d.is_range]
    if not dates:
        return None
    date = dates[-1]
    if ctx.lang == "en":
        return date.value if _EN_LEAD.match(text[: date.start]) and _EN_AFTER_LEAD.match(text[date.end : stop]) else None
    opening = max((m.end() for m in _ZH_CLAUSE_BREAK.finditer(text, 0, date.start)), default=0)
    alone = not text[opening : date.start].strip() and not re.sub(_ZH_FILLERS, "", text[date.end : stop])
    return date.value if alone else None


def _only_fillers(ctx: SentenceContext, start: int, end: int) -> bool:
    """Between a body (or a date) and its founding word stand only dates, names of states and
    places and filler words ("是由哈萨克斯坦、中国…于2001年在上海"; "(SCO) is a … organization")."""
    gap = ctx.text[start:end]
    if ctx.lang == "en":
        return bool(_EN_GAP.match(gap))
    for item in sorted(ctx.names_of("state", start, end) + ctx.names_of("place", start, end), key=lambda n: -n.start):
        gap = gap[: item.start - start] + gap[item.end - start :]
    for date in reversed(find_dates(gap)):
        gap = gap[: date.start] + gap[date.end :]
    return not re.sub(_ZH_FILLERS, "", gap)


def _founding(ctx: SentenceContext, date: DateValue | None, start: int, end: int) -> Founding | None:
    places = ctx.names_of("place", start, end)
    place = places[0].key if places else None
    return Founding(date, place) if date or place else None


def _clause(text: str, body: BodyName) -> tuple[int, int]:
    starts = [m.end() for m in _ZH_CLAUSE_BREAK.finditer(text, 0, body.start)]
    following = _ZH_CLAUSE_BREAK.search(text, body.end)
    return (starts[-1] if starts else 0), (following.start() if following else len(text))


def _inside(body: BodyName, found: list[BodyName]) -> bool:
    return any(o.start <= body.start and body.end <= o.end and (o.start, o.end) != (body.start, body.end) for o in found)
