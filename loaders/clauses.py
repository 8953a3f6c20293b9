"""Where things stand in a sentence: clauses, the positions of observations, and which named
agents (states, bodies, persons) act in their own right rather than qualify another name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .alternation import alternation
from .context import SentenceContext
from .cues import load_relation_cues
from .model import Observation

AGENT_KINDS = ("person", "state", "body")
NAMED_KINDS = ("document", "initiative")  # names that may hold an agent's name ("上合组织…倡议")
_BREAKS = {"zh": "，,；;。：:！？!?", "en": ";:!?"}
_OPENING, _CLOSING = "《“（(「〈<", "》”）)」〉>"
LIST_BREAK = re.compile(r"[、，,。；;]|\band\b|和|及|与|以及")
_EN_CLAUSE_COMMA = re.compile(r",\s+(?!and\b)")
# Between a qualifying name and the agent it qualifies: nothing, 的, or a role noun ("轮值主席国").
_ZH_QUALIFYING_GAP = re.compile(r"^(?:的|[\u4e00-\u9fff]{0,6}国)?$")
_EN_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Placed:
    """An observation and where its first name stands in the sentence (text indexes)."""

    obs: Observation
    start: int
    end: int


def clause_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """[start, end) of each clause: text between clause punctuation outside brackets and quotes
    (English clauses also end at a comma that does not join a list with "and")."""
    breaks = _BREAKS.get(lang, _BREAKS["en"])
    cuts, depth = [], 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and char in breaks:
            cuts.append((index, index + 1))
    if lang != "zh":
        cuts += [(m.start(), m.end()) for m in _EN_CLAUSE_COMMA.finditer(text)]
    spans, start = [], 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start > start:
            spans.append((start, cut_start))
        start = max(start, cut_end)
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clause_at(text: str, lang: str, index: int) -> tuple[int, int]:
    """The clause holding text[index] (the whole text when none does)."""
    return next(((s, e) for s, e in clause_spans(text, lang) if s <= index < e), (0, len(text)))


def place(ctx: SentenceContext, obs: Observation) -> Placed | None:
    """Where `obs` is named in this sentence; None when it has no name here."""
    positions = ctx.sentence.positions
    for span in obs.spans:
        if span.evidence.start == ctx.sentence.start and span.start in positions and span.end - 1 in positions:
            return Placed(obs, positions[span.start], positions[span.end - 1] + 1)
    return None


def placed(ctx: SentenceContext, found: list[Observation], kinds: tuple[str, ...]) -> list[Placed]:
    """The observations of the given kinds named in this sentence, in text order."""
    result = [p for p in (place(ctx, o) for o in found if o.ref.kind in kinds) if p is not None]
    return sorted(result, key=lambda p: (p.start, -p.end))


def agents(ctx: SentenceContext, found: list[Observation]) -> list[Placed]:
    """States, bodies and persons that act in their own right in this sentence.

    Left out are names that only qualify another name: one inside another agent's, a document's
    or an initiative's name (a meeting's name is the caller's to judge), a
    person's employer ("上合组织秘书长叶尔梅克巴耶夫": the SCO does not act, its Secretary-General
    does), a name followed by group words ("上合组织成员国": the member states act) and a name
    joined to a following agent by anything but a list break ("上合组织轮值主席国乌兹别克斯坦",
    "印度的环境部") and a state closing an English body's name after "of" ("the Ministry of
    Ecology of the Republic of X").
    """
    candidates = placed(ctx, found, AGENT_KINDS)
    names = placed(ctx, found, NAMED_KINDS)
    groups = load_relation_cues().get("group_words", ctx.lang)
    result = []
    for item in candidates:
        inside = any(o is not item and o.start <= item.start and item.end <= o.end and (o.end - o.start) > (item.end - item.start) for o in candidates + names)
        if inside or _employs(ctx, item, candidates) or _qualifies(ctx, item, candidates, groups):
            continue
        result.append(item)
    return result


def _employs(ctx: SentenceContext, item: Placed, candidates: list[Placed]) -> bool:
    """`item` is the employer a person represents, named next to that person."""
    if item.obs.ref.kind == "person":
        return False
    for person in candidates:
        if person.obs.ref.kind != "person":
            continue
        if not any(f.predicate == "sco:represents" and f.value == item.obs.ref for f in person.obs.facts):
            continue
        gap_before = ctx.text[item.end : person.start] if item.end <= person.start else None
        gap_after = ctx.text[person.end : item.start] if person.end <= item.start else None
        if gap_before is not None and not LIST_BREAK.search(gap_before):
            return True
        if gap_after is not None and re.match(r"^\s+of\s+(?:the\s+)?$", gap_after):
            return True
    return False


def _qualifies(ctx: SentenceContext, item: Placed, candidates: list[Placed], groups: tuple[str, ...]) -> bool:
    """`item` is followed by group words, or joined to the next agent without a list break."""
    rest = ctx.text[item.end :]
    if _group_words(groups, ctx.lang).match(rest):
        return True
    if ctx.lang != "zh" and item.obs.ref.kind == "state" and _closes_body_name(ctx, item, candidates):
        return True
    following = [c for c in candidates if c.start >= item.end and c.obs.ref.kind != "person"]
    if not following:
        return False
    return ctx.lang == "zh" and _ZH_QUALIFYING_GAP.match(ctx.text[item.end : following[0].start]) is not None


@lru_cache(maxsize=None)
def _group_words(groups: tuple[str, ...], lang: str) -> re.Pattern[str]:
    """Group words opening a text (compiled once per list and language)."""
    if lang == "zh":
        return re.compile(rf"^(?:有关|相关|其他|其余|全体|各)?(?:{alternation(groups)})")
    return re.compile(rf"^\s+(?:{alternation(groups)})\b", re.IGNORECASE)


def _closes_body_name(ctx: SentenceContext, item: Placed, candidates: list[Placed]) -> bool:
    """An English state name right after a body's name and "of (the)": the body's country."""
    before = [c for c in candidates if c.end <= item.start and c.obs.ref.kind == "body"]
    if not before:
        return False
    body = max(before, key=lambda c: c.end)
    return _EN_OF.fullmatch(ctx.text[body.end : item.start]) is not None
