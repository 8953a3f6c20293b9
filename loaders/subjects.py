"""Which meeting a sentence is about, and where a meeting as the sentence's subject ends.

The meeting a sentence is about is the one it names at its start, else the one a bare head at
its start refers back to ("会议由…主持", "论坛期间", "The forum was hosted by…"), else the
document's own meeting when the delegations speak ("各代表团团长批准了…"), else the one meeting
it names, else the document's own meeting.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .alternation import alternation
from .clauses import Placed
from .context import SentenceContext
from .cues import RelationCues
from .discourse import antecedent_ref
from .model import Ref

LEADING_DATE = re.compile(r"^[\s\d年月日至到\-—–,，.、]*")


def sentence_start(ctx: SentenceContext) -> int:
    """Where the sentence starts after a leading date."""
    return LEADING_DATE.match(ctx.text).end()


def sentence_meeting(ctx: SentenceContext, meetings: list[Placed], cues: RelationCues) -> Ref | None:
    """The meeting the sentence is about (see the module docstring)."""
    start = sentence_start(ctx)
    opening = [m for m in meetings if m.start <= start + 1 and nothing_before(ctx.text, start, m.start)]
    if opening:
        return opening[0].obs.ref
    head = leading_head(ctx, start, cues)
    if head:
        return antecedent_ref("meeting", head)
    rest = ctx.text[start:]
    if ctx.current_meeting and starts_with(rest, cues.get("meeting_subjects", ctx.lang), ctx.lang):
        return ctx.current_meeting
    return meetings[0].obs.ref if meetings else ctx.current_meeting


def nothing_before(text: str, start: int, index: int) -> bool:
    """Only spaces, a locative or an opening bracket between `start` and `index`."""
    return not text[start:index].strip(" 　在于(（“\"")


def starts_with(text: str, words: tuple[str, ...], lang: str) -> bool:
    """`text` opens with one of `words` (English: as whole words, in any case)."""
    if lang == "zh":
        return text.startswith(words)
    return bool(words) and _whole_words(words).match(text) is not None


@lru_cache(maxsize=None)
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words` as a whole word, in any case (compiled once per list)."""
    return re.compile(rf"(?:{alternation(words)})\b", re.IGNORECASE)


def leading_head(ctx: SentenceContext, start: int, cues: RelationCues) -> str | None:
    """A bare meeting head opening the sentence ("会议由…", "会上，", "论坛期间，", "The forum …")."""
    rest = ctx.text[start:]
    for head, pattern in _leading_heads(cues.get("meeting_heads", ctx.lang), ctx.lang):
        if pattern.match(rest):
            return head
    return None


@lru_cache(maxsize=None)
def _leading_heads(heads: tuple[str, ...], lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each head with the pattern of its bare use opening a sentence (compiled once per list)."""
    if lang == "zh":
        return tuple((h, re.compile(rf"{re.escape(h)}(?:上|期间|由|[，,]|通过|宣布|审议|讨论|指出|认为|是|将|在|以)")) for h in heads)
    return tuple(
        (h, re.compile(rf"(?:the|at the|during the)\s+{re.escape(h)}\b(?!\s+(?:of|on|for)\b)", re.IGNORECASE)) for h in heads
    )


def subject_meeting_end(ctx: SentenceContext, meetings: list[Placed], cues: RelationCues) -> int | None:
    """Where the meeting that opens the sentence as its subject ends (a name or a bare head)."""
    start = sentence_start(ctx)
    named = [m for m in meetings if nothing_before(ctx.text, start, m.start)]
    if named:
        return named[0].end
    head = leading_head(ctx, start, cues)
    if head is None:
        return None
    match = re.match(rf"(?:the\s+)?{re.escape(head)}", ctx.text[start:], re.IGNORECASE)
    return start + match.end() if match else None
