"""Meeting names in a sentence: where each name begins and ends, its class, ordinal and the name
of its series, in Chinese (names ending in a head word) and English (title-case phrases)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .alternation import alternation
from .context import SentenceContext
from .lexicon import KindWords, Lexicon
from .ordinals import OrdinalMention, find_ordinals
from .phrases import Phrase, bracketed_titles, parenthetical_after, title_case_phrases, without_short_forms
from .recurrence import is_generic

_ZH_ANCHOR = re.compile(r"上海合作组织|上合组织|成员国|国家|国际|第.{1,4}[次届]|首届|峰会|论坛|研讨会|大会|高级别|部长|专家|培训班|研修班|大赛|吹风会|公开赛|运动会|艺术节|电影节")
# Where the text before an ordinal still belongs to the name ("上海合作组织成员国第一次环境部长会").
_ZH_NAME_PREFIX = re.compile(r"上海合作组织|上合组织|成员国|国家|联合国|组织|理事会|委员会")
_ZH_ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百0-9０-９]+[次届](?:至第[〇零一二三四五六七八九十百0-9０-９]+[次届])?|首届")
_ZH_COUNT = re.compile(r"^(?:[一二三四五六七八九十两]+|\d+)\s*[次届]")  # "三届X", "六次X": editions counted
_ZH_EDITION_OF = "周年会议|周年会|年度会议|年会"  # "X论坛周年会议": the annual meeting of the X
_ZH_JOINT = "暨"  # "A分论坛暨B研讨会": the A held together with a session of the B
_EN_LEADING_WORD = re.compile(r"(?:At|In|On|During|From|For|By|With|Since|The|A|An|the|a|an|[A-Z][a-z]+ing)\s+")
_EN_CUT_OFF = re.compile(r"\s+(?:on|of|for|in|and|the|of the|on the|for the)\s*")  # a name broken off where its sentence ends
_ZH_BULLET = re.compile(r"^[\-–—·•*\s]+")
_EN_TRAILING_HEAD = re.compile(r" meeting\b(?! of\b)")  # a title-case name, then a lower-case head
_ZH_DATED_ATTRIBUTE = re.compile(r"\s*(?:召开|举行|举办)的\s*")  # "2月2日召开的<name>"
_ZH_THEMED = re.compile(r"以“[^“”]{2,80}”为主题的$")
_ZH_HELD_VERB = re.compile(r"(?:召开|举行|举办)$")
_ZH_DATE_COMMA = re.compile(r"\s*[，,]")
# What stands before a name without being part of it: a verb of organising written right before
# the organisation that opens the name ("组织上合组织青年…大赛"), or a programme's quoted name
# the meeting is held under ("“…计划”上合组织国家…研修班").
_ZH_LEADING_VERB = re.compile(r"(?:组织|开展)(?=上海合作组织|上合组织|中国|国际|第|首届)")
_ZH_LEADING_PROGRAMME = re.compile(r"“[^“”]{2,20}(?:计划|项目|倡议|工程|行动|纲要)”(?=上海合作组织|上合组织|中国|国际|第|首届)")
DATELINE = re.compile(r"\s*【[^】]{1,40}】\s*")  # "【哈通社/2月2日】": a bulletin item's source and date
MIN_ZH_NAME = 4
GENERIC_MEETING = "Meeting"
EXPERT_MEETING = "ExpertMeeting"
_ZH_EXPERT_GROUP = re.compile(r"专家(?:工作)?组|专家委员会")
# Where a name cannot continue: punctuation, "held at" clauses, verbs and prepositions. A verb
# of relying on or preparing a meeting ("依托<X>机制", "为筹备<X>") is not part of its name; "筹备会"
# (a preparatory meeting) and "<X>会筹备专家会" (a meeting preparing <X>) are.
_ZH_BOUNDARY = re.compile(
    r"[，。、；：,;:《》]|在[\u4e00-\u9fff]{1,8}?(?:举行|召开|举办)的|举行的|召开的|举办的|注意到|关于|支持|期间|以及|包括|落实|实施|呼吁|设立|建立|成立|"
    r"出席|列席|主持|参加|主办|召开|举行|举办|用好|办好|商定|欢迎|祝贺|其中|作为|依托|依靠|借助|利用|通过|围绕|根据|按照|(?<![会议坛])(?:筹备|筹办)(?!会)|"
    r"和|与|及|并|的|了|在|于|为|是|将|由|向|对"
)
_ZH_CONJUNCTIONS = ("和", "与", "及", "以及")
_ZH_NOT_MEETINGS = ("社会", "商会", "学会", "协会", "展会", "工会", "委员会", "理事会", "联合会", "机会")


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


def meeting_heads(lexicon: Lexicon, lang: str) -> tuple[str, ...]:
    """Every meeting head word of a language, longest first."""
    return _heads(lexicon.meeting_kinds, lang)


@lru_cache(maxsize=None)
def _heads(kinds: tuple[KindWords, ...], lang: str) -> tuple[str, ...]:
    """`meeting_heads`, gathered once per list of kinds."""
    return tuple(sorted({w for kind in kinds for w in (kind.zh if lang == "zh" else kind.en)}, key=len, reverse=True))


def _is_known_body(ctx: SentenceContext, start: int, end: int) -> bool:
    """The whole name is a known body's name ("联合国大会" when the body list has it)."""
    return any(n.kind == "body" and n.start == start and n.end == end for n in ctx.names)


def _is_listed_mechanism(ctx: SentenceContext, lexicon: Lexicon, phrase: Phrase) -> bool:
    """A cooperation forum listed among cooperation mechanisms ("中非合作论坛、…等合作机制") is a
    standing body, which the body reader finds (lexicon.yaml `body_names`)."""
    words = lexicon.body_names
    if not phrase.text.endswith(words.mechanism_forums):
        return False
    rest = re.match(r"[^，。；]*", ctx.text[phrase.end :]).group(0)
    return any(word in rest for word in words.mechanism_lists)


def find_meeting_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    """Every meeting name of the sentence, in reading order."""
    return _zh_names(ctx, lexicon) if ctx.lang == "zh" else _en_names(ctx, lexicon)


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
    head_pattern = re.compile(alternation(heads))
    text = ctx.text
    dates = ctx.dates()
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
    leading = _ZH_LEADING_VERB.match(phrase.text) or _ZH_LEADING_PROGRAMME.match(phrase.text)
    if leading:
        phrase = Phrase(phrase.start + leading.end(), phrase.end, phrase.text[leading.end() :])
    ordinals = [o for o in find_ordinals(phrase.text) if phrase.text[o.start : o.end].startswith(("第", "首"))]
    if ordinals and ordinals[0].start > 0 and not _ZH_NAME_PREFIX.search(phrase.text[: ordinals[0].start]):
        cut = ordinals[0].start  # "并商定第三次…", "其中第六次部长会": the name begins at its ordinal
        phrase = Phrase(phrase.start + cut, phrase.end, phrase.text[cut:])
        ordinals = [o for o in find_ordinals(phrase.text) if phrase.text[o.start : o.end].startswith(("第", "首"))]
    count = _ZH_COUNT.match(phrase.text) if not ordinals else None
    if count:
        phrase = Phrase(phrase.start + count.end(), phrase.end, phrase.text[count.end() :])
    text = phrase.text
    held = held_occurrence(ctx, phrase)
    body_start = None if _ZH_ANCHOR.search(text) or held else _meeting_of_known_body(ctx, lexicon, phrase)
    if body_start is not None:  # "应以比什凯克元首理事会会议": the name begins at the place or the body
        phrase = Phrase(body_start, phrase.end, ctx.text[body_start : phrase.end])
        text = phrase.text
    anchored = _ZH_ANCHOR.search(text) or held or body_start is not None
    if len(text) < MIN_ZH_NAME and not (ordinals or count or held) or not anchored or text.endswith(_ZH_NOT_MEETINGS):
        return None
    if _is_known_body(ctx, phrase.start, phrase.end) or _is_listed_mechanism(ctx, lexicon, phrase):
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


def _meeting_of_known_body(ctx: SentenceContext, lexicon: Lexicon, phrase: Phrase) -> int | None:
    """Where the name of a meeting of a known body begins: the body's name followed by a meeting
    head, with the place written right before it ("明斯克元首理事会会议": a meeting of the
    heads-of-state council in Minsk); None when the phrase is no such name."""
    head = next((h for h in meeting_heads(lexicon, "zh") if phrase.text.endswith(h)), None)
    if head is None:
        return None
    head_start = phrase.end - len(head)
    body = next((n for n in ctx.names if n.kind == "body" and phrase.start <= n.start and n.end == head_start), None)
    if body is None:
        return None
    place = next((n for n in ctx.names_of("place", phrase.start, body.start) if n.end == body.start), None)
    return place.start if place else body.start


def held_occurrence(ctx: SentenceContext, phrase: Phrase) -> bool:
    """The name is cited as one meeting held: its date in a parenthesis ("上合组织艺术节(…)和电影节
    (2025年7月6日,重庆)"), a date held before it ("在2月2日召开的政府工作会议"), its theme ("以“…”为
    主题的工作组会议"), or, in a sentence that opens with a date, a verb of holding before it ("3月5日，
    部长主持召开部务会议") or someone acting at it ("3月5日，部长在部务会议上通报…"). Such a name needs
    no anchor word and may be short."""
    text = ctx.text
    parenthesis = parenthetical_after(text, phrase.end)
    if parenthesis is not None and ctx.dates(parenthesis.text):
        return True
    before = text[: phrase.start]
    dates = ctx.dates(before)
    if _ZH_THEMED.search(before) or any(_ZH_DATED_ATTRIBUTE.fullmatch(before, d.end) for d in dates):
        return True
    opening = DATELINE.match(text)
    first = opening.end() if opening else 0
    opens_dated = any(not text[first : d.start].strip() and _ZH_DATE_COMMA.match(text, d.end) for d in dates)
    spoken_at = before.endswith("在") and text.startswith("上", phrase.end)  # "3月5日，部长在部务会议上通报…"
    return opens_dated and (bool(_ZH_HELD_VERB.search(before)) or spoken_at)


def _zh_class(name: str, lexicon: Lexicon) -> str:
    """The class the name's head gives; for a generic head (会议) the last specific head inside
    the name ("伊塞克湖论坛周年会议": a forum; "元首理事会（峰会）纪念会议": a summit)."""
    sco_class = lexicon.meeting_class(name, "zh") or GENERIC_MEETING
    if sco_class != GENERIC_MEETING:
        return sco_class
    if _ZH_EXPERT_GROUP.search(name):  # "专家工作组第一次会议": a meeting of an experts' group
        return EXPERT_MEETING
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


def _en_names(ctx: SentenceContext, lexicon: Lexicon) -> list[MeetingName]:
    result = []
    for phrase in _en_phrases(ctx.text, lexicon):
        if _EN_CUT_OFF.fullmatch(ctx.text, phrase.end):
            continue  # "SCO Countries Forum on" ending a line: the name goes on in the next line
        trailing = _EN_TRAILING_HEAD.match(ctx.text, phrase.end)
        if trailing and not lexicon.meeting_class(phrase.text, "en") and len(phrase.text.split()) >= 2:
            phrase = Phrase(phrase.start, trailing.end(), ctx.text[phrase.start : trailing.end()])  # "the Special Working Group meeting"
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
