"""Sentences for loader tests: a sentence context as the reader builds it, observations of the
names in it as the extractors would make them, and the links the sentence linker adds."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment


def context(
    text: str,
    lang: str = "zh",
    start: int = 0,
    previous: list[Observation] | None = None,
    current: Ref | None = None,
) -> SentenceContext:
    """The context of `text` read as one sentence of document "doc" starting at offset `start`."""
    sentence = Segment(text, tuple(range(start, start + len(text))), lang)
    names = default_name_index().find(text, lang)
    return SentenceContext("doc", sentence, True, names, current_meeting=current, previous=previous or [])


def observe(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str) -> Observation:
    """An observation of `ref` at the first occurrence of `surface` in the sentence."""
    index = ctx.text.index(surface)
    return ctx.observe(ref, sco_class, index, index + len(surface))


def known(ctx: SentenceContext) -> list[Observation]:
    """Observations of the dictionary names of the sentence (states, places, well-known bodies)."""
    bodies = {b.id: b.sco_class for b in load_lexicon().bodies}
    classes = {"state": "State", "place": "City"}
    return [ctx.observe(Ref(n.kind, n.key), bodies.get(n.key) or classes[n.kind], n.start, n.end) for n in ctx.names]


def link(ctx: SentenceContext, found: list[Observation]) -> list[Observation]:
    """`found` after the sentence linker has added its facts."""
    link_sentence(ctx, found, load_lexicon())
    return found


def facts(found: list[Observation], predicate: str) -> set[tuple[Ref, object]]:
    """(subject, value) of every fact with `predicate` in `found`."""
    return {(o.ref, f.value) for o in found for f in o.facts if f.predicate == predicate}
