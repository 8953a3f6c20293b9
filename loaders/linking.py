"""Relations between the things one sentence names: adoption, attendance, chairing, hosting."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import EMPLOYER_KINDS

_ZH_ATTEND = re.compile(r"(出席|列席)(?:了)?(?:会议|论坛|峰会)")
_ZH_CHAIR = re.compile(r"由(.{2,30}?)主持")
_ZH_HOST = re.compile(r"(主办|承办|举办)")
_EN_ATTEND = re.compile(r"attended the (?:meeting|forum|summit)", re.IGNORECASE)
_EN_CHAIR = re.compile(r"chaired by", re.IGNORECASE)
_LIST_BREAK = re.compile(r"[、，,。；;]|\band\b|和|及|与")
_OF_EMPLOYER = re.compile(r"^\s+of\s+(?:the\s+)?$")  # "Prime Minister Turchin of the Republic of Belarus"

# How one attended a meeting: as a full participant (出席) or as a guest (列席). One attendee has
# one of these roles per meeting; a translation's looser verb ("attended") never overrides them.
PARTICIPANT, GUEST = "sco:participant", "sco:guest"
ATTENDANCE_ROLES = (PARTICIPANT, GUEST)


def link_sentence(ctx: SentenceContext, found: list[Observation], lexicon: Lexicon) -> None:
    """Add the relations a sentence states between the observations found in it."""
    meetings = [o for o in found if o.ref.kind == "meeting"]
    documents = [o for o in found if o.ref.kind == "document" and not o.nested]
    _link_adoption(ctx, meetings, documents, lexicon)
    _link_attendance(ctx, found, meetings)
    _link_host(ctx, found, meetings)


def _first_span_start(obs: Observation, ctx: SentenceContext) -> int:
    span = obs.spans[0]
    return ctx.sentence.offsets.index(span.start) if span.start in ctx.sentence.offsets else 0


def _first_span_end(obs: Observation, ctx: SentenceContext) -> int:
    span = obs.spans[0]
    return ctx.sentence.offsets.index(span.end - 1) + 1 if span.end - 1 in ctx.sentence.offsets else 0


def _employers(ctx: SentenceContext, found: list[Observation]) -> list[Observation]:
    """States and bodies named as a person's employer ("上合组织秘书长叶尔梅克巴耶夫",
    "蒙古国总理赞登沙特尔", "SCO Secretary-General Yermekbayev", "Prime Minister Turchin of the
    Republic of Belarus").

    The employer stands in the person's role phrase: the person represents it, and it either
    comes before the person with nothing but the title between (no list break), or right after
    the name, joined by "of", so it is not listed on its own.
    """
    persons = [o for o in found if o.ref.kind == "person" and o.spans]
    result = []
    for obs in found:
        if obs.ref.kind not in EMPLOYER_KINDS or not obs.spans:
            continue
        start, end = _first_span_start(obs, ctx), _first_span_end(obs, ctx)
        for person in persons:
            if not any(f.predicate == "sco:represents" and f.value == obs.ref for f in person.facts):
                continue
            person_start, person_end = _first_span_start(person, ctx), _first_span_end(person, ctx)
            before = end <= person_start and not _LIST_BREAK.search(ctx.text[end:person_start])
            after = person_end <= start and _OF_EMPLOYER.match(ctx.text[person_end:start])
            if before or after:
                result.append(obs)
                break
    return result


def _link_adoption(ctx: SentenceContext, meetings, documents, lexicon: Lexicon) -> None:
    """"会议通过《X》" / "adopted the X": a document after an adoption verb, with one meeting in the sentence."""
    verbs = lexicon.adoption_verbs_zh if ctx.lang == "zh" else lexicon.adoption_verbs_en
    meeting = meetings[0].ref if len(meetings) == 1 else None
    if meeting is None and re.search(r"^会议|^The meeting|^Attendees", ctx.text):
        meeting = ctx.current_meeting
    if meeting is None:
        return
    for doc in documents:
        start = _first_span_start(doc, ctx)
        before = ctx.text[max(0, start - 12) : start]
        if any(verb in before for verb in verbs):
            doc.add("sco:adoptedAt", meeting, ctx.evidence())


def _link_attendance(ctx: SentenceContext, found: list[Observation], meetings) -> None:
    """"X、Y出席会议" (participants), "列席" (guests), "由X主持" (chair) about the document's meeting.

    A state or body named only as the employer of a person attending is not an attendee itself:
    the person attends and represents it.
    """
    target = meetings[0].ref if meetings else ctx.current_meeting
    if target is None:
        return
    attend = _ZH_ATTEND.search(ctx.text) if ctx.lang == "zh" else _EN_ATTEND.search(ctx.text)
    chair = _ZH_CHAIR.search(ctx.text) if ctx.lang == "zh" else _EN_CHAIR.search(ctx.text)
    if not (attend or chair):
        return
    meeting_obs = Observation(target, "Meeting", primary=ctx.primary)
    evidence = ctx.evidence()
    guest = bool(attend and attend.group(0).startswith("列席"))
    employers = _employers(ctx, found)
    for obs in found:
        if obs.ref.kind not in ("person", "state", "body") or obs.ref == target or any(obs is e for e in employers):
            continue
        if chair and obs.ref.kind == "person":
            meeting_obs.add("sco:chair", obs.ref, evidence)
        elif attend:
            meeting_obs.add(GUEST if guest else PARTICIPANT, obs.ref, evidence)
    if meeting_obs.facts:
        found.append(meeting_obs)


def _link_host(ctx: SentenceContext, found: list[Observation], meetings) -> None:
    """"塔方将主办第二次…会议": the state named just before a hosting verb hosts the meeting."""
    if ctx.lang != "zh" or not meetings:
        return
    for match in _ZH_HOST.finditer(ctx.text):
        states = [n for n in ctx.names if n.kind == "state" and 0 <= match.start() - n.end <= 2]
        following = [m for m in meetings if _first_span_start(m, ctx) >= match.end()]
        if states and following:
            following[0].add("sco:host", Ref("state", states[-1].key), ctx.evidence())
