"""Initiatives: quoted names before a head word (or after a national kind word, or being built),
named platforms/bases/funds, programmes named by their special part or topic, works a delegation
visits, themed years; and when each began, where the sentence says so."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .phrases import bracketed_titles, parenthetical_after, title_case_phrases, zh_name_start
from .temporal import DateValue, find_dates

# “X”项目 / 国家“X”项目 / “X”倡议: a quoted name and its head; 国家 ("national") written right
# before the quote belongs to the name.
_ZH_QUOTED_WITH_HEAD = re.compile(r"(国家)?“([^“”]{2,30})”(国家项目|项目|工程|倡议|计划|纲要|国际行动十年|全国运动|运动)")
# 国家项目“X” / 国家计划“X”: a national undertaking's kind written before its quoted name.
_ZH_KIND_BEFORE_QUOTE = re.compile(r"国家(项目|计划|纲要)“([^“”]{2,30})”")
_ZH_THEMED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:(?:定|确定|设立|设|宣布)?为)?\s*((?:上海合作组织|上合组织)?“[^“”]{2,20}年”|(?:上海合作组织|上合组织)?“[^“”]{2,20}”年)")
_ZH_QUOTED_NAME = re.compile(r"“([^“”]{2,30}(国家项目|项目|倡议|计划|行动|运动))”")  # the head inside the quotes
# A quoted name whose building is undertaken ("参与“…技术区”建设"): a thing built, an initiative.
_ZH_QUOTED_BUILT = re.compile(r"“([^“”，,、。；]{4,30})”建设")
_ZH_QUOTED_YEAR = re.compile(r"“((?:上海合作组织|上合组织)?[^“”\d]{2,20}年)”")  # "“上合组织可持续发展年”框架内"
# An international day a text proclaims or quotes: "设立为国际游牧遗产日", "“国际零废物日”".
_ZH_DAY = re.compile(r"(?<=为)((?:国际|世界)[\u4e00-\u9fff]{2,10}?日)|“((?:国际|世界)[^“”]{2,10}日)”")
# A yearly day the organisation holds, quoted ("举办“上合组织…日”活动"): a themed day.
_ZH_SCO_DAY = re.compile(r"“((?:上海合作组织|上合组织)[^“”\d]{2,12}日)”")
_ZH_NAMED = re.compile(r"((?:中国\s*[-—–]\s*)?(?:上海合作组织|上合组织|“一带一路”)[\u4e00-\u9fff“”]{2,20}?(?:平台|基地|基金|网络|(?<!智)库|之都))")
_ZH_AIMED_AT = re.compile(r"形成\s*$")
_ZH_FUND = re.compile(r"([\u4e00-\u9fff]{2,24}基金)")
_ZH_FUND_WORDS = 10  # characters a fund's name holds before 基金 when no list conjunction bounds it
# A list joins its last item with one conjunction: in "经费和全球发展和南南合作基金" the first 和
# ends the list's other items and a later one lies inside the last item's name.
_ZH_LIST_JOIN = re.compile(r"以及|和|与|及")
# A works or project named as what a delegation visits ("参观三北防护林工程"): a named undertaking.
_ZH_VISITED = re.compile(r"(?:参观|考察|走访)了?([\u4e00-\u9fff]{2,12}?(?:工程|项目))(?=[，。；、\s]|$)")
# A programme named by its special part or topic ("绿色丝路使者计划上合组织专项": the SCO part of
# the programme; "…计划水环境专题": its water topic).
_ZH_PROGRAMME_OF_PART = re.compile(r"([\u4e00-\u9fff]{2,12}?计划)(?=(?:上海合作组织|上合组织)?专项|(?:(?!计划)[\u4e00-\u9fff]){2,6}?专题)")
# A political initiative ("“一带一路”倡议") is an initiative of no narrower kind.
_HEAD_CLASS = {
    "国家项目": "Project", "项目": "Project", "工程": "Project", "倡议": "Initiative", "计划": "CooperationProgramme",
    "纲要": "CooperationProgramme", "国际行动十年": "Initiative", "全国运动": "CooperationProgramme",
    "运动": "CooperationProgramme", "行动": "Initiative",
}
_SLOGAN = re.compile(r"[，,；;！!]")  # a quoted clause, not a name: "“共建…，共促…”倡议" is a text
# What stands between a date and the name of what was launched then ("2024年启动…平台建设",
# "自2017年启动“…”项目", "2024年5月，在和田建成…基地"), and between a name and the date
# after it ("“…”项目于2017年启动").
_ZH_LAUNCH = r"(?:正式)?(?:启动|发起|建成|设立|开通)了?"
_ZH_LAUNCHED_BEFORE = re.compile(rf"[，,]?\s*(?:在[\u4e00-\u9fff]{{1,8}}?)?{_ZH_LAUNCH}\s*“?")
# A period and what is carried out over it ("将于2028年至2030年依托<body>实施“X”"): X starts then.
_ZH_CARRIED_OUT_OVER = re.compile(r"\s*(?:(?:依托|借助|在|由)[^，,。；;“”]{1,40}?)?(?:组织)?实施\s*“?")
_ZH_DATELINE = re.compile(r"\s*【[^】]*】")  # "【新闻社/1月20日】": the report's date, not the event's
# A name and its launch ending the clause ("…宣布，“X”工程正式启动。"): launched on the sentence's date.
_ZH_LAUNCHED_HERE = re.compile(rf"[”\"]?(?:在([\u4e00-\u9fff]{{1,8}}?))?(?:建设)?{_ZH_LAUNCH}(?:建设)?(?=[，,。；;]|$)")
_ZH_LAUNCHED_AFTER = re.compile(r"(?:建设)?(?:由[^，。；“”]{1,20}?)?于$")
_ZH_LAUNCHED_VERB = re.compile(_ZH_LAUNCH)
# A day a decision proclaims ("…决议，将每年3月30日定为“国际零废物日”"): dated by the decision.
_ZH_PROCLAIMED = re.compile(r"(?:设立|确定|定|宣布)为\s*“?$")
_ZH_DECISION = re.compile(r"决议|决定")
# A line of transport or supply named by the states or places it links
# ("中国-吉尔吉斯斯坦-乌兹别克斯坦铁路"): a project.
_ZH_LINK_WORKS = re.compile(r"((?:[\u4e00-\u9fff]{2,10}[-—–]){1,4}[\u4e00-\u9fff]{2,10}?(?:铁路|公路|输气管道|输油管道|管道|输电线路))")
_ZH_LINK_SEPARATOR = re.compile(r"[-—–]")
# An undertaking the sentence before named, taken up again by its head word: "该运动由…于2021年10月
# 发起" (this campaign), "2014年启动平台建设" (the platform of the heading above).
_ZH_HEADS = "运动|项目|计划|倡议|平台|基地|工程"
_ZH_ANAPHOR_FIRST = re.compile(rf"(?:该|这一|此)({_ZH_HEADS})")
_ZH_BULLET = re.compile(r"[\-–—·•*\s]*")
_ZH_LAUNCHED_HEAD = re.compile(rf"{_ZH_LAUNCHED_BEFORE.pattern}({_ZH_HEADS})(?:建设)?(?=[，。；,]|$)")
_EN_YEAR = re.compile(r"\b((?:the\s+)?(?:SCO\s+)?Year of [A-Z][\w ]+?)(?: of ((?:19|20)\d{2}))?(?=[\"”,.;)]|\s+(?:and|of|as|in)\b|$)")
# A name placed by a trailing parenthesis ("…中心（深圳）") or naming the building of a thing
# ("…平台建设") is keyed as the thing itself.
_KEY_SUFFIX = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,8}[）)]|建设)$")


def initiative_ref(name: str, lang: str) -> Ref:
    """Initiatives resolve by their name without a trailing place or "建设" (the building of it)."""
    return Ref("initiative", name_key(_KEY_SUFFIX.sub("", name.strip()) or name, lang))


def programmes_of_parts(text: str) -> list[tuple[int, int]]:
    """[start, end) of each programme `text` names by a special part or topic of it
    ("实施绿色丝路使者计划水环境专题" → "绿色丝路使者计划")."""
    return [(zh_name_start(text, m.start(1), m.end(1)), m.end(1)) for m in _ZH_PROGRAMME_OF_PART.finditer(text)]


def find_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    return _zh_initiatives(ctx, lexicon) if ctx.lang == "zh" else _en_initiatives(ctx, lexicon)


def _zh_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    found: list[tuple[int, int, str, str, DateValue | None, str | None]] = []
    for match in _ZH_THEMED_YEAR.finditer(text):
        name = match.group(2).replace("“", "").replace("”", "")
        found.append((match.start(2), match.end(2), name, "ThemedYear", DateValue(int(match.group(1))), None))
    for match in _ZH_QUOTED_YEAR.finditer(text):
        if not _overlaps(found, match.start(1)):
            found.append((match.start(1), match.end(1), match.group(1), "ThemedYear", None, None))
    for match in _ZH_DAY.finditer(text):
        group = 1 if match.group(1) else 2
        found.append((match.start(group), match.end(group), match.group(group), "Initiative", None, None))
    for match in _ZH_SCO_DAY.finditer(text):
        if not _overlaps(found, match.start(1)):
            found.append((match.start(1), match.end(1), match.group(1), "ThemedYear", None, None))
    for match in _ZH_QUOTED_NAME.finditer(text):
        if not _inside_title(text, match.start()) and not _SLOGAN.search(match.group(1)):
            found.append((match.start(1), match.end(1), match.group(1), _HEAD_CLASS[match.group(2)], None, None))
    for match in _ZH_QUOTED_WITH_HEAD.finditer(text):
        core, head = match.group(2), match.group(3)
        if _inside_title(text, match.start()) or (head == "倡议" and _SLOGAN.search(core)):
            continue  # a title's short name, or the text of an initiative (a document)
        found.append((match.start(), match.end(), match.group(0), _HEAD_CLASS[head], None, core))
    for match in _ZH_KIND_BEFORE_QUOTE.finditer(text):
        core = match.group(2)
        if not _overlaps(found, match.start(2)) and not _inside_title(text, match.start()) and not _SLOGAN.search(core):
            found.append((match.start(), match.end(), match.group(0), _HEAD_CLASS[match.group(1)], None, core))
    for match in _ZH_QUOTED_BUILT.finditer(text):
        name = match.group(1)
        if not _overlaps(found, match.start(1)) and not _inside_title(text, match.start()) and not _SLOGAN.search(name):
            found.append((match.start(1), match.end(1), name, lexicon.initiative_class(name, "zh") or "Initiative", None, None))
    for match in _ZH_NAMED.finditer(text):
        after_body = _after_listed_body(ctx, match.start(1), match.end(1))
        if after_body is not None:  # "<body>和丝路基金": a body, then the named fund
            if not _overlaps(found, after_body) and not _inside_title(text, after_body):
                _add_named(ctx, lexicon, found, after_body, match.end(1))
            continue
        restart = _name_after_for(ctx, match.start(1), match.end(1))
        if restart is not None:  # "<body>为上合组织…平台建设": the body, then for the named platform
            if not _overlaps(found, restart) and not _inside_title(text, restart):
                _add_named(ctx, lexicon, found, restart, match.end(1))
            continue
        listed = text[match.end(1) : match.end(1) + 1] == "等"  # "A和B等": the name is the last item
        start = zh_name_start(text, match.start(1), match.end(1), conjunctions=listed)
        if _names_then_for(ctx, start, match.end(1)):
            continue  # "以<body>为平台", "<body>为平台建设…": a name, then 为 and a head word
        if _ZH_AIMED_AT.search(text, 0, start):
            continue  # "推动形成…合作网络": an aim to come about, not a set-up undertaking
        if (listed or start == match.start(1)) and not _overlaps(found, start) and not _inside_title(text, start):
            _add_named(ctx, lexicon, found, start, match.end(1))
    for match in _ZH_FUND.finditer(text):
        start = _fund_start(ctx, match.start(1), match.end(1) - 2)
        if not _overlaps(found, start) and not _inside_title(text, start) and _is_named_fund(ctx, start, match.end(1)):
            _add_named(ctx, lexicon, found, start, match.end(1))
    for match in _ZH_VISITED.finditer(text):
        if not _overlaps(found, match.start(1)):
            found.append((match.start(1), match.end(1), match.group(1), "Project", None, None))
    for match in _ZH_LINK_WORKS.finditer(text):
        start = _linked_places_start(ctx, match.start(1), match.end(1))
        if start is not None and not _overlaps(found, start):
            found.append((start, match.end(1), text[start : match.end(1)], "Project", None, None))
    for start, end in programmes_of_parts(text):
        if not _overlaps(found, start) and not _inside_title(text, start):
            found.append((start, end, text[start:end], "CooperationProgramme", None, None))
    observations = []
    for start, end, name, sco_class, year, core in sorted(found):
        obs = _observe(ctx, start, end, name, sco_class, year or _zh_start_date(ctx, start, end), core)
        place = _zh_launch_place(ctx, end) or (_zh_named_city(ctx, start, end) if sco_class == "Project" else None)
        if place is not None:
            obs.add("sco:place", place, ctx.evidence())
        observations.append(obs)
    anaphoric = _anaphoric_start(ctx)
    return observations + ([anaphoric] if anaphoric else [])


def _anaphoric_start(ctx: SentenceContext) -> Observation | None:
    """When an undertaking the sentence before named began, said of it by its head word alone at
    the start of the sentence: "该运动由总统于2021年10月发起", "2014年启动平台建设"."""
    text = ctx.text
    opening = _ZH_BULLET.match(text).end()
    first = _ZH_ANAPHOR_FIRST.match(text, opening)
    if first:
        after = next((d for d in ctx.dates(text) if d.start >= first.end()), None)
        if not (after and _ZH_LAUNCHED_AFTER.search(text, first.end(), after.start) and _ZH_LAUNCHED_VERB.match(text, after.end)):
            return None
        date, head, span = after.value, first.group(1), (first.start(), first.end())
    else:
        dates = ctx.dates(text)
        launched = _ZH_LAUNCHED_HEAD.match(text, dates[0].end) if dates and dates[0].start == opening else None
        if launched is None:
            return None
        date, head, span = dates[0].value, launched.group(1), launched.span(1)
    referent = next((o for o in reversed(ctx.previous) if o.ref.kind == "initiative" and o.names and head in o.names[0][0]), None)
    if referent is None:
        return None
    obs = Observation(referent.ref, referent.sco_class, primary=ctx.primary)
    obs.spans.append(ctx.span(*span))
    obs.add("schema:startDate", date, ctx.evidence())
    return obs


def _zh_launch_place(ctx: SentenceContext, end: int) -> Ref | None:
    """Where the initiative named before `end` is launched or built, when the clause says so
    right after its name ("…基地在<city>启动建设")."""
    launched = _ZH_LAUNCHED_HERE.match(ctx.text, end)
    if launched is None or launched.group(1) is None:
        return None
    place = next((n for n in ctx.names_of("place", launched.start(1), launched.end(1)) if n.start == launched.start(1)), None)
    return Ref("place", place.key) if place is not None and place.end == launched.end(1) else None


def _zh_named_city(ctx: SentenceContext, start: int, end: int) -> Ref | None:
    """The city a project's name opens with ("“<city>清洁空气”项目"): the project is set there."""
    opening = start + (ctx.text[start : start + 1] == "“")
    city = next((n for n in ctx.names_of("place", opening, end) if n.start == opening), None)
    return Ref("place", city.key) if city is not None else None


def _zh_start_date(ctx: SentenceContext, start: int, end: int) -> DateValue | None:
    """When the initiative at text[start:end] began: the date of the clause launching it
    ("2024年启动X建设", "X于2017年启动", "1月19日，…宣布，X正式启动", its one date outside a dateline),
    the first year of a period it is carried out over ("将于2028年至2030年依托…实施X"), the year in
    a parenthesis after a themed year ("“上合组织文化年”(2026年)"), or for a day a decision
    proclaims, the decision's date."""
    text = ctx.text
    parenthesis = parenthetical_after(text, end + (text[end : end + 1] == "”"))
    if parenthesis is not None:
        years = find_dates(parenthesis.text)
        if len(years) == 1 and years[0].value.precision == "year" and parenthesis.text.strip("()（） ") == years[0].text:
            return years[0].value
    before = ctx.dates(text[:start])
    if before and _ZH_LAUNCHED_BEFORE.fullmatch(text, before[-1].end, start):
        return before[-1].value
    if before and before[-1].is_range and _ZH_CARRIED_OUT_OVER.fullmatch(text, before[-1].end, start):
        return before[-1].value
    after = next((d for d in ctx.dates(text) if d.start >= end), None)
    if after and _ZH_LAUNCHED_AFTER.search(text, end, after.start) and _ZH_LAUNCHED_VERB.match(text, after.end):
        return after.value
    dateline = _ZH_DATELINE.match(text)
    reported = [d for d in before if not (dateline and d.start < dateline.end())]
    if len(reported) == 1 and after is None and _ZH_LAUNCHED_HERE.match(text, end):
        return reported[0].value
    explicit = find_dates(text[:start])  # "将9月22日设立为…日": a day of every year, not a date
    if explicit and _ZH_PROCLAIMED.search(text, 0, start) and _ZH_DECISION.search(text):
        return explicit[-1].value
    return None


def _linked_places_start(ctx: SentenceContext, start: int, end: int) -> int | None:
    """Where a line named by the places it links begins: at the first of the states or places
    its dash-joined parts name, every part naming one; None when a part names none."""
    places = [n for n in ctx.names if n.kind in ("state", "place") and start <= n.start and n.end <= end]
    dashes = [m.start() for m in _ZH_LINK_SEPARATOR.finditer(ctx.text, start, end)]
    bounds = [*dashes, end]
    parts = [[n for n in places if (dashes[i - 1] + 1 if i else start) <= n.start and n.end <= stop] for i, stop in enumerate(bounds)]
    if not all(parts):
        return None
    first = parts[0][0]
    return first.start if not ctx.text[first.end : bounds[0]].strip() else None


def _add_named(ctx: SentenceContext, lexicon: Lexicon, found: list, start: int, end: int) -> None:
    """A named platform, base or fund, unless the whole name is a known body's ("全球环境基金")."""
    if any(n.kind == "body" and n.start == start and n.end == end for n in ctx.names):
        return
    name = ctx.text[start:end]
    found.append((start, end, name, lexicon.initiative_class(name, "zh") or "Initiative", None, None))


def _fund_start(ctx: SentenceContext, start: int, head: int) -> int:
    """Where the name of the fund whose head 基金 is at `head` begins, read back to `start`: after
    the last particle or verb, then after the first list conjunction outside quotes and known
    names ("经费和全球发展和南南合作基金" → "全球发展和南南合作基金"); with none, within
    `_ZH_FUND_WORDS` characters of the head."""
    text = ctx.text
    cut = zh_name_start(text, start, head)
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”", text)]
    joins = [
        m.end() for m in _ZH_LIST_JOIN.finditer(text, cut, head)
        if not any(a < m.start() < b for a, b in quoted) and not any(n.start <= m.start() < n.end for n in ctx.names)
    ]
    return joins[0] if joins else max(cut, head - _ZH_FUND_WORDS)


def _after_listed_body(ctx: SentenceContext, start: int, end: int) -> int | None:
    """Where the second item begins when text[start:end] opens with a known body's name joined by a
    list conjunction to what follows ("<银行联合体>和<丝路基金>"); None otherwise."""
    body = next((n for n in ctx.names if n.kind == "body" and n.start == start and n.end < end), None)
    join = _ZH_LIST_JOIN.match(ctx.text, body.end) if body is not None else None
    return join.end() if join is not None and join.end() < end - 1 else None


def _names_then_for(ctx: SentenceContext, start: int, end: int) -> bool:
    """Whether text[start:end] holds a known name followed by 为 ("as, for"): no name goes on
    past such a verb ("…合作中心为平台" is the centre, then "for the platform")."""
    return any(start <= n.start and n.end < end and ctx.text[n.end] == "为" for n in ctx.names)


def _name_after_for(ctx: SentenceContext, start: int, end: int) -> int | None:
    """Where a name begins right after "<known name>为" inside text[start:end], when what follows
    is itself a whole name ("…合作中心为上合组织环保信息共享平台"), else None."""
    for name in ctx.names:
        after = name.end + 1
        if start <= name.start and after < end and ctx.text[name.end] == "为" and _ZH_NAMED.fullmatch(ctx.text, after, end):
            return after
    return None


def _is_named_fund(ctx: SentenceContext, start: int, end: int) -> bool:
    """"…基金" names a fund, rather than describing one ("专门的资源开发和环境保护基金"), when it holds a
    proper name (a state, place or body, or a quoted word) or stands as the instance of a kind
    ("南南合作基金等资金机制")."""
    text = ctx.text
    if "“" in text[start:end] or any(start <= n.start and n.end <= end for n in ctx.names):
        return True
    return text[end : end + 1] == "等"


def _overlaps(found: list, index: int) -> bool:
    return any(s <= index < e for s, e, *_ in found)


def _inside_title(text: str, index: int) -> bool:
    return any(t.start <= index < t.end for t in bracketed_titles(text))


def _en_initiatives(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    found: list[tuple[int, int, str, str, DateValue | None, str | None]] = []
    for match in _EN_YEAR.finditer(text):
        name = re.sub(r"^the\s+", "", match.group(1))
        start = match.start(1) + (len(match.group(1)) - len(name))
        year = DateValue(int(match.group(2))) if match.group(2) else None
        found.append((start, match.end(1), name, "ThemedYear", year, None))
    for phrase in title_case_phrases(text):
        name = re.sub(r"^(?:The|the)\s+", "", phrase.text)
        start = phrase.end - len(name)
        sco_class = lexicon.initiative_class(name, "en")
        if not sco_class or sco_class in ("ThemedYear", "Project") or lexicon.document_class(name, "en"):
            continue
        if len(name.split()) >= 2 and not _overlaps(found, start):
            found.append((start, phrase.end, name, sco_class, None, None))
    return [_observe(ctx, *item) for item in sorted(found)]


def _observe(ctx: SentenceContext, start: int, end: int, name: str, sco_class: str, year: DateValue | None, core: str | None) -> Observation:
    """The initiative named by text[start:end]; a quoted core ("一带一路" in "“一带一路”倡议") keys it
    and is a name of it too."""
    obs = ctx.observe(initiative_ref(core or name, ctx.lang), sco_class, start, end, name=name)
    if core:
        obs.names.append((core, ctx.lang))
    if year is not None:
        obs.add("schema:startDate", year, ctx.evidence())
    return obs
