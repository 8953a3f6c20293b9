"""Match the observations of a translation to those of its original passage."""
from __future__ import annotations

import re

from .lexicon import load_lexicon
from .linking import ATTENDANCE_ROLES
from .model import Fact, Observation, Ref, Value
from .names import default_name_index
from .resolve import SERIES_LABEL, SERIES_REFERENCE_LABEL
from .temporal import DateValue

# Kinds whose keys depend on the language of the name; dictionary kinds (states, places,
# known bodies) have language-free keys and need no matching.
MATCHED_KINDS = ("document", "meeting", "person", "initiative", "body", "series")
NAMED_KINDS = ("state", "place", "body")  # dictionary kinds a name may contain
# Relations whose value the original decides when it states one ("…元首理事会第14次会议" rendered
# "…Council of Heads of Government…" names another council; a translation that misreads a title
# may take the wrong meeting as the adopting one).
ORIGINAL_DECIDES = ("sco:meetingOf", "sco:adoptedAt")
# Families of document classes that a translation may render one as another (构想 as "Convention",
# 纲要 as "Framework"); a class of another family names another document: a resolution (a
# decision a body votes) is no framework, a declaration no plan. Classes not listed are texts.
DOCUMENT_FAMILIES = {
    "Resolution": "decision",
    "Declaration": "declaration", "Statement": "declaration", "Communique": "declaration", "InitiativeText": "declaration",
    "Report": "report",
}
TEXT_FAMILY = "text"
GENERIC_DOCUMENT = "Document"  # a document whose head gives no narrower class


def _ordinal(obs: Observation) -> int | None:
    return next((f.value for f in obs.facts if f.predicate == "sco:ordinal"), None)  # type: ignore[return-value]


def _represents(obs: Observation) -> object:
    """The state or reference body `obs` represents; names read in one language (keys `zh:`/`en:`)
    differ between the original and its translation, so they do not count."""
    return next(
        (f.value for f in obs.facts
         if f.predicate == "sco:represents" and not f.value.key.startswith(("zh:", "en:"))),
        None,
    )


def _start(obs: Observation) -> DateValue | None:
    return next((f.value for f in obs.facts if f.predicate in ("schema:startDate", "dcterms:date")), None)  # type: ignore[return-value]


def _same_day_or_refinement(a: DateValue, b: DateValue) -> bool:
    short, long = sorted((a.lexical(), b.lexical()), key=len)
    return long.startswith(short)


def _sentence(obs: Observation) -> str:
    return obs.spans[0].evidence.quote if obs.spans else ""


def _compatible(original: Observation, translation: Observation) -> bool:
    """Nothing the translation states contradicts its original.

    A translation may leave out an ordinal or a date, but it does not add an ordinal the
    original lacks, give another ordinal or date, name a date whose year its original's
    sentence does not hold, have a person represent another state or body, or name a document
    of another kind (a resolution is no framework), or end with a head word that translates another.
    """
    if _other_document_kind(original, translation) or _other_head(original, translation):
        return False
    ordinal = _ordinal(translation)
    if ordinal is not None and ordinal != _ordinal(original):
        return False
    ours, theirs = _start(original), _start(translation)
    if theirs is not None:
        if ours is not None and not _same_day_or_refinement(ours, theirs):
            return False
        if ours is None and not re.search(rf"(?<!\d){theirs.year}(?!\d)", _sentence(original)):
            return False
    ours_party, theirs_party = _represents(original), _represents(translation)
    return ours_party is None or theirs_party is None or ours_party == theirs_party


def _other_document_kind(original: Observation, translation: Observation) -> bool:
    """Two documents whose heads give them classes of different families (`DOCUMENT_FAMILIES`)."""
    classes = {original.sco_class, translation.sco_class}
    if original.ref.kind != "document" or GENERIC_DOCUMENT in classes:
        return False
    return len({DOCUMENT_FAMILIES.get(c, TEXT_FAMILY) for c in classes}) == 2


def _corresponds(original: Observation, translation: Observation) -> bool:
    """Positive evidence that two observations are one thing: the same ordinal or represented
    party, or the same date for two things of the same class."""
    same = [value(original) is not None and value(original) == value(translation) for value in (_ordinal, _represents, _start)]
    return same[0] or same[1] or (same[2] and original.sco_class == translation.sco_class)


def _pairs(originals: list[Observation], translations: list[Observation]) -> list[tuple[Observation, Observation]]:
    """Pair by order when the counts agree and no pair contradicts itself; else pair each translation
    with the one original it corresponds to (same ordinal, date or represented party).

    A translation that corresponds to several originals, or to none, is ambiguous and stays unpaired.
    """
    if len(originals) == len(translations):
        ordered = _in_order(originals, translations)
        if ordered is not None:
            return ordered
    pairs = []
    used: set[int] = set()
    for translation in translations:
        candidates = [i for i, o in enumerate(originals) if _compatible(o, translation) and _corresponds(o, translation)]
        if len(candidates) == 1 and candidates[0] not in used:
            pairs.append((originals[candidates[0]], translation))
            used.add(candidates[0])
    return pairs


def _in_order(originals: list[Observation], translations: list[Observation]) -> list[tuple[Observation, Observation]] | None:
    """Pair by order, letting two neighbours trade places where a translation names them the other
    way round ("依托A，建立B" / "Establish B on the basis of A"); None when a pair still contradicts itself."""
    order = list(translations)
    for i in range(len(order)):
        if _compatible(originals[i], order[i]):
            continue
        if i + 1 < len(order) and _compatible(originals[i], order[i + 1]) and _compatible(originals[i + 1], order[i]):
            order[i], order[i + 1] = order[i + 1], order[i]
            continue
        return None
    return list(zip(originals, order))


def _other_head(original: Observation, translation: Observation) -> bool:
    """The two names end with head words that translate different words (平台 "Platform" and
    数据库 "Database": lexicon `name_heads`)."""
    heads = load_lexicon().name_heads
    ours = {i for text, lang in original.names if lang == "zh" for i, (zh, _) in enumerate(heads) if text.endswith(zh)}
    theirs = {i for text, lang in translation.names if lang == "en" for i, (_, en) in enumerate(heads)
              if text.lower().endswith(en.lower())}
    return bool(ours and theirs and not ours & theirs)


def _named(obs: Observation) -> dict[str, set[str]]:
    """The states, places and known bodies the names of an observation contain, by kind."""
    found: dict[str, set[str]] = {}
    index = default_name_index()
    for text, lang in obs.names:
        for match in index.find(text, lang):
            found.setdefault(match.kind, set()).add(match.key)
    return found


def _ancestors(body: str, parents: dict[str, str | None]) -> set[str]:
    result: set[str] = set()
    while parents.get(body) and parents[body] not in result:
        body = parents[body]  # type: ignore[assignment]
        result.add(body)
    return result


def _names_contradict(original: Observation, translation: Observation) -> bool:
    """The translation's name names another known thing than its original's name.

    "上海合作组织成员国元首理事会第14次会议" rendered as "…Council of Heads of Government…" names
    another council. Per kind (state, place, body), the most specific known things each name
    holds differ, and none is part of another.
    """
    parents = {b.id: b.part_of for b in load_lexicon().bodies}
    ours, theirs = _named(original), _named(translation)
    for kind in NAMED_KINDS:
        a = {k for k in ours.get(kind, set()) if not any(k in _ancestors(o, parents) for o in ours[kind])}
        b = {k for k in theirs.get(kind, set()) if not any(k in _ancestors(t, parents) for t in theirs[kind])}
        if a and b and not any(x == y or x in _ancestors(y, parents) or y in _ancestors(x, parents) for x in a for y in b):
            return True
    return False


def _drop_names(translation: Observation) -> None:
    """Keep a mistranslated observation's facts, but none of its names."""
    translation.names = []
    translation.facts = [f for f in translation.facts if f.predicate not in (SERIES_LABEL, SERIES_REFERENCE_LABEL)]


def match_translations(originals: list[Observation], translations: list[Observation]) -> None:
    """Give each translated observation its original's reference; drop the unmatched ones.

    A translation contributes its names (English labels) and the facts the original lacks;
    translated observations that match nothing, or nothing unambiguously, are removed, because the
    original passage is authoritative where the two disagree: a translated name that names another
    known thing than the original is no name of it, the original's verb decides how each
    attendee attended (see `_with_original_role`), and where the original says whose meeting it
    is (`ORIGINAL_DECIDES`) the translation's say on that is dropped.
    """
    keep: list[Observation] = []
    refs: dict[Ref, Ref] = {}
    for kind in MATCHED_KINDS:
        top = [o for o in originals if o.ref.kind == kind and _language_keyed(o)]
        translated = [o for o in translations if o.ref.kind == kind and _language_keyed(o)]
        for original, translation in _pairs(top, translated):
            if _names_contradict(original, translation):
                _drop_names(translation)
            refs[translation.ref] = original.ref
            translation.ref = original.ref
            translation.primary = False
            keep.append(translation)
    for obs in translations:
        if obs.ref.kind not in MATCHED_KINDS or not _language_keyed(obs):
            obs.primary = False
            keep.append(obs)
    for obs in keep:
        obs.facts = [
            fact if not isinstance(fact.value, Ref) or fact.value not in refs else type(fact)(fact.predicate, refs[fact.value], fact.evidence, fact.lang)
            for fact in obs.facts
            if not isinstance(fact.value, Ref) or fact.value.kind not in MATCHED_KINDS or fact.value in refs or fact.predicate == "sco:inSeries"
        ]
    roles = _original_roles(originals)
    named = {o.ref for o in originals}
    decided = {(o.ref, f.predicate) for o in originals for f in o.facts if f.predicate in ORIGINAL_DECIDES}
    for obs in keep:
        obs.facts = [f for f in (_with_original_role(fact, roles.get(obs.ref, {}), named) for fact in obs.facts) if f]
        obs.facts = [f for f in obs.facts if (obs.ref, f.predicate) not in decided]
    translations[:] = [o for o in translations if any(o is k for k in keep)]
    _render_titles(originals, {_sentence(o) for o in translations})


def _render_titles(originals: list[Observation], sentences: set[str]) -> None:
    """A person's English title as the translation writes it: where the translated passage uses
    another rendering of a title ("Vice Minister" for 副部长) and never the lexicon's own
    ("Deputy Minister"), the person's English title is the text's."""
    renderings = load_lexicon().title_renderings
    for obs in originals:
        if obs.ref.kind != "person":
            continue
        obs.facts = [_as_rendered(f, renderings.get(str(f.value), ()), sentences) if f.predicate == "schema:jobTitle" and f.lang == "en" else f
                     for f in obs.facts]


def _as_rendered(fact: Fact, renderings: tuple[str, ...], sentences: set[str]) -> Fact:
    def used(title: str) -> bool:
        return any(re.search(rf"\b{re.escape(title)}\b", s) for s in sentences)

    if not renderings or used(str(fact.value)):
        return fact
    rendering = next((r for r in renderings if used(r)), None)
    return Fact(fact.predicate, rendering, fact.evidence, fact.lang) if rendering else fact


def _language_keyed(obs: Observation) -> bool:
    """A top-level observation whose key depends on the language of its name (a known body's does not)."""
    return not obs.nested and obs.ref.key.startswith(("zh:", "en:"))


def _original_roles(originals: list[Observation]) -> dict[Ref, dict[Value, str]]:
    """For each meeting, the attendance role (participant or guest) the original passage gives each attendee."""
    roles: dict[Ref, dict[Value, str]] = {}
    for obs in originals:
        for fact in obs.facts:
            if fact.predicate in ATTENDANCE_ROLES:
                roles.setdefault(obs.ref, {})[fact.value] = fact.predicate
    return roles


def _with_original_role(fact: Fact, roles: dict[Value, str], named: set[Ref]) -> Fact | None:
    """A translated attendance fact under the role its original states; None when that role is unknown.

    "attended" translates both 出席 (participant) and 列席 (guest): the original's role for the same
    attendee wins, else the one role the original gives all its attendees. Where the original
    names this attendee without making it one (a state named as a person's employer), or mixes
    roles and does not name it, the fact is dropped. Facts of a meeting whose original states no
    attendance at all are kept as translated.
    """
    if fact.predicate not in ATTENDANCE_ROLES or not roles:
        return fact
    role = roles.get(fact.value)
    if role is None and fact.value not in named and len(set(roles.values())) == 1:
        role = next(iter(roles.values()))
    return Fact(role, fact.value, fact.evidence, fact.lang) if role else None
