"""Implementation and framework links a sentence states.

- Purpose: "为落实《A》、《B》和《C》，…编制《D》", "会议通过《D》，为落实X…", "…adopted D to implement
  A": the documents named outside the purpose clause implement the documents and initiatives
  listed right after the marker.
- Basis: "根据《A》（or 该构想），制定了《B》和《C》": documents made on the basis of A implement it;
  "该/此/上述 <head>" refers back to the last document of that head (resolved per document).
- Agents: "“绿色城市”项目由联合国开发计划署与白俄罗斯自然资源与环保部主导实施" (the bodies or
  states carrying out the initiative named before 由, those of the last list item before the
  verb); "借助<body>，加快<initiative>建设", "依托2014年成立的<body>，…建设<A>，建设<B>",
  "Relying on the <body>, we … developing <A>" (the initiatives named after the body in its
  sentence, up to a clause opening with another agent, are carried out relying on the body);
  "<initiative>管理委员会" (a body named as the initiative's managing body carries it out);
  "<body>…承担…事务，包括…、<initiative>建设、…" (the body opening the sentence undertakes
  building or running the initiatives its task list names).
- Framework: "在X框架内举办的M…", "为纪念X举行M": the meeting is held within the initiative X
  (or is part of the meeting X); "第四届“X”国际行动十年高级别国际会议": a meeting whose name
  holds the initiative's name, followed by meeting words, is held within it.
"""
from __future__ import annotations

import re

from .clauses import AGENT_KINDS, Placed, agents, clause_at, clause_spans, placed
from .context import SentenceContext
from .cues import RelationCues
from .discourse import antecedent_ref
from .lexicon import Lexicon
from .model import Observation, Ref

_ZH_BACK_REFERENCE = re.compile(r"(?:该|此|这一|上述)([\u4e00-\u9fff]{1,4})")
_EN_BACK_REFERENCE = re.compile(r"(?:this|that|the above)\s+([a-z]+)", re.IGNORECASE)
_ZH_WITHIN = re.compile(r"^[”\"]?(?:的)?框架(?:内|下)")
_ZH_COMMEMORATE = re.compile(r"为纪念")
# What may follow an initiative's name inside a meeting's name held on it ("…国际行动十年高级别国际会议")
_ZH_ON_INITIATIVE = re.compile(r"^[”\"]?(?:高级别|国际|年度|专题)*(?:会议|大会|论坛|峰会|研讨会)$")
_EN_WITHIN = re.compile(r"\bwithin the framework of\s+(?:the\s+)?$", re.IGNORECASE)
_ZH_CARRIED_OUT = re.compile(r"由([^，,。；;]{2,60}?)(?:主导|负责|共同|联合)?(?:实施|执行|承建|运营)")
# "依托<body>", "借助<body>", "依托2014年成立的<body>"
_ZH_RELYING_ON = re.compile(r"(?:依托|借助)(?:\d{4}\s*年(?:\d{1,2}\s*月)?)?(?:成立|设立|组建|建立)?的?$")
_EN_RELYING_ON = re.compile(r"\b(?:relying on|with the support of)\s+(?:the\s+)?$", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^[\s\d年月日，,]*")
# "<body>…承担…事务，包括…、<initiative>建设": a task list, and what an item's initiative is for
_ZH_UNDERTAKES = re.compile(r"(?:承担|负责)[^。；;]*?包括")
_ZH_TASK = re.compile(r"^[”\"]?(?:的)?(?:建设|运行|运营|维护|升级)")
# What a body named after an initiative's name is when it manages it ("…科技园区库管理委员会")
_ZH_MANAGING = re.compile(r"^(?:管理|指导|协调)(?:委员会|机构|办公室|中心)$")
_EN_MANAGING = re.compile(r"^\s+(?:management|steering|coordinating)\s+(?:committee|board|council|office)$", re.IGNORECASE)


def link_implementation(ctx: SentenceContext, found: list[Observation], lexicon: Lexicon, cues: RelationCues) -> None:
    """Add the implementation and framework links of one sentence (see the module docstring)."""
    documents = [p for p in placed(ctx, found, ("document",)) if not p.obs.nested]
    initiatives = [i for i in placed(ctx, found, ("initiative",)) if not any(d.start <= i.start and i.end <= d.end for d in documents)]
    _purpose(ctx, documents, initiatives, cues)
    _basis(ctx, documents, lexicon, cues)
    _carried_out(ctx, found, documents, initiatives)
    _framework(ctx, found, initiatives)


def _markers(ctx: SentenceContext, words: tuple[str, ...]) -> list[re.Match[str]]:
    if not words:
        return []
    alternation = "|".join(map(re.escape, words))
    pattern = alternation if ctx.lang == "zh" else rf"\b(?:{alternation})\b"
    return list(re.finditer(pattern, ctx.text, 0 if ctx.lang == "zh" else re.IGNORECASE))


def _listed_after(ctx: SentenceContext, end: int, items: list[Placed]) -> list[Placed]:
    """The items of the list that starts right after a marker, up to the end of its clause."""
    clause_end = clause_at(ctx.text, ctx.lang, end)[1]
    return [p for p in items if end <= p.start < clause_end]


def _purpose(ctx: SentenceContext, documents: list[Placed], initiatives: list[Placed], cues: RelationCues) -> None:
    for marker in _markers(ctx, cues.get("implementation_markers", ctx.lang)):
        targets = _listed_after(ctx, marker.end(), documents + initiatives)
        if not targets:
            continue
        clause = clause_at(ctx.text, ctx.lang, marker.end())
        clause_start = min(clause[0], marker.start())
        implementers = [d for d in documents if not (clause_start <= d.start < clause[1])]
        if ctx.lang != "zh":
            implementers = [d for d in implementers if d.end <= marker.start()]
        _implements(ctx, implementers, [t.obs.ref for t in targets])


def _basis(ctx: SentenceContext, documents: list[Placed], lexicon: Lexicon, cues: RelationCues) -> None:
    verbs = cues.get("creation_verbs", ctx.lang)
    for marker in _markers(ctx, cues.get("basis_markers", ctx.lang)):
        clause = clause_at(ctx.text, ctx.lang, marker.end())
        targets = [t.obs.ref for t in _listed_after(ctx, marker.end(), documents)]
        if not targets:
            back = (_ZH_BACK_REFERENCE if ctx.lang == "zh" else _EN_BACK_REFERENCE).match(ctx.text, marker.end())
            if back and back.end() <= clause[1] and lexicon.document_class(back.group(1), ctx.lang):
                targets = [antecedent_ref("document", back.group(1))]
        verb = _first_after(ctx, verbs, clause[1])
        if not targets or verb is None:
            continue
        implementers = [d for d in documents if d.start >= clause[1]]
        _implements(ctx, implementers, targets)


def _first_after(ctx: SentenceContext, words: tuple[str, ...], start: int) -> int | None:
    found = [m.start() for m in _markers(ctx, words) if m.start() >= start]
    return min(found) if found else None


def _implements(ctx: SentenceContext, implementers: list[Placed], targets: list[Ref]) -> None:
    evidence = ctx.evidence()
    for doc in implementers:
        for target in targets:
            if target != doc.obs.ref and not any(f.predicate == "sco:implements" and f.value == target for f in doc.obs.facts):
                doc.obs.add("sco:implements", target, evidence)


def _carried_out(ctx: SentenceContext, found: list[Observation], documents: list[Placed], initiatives: list[Placed]) -> None:
    acting = [a for a in agents(ctx, found) if a.obs.ref.kind in AGENT_KINDS[1:]]
    _relied_on(ctx, acting, initiatives)
    _managed(ctx, found, initiatives)
    _undertaken(ctx, acting, initiatives)
    if ctx.lang != "zh":
        return
    text = ctx.text
    evidence = ctx.evidence()
    for match in _ZH_CARRIED_OUT.finditer(text):
        clause_start = clause_at(text, "zh", match.start())[0]
        subjects = sorted((i for i in initiatives + documents if clause_start <= i.start and i.end <= match.start()), key=lambda i: i.end)
        if not subjects:
            continue
        last_item = match.start(1) + match.group(1).rfind("、") + 1
        for agent in (a for a in acting if last_item <= a.start < match.end(1)):
            subjects[-1].obs.add("sco:carriedOutBy", agent.obs.ref, evidence)


def _relied_on(ctx: SentenceContext, acting: list[Placed], initiatives: list[Placed]) -> None:
    """"借助<body>，加快<A>建设", "Relying on the <body>, … developing <A>": the initiatives named
    after the body, up to the first later clause that opens with another agent."""
    text = ctx.text
    relying = _ZH_RELYING_ON if ctx.lang == "zh" else _EN_RELYING_ON
    evidence = ctx.evidence()
    for body in (a for a in acting if a.obs.ref.kind == "body" and relying.search(text[: a.start])):
        reach = _subject_change(ctx, acting, body)
        for initiative in (i for i in initiatives if body.end <= i.start < reach):
            initiative.obs.add("sco:carriedOutBy", body.obs.ref, evidence)


def _subject_change(ctx: SentenceContext, acting: list[Placed], body: Placed) -> int:
    """Where the first clause after the body's that opens with another agent starts (else the end)."""
    body_clause_end = clause_at(ctx.text, ctx.lang, body.start)[1]
    for start, _ in (span for span in clause_spans(ctx.text, ctx.lang) if span[0] >= body_clause_end):
        opening = start + len(ctx.text[start:]) - len(ctx.text[start:].lstrip())
        if any(a.start == opening and a is not body for a in acting):
            return start
    return len(ctx.text)


def _undertaken(ctx: SentenceContext, acting: list[Placed], initiatives: list[Placed]) -> None:
    """"<body>于2014年成立，…承担…事务，包括…、<initiative>建设、…": the body opening the sentence
    builds or runs the initiatives of its task list."""
    if ctx.lang != "zh":
        return
    opening = _LEADING_DATE.match(ctx.text).end()
    subject = next((a for a in acting if a.start == opening and a.obs.ref.kind == "body"), None)
    task_list = _ZH_UNDERTAKES.search(ctx.text, subject.end) if subject else None
    if subject is None or task_list is None:
        return
    for initiative in (i for i in initiatives if i.start >= task_list.end() and _ZH_TASK.match(ctx.text[i.end :])):
        initiative.obs.add("sco:carriedOutBy", subject.obs.ref, ctx.evidence())


def _managed(ctx: SentenceContext, found: list[Observation], initiatives: list[Placed]) -> None:
    """"上合组织科技园区库管理委员会": the body named by an initiative's name and a managing body's
    words carries the initiative out."""
    evidence = ctx.evidence()
    for body in placed(ctx, found, ("body",)):
        for initiative in (i for i in initiatives if i.start == body.start and i.end < body.end):
            rest = ctx.text[initiative.end : body.end]
            if (_ZH_MANAGING if ctx.lang == "zh" else _EN_MANAGING).match(rest):
                initiative.obs.add("sco:carriedOutBy", body.obs.ref, evidence)


def _framework(ctx: SentenceContext, found: list[Observation], initiatives: list[Placed]) -> None:
    meetings = placed(ctx, found, ("meeting",))
    frames: list[tuple[Placed, int]] = []  # (initiative or meeting framing others, where the frame phrase ends)
    for frame in initiatives + meetings:
        rest = ctx.text[frame.end :]
        within = _ZH_WITHIN.match(rest) if ctx.lang == "zh" else None
        if within:
            frames.append((frame, frame.end + within.end()))
        elif ctx.lang == "zh" and _ZH_COMMEMORATE.search(ctx.text[max(0, frame.start - 4) : frame.start].replace("“", "")):
            frames.append((frame, frame.end))
        elif ctx.lang != "zh" and _EN_WITHIN.search(ctx.text[: frame.start]):
            frames.append((frame, frame.start))
    evidence = ctx.evidence()
    for frame, _ in frames:
        predicate = "sco:heldWithin" if frame.obs.ref.kind == "initiative" else "schema:superEvent"
        for meeting in meetings:
            if meeting is not frame and not (meeting.start <= frame.start and frame.end <= meeting.end):
                meeting.obs.add(predicate, frame.obs.ref, evidence)
    if ctx.lang == "zh":
        for meeting in meetings:
            for initiative in (i for i in initiatives if meeting.start < i.start and i.end < meeting.end):
                if _ZH_ON_INITIATIVE.match(ctx.text[initiative.end : meeting.end]):
                    meeting.obs.add("sco:heldWithin", initiative.obs.ref, evidence)
