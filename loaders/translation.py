"""Match the observations of a translation to those of its original passage."""
from __future__ import annotations

from .model import Observation, Ref

# Kinds whose keys depend on the language of the name; dictionary kinds (states, places,
# known bodies) have language-free keys and need no matching.
MATCHED_KINDS = ("document", "meeting", "person", "initiative", "body", "series")


def _ordinal(obs: Observation) -> int | None:
    return next((f.value for f in obs.facts if f.predicate == "sco:ordinal"), None)  # type: ignore[return-value]


def _represents(obs: Observation) -> object:
    return next((f.value for f in obs.facts if f.predicate == "sco:represents"), None)


def _pairs(originals: list[Observation], translations: list[Observation]) -> list[tuple[Observation, Observation]]:
    """Pair by order when the counts agree, else by ordinal (meetings) or represented state (persons)."""
    if len(originals) == len(translations):
        return list(zip(originals, translations))
    pairs = []
    used: set[int] = set()
    for translation in translations:
        for index, original in enumerate(originals):
            if index in used:
                continue
            same_ordinal = _ordinal(original) is not None and _ordinal(original) == _ordinal(translation)
            same_state = _represents(original) is not None and _represents(original) == _represents(translation)
            if same_ordinal or same_state:
                pairs.append((original, translation))
                used.add(index)
                break
    return pairs


def match_translations(originals: list[Observation], translations: list[Observation]) -> None:
    """Give each translated observation its original's reference; drop the unmatched ones.

    A translation contributes its names (English labels) and the facts the original lacks;
    translated observations that match nothing are removed, because the original passage is
    authoritative where the two disagree.
    """
    keep: list[Observation] = []
    refs: dict[Ref, Ref] = {}
    for kind in MATCHED_KINDS:
        top = [o for o in originals if o.ref.kind == kind and not o.nested]
        translated = [o for o in translations if o.ref.kind == kind and not o.nested]
        for original, translation in _pairs(top, translated):
            refs[translation.ref] = original.ref
            translation.ref = original.ref
            translation.primary = False
            keep.append(translation)
    for obs in translations:
        if obs.ref.kind not in MATCHED_KINDS:
            obs.primary = False
            keep.append(obs)
    for obs in keep:
        obs.facts = [
            fact if not isinstance(fact.value, Ref) or fact.value not in refs else type(fact)(fact.predicate, refs[fact.value], fact.evidence, fact.lang)
            for fact in obs.facts
            if not isinstance(fact.value, Ref) or fact.value.kind not in MATCHED_KINDS or fact.value in refs or fact.predicate == "sco:inSeries"
        ]
    translations[:] = [o for o in translations if any(o is k for k in keep)]
