"""Meetings and their series: each meeting name read as one edition per dated occurrence, with
ordinal, dates, place, online mode and series; names that speak of the recurring series itself,
or write its name within an edition's, become series mentions."""
from __future__ import annotations

import re

from .context import SentenceContext
from .editions import is_dated, series_key
from .lexicon import Lexicon
from .meeting_names import DATELINE, GENERIC_MEETING, MeetingName, find_meeting_names, held_occurrence, meeting_heads
from .model import Observation, Ref
from .normalize import name_key
from .phrases import Phrase, bracketed_titles, parenthetical_after
from .recurrence import founded_in_clause, is_generic, speaks_of_series
from .resolve import SERIES_LABEL, SERIES_REFERENCE_LABEL
from .temporal import DateMention, find_dates

_ZH_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:成功)?(?:举行|召开|举办)")
_EN_VENUE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][\w\-]+\s?){1,3})")
_ZH_HELD_ON = re.compile(r"\s*(?:将|已)?于\s*")
_ZH_HOLD_VERB = re.compile(r"(?:举行|举办|召开)$")
_ZH_PROPOSAL = re.compile(r"的(?:倡议|提议|建议)")
_ZH_EN_CONJUNCTION = re.compile(r"\s*(?:以及|和|及|与|and|and the)\s*")
SERIES_CLASS = "MeetingSeries"


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
    """Every meeting named in the sentence, one observation per dated occurrence, and every
    mention of a recurring series."""
    names = find_meeting_names(ctx, lexicon)
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
    """The editions a name names and the series it mentions; a bare name that the sentence calls
    recurring, or holds over years, names the series alone; a bare generic name names nothing,
    unless cited with its own date ("电影节(2025年7月6日,重庆)")."""
    series = series_ref(name.series, ctx.lang, lexicon)
    bare = name.ordinals is None and name.series_phrase is None
    if bare and _signs_for_current_meeting(ctx, name, series):
        return [ctx.observe(ctx.current_meeting, name.sco_class, name.phrase.start, name.phrase.end, name=name.phrase.text)]
    if bare and (name.count or _names_the_series(ctx, lexicon, name, later)):
        return [_observe_series(ctx, lexicon, series, name.phrase.text, name.phrase)]
    if bare and _is_generic(name.phrase.text, ctx.lang, series, lexicon) and not held_occurrence(ctx, name.phrase):
        return []
    occurrences = _dated_occurrences(ctx, name, previous_end, later)
    if bare and len(occurrences) == 1 and _over_years(occurrences[0][0]):
        return [_observe_series(ctx, lexicon, series, name.phrase.text, name.phrase, occurrences[0][0])]
    editions = _observe_editions(ctx, lexicon, name, series, occurrences)
    mention = _series_mention(ctx, lexicon, name, series, len(editions))
    return editions + ([mention] if mention else [])


def _observe_editions(
    ctx: SentenceContext, lexicon: Lexicon, name: MeetingName, series: Ref, occurrences: list[tuple[DateMention | None, str | None]]
) -> list[Observation]:
    """One meeting per ordinal of a range, else per dated occurrence, else one undated meeting."""
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
    return result


def _signs_for_current_meeting(ctx: SentenceContext, name: MeetingName, series: Ref) -> bool:
    """A line holding nothing but a bare name of the series of the document's meeting (the
    signature "上海合作组织国家X论坛" under an initiative the forum issued) names that meeting."""
    current = ctx.current_meeting
    rest = ctx.text[: name.phrase.start] + ctx.text[name.phrase.end :]
    return current is not None and not rest.strip() and series_key(current) == series.key


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
    elif name.series_phrase and (ordinal is None or ((ordinal.end_value or ordinal.value) >= 2 and not _cited_edition(ctx, name))):
        phrase = name.series_phrase
    else:
        return None
    if _inside_title(ctx.text, phrase.start) or _unnumbered_current(ctx, series):
        return None
    if is_generic(name.series, ctx.lang, meeting_heads(lexicon, ctx.lang)):
        return None
    return _observe_series(ctx, lexicon, series, name.series, phrase)


def _unnumbered_current(ctx: SentenceContext, series: Ref) -> bool:
    """The document's meeting is an edition of the series named without a number (the forum that
    issued an initiative, then "第二届<X>论坛" for the next one): the text uses the series's name
    for that one meeting, not for the series."""
    current = ctx.current_meeting
    return current is not None and "#" not in current.key and series_key(current) == series.key and is_dated(current)


def _cited_edition(ctx: SentenceContext, name: MeetingName) -> bool:
    """The name cites one edition by its own date in a parenthesis ("第三届X论坛(2026年9月22日,青岛)",
    "the 3rd X (May 2026, Dushanbe)"): a reference to that meeting, not a mention of its series."""
    parenthesis = parenthetical_after(ctx.text, name.phrase.end)
    return parenthesis is not None and bool(ctx.dates(parenthesis.text))


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
    parenthesis = parenthetical_after(text, closing) or _proposal_parenthesis(ctx, name)
    if parenthesis:
        result = []
        for part in re.split(r"[;；]", parenthesis.text):
            dates = ctx.dates(part)
            offset = parenthesis.start + parenthesis.text.index(part)
            places = ctx.names_of("place", offset, offset + len(part))
            if dates:
                result.append((dates[0], places[0].key if places else None))
        if result:
            return result
    held_on = _ZH_HELD_ON.match(text, closing) if ctx.lang == "zh" else None
    if held_on:  # "第六次部长会于2025年7月在天津举行"
        after = [d for d in ctx.dates(text) if d.start == held_on.end()]
        if after:
            return [(after[0], None)]
    before = _dates_before(ctx, name, previous_end)
    if not before and ctx.lang == "en":  # "… was held in May 2024": up to the next meeting's name
        stop = min((start for start in later if start > closing), default=len(text))
        before = [
            d for d in ctx.dates(text)
            if previous_end <= d.start < stop
            and not (name.phrase.start <= d.start < closing)
            and not _qualifies_another(text, d, name.phrase.start)
        ]
    if not before and ctx.heading_dates:
        before = ctx.heading_dates[:1]
    return [(d, None) for d in before]


def _proposal_parenthesis(ctx: SentenceContext, name: MeetingName) -> Phrase | None:
    """The parenthesis after a proposal to hold the meeting ("关于举行X的倡议(2026年3月17日至22日,
    杜尚别)"): the date and place proposed for it."""
    if ctx.lang != "zh" or not _ZH_HOLD_VERB.search(ctx.text, 0, name.phrase.start):
        return None
    proposal = _ZH_PROPOSAL.match(ctx.text, name.phrase.end)
    return parenthetical_after(ctx.text, proposal.end()) if proposal else None


def _dates_before(ctx: SentenceContext, name: MeetingName, previous_end: int) -> list[DateMention]:
    """The dates before the name that qualify it: those of its own clause, else the date that
    opens the sentence; the date of a bulletin item's dateline ("【哈通社/2月2日】") only when
    the sentence proper gives none."""
    text = ctx.text
    dateline = DATELINE.match(text)
    opening = dateline.end() if dateline else 0
    before = [
        d for d in ctx.dates(text[: name.phrase.end]) if previous_end <= d.start and not _qualifies_another(text, d, name.phrase.start)
    ]
    own_clause = [d for d in before if _same_clause(text, d, name.phrase.start)]
    opens = [d for d in before if d.start >= opening and not text[opening : d.start].strip(" —-“\"【")]
    proper = [d for d in own_clause if d.start >= opening] or opens
    return proper or own_clause[:1]


def _qualifies_another(text: str, date: DateMention, name_start: int) -> bool:
    """The date stands in a parenthesis closed before the name ("《…计划(2029-2031年)》并签署《…》",
    "the Plan (2029-2031) and the … Meeting"), or in a title the name is not part of: it dates
    what stands before it, not the meeting."""
    opened = re.search(r"[（(][^（）()]*$", text[: date.start])
    if date.end <= name_start and opened and re.match(r"[^（）()]*[）)]", text[date.end : name_start]):
        return True
    return any(t.start < date.start < t.end and not t.start < name_start < t.end for t in bracketed_titles(text))


def _same_clause(text: str, date: DateMention, name_start: int) -> bool:
    """The date stands in the name's clause (or within the name)."""
    return date.start >= name_start or not re.search(r"[，,。；;]", text[date.end : name_start])


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
