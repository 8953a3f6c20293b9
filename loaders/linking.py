"""Relations between the things one sentence names: attendance, chairing, hosting and speaking
at the meeting the sentence is about (subjects.py); adoption, affiliations and implementation
have modules of their own, which `link_sentence` calls in turn."""
from __future__ import annotations

import re

from .affiliation import link_affiliations
from .alternation import alternation, word_pattern
from .clauses import Placed, agents, clause_spans, placed
from .context import SentenceContext
from .cues import RelationCues, load_relation_cues
from .adoption import link_adoption
from .discourse import ANTECEDENT, GENERIC_HEADS, antecedent_ref
from .implementation import link_implementation
from .lexicon import Lexicon
from .model import Observation, Ref
from .subjects import sentence_meeting, sentence_start, subject_meeting_end

_ZH_ATTEND = re.compile(r"(出席|列席|与会|参加)(?=了|会议|论坛|峰会|大会|的|$|并|开幕式|闭幕式|活动)")
# After an attendance verb, words that do not name the meeting attended ("出席并致辞", "出席开幕式",
# "参加活动"): the meeting is the one the sentence names, else the one the sentence before named.
_ZH_FROM = re.compile(r"来自[^，,。；;的]*$")  # a list of origins open before a name
# A ceremony named without its meeting ("在开幕式上"): that of the meeting the text named last
_ZH_BARE_CEREMONY = re.compile(r"在(?:开幕式|闭幕式)(?:上|期间)")
_ZH_BARE_ATTENDANCE = ("并", "开幕式", "闭幕式", "活动")
_ZH_RELATIVE_REACH = 6  # "…代表参加的<meeting>": the attendees stand right before the verb
_ZH_CHAIR = re.compile(r"主持")
_ZH_CONVENED = re.compile(r"(?:召开|举行)")
_ZH_HOST = re.compile(r"(主办|承办|举办|举行)")
_ZH_HOSTED_BY = re.compile(r"由(.*?)(?:共同|联合)?(?:主办|承办)")
_ZH_FUTURE = re.compile(r"将|计划|拟|预计")
# Between a host and its verb, a modal and a date only, then 在/于 before a named place:
# "将于2029年10月在…", "计划于明年在…".
_ZH_WHEN_WHERE = re.compile(
    r"(?:将|拟|计划|预计|决定|还将|也将)?"
    r"(?:于?(?:(?:[0-9０-９〇零一二三四五六七八九十]+[年月日])+|今年|明年|后年|年内)(?:上旬|中旬|下旬|上半年|下半年|底|初)?)?(?:在|于)?"
)
_ZH_MANNER = re.compile(r"(?:共同|联合|成功|正式|顺利)$")
_ZH_LIST_JOINS = ("、", "和", "与", "及", "同")
_ZH_GOES_ON = re.compile(r"^\s*(?:并且|并|还|同时)")  # a clause going on with the subject of the one before
# What may follow a meeting's name in a sentence's opening clause that only sets the scene:
# "2022年11月…第21次会议以视频方式举行，中方宣布…".
_ZH_HELD_REST = re.compile(r"^(?:[在于][\u4e00-\u9fff]{1,10})?(?:以[\u4e00-\u9fff]{1,6}方式)?(?:成功|正式)?(?:举行|召开|举办)?(?:期间|上)?$")
_EN_ATTEND = re.compile(r"\battended the (?:meeting|forum|summit)", re.IGNORECASE)
_EN_BARE_ATTEND = re.compile(
    r"\battended (?:the (?:opening|closing) (?:ceremony|session)|the event|and (?:spoke|delivered|addressed))", re.IGNORECASE
)
_EN_CHAIR = re.compile(r"\bchaired by\b", re.IGNORECASE)
_EN_HOSTED_BY = re.compile(r"\b(?:co-)?hosted by\b", re.IGNORECASE)
_EN_FUTURE = re.compile(r"\bwill\b|\bto be\b", re.IGNORECASE)
_EN_AND = re.compile(r"\band\b", re.IGNORECASE)
_EN_THE = re.compile(r"(?:the\s+)?", re.IGNORECASE)
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")

# How one attended a meeting: as a full participant (出席) or as a guest (列席). One attendee has
# one of these roles per meeting; a translation's looser verb ("attended") never overrides them.
PARTICIPANT, GUEST = "sco:participant", "sco:guest"
ATTENDANCE_ROLES = (PARTICIPANT, GUEST)


def link_sentence(ctx: SentenceContext, found: list[Observation], lexicon: Lexicon) -> None:
    """Add the relations a sentence states between the observations found in it."""
    cues = load_relation_cues()
    link_affiliations(ctx, found, lexicon)  # first: who works for which body decides who acts
    meetings = placed(ctx, found, ("meeting",))
    target = sentence_meeting(ctx, meetings, cues)
    link_adoption(ctx, found, meetings, target, lexicon, cues)
    roles = Observation(target, "Meeting", primary=ctx.primary) if target else None
    acting = agents(ctx, found)
    explicit = subject_meeting_end(ctx, meetings, cues) is not None
    if roles is not None:
        _link_roles(ctx, roles, acting, meetings, found, explicit)
    _link_speakers(ctx, acting, meetings, cues, found)
    if roles is not None and roles.facts:
        found.append(roles)
    link_implementation(ctx, found, lexicon, cues)


def _in_clause(items: list[Placed], span: tuple[int, int]) -> list[Placed]:
    return [p for p in items if span[0] <= p.start < span[1]]


def _link_roles(
    ctx: SentenceContext, roles: Observation, acting: list[Placed], meetings: list[Placed], found: list[Observation], explicit: bool
) -> None:
    """Per clause: 主办 (hosts), 主持 (chair: persons, who also take part unless the sentence speaks
    of the future), 出席/与会/参加 (participants) and 列席 (guests). A list of attendees may run over
    several comma-separated clauses: agents of clauses without a role verb go with the next
    attendance verb ("出席并致辞", "参加活动": see `_attended_meeting`). A host hosts the meeting
    named after the verb, else the sentence's meeting when the sentence opens with it
    (`explicit`): "会议由X主办"."""
    if ctx.lang != "zh":
        _link_roles_en(ctx, roles, acting, meetings, found)
        return
    evidence = ctx.evidence()
    future = bool(_ZH_FUTURE.search(ctx.text))
    pending: list[Placed] = []
    openers: list[Placed] = []  # the agents opening the previous clause
    for span in clause_spans(ctx.text, "zh"):
        clause = ctx.text[span[0] : span[1]]
        previous, openers = openers, [a for a in acting if a.start == span[0] + len(clause) - len(clause.lstrip())]
        attend = _ZH_ATTEND.search(clause)
        if attend:  # "…代表与会" is no meeting named "…与会"
            meetings = [m for m in meetings if not (m.start < span[0] + attend.end() <= m.end)]
        here = [a for a in _in_clause(acting, span) if not _inside_meeting_name(a, meetings)]
        named = _in_clause(meetings, span)
        chair = _ZH_CHAIR.search(clause)
        if chair:
            meeting = _clause_meeting(meetings, span, span[0] + chair.end(), roles.ref)
            named_after = any(span[0] + chair.end() <= m.start < span[1] for m in meetings)
            if not named_after and not explicit and _ZH_CONVENED.match(clause, chair.end()):
                pending = []
                continue  # "部长…主持召开部务会议": a meeting the finder did not name
            target = roles if meeting == roles.ref else _meeting_observation(found, meeting, ctx)
            for person in (a for a in here if a.obs.ref.kind == "person"):
                target.add("sco:chair", person.obs.ref, evidence)
                if not future:
                    target.add(PARTICIPANT, person.obs.ref, evidence)
            pending = []
        elif _ZH_HOST.search(clause) and not attend:
            _link_hosts(ctx, span, here, named, roles, found, explicit, previous)
            pending = []
        elif attend:
            meeting = next((m.obs.ref for m in named if m.start >= span[0] + attend.end()), None)
            if meeting is None:
                bare = clause.startswith(_ZH_BARE_ATTENDANCE, attend.end())
                meeting = _attended_meeting(ctx, meetings, roles.ref) if bare else roles.ref
            if meeting is None:
                pending = []
                continue
            target = roles if meeting == roles.ref else _meeting_observation(found, meeting, ctx)
            role = GUEST if attend.group(1) == "列席" else PARTICIPANT
            verb = span[0] + attend.start()
            attendees = pending + [a for a in here if a.start < verb]
            if clause[attend.end() : attend.end() + 1] == "的":
                attendees = [a for a in attendees if verb - a.end <= _ZH_RELATIVE_REACH]
            for agent in attendees:
                if agent.obs.ref != meeting and not _locative(ctx, agent) and not _origin_only(ctx, agent, verb):
                    target.add(role, agent.obs.ref, evidence)
            pending = []
        else:
            pending.extend(here)


def _origin_only(ctx: SentenceContext, agent: Placed, verb: int) -> bool:
    """"来自<A>、<B>的30余名管理人员参加": A and B are where the attendees come from; they take
    part themselves only through representatives ("来自<A>的代表与会")."""
    opening = _ZH_FROM.search(ctx.text, 0, agent.start)
    if opening is None:
        return False
    of = ctx.text.find("的", agent.end, verb)
    return of >= 0 and "代表" not in ctx.text[of:verb]


def _attended_meeting(ctx: SentenceContext, meetings: list[Placed], sentence_meeting: Ref) -> Ref | None:
    """The meeting a bare attendance verb refers to: the sentence's when it names a meeting or
    opens with a meeting head, else the one meeting the sentence before named, else none."""
    if meetings or subject_meeting_end(ctx, meetings, load_relation_cues()) is not None:
        return sentence_meeting
    before = {o.ref for o in ctx.previous if _is_meeting(o.ref)}
    return before.pop() if len(before) == 1 else None


def _is_meeting(ref: Ref) -> bool:
    """A meeting, or a bare meeting head standing for one ("论坛由…主办")."""
    return ref.kind == "meeting" or (ref.kind == ANTECEDENT and ref.key.startswith("meeting:"))


def _clause_meeting(meetings: list[Placed], span: tuple[int, int], verb_end: int, default: Ref) -> Ref:
    """The meeting a role verb is about: one named after it in its clause ("主持召开部务会议"),
    else the last one named before it in the sentence ("…部长会将于4月举行，由X主持"), else the
    sentence's meeting."""
    after = [m for m in meetings if verb_end <= m.start < span[1]]
    if after:
        return after[0].obs.ref
    before = [m for m in meetings if m.end <= span[0]]
    return before[-1].obs.ref if before else default


def _locative(ctx: SentenceContext, agent: Placed) -> bool:
    """"在俄罗斯举行": a place the sentence names, not an actor."""
    return ctx.text[max(0, agent.start - 1) : agent.start] in ("在", "于")


def _inside_meeting_name(agent: Placed, meetings: list[Placed]) -> bool:
    """Named within a longer meeting name ("上合组织成员国元首理事会会议")."""
    return any(m.start <= agent.start and agent.end <= m.end and m.end - m.start > agent.end - agent.start for m in meetings)


def _meeting_observation(found: list[Observation], ref: Ref, ctx: SentenceContext) -> Observation:
    obs = Observation(ref, "Meeting", primary=ctx.primary)
    found.append(obs)
    return obs


def _link_hosts(
    ctx: SentenceContext, span: tuple[int, int], here: list[Placed], named: list[Placed], roles: Observation,
    found: list[Observation], explicit: bool, previous: list[Placed],
) -> None:
    """"由A与B共同主办" (all agents between 由 and the verb; not a state that only qualifies a
    name after it: "由…印度的<unit>主办"), "塔方将主办<meeting>" and "塔吉克斯坦举行<meeting>"
    (the agent right before the verb, or before a time and a place only: "巴方将于2029年10月在
    伊斯兰堡举办<meeting>"; not after 在: that is a venue); a clause with no subject of
    its own that goes on with 并 takes the agents opening the clause before ("伊朗愿…，并计划于
    2023年在德黑兰举办<meeting>")."""
    clause = ctx.text[span[0] : span[1]]
    by = _ZH_HOSTED_BY.search(clause)
    if by:
        hosts = [
            a for a in here if span[0] + by.start(1) <= a.start < span[0] + by.end(1)
            and not (a.obs.ref.kind == "state" and ctx.text[a.end : a.end + 1] == "的")
        ]
        verb_end = span[0] + by.end()
    else:
        verb = _ZH_HOST.search(clause)
        verb_start, verb_end = span[0] + verb.start(), span[0] + verb.end()
        hosts = _joined_before(ctx, here, [
            a for a in here
            if (0 <= verb_start - a.end <= 2 or _only_when_and_where(ctx, a.end, verb_start))
            and not ctx.text[max(0, a.start - 1) : a.start] == "在"
        ])
        if not hosts and _ZH_GOES_ON.match(clause) and not [a for a in here if a.start < verb_start]:
            hosts = previous
        if verb.group(1) == "举行" and not [m for m in named if m.start >= verb_end]:
            return  # "X举行" without a meeting after it: X held something else
    following = [m for m in named if m.start >= verb_end]
    if not following and not explicit:
        return  # "上合组织计划举办100多场活动": no meeting hosted
    meeting = _clause_meeting([m for m in named if m.start >= verb_end] + [m for m in named if m.end <= span[0]], span, verb_end, roles.ref)
    target = roles if meeting == roles.ref else _meeting_observation(found, meeting, ctx)
    for host in hosts:
        if host.obs.ref.kind != "person":
            target.add("sco:host", host.obs.ref, ctx.evidence())


def _joined_before(ctx: SentenceContext, here: list[Placed], hosts: list[Placed]) -> list[Placed]:
    """The hosts and the agents joined to the first of them by a list break before it ("中国与
    哈萨克斯坦联合主办"), not after 在 (a venue)."""
    if not hosts:
        return hosts
    joined, first = list(hosts), min(hosts, key=lambda h: h.start)
    for agent in sorted((a for a in here if a.end <= first.start), key=lambda a: -a.start):
        if ctx.text[agent.end : first.start] not in _ZH_LIST_JOINS or ctx.text[agent.start - 1 : agent.start] == "在":
            break
        joined.append(agent)
        first = agent
    return joined


def _only_when_and_where(ctx: SentenceContext, start: int, end: int) -> bool:
    """text[start:end] says no more than when and where: a modal, a date and 在/于 a named place or
    state, then a manner word ("将于2029年10月在伊斯兰堡", "在北京成功", "明年在阿斯塔纳共同")."""
    manner = _ZH_MANNER.search(ctx.text, start, end)
    end = manner.start() if manner else end
    gap = ctx.text[start:end]
    for name in sorted((n for n in ctx.names if start <= n.start and n.end == end and n.kind in ("place", "state")), key=lambda n: n.start):
        if ctx.text[name.start - 1 : name.start] in ("在", "于"):
            gap = ctx.text[start : name.start]
            break
    return bool(gap) and _ZH_WHEN_WHERE.fullmatch(gap) is not None


def _link_roles_en(ctx: SentenceContext, roles: Observation, acting: list[Placed], meetings: list[Placed], found: list[Observation]) -> None:
    """"X attended the meeting", "chaired by X", "(co-)hosted by X and Y"; "X attended the opening
    ceremony" (a bare attendance, of persons only, as a state named in a title may stand
    before the verb: see `_attended_meeting`)."""
    evidence = ctx.evidence()
    chair = _EN_CHAIR.search(ctx.text)
    hosted = _EN_HOSTED_BY.search(ctx.text)
    attend = _EN_ATTEND.search(ctx.text)
    attended, bare = roles, attend is None
    if bare and (attend := _EN_BARE_ATTEND.search(ctx.text)) is not None:
        meeting = _attended_meeting(ctx, meetings, roles.ref)
        if meeting is None:
            attend = None
        elif meeting != roles.ref:
            attended = _meeting_observation(found, meeting, ctx)
    future = bool(_EN_FUTURE.search(ctx.text))
    for agent in acting:
        if chair and agent.start >= chair.end() and agent.obs.ref.kind == "person":
            roles.add("sco:chair", agent.obs.ref, evidence)
            if not future:
                roles.add(PARTICIPANT, agent.obs.ref, evidence)
        elif hosted and agent.start >= hosted.end() and agent.obs.ref.kind != "person":
            if agent.start < _en_list_end(ctx, hosted.start(), acting):
                roles.add("sco:host", agent.obs.ref, evidence)
        elif attend and agent.start < attend.start() and (not bare or agent.obs.ref.kind == "person"):
            attended.add(PARTICIPANT, agent.obs.ref, evidence)


def _en_list_end(ctx: SentenceContext, verb: int, acting: list[Placed]) -> int:
    """Where the list of agents after an English verb ends: its clause, and the clauses after it
    that open with an agent ("hosted by A of X, B and C"), up to the one joining the last item
    with "and" (looked for outside the agents' own names)."""
    text = ctx.text
    spans = clause_spans(text, "en")
    index = next((i for i, (s, e) in enumerate(spans) if s <= verb < e), len(spans) - 1)
    end = spans[index][1] if spans else len(text)
    for start, stop in spans[index + 1 :]:
        if _EN_AND.search(_without_names(text, verb, end, acting)):
            break
        opening = start + len(text[start:stop]) - len(text[start:stop].lstrip())
        opening += len(_EN_THE.match(text, opening).group(0))
        if not any(a.start == opening for a in acting):
            break
        end = stop
    return end


def _without_names(text: str, start: int, end: int, acting: list[Placed]) -> str:
    chars = list(text[start:end])
    for agent in acting:
        for index in range(max(agent.start, start), min(agent.end, end)):
            chars[index - start] = " "
    return "".join(chars)


def _link_speakers(ctx: SentenceContext, acting: list[Placed], meetings: list[Placed], cues: RelationCues, found: list[Observation]) -> None:
    """Who speaks at a meeting takes part in it: "X在<meeting>上指出", "在<meeting>上，X表示",
    "会上，X介绍了…", "<date><meeting>，X提出…", "At the <meeting>, X said"."""
    verbs = cues.get("speech_verbs", ctx.lang)
    if not verbs:
        return
    for anchor_start, anchor_end, meeting in _anchors(ctx, meetings, cues):
        verb = _first_verb(ctx, verbs, anchor_end)
        if verb is None:
            continue
        spans = clause_spans(ctx.text, ctx.lang)
        index = next((i for i, (s, e) in enumerate(spans) if s <= anchor_start < e), 0)
        region = (spans[index][0], spans[min(index + 1, len(spans) - 1)][1]) if spans else (0, len(ctx.text))
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(ctx.text)]
        speakers = [
            a for a in acting
            if region[0] <= a.start < min(verb, region[1]) and not (anchor_start <= a.start < anchor_end)
            and not any(s <= a.start < e for s, e in quoted)
        ]
        if not speakers:
            continue
        target = _meeting_observation(found, meeting, ctx)
        for speaker in speakers:
            target.add(PARTICIPANT, speaker.obs.ref, ctx.evidence())


def _first_verb(ctx: SentenceContext, verbs: tuple[str, ...], after: int) -> int | None:
    match = word_pattern(verbs, ctx.lang).search(ctx.text, after)
    return match.start() if match else None


def _anchors(ctx: SentenceContext, meetings: list[Placed], cues: RelationCues) -> list[tuple[int, int, Ref]]:
    """Where the sentence places its speakers at a meeting: (start, end, meeting)."""
    text = ctx.text
    found: list[tuple[int, int, Ref]] = []
    if ctx.lang == "zh":
        for m in meetings:
            if re.match(r"(?:开幕式|全体会议)?(?:上|期间)", text[m.end :]):
                found.append((m.start, m.end, m.obs.ref))
        first = clause_spans(text, "zh")[:1]
        opening = sentence_start(ctx)
        for m in meetings:
            if first and m.start <= opening + 1 and m.end <= first[0][1] and _ZH_HELD_REST.match(text[m.end : first[0][1]]):
                found.append((m.start, m.end, m.obs.ref))
        heads = alternation(cues.get("meeting_heads", "zh"))
        for match in re.finditer(rf"(?<![\u4e00-\u9fff])({heads})(?:上|期间)|^({heads})(?:上|期间)", text):
            if not any(m.start <= match.start() < m.end for m in meetings):
                head = match.group(1) or match.group(2)
                found.append((match.start(), match.end(), antecedent_ref("meeting", head)))
        for match in _ZH_BARE_CEREMONY.finditer(text):  # "X在开幕式上介绍": the opening of the meeting named before
            found.append((match.start(), match.end(), antecedent_ref("meeting", GENERIC_HEADS[0])))
    else:
        for m in meetings:
            if re.search(r"\b(?:at|during)\s+(?:the\s+)?$", text[: m.start], re.IGNORECASE):
                found.append((m.start, m.end, m.obs.ref))
    return found


