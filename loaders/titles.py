"""Document titles: 《…》 in Chinese, quoted or title-case phrases in English, with date and place."""
from __future__ import annotations

import re
from functools import lru_cache

from .context import SentenceContext
from .lexicon import KindWords, Lexicon
from .model import Observation, Ref
from .names import NameMatch
from .normalize import name_key
from .phrases import Phrase, bracketed_titles, inner_titles, parenthetical_after, title_case_phrases, zh_name_start
from .temporal import DateValue, find_dates

_EN_QUOTED = re.compile(r"[\"“]([^\"“”]{6,300})[\"”]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# The organisation owning a year-marked title, written right before its year ("联合国2030年…议程",
# "上合组织2026年预算", "the United Nations 2030 Agenda …"): part of the title.
_ZH_TITLE_OWNER = re.compile(r"(?:上海合作组织|上合组织|联合国)$")
_EN_TITLE_OWNER = re.compile(r"\b(United Nations|SCO)\s+$")
# A title is the same document with or without the name of an owner outside the SCO before its
# year ("联合国2030年…议程" is "2030年…议程"): such a title is named and keyed by the rest, the
# owner's form being its other name.
_OUTSIDE_OWNER = re.compile(r"^(?:联合国|United Nations\s+)(?=\d{4})")
_EN_LEADING_YEAR = re.compile(r"(?:\bthe|[A-Z][a-z]+)\s+((?:19|20)\d{2})\s+$")
MIN_EN_TITLE_WORDS = 3
INITIATIVE_TEXT = "InitiativeText"
GENERIC_DOCUMENT = "Document"
MIN_ZH_HEADING = 8
# Chinese titles outside 《》: a quoted title ("“昆明—蒙特利尔全球生物多样性框架”"), a quoted name
# before the head of a resolution ("“…的作用”的决议"), a quoted slogan before 倡议 (an initiative's
# text, "“共建…,共促…”倡议", "“清洁空气、低碳城市”西安倡议").
_ZH_QUOTED = re.compile(r"“([^“”]{4,80})”")
_ZH_QUOTED_RESOLUTION = re.compile(r"“([^“”]{4,80})”的?(决议|决定)")
_ZH_SLOGAN_INITIATIVE = re.compile(r"“([^“”]{2,80}[，,、][^“”]{2,80})”[\u4e00-\u9fff\s]{0,12}?倡\s*议")
# A title outside 《》 marked by its year ("2030年可持续发展议程", "上合组织2026年预算",
# "2050年前低碳排放发展战略"): a year (or span of years) not followed by a month, then a name
# without clause punctuation or a verb of the sentence, up to its head word.
_ZH_YEAR_TITLE = r"(?<![\d《“])\d{{4}}\s*(?:[-—–至]\s*\d{{4}}\s*)?年\s*(?:前)?(?![\d０-９\s])(?:(?!{verbs})[^，。；：“”《》（）()\s\d]){{0,25}}?(?:{heads})(?!{verbs})"
_ZH_SENTENCE_VERBS = "举行|举办|召开|开展|进行|担任|通过|批准|签署|发布|发表|落实|实施|制定|启动|将|在|于|为|是|由|以"
# Between a date and the title it dates: an optional 底/初 and comma, who acted (no clause
# punctuation, no other title), a verb of adopting or issuing, and who issued it ("2020年底，
# 俄罗斯发布了《", "2024年7月4日元首理事会以决议形式批准的上合组织成员国外长理事会《"), the
# act done by a second verb ("2月2日，总统签署总统令，批准《").
_ZH_ISSUING = "通过|批准|签署|发布|公布|修订|颁布|印发|出台"
_ZH_NO_CLAUSE = r"[^，,。；;：:《》“”〈〉()（）]"
_ZH_ISSUED_GAP = re.compile(
    rf"^(?!前|以前|之前|以来|起|后)[底初末]?[，,]?(?:(?!落实|实施|执行|推进|支持){_ZH_NO_CLAUSE}){{0,50}}?"
    rf"(?:{_ZH_ISSUING})了?的?(?:(?!{_ZH_ISSUING}|落实|实施|执行|推进|支持){_ZH_NO_CLAUSE}){{0,20}}?"
    rf"(?:[，,](?:{_ZH_ISSUING})了?的?)?新?$"
)
_ZH_ON_DATE_AFTER = re.compile(r"[》”]?\s*(?:已|已经)?于\s*")  # "《…》于2031年签署"
_ZH_SIGNED_AFTER_PLACE = re.compile(r"\s*(?:正式|共同)?(?:签署|签订)了?\s*")  # "在<place>签署《…》"
# A title naming a part of a document ("《…》章节", "新单元《…》") is no document.
_ZH_PART_AFTER = re.compile(r"^\s*(?:章节|章|节|单元|栏目)")
_ZH_PART_BEFORE = re.compile(r"(?:章节|单元|栏目)\s*$")
# "《X实施路线图》": the roadmap implements the document X.
_ZH_IMPLEMENTING = re.compile(r"^(.{4,}?)(?:实施|落实)(?:路线图|行动计划|措施计划|计划|方案)$")
# "《X》（以下简称《Y》）": a title the text abbreviates names a document whatever its head.
_ZH_SHORT_TITLE = re.compile(r"\s*[（(](?:以下)?简称《([^《》]{2,30})》[）)]")
# A scheme carrying out an undertaking, written outside 《》 ("深化完善…使者计划实施方案"): a plan;
# verbs of drafting before it are not part of its name.
_ZH_SCHEME = re.compile(r"([\u4e00-\u9fff“”]{2,24}?(?:计划|项目|工程))(?:实施|落实|行动)方案")
_ZH_DRAFTING = re.compile(r"深化|完善|制定|编制|修订|出台|印发|研究|起草")
_TRAILING_PARENTHESIS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def document_ref(title: str, lang: str) -> Ref:
    return Ref("document", name_key(title, lang))


def find_documents(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Every document title in the sentence, with its kind, date, place and the titles it implements."""
    phrases = _zh_titles(ctx.text, lexicon, ctx.names_of("state")) if ctx.lang == "zh" else _en_titles(ctx.text, lexicon)
    observations: list[Observation] = []
    nested: list[Observation] = []
    for phrase, head in phrases:
        title = re.sub(r"\s+", "", phrase.text) if ctx.lang == "zh" else phrase.text.strip()
        sco_class = lexicon.document_class(head or _TRAILING_PARENTHESIS.sub("", title), ctx.lang)
        short = _ZH_SHORT_TITLE.match(ctx.text, phrase.end) if ctx.lang == "zh" else None
        if not sco_class and short is None:
            continue
        bare = _OUTSIDE_OWNER.sub("", title)
        obs = ctx.observe(document_ref(bare, ctx.lang), sco_class or GENERIC_DOCUMENT, phrase.start, phrase.end, name=bare)
        if bare != title:
            obs.names.append((title, ctx.lang))
        if short is not None:
            obs.names.append((short.group(1), ctx.lang))
        _add_date_and_place(ctx, obs, phrase)
        for inner in _inner_titles(title, lexicon) if ctx.lang == "zh" else ():
            inner_class = lexicon.document_class(inner, ctx.lang)
            inner_obs = ctx.observe(document_ref(inner, ctx.lang), inner_class, phrase.start, phrase.end, name=inner)
            inner_obs.nested = True
            nested.append(inner_obs)
            if sco_class != "Report":  # "关于落实〈X〉…的报告" reports on X; it does not put X into effect
                obs.add("sco:implements", inner_obs.ref, ctx.evidence())
        observations.append(obs)
    if ctx.lang == "zh":
        observations.extend(_schemes(ctx, lexicon))
    return observations + nested


def _schemes(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Schemes implementing an undertaking outside any 《》 title ("完善绿色丝路使者计划实施方案")."""
    text = ctx.text
    titles = bracketed_titles(text)
    found = []
    for match in _ZH_SCHEME.finditer(text):
        start = zh_name_start(text, match.start(1), match.end(1))
        drafting = [m.end() for m in _ZH_DRAFTING.finditer(text, start, match.end(1))]
        start = max(drafting, default=start)
        if any(t.start <= start < t.end for t in titles) or match.end(1) - start < 4:
            continue
        title = text[start : match.end()]
        found.append(ctx.observe(document_ref(title, "zh"), lexicon.document_class(title, "zh") or GENERIC_DOCUMENT, start, match.end()))
    return found


def _zh_titles(text: str, lexicon: Lexicon, owners: list[NameMatch]) -> list[tuple[Phrase, str | None]]:
    """Titles in 《》 (but not the parts of a document they may name) and quoted titles, each with
    the head word that classifies it when the head stands outside the title. A quoted name whose
    head also names an undertaking ("“全球雪豹及其生态系统保护计划”", "“国家智慧绿色项目倡议”") is
    the undertaking's name, not a title."""
    found: list[tuple[Phrase, str | None]] = []
    for title in bracketed_titles(text):
        if not (_ZH_PART_AFTER.match(text[title.end :]) or _ZH_PART_BEFORE.search(text[: title.start])):
            found.append((title, None))
    taken = [(t.start, t.end) for t, _ in found]
    for match in _ZH_SLOGAN_INITIATIVE.finditer(text):
        found.append((Phrase(match.start(), match.end(), match.group(0)), "倡议"))
    heading = _heading_title(text, lexicon)
    if heading is not None and not found:
        found.append((heading, None))
    for start, end in _year_titles(text, lexicon, owners):
        if not any(s <= start < e for s, e in taken) and not any(p.start <= start < p.end for p, _ in found):
            found.append((Phrase(start, end, text[start:end]), None))
    for pattern in (_ZH_QUOTED_RESOLUTION, _ZH_QUOTED):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in taken) or any(p.start <= match.start() < p.end for p, _ in found):
                continue
            head = match.group(2) if pattern is _ZH_QUOTED_RESOLUTION else None
            if head is None and (lexicon.initiative_class(match.group(1), "zh") or lexicon.document_class(match.group(1), "zh") == INITIATIVE_TEXT):
                continue
            found.append((Phrase(match.start(1), match.end(1), match.group(1)), head))
    return sorted(found, key=lambda item: item[0].start)


def _heading_title(text: str, lexicon: Lexicon) -> Phrase | None:
    """A heading line that is a title: no clause punctuation, no verb of a sentence, a document's
    head word at its end (before a date in parentheses), as the line heading a communiqué
    ("上海合作组织成员国政府首脑(总理)理事会第二十四次会议联合公报(2025-11-19)")."""
    title = text.strip()
    dated = _TRAILING_PARENTHESIS.search(title)
    if dated and any(d.value.month for d in find_dates(dated.group(0))):  # "(2025-11-19)": its date, not its name
        title = title[: dated.start()]
    if len(title) < MIN_ZH_HEADING or re.search(rf"[，。；：,;:!?！？“”《》]|{_ZH_SENTENCE_VERBS}", title):
        return None
    if not lexicon.document_class(_TRAILING_PARENTHESIS.sub("", title), "zh"):
        return None
    start = text.index(title)
    return Phrase(start, start + len(title), title)


def _year_titles(text: str, lexicon: Lexicon, states: list[NameMatch]) -> list[tuple[int, int]]:
    """Year-marked titles outside 《》, with the owning organisation's or a state's name written
    right before the year ("上合组织2026年预算", "联合国2030年可持续发展议程", "俄罗斯联邦2050年前…战略");
    other words before the year are the sentence's ("…有助于加快落实2030年…议程")."""
    found = []
    for match in _year_title(lexicon.document_kinds).finditer(text):
        owner = _ZH_TITLE_OWNER.search(text, 0, match.start())
        state = next((s for s in states if s.end == match.start()), None)
        start = owner.start() if owner else state.start if state else match.start()
        found.append((start, match.end()))
    return found


@lru_cache(maxsize=None)
def _year_title(kinds: tuple[KindWords, ...]) -> re.Pattern[str]:
    """A year-marked title ending with a Chinese head word of `kinds` (compiled once)."""
    heads = "|".join(sorted({re.escape(w) for kind in kinds for w in kind.zh}, key=len, reverse=True))
    return re.compile(_ZH_YEAR_TITLE.format(verbs=_ZH_SENTENCE_VERBS, heads=heads))


def _inner_titles(title: str, lexicon: Lexicon) -> list[str]:
    """Titles a title names: quoted in 〈〉, <> or 《》, or the document an implementing plan or
    roadmap is named after ("上合组织成员国人工智能领域合作发展规划实施路线图")."""
    found = [inner for inner in inner_titles(title) if lexicon.document_class(inner, "zh")]
    implementing = _ZH_IMPLEMENTING.match(title)
    if not found and implementing and lexicon.document_class(implementing.group(1), "zh"):
        found.append(implementing.group(1))
    return found


def _en_titles(text: str, lexicon: Lexicon) -> list[tuple[Phrase, str | None]]:
    quoted = [Phrase(m.start(1), m.end(1), m.group(1)) for m in _EN_QUOTED.finditer(text)]
    covered = [(p.start, p.end) for p in quoted]
    phrases = list(quoted)
    for phrase in title_case_phrases(text):
        if any(s <= phrase.start < e for s, e in covered) or len(phrase.text.split()) < MIN_EN_TITLE_WORDS:
            continue
        if lexicon.document_class(phrase.text, "en"):
            stripped = _LEADING_ARTICLE.sub("", phrase.text)
            start = phrase.start + len(phrase.text) - len(stripped)
            year = _EN_LEADING_YEAR.search(text, 0, start) if start == phrase.start else None
            start = year.start(1) if year else start  # "the 2030 Agenda for …": the year is part of the title
            owner = _EN_TITLE_OWNER.search(text, 0, start) if year else None
            start = owner.start(1) if owner else start  # "the United Nations 2030 Agenda …": so is its owner
            phrases.append(Phrase(start, phrase.end, text[start : phrase.end]))
            continue
        head = _en_head_before(lexicon.document_kinds).search(text[: phrase.start])
        if head:  # "the initiative to Co-Build Green Development Partnerships …": the head names it
            phrases.append(Phrase(head.start(), phrase.end, text[head.start() : phrase.end]))
    return [(phrase, None) for phrase in sorted(phrases, key=lambda p: p.start)]


@lru_cache(maxsize=None)
def _en_head_before(kinds: tuple[KindWords, ...]) -> re.Pattern[str]:
    """A one-word English head word of `kinds` and "to", "on" or "for" ending a text (compiled once)."""
    heads = "|".join(sorted({re.escape(w) for kind in kinds for w in kind.en if " " not in w}, key=len, reverse=True))
    return re.compile(rf"\b(?:{heads})\s+(?:to|on|for)\s+$")


def _add_date_and_place(ctx: SentenceContext, obs: Observation, phrase: Phrase) -> None:
    """Date and place from a parenthesis after the title, else the date of the clause issuing it,
    else a date heading above it."""
    closing = phrase.end
    if ctx.text[phrase.end : phrase.end + 1] in ("\"", "”"):
        closing = phrase.end + 1
    parenthesis = parenthetical_after(ctx.text, closing)
    dates = find_dates(parenthesis.text) if parenthesis else []
    issued = _issued_date(ctx, phrase) if ctx.lang == "zh" else None
    if dates:
        obs.add("dcterms:date", dates[0].value, ctx.evidence())
        for place in ctx.names_of("place", parenthesis.start, parenthesis.end):
            obs.add("sco:place", Ref("place", place.key), ctx.evidence())
    elif issued is not None:
        obs.add("dcterms:date", issued, ctx.evidence())
        signed_at = _signed_at(ctx, phrase)
        if signed_at is not None:
            obs.add("sco:place", Ref("place", signed_at), ctx.evidence())
    elif ctx.heading_dates and _is_whole_sentence(ctx, phrase):
        obs.add("dcterms:date", ctx.heading_dates[0].value, ctx.evidence())


def _issued_date(ctx: SentenceContext, phrase: Phrase) -> DateValue | None:
    """The date of a clause that says the title was adopted, signed or issued right before naming
    it ("2021年修订的《生态法典》", "2020年底，俄罗斯发布了《…》", "2024年7月4日元首理事会以决议形式
    批准的…理事会《…》", "2025年7月25日联合国大会通过“…”的决议")."""
    dates = [d for d in ctx.dates(ctx.text[: phrase.start]) if not d.is_range]
    if not dates:
        return _issued_after(ctx, phrase)
    gap = re.sub(r"\s+", "", ctx.text[dates[-1].end : phrase.start]).rstrip("《“")
    return dates[-1].value if _ZH_ISSUED_GAP.match(gap) else _issued_after(ctx, phrase)


def _issued_after(ctx: SentenceContext, phrase: Phrase) -> DateValue | None:
    """The date of a clause right after the title saying when it was signed or issued
    ("《…协定》于2031年签署")."""
    at = _ZH_ON_DATE_AFTER.match(ctx.text, phrase.end)
    date = next((d for d in ctx.dates(ctx.text) if at and d.start == at.end() and not d.is_range), None)
    if date is None or not re.match(rf"\s*(?:正式)?(?:{_ZH_ISSUING})", ctx.text[date.end :]):
        return None
    return date.value


def _signed_at(ctx: SentenceContext, phrase: Phrase) -> str | None:
    """The place where the dated clause says the title was signed ("2月8日，A与B在阿斯塔纳签署《…》")."""
    for place in ctx.names_of("place", 0, phrase.start):
        if ctx.text[: place.start].endswith("在") and _ZH_SIGNED_AFTER_PLACE.fullmatch(ctx.text, place.end, phrase.start):
            return place.key
    return None


def _is_whole_sentence(ctx: SentenceContext, phrase: Phrase) -> bool:
    """The title is the whole line (a timeline entry under a date line)."""
    rest = (ctx.text[: phrase.start] + ctx.text[phrase.end :]).strip(" 《》\"“”")
    return len(rest) <= 2
