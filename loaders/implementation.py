"""Implementation and framework links a sentence states.

- Purpose: "为落实《A》、《B》和《C》，…编制《D》", "会议通过《D》，为落实X…", "…adopted D to implement
  A": the documents named outside the purpose clause implement the documents and initiatives
  listed right after the marker.
- Basis: "根据《A》（or 该构想），制定了《B》和《C》": documents made on the basis of A implement it;
  "该/此/上述 <head>" refers back to the last document of that head (resolved per document).
- Agents: "“绿色城市”项目由联合国开发计划署与白俄罗斯自然资源与环保部主导实施" (the bodies or
  states carrying out the initiative named before 由, those of the last list item before the
  verb), "借助<body>，加快<initiative>建设" (the initiative is carried out relying on the body).
- Framework: "在X框架内举办的M…", "为纪念X举行M": the meeting is held within the initiative X
  (or is part of the meeting X).
"""
from __future__ import annotations

import re

from .clauses import AGENT_KINDS, Placed, agents, clause_at, placed
from .context import SentenceContext
from .cues import RelationCues
from .discourse import antecedent_ref
from .lexicon import Lexicon
from .model import Observation, Ref

_ZH_BACK_REFERENCE = re.compile(r"(?:该|此|这一|上述)([\u4e00-\u9fff]{1,4})")
_EN_BACK_REFERENCE = re.compile(r"(?:this|that|the above)\s+([a-z]+)", re.IGNORECASE)
_ZH_WITHIN = re.compile(r"^[”\"]?(?:的)?框架(?:内|下)")
_ZH_COMMEMORATE = re.compile(r"为纪念")
_EN_WITHIN = re.compile(r"\bwithin the framework of\s+(?:the\s+)?$", re.IGNORECASE)
_ZH_CARRIED_OUT = re.compile(r"由([^，,。；;]{2,60}?)(?:主导|负责|共同|联合)?(?:实施|执行|承建|运营)")
_ZH_RELYING_ON = re.compile(r"(?:依托|借助)$")


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
    if ctx.lang != "zh":
        return
    text = ctx.text
    acting = [a for a in agents(ctx, found) if a.obs.ref.kind in AGENT_KINDS[1:]]
    evidence = ctx.evidence()
    for match in _ZH_CARRIED_OUT.finditer(text):
        clause_start = clause_at(text, "zh", match.start())[0]
        subjects = sorted((i for i in initiatives + documents if clause_start <= i.start and i.end <= match.start()), key=lambda i: i.end)
        if not subjects:
            continue
        last_item = match.start(1) + match.group(1).rfind("、") + 1
        for agent in (a for a in acting if last_item <= a.start < match.end(1)):
            subjects[-1].obs.add("sco:carriedOutBy", agent.obs.ref, evidence)
    for body in (a for a in acting if a.obs.ref.kind == "body" and _ZH_RELYING_ON.search(text[: a.start])):
        clause_end = clause_at(text, "zh", body.end)[1]
        following = clause_at(text, "zh", min(clause_end + 1, len(text) - 1))[1] if clause_end < len(text) else clause_end
        for initiative in (i for i in initiatives if body.end <= i.start < following):
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
