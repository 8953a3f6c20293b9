"""What a sentence says about where bodies and meetings belong and whom persons work for:

- a state opening the name of a meeting is its country ("俄罗斯国际工业展览会"; a body's name
  gives its country where the body is recognised, see body_names.py);
- a government agency named after a city or region of the gazetteer ("青岛市人民政府",
  "Shaanxi Provincial Government") is in that place's country;
- a person whose title follows a body's name works for that body ("上合组织地区反恐怖机构执行委员会
  主任沙尔舍耶夫"), not for a body named inside it;
- a meeting named by a body's name and a meeting word is a meeting of that body
  ("上合组织成员国元首理事会第14次会议", "43rd session of the UNESCO General Conference"); one
  named by a bare body head ("特别工作组会议") is a meeting of the body it refers back to;
- "<state>作为<body>主席": the state chairs the body;
- "在<body>举行的<meeting>": the meeting is held at the body; "在/于<place or state>举行(…的)
  <meetings>", "在<place or state>建设/实施<initiative or body>": in that place (and so its
  country) or state; "<state>举行<meeting>" opening a clause: the meeting is in that state;
- "A是B直属(下属)的…", "A隶属于B": body A is part of body B (A may be a bare head referring
  back: "中心是…研究所下属的国际合作机构"); "A将新设B": body A, opening its clause, sets up
  body B as a unit of its own;
- a meeting named "<A>-<B> …" ("上合组织-阿盟…高级别会议") is a meeting of A and B: both take part;
- a document titled "<body>关于…的声明" / "<body><place>宣言" / "… of the <body> on …" is issued
  by that body; a title that ends in "<place><head>" ("天津宣言", "Dushanbe Declaration") names the
  place of the document.
"""
from __future__ import annotations

import re

from .body_names import body_names
from .clauses import LIST_BREAK, Placed, clause_at, placed
from .context import SentenceContext
from .discourse import antecedent_ref
from .gazetteer import load_gazetteer
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import NameIndex, NameMatch, default_name_index

_DASH = "—–-－"
_ZH_MEETING_REST = re.compile(
    r"^(?:[（(][^（）()]{1,8}[）)])?(?:第[〇零一二三四五六七八九十百0-9]+[次届]|首届|[0-9]{4}年)?"
    r"(?:例行|年度|全体|特别|首脑|下次|下一次|纪念|扩大)?(?:会议|会|峰会|年会|大会)$"
)
_BARE_QUALIFIER = 2  # characters before a bare body head in a meeting's name ("特别工作组会议")
_ZH_ORDINAL = re.compile(r"^(?:第[〇零一二三四五六七八九十百0-9]+[次届]|首届)?")
_ZH_ORDINAL_PREFIX = re.compile(r"^(?:第[〇零一二三四五六七八九十百0-9]+[次届]|首届)?$")
_EN_MEETING_BEFORE = re.compile(
    r"^(?:the\s+)?(?:(?:\d+(?:st|nd|rd|th)|first|second|third|next)\s+)?(?:meeting|session|summit)s?\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_EN_MEETING_AFTER = re.compile(r"^(?:\s*\([^)]*\))*(?:\s+of\s+(?:the\s+)?[^,;]*member states[^,;]*)?$", re.IGNORECASE)
_ZH_HELD = re.compile(r"^(?:举行|召开|举办)")
# What is done at a site: holding a meeting, or building, setting up or carrying out a thing there.
_ZH_SITED = re.compile(r"^(?:成功|正式)?(?:举行|召开|举办|建设|建成|建立|设立|成立|实施|启动|开展|落地)(?:了)?")
_ZH_AT = ("在", "于")
_SITED_KINDS = ("meeting", "initiative", "body")
_TITLE_QUALIFIER = 4  # "副", "常务副" before a title
ORGANISATION = "InternationalOrganisation"
GOVERNMENT = "GovernmentAgency"
_FULL_WIDTH = str.maketrans("()", "（）")
_ZH_ISSUER_REST = re.compile(r"^(?:关于|[\u4e00-\u9fff]{2,6}(?:宣言|声明))")
_EN_ISSUER_BEFORE = re.compile(r"\b(?:of|by)\s+the\s+$", re.IGNORECASE)
_EN_ISSUER_AFTER = re.compile(r"^(?:\s+(?:on|for|about|regarding)\b|\s*$)", re.IGNORECASE)
_MAX_PLACE_HEAD = 3
_ZH_UNDER = re.compile(r"^(?:的)?(?:直属|下属|所属)")
_ZH_BELONGS = re.compile(r"隶属于$|隶属$")
_ZH_SUBJECT_END = re.compile(r"[，,]?(?:是|为|系)$")
_LEADING_DATE = re.compile(r"^[\s\d年月日]*")
# An organ named by its organisation's name and an organ word ("<X>执行委员会", "the Secretariat of <X>")
_ZH_ORGAN = re.compile(r"^(?:执行委员会|执委会|秘书处|常设秘书处)$")
_EN_ORGAN = re.compile(r"^(?:the\s+)?(?:Executive Committee|Executive Secretariat|Secretariat|Permanent Secretariat)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ZH_LIST_END = re.compile(r"(?:、|，|,|和|及|与)$")
_ZH_SETS_UP = re.compile(r"^(?:将|计划|拟|决定)?(?:新设|新建|设立|组建)(?:了)?$")


def link_affiliations(ctx: SentenceContext, found: list[Observation], lexicon: Lexicon) -> None:
    """Add the affiliations the sentence states (see the module docstring)."""
    bodies = placed(ctx, found, ("body",))
    meetings = placed(ctx, found, ("meeting",))
    states = placed(ctx, found, ("state",))
    documents = [d for d in placed(ctx, found, ("document",)) if not d.obs.nested]
    _countries(ctx, meetings)
    _local_governments(ctx, bodies)
    _persons_bodies(ctx, found, bodies, lexicon)
    _meetings_of_bodies(ctx, meetings, lexicon)
    _chairs(ctx, states, bodies)
    _venues(ctx, meetings, bodies)
    _sites(ctx, placed(ctx, found, _SITED_KINDS), placed(ctx, found, ("place",)) + states)
    _hosted_in(ctx, meetings, states)
    _issuers(ctx, found, documents, lexicon)
    _title_places(ctx, documents, lexicon)
    _parents(ctx, found, bodies, lexicon)
    _units(ctx, bodies)
    _organs(ctx, bodies, lexicon)
    _joint_meetings(ctx, meetings, bodies, states)


# ------------------------------------------------------------------------------ countries


def _countries(ctx: SentenceContext, items: list[Placed]) -> None:
    for item in items:
        if any(f.predicate == "sco:country" for f in item.obs.facts):
            continue
        state = _opening_state(ctx, item)
        if state:
            item.obs.add("sco:country", Ref("state", state), ctx.evidence())


def _local_governments(ctx: SentenceContext, bodies: list[Placed]) -> None:
    """A government agency whose name opens with a gazetteer place ("山东省生态环境厅", "Shanghai
    Municipal Bureau …") is in the country of that place, unless its name already gives one."""
    countries = load_gazetteer().place_countries
    for body in bodies:
        if body.obs.sco_class != GOVERNMENT or any(f.predicate == "sco:country" for f in body.obs.facts):
            continue
        place = _opening_place(ctx, body)
        if place is not None and place.key in countries:
            body.obs.add("sco:country", Ref("state", countries[place.key]), ctx.evidence())


def _opening_place(ctx: SentenceContext, item: Placed) -> NameMatch | None:
    """The place whose name opens the item's name, not joined by a dash to another name."""
    for name in ctx.names:
        if name.kind == "place" and name.start == item.start and name.end < item.end:
            if (ctx.text[name.end : name.end + 1] or " ") not in _DASH:
                return name
    return None


def _state_names(ctx: SentenceContext) -> list[NameMatch]:
    return [n for n in ctx.names if n.kind == "state"]


def _opening_state(ctx: SentenceContext, item: Placed) -> str | None:
    """The state whose name opens the item's name (or stands right before it), not joined by a
    dash to another name ("中国—东盟" names two parties); in English, "… of <state>" closing it."""
    text = ctx.text
    for name in _state_names(ctx):
        if ctx.lang == "zh":
            opens = name.start == item.start and name.end < item.end
            before = name.end == item.start
            if (opens or before) and (text[name.end : name.end + 1] or " ") not in _DASH:
                return name.key
        else:
            closes = item.start < name.start and name.end == item.end and re.search(r"\bof\s+(?:the\s+)?$", text[item.start : name.start])
            after = name.start > item.end and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[item.end : name.start])
            if closes or after:
                return name.key
    return None


# ------------------------------------------------------------------------------ persons


def _persons_bodies(ctx: SentenceContext, found: list[Observation], bodies: list[Placed], lexicon: Lexicon) -> None:
    """A body named right before a person's title (or after the name, joined by "of") is the
    person's employer; a body the person was said to represent because it is named inside that
    body's name is dropped; a bare body head before the title refers back (`_bare_employer`)."""
    for person in placed(ctx, found, ("person",)):
        employer = _employer(ctx, person, bodies)
        if employer is None:
            _bare_employer(ctx, person, bodies, lexicon)
            continue
        inner = {b.obs.ref for b in bodies if employer.start <= b.start and b.end <= employer.end and b is not employer}
        facts = person.obs.facts
        facts[:] = [f for f in facts if not (f.predicate == "sco:represents" and f.value in inner)]
        if not any(f.predicate == "sco:represents" and f.value == employer.obs.ref for f in facts):
            person.obs.add("sco:represents", employer.obs.ref, ctx.evidence())


def _bare_employer(ctx: SentenceContext, person: Placed, bodies: list[Placed], lexicon: Lexicon) -> None:
    """"…副部长X和中心主任Y": a body head with no name of its own before a person's title, after a
    list break or opening the sentence, stands for the last body of that head named before."""
    if ctx.lang != "zh" or any(f.predicate == "sco:represents" and f.value.kind == "body" for f in person.obs.facts):
        return
    before = ctx.text[: person.start].rstrip()
    titles = [str(f.value) for f in person.obs.facts if f.predicate == "schema:jobTitle"]
    title = next((t for t in titles if t and before.endswith(t)), None)
    if title is None:
        return
    rest = before[: len(before) - len(title)]
    heads = sorted((h for kind in lexicon.body_kinds for h in kind.zh), key=len, reverse=True)
    head = next((h for h in heads if rest.endswith(h)), None)
    if head is None or any(b.end == len(rest) for b in bodies):
        return
    opening = rest[: len(rest) - len(head)]
    if opening.strip() == "" or _ZH_LIST_END.search(opening):
        person.obs.add("sco:represents", antecedent_ref("body", head), ctx.evidence())


def _employer(ctx: SentenceContext, person: Placed, bodies: list[Placed]) -> Placed | None:
    """The body named right before the person's title ("…执行委员会主任沙尔舍耶夫", "…Committee
    Director Sharsheev"), or in English after the name ("Premier Li Qiang of the State Council")."""
    text = ctx.text
    titles = [str(f.value) for f in person.obs.facts if f.predicate == "schema:jobTitle"]
    before = [
        b for b in bodies
        if b.end <= person.start and _is_title_gap(text[b.end : person.start], titles)
        and not any(o is not b and o.start <= b.start and b.end <= o.end for o in bodies)
    ]
    if before:
        return max(before, key=lambda b: (b.end, b.end - b.start))
    if ctx.lang != "zh":
        after = [b for b in bodies if b.start > person.end and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[person.end : b.start])]
        if after:
            return after[0]
    return None


def _is_title_gap(gap: str, titles: list[str]) -> bool:
    """Nothing between a body and a person but one of the person's titles (and a short qualifier)."""
    gap = gap.strip()
    for title in (t for t in titles if t and gap.endswith(t)):
        qualifier = gap[: len(gap) - len(title)]
        if len(qualifier) <= _TITLE_QUALIFIER and not LIST_BREAK.search(qualifier):
            return True
    return False


# ------------------------------------------------------------------------------ meetings of bodies


def _meetings_of_bodies(ctx: SentenceContext, meetings: list[Placed], lexicon: Lexicon) -> None:
    """Meetings named after a body, read from the meeting's own name (short forms left out). Not
    an international organisation's: "上合组织峰会" is a meeting of one of its councils, not of the
    organisation as a whole. Chinese names are also read with full-width brackets, as reference
    names write them ("政府首脑(总理)理事会")."""
    index = default_name_index()
    for meeting in meetings:
        name = next((text for text, lang in meeting.obs.names if lang == ctx.lang), None)
        if name is None:
            continue
        variants = [name, name.translate(_FULL_WIDTH)] if ctx.lang == "zh" else [name]
        for variant in dict.fromkeys(variants):
            body = _named_body(variant, ctx.lang, index)
            if body is not None:
                meeting.obs.add("sco:meetingOf", body, ctx.evidence())
                break
        else:
            head = _bare_body_head(name, lexicon, index) if ctx.lang == "zh" else None
            if head is not None:
                meeting.obs.add("sco:meetingOf", antecedent_ref("body", head), ctx.evidence())


def _bare_body_head(name: str, lexicon: Lexicon, index: NameIndex) -> str | None:
    """"特别工作组会议" → "特别工作组": a body head of two characters or more (after an ordinal
    and a short qualifier) and a meeting word make the whole name, which holds no known name."""
    if index.find(name, "zh"):
        return None
    ordinal = _ZH_ORDINAL.match(name).end()
    heads = sorted((w for kind in lexicon.body_kinds for w in kind.zh if len(w) >= 2), key=len, reverse=True)
    for head in heads:
        at = name.find(head, ordinal)
        if at < 0 or not _ZH_MEETING_REST.match(name[at + len(head) :]):
            continue
        if at - ordinal <= _BARE_QUALIFIER and re.fullmatch(r"[\u4e00-\u9fff]*", name[ordinal:at]):
            return name[ordinal : at + len(head)]
    return None


def _named_body(name: str, lang: str, index: NameIndex) -> Ref | None:
    """The body a meeting's name is made of, with only an ordinal, a date and a meeting word around it."""
    bodies = body_names(name, lang, tuple(index.find(name, lang)))
    for body in sorted(bodies, key=lambda b: b.start - b.end):
        if body.sco_class != ORGANISATION and _names_meeting_of(name[: body.start], name[body.end :], lang):
            return body.ref
    return None


def _names_meeting_of(head: str, rest: str, lang: str) -> bool:
    if lang == "zh":
        return bool(_ZH_ORDINAL_PREFIX.match(head) and _ZH_MEETING_REST.match(rest))
    if head.strip() == "":
        return bool(re.fullmatch(r"\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:meeting|session|summit)", rest, re.IGNORECASE))
    return bool(_EN_MEETING_BEFORE.match(head) and _EN_MEETING_AFTER.match(rest))


# ------------------------------------------------------------------------------ chairs and venues


def _chairs(ctx: SentenceContext, states: list[Placed], bodies: list[Placed]) -> None:
    """"俄罗斯联邦作为…理事会主席" / "the Russian Federation as the chair of the Council"."""
    text = ctx.text
    for state in states:
        for body in (b for b in bodies if b.start > state.end):
            gap, rest = text[state.end : body.start], text[body.end :]
            zh = ctx.lang == "zh" and gap in ("作为", "担任") and re.match(r"^主席(?!国)", rest)
            en = ctx.lang != "zh" and re.fullmatch(r"\s+as\s+(?:the\s+)?chair(?:man)?\s+of\s+(?:the\s+)?", gap)
            if zh or en:
                body.obs.add("sco:chair", state.obs.ref, ctx.evidence())
            break


def _venues(ctx: SentenceContext, meetings: list[Placed], bodies: list[Placed]) -> None:
    """"在<body>举行的<meeting>" / "<meeting>在<body>举行": held at the body."""
    if ctx.lang != "zh":
        return
    for where in bodies:
        if ctx.text[max(0, where.start - 1) : where.start] != "在" or not _ZH_HELD.match(ctx.text[where.end :]):
            continue
        for meeting in _sited_things(ctx, where, meetings, _ZH_HELD):
            if not any(f.predicate in ("sco:venue", "sco:country") for f in meeting.obs.facts):
                meeting.obs.add("sco:venue", where.obs.ref, ctx.evidence())


def _sites(ctx: SentenceContext, things: list[Placed], sites: list[Placed]) -> None:
    """"在青岛建设<initiative>", "于沙姆沙伊赫举行的<meeting>", "<meeting>在<state>举行": the place
    (whose country the reference data gives) or the state of what is held, built or carried out there."""
    if ctx.lang != "zh":
        return
    for where in sites:
        if ctx.text[max(0, where.start - 1) : where.start] not in _ZH_AT or not _ZH_SITED.match(ctx.text[where.end :]):
            continue
        predicate = "sco:place" if where.obs.ref.kind == "place" else "sco:country"
        for thing in _sited_things(ctx, where, things, _ZH_SITED):
            if thing.obs.ref.kind == "body" and predicate == "sco:country":
                continue  # "在俄罗斯设立…中心" may be a foreign body's branch: the body's name says its country
            if not any(f.predicate in (predicate, "sco:venue") for f in thing.obs.facts):
                thing.obs.add(predicate, where.obs.ref, ctx.evidence())


def _sited_things(ctx: SentenceContext, where: Placed, things: list[Placed], verb: re.Pattern[str]) -> list[Placed]:
    """What the verb after `where` applies to: the things right after it, or after a relative 的
    in its clause ("举行的…大会"); else the last thing named before the site ("<meeting>在<state>举行")."""
    text = ctx.text
    held = verb.match(text[where.end :])
    verb_end = where.end + held.end()
    clause_end = clause_at(text, "zh", verb_end)[1]
    relative = text.find("的", verb_end, clause_end)
    after = [
        t for t in things
        if verb_end <= t.start < clause_end and (t.start - verb_end <= 1 or 0 <= relative < t.start)
    ]
    if after:
        first = min(t.start for t in after)
        firsts = [t for t in after if t.start == first]
        qualified = [t for t in things for f in firsts if f.obs.ref.kind == "initiative" and t.obs.ref.kind == "meeting" and text[f.end : t.start] in ("", "”", '"')]
        firsts = qualified or firsts  # "举办“X”研修班": the meeting of programme X is held there, not X
        return firsts if relative < 0 else after
    before = [t for t in things if t.end <= where.start and t.obs.ref.kind == "meeting"]
    return before[-1:]


def _hosted_in(ctx: SentenceContext, meetings: list[Placed], states: list[Placed]) -> None:
    """"(2021年1月15日，)塔吉克斯坦举行<meeting>": a state opening a clause holds the meeting named
    right after the verb in that state."""
    if ctx.lang != "zh":
        return
    text = ctx.text
    for state in states:
        clause_start = clause_at(text, "zh", state.start)[0]
        held = _ZH_HELD.match(text[state.end :])
        if not held or text[clause_start : state.start].strip():
            continue
        verb_end = state.end + held.end()
        for meeting in (m for m in meetings if m.start == verb_end):
            if not any(f.predicate in ("sco:venue", "sco:country") for f in meeting.obs.facts):
                meeting.obs.add("sco:country", state.obs.ref, ctx.evidence())


# ------------------------------------------------------------------------------ documents


def _issuers(ctx: SentenceContext, found: list[Observation], documents: list[Placed], lexicon: Lexicon) -> None:
    """A known body opening a Chinese title before 关于 or a place's declaration, or named in an
    English title after "of the" / "by the" and before "on …" or the title's end. The issuer is
    named there: a body no other observation names at that place is observed, nested in the title."""
    bodies = [n for n in ctx.names if n.kind == "body"]
    known = lexicon.bodies_by_id
    text = ctx.text
    for doc in documents:
        title_start = doc.start + (1 if text[doc.start : doc.start + 1] == "《" else 0)
        for body in (b for b in bodies if doc.start <= b.start and b.end < doc.end):
            rest = text[body.end : doc.end]
            if ctx.lang == "zh":
                issued = body.start == title_start and _ZH_ISSUER_REST.match(rest)
            else:
                issued = _EN_ISSUER_BEFORE.search(text[doc.start : body.start]) and _EN_ISSUER_AFTER.match(rest)
            if issued:
                doc.obs.add("sco:issuedBy", Ref("body", body.key), ctx.evidence())
                _observe_issuer(ctx, found, body, known[body.key].sco_class if body.key in known else None)
                break


def _observe_issuer(ctx: SentenceContext, found: list[Observation], body: NameMatch, sco_class: str | None) -> None:
    ref = Ref("body", body.key)
    here = (p for p in placed(ctx, found, ("body",)) if p.obs.ref == ref and (p.start, p.end) == (body.start, body.end))
    if sco_class is None or next(here, None) is not None:
        return
    obs = ctx.observe(ref, sco_class, body.start, body.end)
    obs.nested = True
    found.append(obs)


def _title_places(ctx: SentenceContext, documents: list[Placed], lexicon: Lexicon) -> None:
    """"…天津宣言" / "Tianjin Declaration …": a place right before the title's head word."""
    text = ctx.text
    for doc in documents:
        if any(f.predicate == "sco:place" for f in doc.obs.facts):
            continue
        for name in (n for n in ctx.names if n.kind == "place" and doc.start <= n.start and n.end < doc.end):
            if ctx.lang == "zh":
                head = text[name.end : doc.end].rstrip("》")
                names_place = 0 < len(head) <= _MAX_PLACE_HEAD and lexicon.document_class(head, "zh") is not None
            else:
                head = re.match(r"\s+([A-Z][a-z]+)\b", text[name.end : doc.end])
                names_place = name.start - doc.start <= 4 and head is not None and lexicon.document_class(head.group(1), "en") is not None
            if names_place:
                doc.obs.add("sco:place", Ref("place", name.key), ctx.evidence())
                break


# ------------------------------------------------------------------------------ structure


def _parents(ctx: SentenceContext, found: list[Observation], bodies: list[Placed], lexicon: Lexicon) -> None:
    """"A是B直属…", "A隶属于B" (A opening the sentence, or a bare head such as "中心" referring back)."""
    if ctx.lang != "zh":
        return
    text = ctx.text
    for parent in bodies:
        under = _ZH_UNDER.match(text[parent.end :])
        belongs = _ZH_BELONGS.search(text[: parent.start])
        if not (under or belongs):
            continue
        child = _subject_body(ctx, found, bodies, parent, lexicon)
        if child is not None and child.ref != parent.obs.ref:
            child.add("sco:partOf", parent.obs.ref, ctx.evidence())


def _units(ctx: SentenceContext, bodies: list[Placed]) -> None:
    """"亚美尼亚环境部将新设部长公共委员会": a body opening its clause sets up a unit of its own."""
    if ctx.lang != "zh":
        return
    text = ctx.text
    for parent in bodies:
        clause_start = clause_at(text, "zh", parent.start)[0]
        if _LEADING_DATE.sub("", text[clause_start : parent.start]).strip():
            continue
        for child in (b for b in bodies if b.start > parent.end and _ZH_SETS_UP.match(text[parent.end : b.start])):
            if child.obs.ref != parent.obs.ref:
                child.obs.add("sco:partOf", parent.obs.ref, ctx.evidence())


def _organs(ctx: SentenceContext, bodies: list[Placed], lexicon: Lexicon) -> None:
    """"独立国家联合体执行委员会", "the Executive Committee of the <organisation>": a body named by an
    international organisation's name and an organ word is part of that organisation."""
    organisations = {b.id for b in lexicon.bodies if b.sco_class == ORGANISATION}
    text = ctx.text
    for body in bodies:
        for inner in (n for n in ctx.names if n.kind == "body" and n.key in organisations and body.start <= n.start and n.end <= body.end):
            if Ref("body", inner.key) == body.obs.ref:
                continue
            if ctx.lang == "zh":
                organ = inner.start == body.start and _ZH_ORGAN.match(text[inner.end : body.end])
            else:
                organ = inner.end == body.end and _EN_ORGAN.match(text[body.start : inner.start])
            if organ:
                body.obs.add("sco:partOf", Ref("body", inner.key), ctx.evidence())


def _subject_body(ctx: SentenceContext, found: list[Observation], bodies: list[Placed], parent: Placed, lexicon: Lexicon) -> Observation | None:
    """The body the sentence is about: one opening it, or a bare body head opening it."""
    start = _LEADING_DATE.match(ctx.text).end()
    opening = [b for b in bodies if b.start == start and b.end <= parent.start]
    if opening:
        return opening[0].obs
    heads = sorted((w for kind in lexicon.body_kinds for w in kind.zh), key=len, reverse=True)
    head = next((h for h in heads if ctx.text.startswith(h, start)), None)
    if head is None or not re.match(r"(?:是|为|系|隶属)", ctx.text[start + len(head) :]):
        return None
    obs = Observation(antecedent_ref("body", head), "Body", primary=ctx.primary)
    found.append(obs)
    return obs


def _joint_meetings(ctx: SentenceContext, meetings: list[Placed], bodies: list[Placed], states: list[Placed]) -> None:
    """"上合组织-阿盟…会议" / "SCO-Arab League … Meeting": the two parties joined by a dash at the
    start of the meeting's name (the first may stand just before the name the meeting finder took)."""
    parties = sorted(bodies + states, key=lambda p: (p.start, p.start - p.end))
    for meeting in meetings:
        for first in parties:
            dash = re.match(rf"\s*[{re.escape(_DASH)}]\s*", ctx.text[first.end :])
            if dash is None:
                continue
            second_start = first.end + dash.end()
            second = next((p for p in parties if p.start == second_start), None)
            if second is not None and meeting.start in (first.start, second_start):
                for party in (first, second):
                    meeting.obs.add("sco:participant", party.obs.ref, ctx.evidence())
                break
