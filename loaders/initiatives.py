"""Initiatives: quoted names before a head word (or being built), named platforms/bases/funds,
programmes named by their special part, works a delegation visits, themed years."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .phrases import bracketed_titles, title_case_phrases, zh_name_start
from .temporal import DateValue

# “X”项目 / 国家“X”项目 / “X”倡议: a quoted name and its head; 国家 ("national") written right
# before the quote belongs to the name.
_ZH_QUOTED_WITH_HEAD = re.compile(r"(国家)?“([^“”]{2,30})”(国家项目|项目|倡议|计划|纲要|国际行动十年|全国运动|运动)")
_ZH_THEMED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:为)?\s*((?:上海合作组织|上合组织)?“[^“”]{2,20}年”|(?:上海合作组织|上合组织)?“[^“”]{2,20}”年)")
_ZH_QUOTED_NAME = re.compile(r"“([^“”]{2,30}(国家项目|项目|倡议|计划|行动|运动))”")  # the head inside the quotes
# A quoted name whose building is undertaken ("参与“…技术区”建设"): a thing built, an initiative.
_ZH_QUOTED_BUILT = re.compile(r"“([^“”，,、。；]{4,30})”建设")
_ZH_QUOTED_YEAR = re.compile(r"“((?:上海合作组织|上合组织)?[^“”\d]{2,20}年)”")  # "“上合组织可持续发展年”框架内"
# An international day a text proclaims or quotes: "设立为国际游牧遗产日", "“国际零废物日”".
_ZH_DAY = re.compile(r"(?<=为)((?:国际|世界)[\u4e00-\u9fff]{2,10}?日)|“((?:国际|世界)[^“”]{2,10}日)”")
_ZH_NAMED = re.compile(r"((?:中国\s*[-—–]\s*)?(?:上海合作组织|上合组织|“一带一路”)[\u4e00-\u9fff“”]{2,20}?(?:平台|基地|基金|网络|(?<!智)库|之都))")
_ZH_FUND = re.compile(r"([\u4e00-\u9fff]{2,10}基金)")
# A works or project named as what a delegation visits ("参观三北防护林工程"): a named undertaking.
_ZH_VISITED = re.compile(r"(?:参观|考察|走访)了?([\u4e00-\u9fff]{2,12}?(?:工程|项目))(?=[，。；、\s]|$)")
# A programme named by its special part ("绿色丝路使者计划上合组织专项": the SCO part of the programme).
_ZH_PROGRAMME_OF_PART = re.compile(r"([\u4e00-\u9fff]{2,12}?计划)(?=(?:上海合作组织|上合组织)?专项)")
# A political initiative ("“一带一路”倡议") is an initiative of no narrower kind.
_HEAD_CLASS = {
    "国家项目": "Project", "项目": "Project", "倡议": "Initiative", "计划": "CooperationProgramme",
    "纲要": "CooperationProgramme", "国际行动十年": "Initiative", "全国运动": "CooperationProgramme",
    "运动": "CooperationProgramme", "行动": "Initiative",
}
_SLOGAN = re.compile(r"[，,；;！!]")  # a quoted clause, not a name: "“共建…，共促…”倡议" is a text
_EN_YEAR = re.compile(r"\b((?:the\s+)?(?:SCO\s+)?Year of [A-Z][\w ]+?)(?: of ((?:19|20)\d{2}))?(?=[\"”,.;)]|\s+(?:and|of|as|in)\b|$)")
# A name placed by a trailing parenthesis ("…中心（深圳）") or naming the building of a thing
# ("…平台建设") is keyed as the thing itself.
_KEY_SUFFIX = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,8}[）)]|建设)$")


def initiative_ref(name: str, lang: str) -> Ref:
    """Initiatives resolve by their name without a trailing place or "建设" (the building of it)."""
    return Ref("initiative", name_key(_KEY_SUFFIX.sub("", name.strip()) or name, lang))


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
    for match in _ZH_QUOTED_NAME.finditer(text):
        if not _inside_title(text, match.start()) and not _SLOGAN.search(match.group(1)):
            found.append((match.start(1), match.end(1), match.group(1), _HEAD_CLASS[match.group(2)], None, None))
    for match in _ZH_QUOTED_WITH_HEAD.finditer(text):
        core, head = match.group(2), match.group(3)
        if _inside_title(text, match.start()) or (head == "倡议" and _SLOGAN.search(core)):
            continue  # a title's short name, or the text of an initiative (a document)
        found.append((match.start(), match.end(), match.group(0), _HEAD_CLASS[head], None, core))
    for match in _ZH_QUOTED_BUILT.finditer(text):
        name = match.group(1)
        if not _overlaps(found, match.start(1)) and not _inside_title(text, match.start()) and not _SLOGAN.search(name):
            found.append((match.start(1), match.end(1), name, lexicon.initiative_class(name, "zh") or "Initiative", None, None))
    for match in _ZH_NAMED.finditer(text):
        listed = text[match.end(1) : match.end(1) + 1] == "等"  # "A和B等": the name is the last item
        start = zh_name_start(text, match.start(1), match.end(1), conjunctions=listed)
        if (listed or start == match.start(1)) and not _overlaps(found, start) and not _inside_title(text, start):
            _add_named(ctx, lexicon, found, start, match.end(1))
    for match in _ZH_FUND.finditer(text):
        start = zh_name_start(text, match.start(1), match.end(1) - 2, conjunctions=True)
        if not _overlaps(found, start) and not _inside_title(text, start) and _is_named_fund(ctx, start, match.end(1)):
            _add_named(ctx, lexicon, found, start, match.end(1))
    for match in _ZH_VISITED.finditer(text):
        if not _overlaps(found, match.start(1)):
            found.append((match.start(1), match.end(1), match.group(1), "Project", None, None))
    for match in _ZH_PROGRAMME_OF_PART.finditer(text):
        start = zh_name_start(text, match.start(1), match.end(1))
        if not _overlaps(found, start) and not _inside_title(text, start):
            found.append((start, match.end(1), text[start : match.end(1)], "CooperationProgramme", None, None))
    return [_observe(ctx, *item) for item in sorted(found)]


def _add_named(ctx: SentenceContext, lexicon: Lexicon, found: list, start: int, end: int) -> None:
    """A named platform, base or fund, unless the whole name is a known body's ("全球环境基金")."""
    if any(n.kind == "body" and n.start == start and n.end == end for n in ctx.names):
        return
    name = ctx.text[start:end]
    found.append((start, end, name, lexicon.initiative_class(name, "zh") or "Initiative", None, None))


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
