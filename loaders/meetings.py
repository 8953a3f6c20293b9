"""Meetings: names ending in a meeting head word, with ordinal, dates, place, online mode and series."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .ordinals import OrdinalMention, find_ordinals
from .phrases import Phrase, parenthetical_after, title_case_phrases, without_short_forms
from .resolve import SERIES_LABEL, SERIES_REFERENCE_LABEL
from .temporal import DateMention, find_dates

# Characters a Chinese meeting name may hold, and words that end the text before a name.
_ZH_NAME_CHARS = r"[\u4e00-\u9fff0-9０-９A-Za-z（）()“”\"+\-—–·]"
_ZH_LEFT_BOUNDARY = re.compile(
    r".*(?:在[\u4e00-\u9fff]{1,8}(?:举行|召开|举办)的|举行的|召开的|举办的|注意到|关于|支持|期间|以及|和|与|及|的|了|在|于|为|是|将|由|向|对|参加|出席|主办|召开|举行|举办)"
)
_ZH_ANCHOR = re.compile(r"上海合作组织|上合组织|成员国|国家|国际|第.{1,4}[次届]|首届|峰会|论坛|研讨会|大会|高级别|部长|专家|培训班|大赛|吹风会")
_ZH_BODY_ENDINGS = ("委员会", "理事会", "协会", "联合会", "联合体")
_ZH_ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百0-9０-９]+[次届](?:至第[〇零一二三四五六七八九十百0-9０-９]+[次届])?|首届")
_ZH_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:成功)?(?:举行|召开|举办)")
_EN_VENUE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][\w\-]+\s?){1,3})")
_EN_LEADING_WORDS = re.compile(r"^(?:(?:At|In|On|During|From|For|By|With|Since|The|A|An|[A-Z][a-z]+ing)\s+)+")
MIN_ZH_NAME = 4
GENERIC_MEETING = "Meeting"


@dataclass(frozen=True)
class MeetingName:
    phrase: Phrase
    sco_class: str
    ordinals: OrdinalMention | None
    series: str


def meeting_ref(series_key: str, ordinal: int | None, date_key: str | None, place: str | None = None) -> Ref:
    """Meetings resolve by series and ordinal, or by series and start date; undated ones by
    series and place ("<series>@?@Astana"), or by series alone ("<series>@?")."""
    if ordinal is not None:
        return Ref("meeting", f"{series_key}#{ordinal}")
    if date_key is None and place is not None:
        return Ref("meeting", f"{series_key}@?@{place}")
    return Ref("meeting", f"{series_key}@{date_key or '?'}")


def series_ref(series: str, lang: str, lexicon: Lexicon) -> Ref:
    """The series a meeting name belongs to; known aliases ("峰会") map to their canonical series."""
    return Ref("series", lexicon.canonical_series_key(name_key(series, lang)))


def find_meetings(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Every meeting named in the sentence, one observation per dated occurrence."""
    names = _zh_names(ctx, lexicon) if ctx.lang == "zh" else _en_names(ctx, lexicon)
    observations: list[Observation] = []
    previous_end = 0
    for name in names:
        observations.extend(_observe(ctx, lexicon, name, previous_end))
        previous_end = name.phrase.end
    return observations


def _observe(ctx: SentenceContext, lexicon: Lexicon, name: MeetingName, previous_end: int) -> list[Observation]:
    text = ctx.text
    occurrences = _dated_occurrences(ctx, name, previous_end)
    ordinal = name.ordinals
    values = list(range(ordinal.value, (ordinal.end_value or ordinal.value) + 1)) if ordinal else [None]
    if len(values) > 1 and len(occurrences) != len(values):
        occurrences = [(None, None)] * len(values)
    if len(values) == 1 and len(occurrences) > 1 and ordinal:
        occurrences = occurrences[:1]
    if len(values) == 1 and not occurrences:
        occurrences = [(None, None)]
    series = series_ref(name.series, ctx.lang, lexicon)
    online = any(word in text.lower() for word in (lexicon.online_zh if ctx.lang == "zh" else lexicon.online_en))
    result = []
    for index, (date, place) in enumerate(occurrences):
        number = values[index] if len(values) > 1 else values[0]
        date_key = date.value.lexical() if date else None
        venue = place or _venue(ctx, name)
        ref = meeting_ref(series.key, number, date_key, venue)
        obs = ctx.observe(ref, name.sco_class, name.phrase.start, name.phrase.end, name=name.phrase.text)
        evidence = ctx.evidence()
        obs.add("sco:inSeries", series, evidence)
        obs.add(SERIES_LABEL, name.series, evidence, ctx.lang)
        for lang, label in lexicon.series_labels(series.key).items():
            obs.add(SERIES_REFERENCE_LABEL, label, evidence, lang)
        if number is not None:
            obs.add("sco:ordinal", number, evidence)
        if date:
            obs.add("schema:startDate", date.value, evidence)
            if date.end_value:
                obs.add("schema:endDate", date.end_value, evidence)
        if venue:
            obs.add("sco:place", Ref("place", venue), evidence)
        if online:
            obs.add("schema:eventAttendanceMode", "online", evidence)
        elif venue:
            obs.add("schema:eventAttendanceMode", "offline", evidence)
        result.append(obs)
    return result


def _dated_occurrences(ctx: SentenceContext, name: MeetingName, previous_end: int) -> list[tuple[DateMention | None, str | None]]:
    """(date, place) pairs: from a parenthesis after the name, else dates before it in the sentence."""
    text = ctx.text
    closing = name.phrase.end
    parenthesis = parenthetical_after(text, closing)
    if parenthesis:
        result = []
        for part in re.split(r"[;；]", parenthesis.text):
            dates = find_dates(part)
            offset = parenthesis.start + parenthesis.text.index(part)
            places = ctx.names_of("place", offset, offset + len(part))
            if dates:
                result.append((dates[0], places[0].key if places else None))
        if result:
            return result
    before = [d for d in find_dates(text[:closing]) if previous_end <= d.start and _same_clause_or_opening(text, d, name.phrase.start)]
    if not before and ctx.lang == "en":
        before = [d for d in find_dates(text) if not (name.phrase.start <= d.start < name.phrase.end)]
    if not before and ctx.heading_dates:
        before = ctx.heading_dates[:1]
    return [(d, None) for d in before]


def _same_clause_or_opening(text: str, date: DateMention, name_start: int) -> bool:
    """A date qualifies a later name when it opens the sentence or stands in the same clause."""
    if date.start >= name_start or not text[: date.start].strip(" —-“\"【"):
        return True
    return not re.search(r"[，,。；;]", text[date.end : name_start])


def _venue(ctx: SentenceContext, name: MeetingName) -> str | None:
    """A place named in the meeting name, or "在X举行" / "held in X" in the sentence."""
    inside = ctx.names_of("place", name.phrase.start, name.phrase.end)
    if inside:
        return inside[0].key
    pattern = _ZH_VENUE if ctx.lang == "zh" else _EN_VENUE
    for match in pattern.finditer(ctx.text):
        for place in ctx.names_of("place", match.start(1), match.end(1) + 1):
            return place.key
    return None


_ZH_BOUNDARY = re.compile(
    r"[，。、；：,;:《》]|在[\u4e00-\u9fff]{1,8}?(?:举行|召开|举办)的|举行的|召开的|举办的|注意到|关于|支持|期间|以及|包括|落实|实施|呼吁|设立|建立|成立|"
    r"出席|列席|主持|参加|主办|召开|举行|举办|和|与|及|的|了|在|于|为|是|将|由|向|对"
)
_ZH_NOT_MEETINGS = ("社会", "商会", "学会", "协会", "展会", "工会", "委员会", "理事会", "联合会", "机会", "运动会")
_ZH_LEADING_COUNT = re.compile(r"^[一二三四五六七八九十两\d]+届")


def _zh_pieces(text: str) -> list[tuple[int, int]]:
    """Stretches between punctuation and boundary words, ignoring boundaries inside “quotes”."""
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”|\"[^\"]*\"", text)]
    cuts = [
        m for m in _ZH_BOUNDARY.finditer(text) if not any(s < m.start() < e for s, e in quoted)
    ]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if b > a]


def _zh_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    heads = sorted({w for kind in lexicon.meeting_kinds for w in kind.zh}, key=len, reverse=True)
    head_pattern = re.compile("|".join(map(re.escape, heads)))
    text = ctx.text
    dates = find_dates(text)
    result: list[MeetingName] = []
    for piece_start, piece_end in _zh_pieces(text):
        end = _last_head_end(text[piece_start:piece_end], head_pattern)
        if end is None:
            continue
        start, end = piece_start, piece_start + end
        for date in dates:  # a date written right before the name is not part of it
            if start <= date.start < end and text[start : date.start].strip() == "":
                start = date.end
        raw = text[start:end].strip()
        cleaned = _ZH_LEADING_COUNT.sub("", without_short_forms(raw))
        start += len(text[start:end]) - len(text[start:end].lstrip()) + (len(raw) - len(cleaned) if raw.endswith(cleaned) else 0)
        if len(cleaned) < MIN_ZH_NAME or not _ZH_ANCHOR.search(cleaned) or cleaned.endswith(_ZH_NOT_MEETINGS):
            continue
        sco_class = lexicon.meeting_class(cleaned, "zh") or "Meeting"
        ordinals = [o for o in find_ordinals(cleaned) if cleaned[o.start : o.end].startswith(("第", "首"))]
        series = _ZH_ORDINAL.sub("", cleaned)
        series = _strip_place_names(ctx, series, start, end)
        result.append(MeetingName(Phrase(start, end, cleaned), sco_class, ordinals[0] if ordinals else None, series))
    return result


def _last_head_end(piece: str, head_pattern: re.Pattern[str]) -> int | None:
    """End of the last meeting head word in a piece that is not part of a longer word."""
    end = None
    for match in head_pattern.finditer(piece):
        follower = piece[match.end() : match.end() + 1]
        if follower and follower in "员长场谈见同计议":
            continue
        end = match.end()
    return end


def _strip_place_names(ctx: SentenceContext, series: str, start: int, end: int) -> str:
    for place in ctx.names_of("place", start, end):
        series = series.replace(place.text, "")
    return series


def _en_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    result = []
    for phrase in title_case_phrases(ctx.text):
        text = phrase.text
        sco_class = lexicon.meeting_class(text, "en")
        if not sco_class or len(text.split()) < 2:
            continue
        occurrence_of = None  # "session of the <Conference>": the series is the named event
        head = _en_lower_case_head(ctx.text, phrase.start, lexicon)
        if head is not None:
            start, head_class = head
            if head_class == GENERIC_MEETING:
                occurrence_of = text
            else:
                sco_class = head_class
            phrase = Phrase(start, phrase.end, ctx.text[start : phrase.end])
            text = phrase.text
        ordinals = find_ordinals(text)
        ordinal = ordinals[0] if ordinals else None
        if ordinal and ordinal.start > 0:
            phrase = Phrase(phrase.start + ordinal.start, phrase.end, text[ordinal.start :])
            text = phrase.text
            ordinal = find_ordinals(text)[0]
        else:
            lead = _EN_LEADING_WORDS.match(text)
            if lead and lead.end() < len(text) and lexicon.meeting_class(text[lead.end() :], "en"):
                phrase = Phrase(phrase.start + lead.end(), phrase.end, text[lead.end() :])
                text = phrase.text
        series = occurrence_of or text
        if ordinal and not occurrence_of:
            series = (text[: ordinal.start] + text[ordinal.end :]).strip()
        series = re.sub(r"^(?:the|The)\s+", "", series)
        series = re.sub(r"\bMeetings\b", "Meeting", series)
        result.append(MeetingName(phrase, sco_class, ordinal, series))
    return result


def _en_lower_case_head(text: str, start: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """A lower-case meeting head before a meeting's name: "the 1st preparatory meeting of experts for the <Name>".

    The head names the meeting ("of/for/on the <Name>" only says what it serves), so the name
    starts at the head, or at an ordinal right before it; returns that start and the head's
    class. A specific head gives the meeting its class; after a generic one ("session of the
    <Conference>", "meeting of the <Forum>") the meeting is an occurrence of the named event
    and keeps that event's class.
    """
    heads = sorted({w for kind in lexicon.meeting_kinds for w in kind.en if w == w.lower()}, key=len, reverse=True)
    match = re.search(rf"\b({'|'.join(map(re.escape, heads))})\s+(?:for|of|on)\s+(?:the\s+)?$", text[:start])
    if not match:
        return None
    begin = match.start()
    before = re.search(r"(\S+)\s+$", text[:begin])
    if before:
        ordinals = find_ordinals(before.group(1))
        if ordinals and (ordinals[0].start, ordinals[0].end) == (0, len(before.group(1))):
            begin = before.start(1)
    return begin, lexicon.meeting_class(match.group(1), "en") or GENERIC_MEETING
