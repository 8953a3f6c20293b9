"""Meetings and their series: names ending in a meeting head word, with ordinal, dates, place,
online mode and series; names that speak of the recurring series itself become series mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .ordinals import OrdinalMention, find_ordinals
from .phrases import Phrase, bracketed_titles, parenthetical_after, title_case_phrases, without_short_forms
from .recurrence import founded_in_clause, is_generic, speaks_of_series
from .resolve import SERIES_LABEL, SERIES_REFERENCE_LABEL
from .temporal import DateMention, find_dates

_ZH_ANCHOR = re.compile(r"上海合作组织|上合组织|成员国|国家|国际|第.{1,4}[次届]|首届|峰会|论坛|研讨会|大会|高级别|部长|专家|培训班|研修班|大赛|吹风会|公开赛|运动会|艺术节|电影节")
# Where the text before an ordinal still belongs to the name ("上海合作组织成员国第一次环境部长会").
_ZH_NAME_PREFIX = re.compile(r"上海合作组织|上合组织|成员国|国家|联合国|组织|理事会|委员会")
_ZH_ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百0-9０-９]+[次届](?:至第[〇零一二三四五六七八九十百0-9０-９]+[次届])?|首届")
_ZH_COUNT = re.compile(r"^(?:[一二三四五六七八九十两]+|\d+)\s*[次届]")  # "三届X", "六次X": editions counted
_ZH_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:成功)?(?:举行|召开|举办)")
_ZH_EDITION_OF = "周年会议|周年会|年度会议|年会"  # "X论坛周年会议": the annual meeting of the X
_ZH_JOINT = "暨"  # "A分论坛暨B研讨会": the A held together with a session of the B
_EN_VENUE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][\w\-]+\s?){1,3})")
_EN_LEADING_WORD = re.compile(r"(?:At|In|On|During|From|For|By|With|Since|The|A|An|the|a|an|[A-Z][a-z]+ing)\s+")
_ZH_BULLET = re.compile(r"^[\-–—·•*\s]+")
_ZH_HELD_ON = re.compile(r"\s*(?:将|已)?于\s*")
_ZH_EN_CONJUNCTION = re.compile(r"\s*(?:以及|和|及|与|and|and the)\s*")
MIN_ZH_NAME = 4
GENERIC_MEETING = "Meeting"
SERIES_CLASS = "MeetingSeries"


@dataclass(frozen=True)
class MeetingName:
    """A meeting name in a sentence: where it stands, its class, ordinal and series.

    `series_phrase` is where the sentence writes the series's own name within the meeting's
    ("第六次<X>", "the 2nd <X>", "meeting of the <X>"); `count` marks a count of editions
    ("三届<X>"), which names the series itself.
    """

    phrase: Phrase
    sco_class: str
    ordinals: OrdinalMention | None
    series: str
    series_phrase: Phrase | None = None
    count: bool = False


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


def meeting_heads(lexicon: Lexicon, lang: str) -> tuple[str, ...]:
    """Every meeting head word of a language, longest first."""
    return tuple(sorted({w for kind in lexicon.meeting_kinds for w in (kind.zh if lang == "zh" else kind.en)}, key=len, reverse=True))


def find_meetings(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Every meeting named in the sentence, one observation per dated occurrence, and every
    mention of a recurring series."""
    names = _zh_names(ctx, lexicon) if ctx.lang == "zh" else _en_names(ctx, lexicon)
    observations: list[Observation] = []
    previous_end = 0
    for index, name in enumerate(names):
        later = tuple(n.phrase.start for n in names[index + 1 :])
        observations.extend(_observe(ctx, lexicon, name, previous_end, later))
        following = names[index + 1].phrase.start if index + 1 < len(names) else None
        if following is None or not _ZH_EN_CONJUNCTION.fullmatch(ctx.text[name.phrase.end : following]):
            previous_end = name.phrase.end  # names joined by "以及"/"and" share the date before them
    return observations


def _observe(ctx: SentenceContext, lexicon: Lexicon, name: MeetingName, previous_end: int, later: tuple[int, ...]) -> list[Observation]:
    series = series_ref(name.series, ctx.lang, lexicon)
    if name.ordinals is None and name.series_phrase is None:
        if name.count or _names_the_series(ctx, lexicon, name, later):
            return [_observe_series(ctx, lexicon, series, name.phrase.text, name.phrase)]
        if _is_generic(name.phrase.text, ctx.lang, series, lexicon):
            return []
    occurrences = _dated_occurrences(ctx, name, previous_end, later)
    if name.ordinals is None and name.series_phrase is None and len(occurrences) == 1 and _over_years(occurrences[0][0]):
        return [_observe_series(ctx, lexicon, series, name.phrase.text, name.phrase, occurrences[0][0])]
    ordinal = name.ordinals
    values = list(range(ordinal.value, (ordinal.end_value or ordinal.value) + 1)) if ordinal else [None]
    if len(values) > 1 and len(occurrences) != len(values):
        occurrences = [(None, None)] * len(values)
    if len(values) == 1 and len(occurrences) > 1 and ordinal:
        occurrences = occurrences[:1]
    if len(values) == 1 and not occurrences:
        occurrences = [(None, None)]
    sco_class = _series_class(series, lexicon) if name.sco_class == GENERIC_MEETING else name.sco_class
    online = any(word in ctx.text.lower() for word in (lexicon.online_zh if ctx.lang == "zh" else lexicon.online_en))
    result = []
    for index, (date, place) in enumerate(occurrences):
        number = values[index] if len(values) > 1 else values[0]
        venue = place or _venue(ctx, name)
        ref = meeting_ref(series.key, number, date.value.lexical() if date else None, venue)
        obs = ctx.observe(ref, sco_class, name.phrase.start, name.phrase.end, name=name.phrase.text)
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
    mention = _series_mention(ctx, lexicon, name, series, len(occurrences))
    return result + ([mention] if mention else [])


def _names_the_series(ctx: SentenceContext, lexicon: Lexicon, name: MeetingName, later: tuple[int, ...]) -> bool:
    """A bare name (no ordinal) that the clause calls recurring, or an English plural ("Expert Meetings")."""
    if speaks_of_series(ctx.text, name.phrase.start, name.phrase.end, ctx.lang, later):
        return True
    return ctx.lang == "en" and _en_plural_head(name.phrase.text, lexicon)


def _en_plural_head(text: str, lexicon: Lexicon) -> bool:
    singular = {head for head in meeting_heads(lexicon, "en") if " " not in head}
    return any(word.endswith("s") and word[:-1] in singular for word in text.lower().split())


def _is_generic(text: str, lang: str, series: Ref, lexicon: Lexicon) -> bool:
    """A name of nothing but kind words ("部长级会议"), unless quoted or a known series's name ("上合组织峰会")."""
    if re.search(r"[“\"][^”\"]+[”\"]", text) or lexicon.series_labels(series.key):
        return False
    return is_generic(text, lang, meeting_heads(lexicon, lang))


def _series_mention(ctx: SentenceContext, lexicon: Lexicon, name: MeetingName, series: Ref, occurrences: int) -> Observation | None:
    """The series named by a meeting name: "第六次<X>" / "the 6th <X>" (an edition numbered two or
    more proves earlier ones), "<X>周年会议" / "meeting of the <X>", or one name given several
    dated editions ("X(2025年4月17日,鄂木斯克;2025年11月17日,莫斯科)"). Names inside a document's
    title name its meeting, not the series."""
    ordinal = name.ordinals
    if ordinal is None and occurrences > 1:
        phrase = name.phrase
    elif name.series_phrase and (ordinal is None or (ordinal.end_value or ordinal.value) >= 2):
        phrase = name.series_phrase
    else:
        return None
    if _inside_title(ctx.text, phrase.start) or is_generic(name.series, ctx.lang, meeting_heads(lexicon, ctx.lang)):
        return None
    return _observe_series(ctx, lexicon, series, name.series, phrase)


def _observe_series(
    ctx: SentenceContext, lexicon: Lexicon, series: Ref, text: str, phrase: Phrase, period: DateMention | None = None
) -> Observation:
    """A mention of the series itself, with the date it began when the clause says so or when
    it is held over a period of years."""
    obs = ctx.observe(series, SERIES_CLASS, phrase.start, phrase.end, name=text)
    evidence = ctx.evidence()
    for lang, label in lexicon.series_labels(series.key).items():
        obs.add(SERIES_REFERENCE_LABEL, label, evidence, lang)
    dates = find_dates(ctx.text) if founded_in_clause(ctx.text, phrase.start, phrase.end, ctx.lang) else []
    start = period or (dates[0] if dates else None)
    if start is not None:
        obs.add("schema:startDate", start.value, evidence)
    return obs


def _over_years(date: DateMention | None) -> bool:
    """A period of whole years ("2026年至2028年"): what is held over it recurs."""
    return bool(date and date.end_value and date.value.month is None and date.end_value.year > date.value.year)


def _series_class(series: Ref, lexicon: Lexicon) -> str:
    """The class the known names of a series give its meetings ("峰会": the heads-of-state meetings are summits)."""
    for zh_names, en_names in lexicon.series_aliases:
        if name_key(zh_names[0], "zh") == series.key:
            classes = [lexicon.meeting_class(n, "zh") for n in zh_names] + [lexicon.meeting_class(n, "en") for n in en_names]
            return next((c for c in classes if c and c != GENERIC_MEETING), GENERIC_MEETING)
    return GENERIC_MEETING


def _inside_title(text: str, index: int) -> bool:
    return any(t.start < index < t.end for t in bracketed_titles(text))


def _dated_occurrences(
    ctx: SentenceContext, name: MeetingName, previous_end: int, later: tuple[int, ...]
) -> list[tuple[DateMention | None, str | None]]:
    """(date, place) pairs: from a parenthesis after the name, "于<date>" after it, else dates
    before it in the sentence (in English, also after it up to the next meeting's name)."""
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
    held_on = _ZH_HELD_ON.match(text, closing) if ctx.lang == "zh" else None
    if held_on:  # "第六次部长会于2025年7月在天津举行"
        after = [d for d in find_dates(text) if d.start == held_on.end()]
        if after:
            return [(after[0], None)]
    before = [d for d in find_dates(text[:closing]) if previous_end <= d.start and _same_clause_or_opening(text, d, name.phrase.start)]
    if not before and ctx.lang == "en":  # "… was held in May 2024": up to the next meeting's name
        stop = min((start for start in later if start > closing), default=len(text))
        before = [d for d in find_dates(text) if previous_end <= d.start < stop and not (name.phrase.start <= d.start < closing)]
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


def _is_known_body(ctx: SentenceContext, start: int, end: int) -> bool:
    """The whole name is a known body's name ("联合国大会" when the body list has it)."""
    return any(n.kind == "body" and n.start == start and n.end == end for n in ctx.names)


# ---------------------------------------------------------------------------------- Chinese

_ZH_BOUNDARY = re.compile(
    r"[，。、；：,;:《》]|在[\u4e00-\u9fff]{1,8}?(?:举行|召开|举办)的|举行的|召开的|举办的|注意到|关于|支持|期间|以及|包括|落实|实施|呼吁|设立|建立|成立|"
    r"出席|列席|主持|参加|主办|召开|举行|举办|用好|办好|商定|欢迎|祝贺|其中|作为|和|与|及|并|的|了|在|于|为|是|将|由|向|对"
)
_ZH_CONJUNCTIONS = ("和", "与", "及", "以及")
_ZH_NOT_MEETINGS = ("社会", "商会", "学会", "协会", "展会", "工会", "委员会", "理事会", "联合会", "机会")


def _zh_pieces(text: str, head_pattern: re.Pattern[str], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Stretches between punctuation and boundary words, ignoring boundaries inside “quotes”.

    A conjunction stays inside a name when it joins words before the name's head
    ("港口和物流中心负责人会议") or a generic second head to a named first one ("青年论坛及部长级会议").
    """
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”|\"[^\"]*\"", text)]
    cuts = [m for m in _ZH_BOUNDARY.finditer(text) if not any(s < m.start() < e for s, e in quoted)]
    pieces, start = [], 0
    for index, cut in enumerate(cuts):
        following = cuts[index + 1].start() if index + 1 < len(cuts) else len(text)
        if cut.group(0) in _ZH_CONJUNCTIONS and _joins(text[start : cut.start()], text[cut.end() : following], head_pattern, lexicon):
            continue
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if b > a]


def _joins(before: str, after: str, head_pattern: re.Pattern[str], lexicon: Lexicon) -> bool:
    head_after = _last_head_end(after, head_pattern)
    if head_after is None or not head_pattern.sub("", after[:head_after]):
        return False  # "代表与会": a verb, not a name's second part
    if _last_head_end(before, head_pattern) is None:
        return bool(_ZH_NAME_PREFIX.search(before))
    second = after[:head_after]
    return "“" not in second and is_generic(second, "zh", meeting_heads(lexicon, "zh"))


def _zh_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    heads = meeting_heads(lexicon, "zh")
    head_pattern = re.compile("|".join(map(re.escape, heads)))
    text = ctx.text
    dates = find_dates(text)
    result: list[MeetingName] = []
    for piece_start, piece_end in _zh_pieces(text, head_pattern, lexicon):
        end = _last_head_end(text[piece_start:piece_end], head_pattern)
        if end is None:
            continue
        start, end = piece_start, piece_start + end
        for date in dates:  # a date written right before the name is not part of it
            if start <= date.start < end and text[start : date.start].strip() == "":
                start = date.end
        raw = text[start:end].strip()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        cleaned = without_short_forms(raw)
        if raw.endswith(cleaned):
            start += len(raw) - len(cleaned)
        title = next((t for t in bracketed_titles(text) if t.end == start), None)
        if title is not None:  # "《联合国气候变化框架公约》第二十七次缔约方大会": the title is part of the name
            start, cleaned = title.start, text[title.start : start] + cleaned
        name = _zh_name(ctx, lexicon, Phrase(start, end, cleaned))
        if name is not None:
            result.append(name)
    return result


def _zh_name(ctx: SentenceContext, lexicon: Lexicon, phrase: Phrase) -> MeetingName | None:
    """Read one candidate: trim what stands before an ordinal, note a count of editions, find the series."""
    if phrase.text[:1] in "“\"" and not re.search(r"[”\"]", phrase.text[1:]):
        phrase = Phrase(phrase.start + 1, phrase.end, phrase.text[1:])  # the quote closes after the head
    bullet = _ZH_BULLET.match(phrase.text)
    if bullet:
        phrase = Phrase(phrase.start + bullet.end(), phrase.end, phrase.text[bullet.end() :])
    ordinals = [o for o in find_ordinals(phrase.text) if phrase.text[o.start : o.end].startswith(("第", "首"))]
    if ordinals and ordinals[0].start > 0 and not _ZH_NAME_PREFIX.search(phrase.text[: ordinals[0].start]):
        cut = ordinals[0].start  # "并商定第三次…", "其中第六次部长会": the name begins at its ordinal
        phrase = Phrase(phrase.start + cut, phrase.end, phrase.text[cut:])
        ordinals = [o for o in find_ordinals(phrase.text) if phrase.text[o.start : o.end].startswith(("第", "首"))]
    count = _ZH_COUNT.match(phrase.text) if not ordinals else None
    if count:
        phrase = Phrase(phrase.start + count.end(), phrase.end, phrase.text[count.end() :])
    text = phrase.text
    if len(text) < MIN_ZH_NAME and not (ordinals or count) or not _ZH_ANCHOR.search(text) or text.endswith(_ZH_NOT_MEETINGS):
        return None
    if _is_known_body(ctx, phrase.start, phrase.end):
        return None
    ordinal = ordinals[0] if ordinals else None
    own, joint = text.split(_ZH_JOINT, 1) if _ZH_JOINT in text else (text, None)
    sco_class = _zh_class(own, lexicon)
    series, series_phrase = _ZH_ORDINAL.sub("", joint or text), None
    if ordinal is not None and ordinal.start == 0 and joint is None:
        series_phrase = Phrase(phrase.start + ordinal.end, phrase.end, text[ordinal.end :])
    edition_of = re.match(rf"(.+?)(?:{_ZH_EDITION_OF})$", text)
    if edition_of and joint is None and ordinal is None and lexicon.meeting_class(edition_of.group(1), "zh") not in (None, GENERIC_MEETING):
        series = edition_of.group(1)
        series_phrase = Phrase(phrase.start, phrase.start + len(series), series)
    series = _strip_place_names(ctx, series, phrase.start, phrase.end)
    return MeetingName(phrase, sco_class, ordinal, series, series_phrase, count=bool(count))


def _zh_class(name: str, lexicon: Lexicon) -> str:
    """The class the name's head gives; for a generic head (会议) the last specific head inside
    the name ("伊塞克湖论坛周年会议": a forum; "元首理事会（峰会）纪念会议": a summit)."""
    sco_class = lexicon.meeting_class(name, "zh") or GENERIC_MEETING
    if sco_class != GENERIC_MEETING:
        return sco_class
    found: list[tuple[int, str]] = []
    for kind in lexicon.meeting_kinds:
        if kind.sco_class != GENERIC_MEETING:
            found += [(m.start(), kind.sco_class) for word in kind.zh for m in re.finditer(re.escape(word), name)]
    return max(found)[1] if found else GENERIC_MEETING


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


# ---------------------------------------------------------------------------------- English


def _en_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    result = []
    for phrase in _en_phrases(ctx.text, lexicon):
        text = phrase.text
        sco_class = lexicon.meeting_class(text, "en")
        if not sco_class or len(text.split()) < 2 or _is_known_body(ctx, phrase.start, phrase.end):
            continue
        occurrence_of = None  # "session of the <Conference>": the series is the named event
        head = _en_lower_case_head(ctx.text, phrase.start, lexicon)
        if head is not None:
            start, head_class = head
            if head_class == GENERIC_MEETING:
                occurrence_of = phrase
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
            lead = _leading_words(text, lexicon)
            phrase = Phrase(phrase.start + lead, phrase.end, text[lead:])
            text = phrase.text
        series_phrase = occurrence_of
        if ordinal and not occurrence_of and ordinal.start == 0:
            rest = text[ordinal.end :]
            offset = ordinal.end + len(rest) - len(rest.lstrip())
            series_phrase = Phrase(phrase.start + offset, phrase.end, text[offset:])
        series = series_phrase.text if series_phrase else text
        series = re.sub(r"^(?:the|The)\s+", "", series)
        series = re.sub(r"\bMeetings\b", "Meeting", series)
        result.append(MeetingName(phrase, sco_class, ordinal, series, series_phrase))
    return result


def _leading_words(text: str, lexicon: Lexicon) -> int:
    """Where a name begins after leading prepositions, articles and participles ("Supporting the
    Meeting of …"): each such word goes while a meeting name remains."""
    offset = 0
    while (word := _EN_LEADING_WORD.match(text, offset)) and lexicon.meeting_class(text[word.end() :], "en"):
        offset = word.end()
    return offset


def _en_phrases(text: str, lexicon: Lexicon) -> list[Phrase]:
    """Title-case phrases, a coordination of two meeting names split in two
    ("the Meeting of the Heads of … Agencies and Expert Meetings")."""
    result = []
    for phrase in title_case_phrases(text):
        for match in reversed(list(re.finditer(r"\s+and\s+", phrase.text))):
            first, second = phrase.text[: match.start()], phrase.text[match.end() :]
            if lexicon.meeting_class(first, "en") and lexicon.meeting_class(second, "en"):
                result.append(Phrase(phrase.start, phrase.start + match.start(), first))
                result.append(Phrase(phrase.start + match.end(), phrase.end, second))
                break
        else:
            result.append(phrase)
    return result


def _en_lower_case_head(text: str, start: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """A lower-case meeting head before a meeting's name: "the 1st preparatory meeting of experts for the <Name>".

    The head names the meeting ("of/for/on the <Name>" only says what it serves), so the name
    starts at the head, or at an ordinal right before it; returns that start and the head's
    class. A specific head gives the meeting its class; after a generic one ("session of the
    <Conference>", "meeting of the <Forum>") the meeting is an occurrence of the named event
    and keeps that event's class.
    """
    heads = [w for w in meeting_heads(lexicon, "en") if w == w.lower()]
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
