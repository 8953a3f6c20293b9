"""Which references name the same thing: editions of a series named in several ways, short
names of a series or a title, and bare names that stand for the series itself."""
from __future__ import annotations

import re
from collections import defaultdict

from .lexicon import load_lexicon
from .model import Fact, Observation, Ref
from .normalize import name_key, years_in
from .recurrence import is_generic
from .temporal import DateValue

SERIES_CLASS = "MeetingSeries"
# Facts read in resolution and never emitted: a name a meeting gives its series, and a known
# series's reference name (from the lexicon), which outranks every name read in a text. A bare
# name that turns out to name the series keeps these facts only.
SERIES_LABEL = "rdfs:label@series"
SERIES_REFERENCE_LABEL = "rdfs:label@series-reference"
_SERIES_FACTS = (SERIES_LABEL, SERIES_REFERENCE_LABEL)
_TRAILING_PARENTHESIS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def series_key(ref: Ref) -> str:
    """The series part of a meeting key ("zh:环境部长会#6" → "zh:环境部长会")."""
    return ref.key.split("#")[0].split("@")[0]


def is_dated(ref: Ref) -> bool:
    """A meeting identified by an ordinal or a start date."""
    return "#" in ref.key or not ref.key.partition("@")[2].startswith("?")


def _is_bare(ref: Ref) -> bool:
    """A meeting named without ordinal, date or place ("<series>@?")."""
    return ref.key == f"{series_key(ref)}@?"


def _document(obs: Observation) -> str | None:
    return obs.spans[0].evidence.source_id if obs.spans else None


def _compatible(a: DateValue, b: DateValue) -> bool:
    """One date refines the other (2024-07 and 2024-07-08)."""
    return a.refines(b) or b.refines(a)


def resolve_editions(observations: list[Observation]) -> list[Observation]:
    """Rewrite meeting and series references so that one thing has one reference; returns the
    observations to keep (a short series name that names no series of its document is dropped)."""
    translated = _translated_series_names(observations)
    for obs in observations:
        obs.ref = _rename(obs.ref, translated)
        obs.facts = [_with_value(f, _rename(f.value, translated)) for f in obs.facts]
    renamed = _short_series_names(observations)
    kept = []
    for obs in observations:
        ref = _rename(obs.ref, renamed.get(_document(obs), {}))
        if ref == obs.ref and obs.ref.kind == "series" and _generic(obs):
            continue  # "六次部长会" in a text naming no ministers' meetings: no series
        obs.ref = ref
        obs.facts = [
            _with_value(f, _rename(f.value, renamed.get(f.evidence.source_id if f.evidence else None, {})))
            for f in obs.facts
        ]
        kept.append(obs)
    meetings = [o for o in kept if o.ref.kind == "meeting"]
    aliases = _same_date_aliases(meetings)
    aliases.update(_same_place_aliases(meetings, aliases))
    local = _bare_names_in_documents(meetings, aliases)
    local.update(_short_titles(kept))
    aliases.update(_only_meeting_aliases(meetings, aliases))
    for obs in kept:
        target = local.get((_document(obs), obs.ref), aliases.get(obs.ref, obs.ref))
        if obs.ref.kind == "meeting" and target.kind == "series":
            obs.sco_class = SERIES_CLASS
            obs.facts = [f for f in obs.facts if f.predicate in _SERIES_FACTS]
        obs.ref = target
        obs.facts = [relinked for fact in obs.facts if (relinked := _relinked(fact, local, aliases))]
    return kept


def _relinked(fact: Fact, local: dict[tuple[str | None, Ref], Ref], aliases: dict[Ref, Ref]) -> Fact | None:
    """A fact pointing at the reference its target resolved to; None when a bare name it points
    at names a series (which of its meetings is meant is unknown)."""
    if not isinstance(fact.value, Ref):
        return fact
    document = fact.evidence.source_id if fact.evidence else None
    target = local.get((document, fact.value), aliases.get(fact.value, fact.value))
    if fact.value.kind == "meeting" and target.kind == "series":
        return None
    return _with_value(fact, target)


def _with_value(fact: Fact, value: object) -> Fact:
    """`fact` with `value` instead of its own (`fact` itself when that is its value)."""
    return fact if value is fact.value else Fact(fact.predicate, value, fact.evidence, fact.lang)


def _rename(value: object, renamed: dict[str, str]) -> object:
    """A meeting or series reference under its series's full name."""
    if not isinstance(value, Ref) or value.kind not in ("meeting", "series"):
        return value
    key = series_key(value)
    return Ref(value.kind, renamed[key] + value.key[len(key):]) if key in renamed else value


def _generic(obs: Observation) -> bool:
    """Every name of the observation is generic ("部长会", "Expert Meetings")."""
    lexicon = load_lexicon()
    return all(
        is_generic(text, lang, tuple(w for kind in lexicon.meeting_kinds for w in (kind.zh if lang == "zh" else kind.en)))
        for text, lang in obs.names
    )


def _translated_series_names(observations: list[Observation]) -> dict[str, str]:
    """English series keys that the translations of meeting names tie to one series of the
    original language: an English name read alone ("Green Development Forum of") is the series
    its translated meetings belong to."""
    found: dict[str, set[str]] = defaultdict(set)
    for obs in observations:
        if obs.ref.kind != "meeting" or not obs.ref.key.startswith("zh:"):
            continue
        for fact in obs.facts:
            if fact.predicate == SERIES_LABEL and fact.lang == "en":
                found[name_key(fact.value, "en")].add(series_key(obs.ref))
    return {english: next(iter(keys)) for english, keys in found.items() if len(keys) == 1}


def _short_series_names(observations: list[Observation]) -> dict[str | None, dict[str, str]]:
    """Per document, series keys that end one other series key of the document: the short name
    of that series ("平台专家研讨会" after "上海合作组织环保信息共享平台专家研讨会"; "第六次部长会" in
    a text on the environment ministers' meetings)."""
    keys: dict[str | None, set[str]] = defaultdict(set)
    for obs in observations:
        if obs.ref.kind in ("meeting", "series"):
            keys[_document(obs)].add(series_key(obs.ref))
    renamed: dict[str | None, dict[str, str]] = defaultdict(dict)
    for document, found in keys.items():
        for short in found:
            lang, _, text = short.partition(":")
            longer = [k for k in found if k.startswith(f"{lang}:") and _ends_with(k.partition(":")[2], text, lang)]
            if len(longer) == 1 and text:
                renamed[document][short] = longer[0]
    return renamed


def _ends_with(longer: str, short: str, lang: str) -> bool:
    """`short` is a proper ending of `longer` (whole words in English)."""
    if lang == "zh":
        return longer.endswith(short) and len(longer) > len(short)
    return longer.endswith(f" {short}")


def _same_date_aliases(meetings: list[Observation]) -> dict[Ref, Ref]:
    """Dated meetings without an ordinal → the one ordinal meeting of their series on a compatible date."""
    dated: dict[str, list[tuple[Ref, DateValue]]] = defaultdict(list)
    for obs in meetings:
        if "#" in obs.ref.key:
            dated[series_key(obs.ref)].extend((obs.ref, f.value) for f in obs.facts if f.predicate == "schema:startDate")
    aliases: dict[Ref, Ref] = {}
    for obs in meetings:
        if "#" in obs.ref.key or not is_dated(obs.ref) or obs.ref in aliases:
            continue
        starts = [f.value for f in obs.facts if f.predicate == "schema:startDate"]
        candidates = {ref for ref, value in dated.get(series_key(obs.ref), []) if starts and _compatible(value, starts[0])}
        if len(candidates) == 1:
            aliases[obs.ref] = candidates.pop()
    return aliases


def _same_place_aliases(meetings: list[Observation], aliases: dict[Ref, Ref]) -> dict[Ref, Ref]:
    """Undated meetings held at a place → the one dated meeting of their series held there."""
    held_at: dict[tuple[str, Ref], set[Ref]] = defaultdict(set)  # (series, place) -> dated meetings
    for obs in meetings:
        target = aliases.get(obs.ref, obs.ref)
        if is_dated(target):
            for fact in obs.facts:
                if fact.predicate == "sco:place":
                    held_at[(series_key(target), fact.value)].add(target)
    found: dict[Ref, Ref] = {}
    for obs in meetings:
        if is_dated(obs.ref) or obs.ref in found:
            continue
        for fact in obs.facts:
            candidates = held_at.get((series_key(obs.ref), fact.value), set()) if fact.predicate == "sco:place" else set()
            if len(candidates) == 1:
                found[obs.ref] = next(iter(candidates))
    return found


def _bare_names_in_documents(meetings: list[Observation], aliases: dict[Ref, Ref]) -> dict[tuple[str | None, Ref], Ref]:
    """What a bare name means in its document: where the document names one meeting of the
    series, that meeting ("上合组织峰会" after the Tianjin meeting of the heads of state); where
    it names several, the series itself ("上合组织成员国环境部长会" in a text on its six meetings).
    Keyed by (document, bare meeting reference)."""
    editions: dict[tuple[str | None, str], set[Ref]] = defaultdict(set)
    for obs in meetings:
        target = aliases.get(obs.ref, obs.ref)
        if not _is_bare(target):
            editions[(_document(obs), series_key(target))].add(target)
    local: dict[tuple[str | None, Ref], Ref] = {}
    for obs in meetings:
        if not _is_bare(obs.ref):
            continue
        found = editions.get((_document(obs), series_key(obs.ref)), set())
        if len(found) == 1:
            local[(_document(obs), obs.ref)] = next(iter(found))
        elif len(found) > 1:
            local[(_document(obs), obs.ref)] = Ref("series", series_key(obs.ref))
    return local


def _short_titles(observations: list[Observation]) -> dict[tuple[str | None, Ref], Ref]:
    """A title that ends one longer title of the same document is its short form ("《乌鲁木齐倡议》"
    after "《上海合作组织国家荒漠化防治合作乌鲁木齐倡议》"; "《方案》" in the text of the 方案).
    Keyed by (document, short title's reference)."""
    titles: dict[str | None, dict[Ref, set[str]]] = defaultdict(lambda: defaultdict(set))
    for obs in observations:
        if obs.ref.kind == "document" and obs.ref.key.startswith("zh:") and not obs.nested:
            titles[_document(obs)][obs.ref].update(_TRAILING_PARENTHESIS.sub("", text) for text, lang in obs.names if lang == "zh")
    local: dict[tuple[str | None, Ref], Ref] = {}
    for document, by_ref in titles.items():
        for ref, names in by_ref.items():
            longer = {other for other, other_names in by_ref.items() if other != ref and any(
                o.endswith(n) and len(o) > len(n) and years_in(o) == years_in(n) for o in other_names for n in names)}
            if len(longer) == 1:
                local[(document, ref)] = longer.pop()
    return local


def _only_meeting_aliases(meetings: list[Observation], aliases: dict[Ref, Ref]) -> dict[Ref, Ref]:
    """An undated, placeless mention of a series with exactly one other known meeting → that meeting."""
    members: dict[str, set[Ref]] = defaultdict(set)
    for obs in meetings:
        members[series_key(obs.ref)].add(aliases.get(obs.ref, obs.ref))
    found: dict[Ref, Ref] = {}
    for key, refs in members.items():
        undated = Ref("meeting", f"{key}@?")
        others = refs - {undated}
        if undated in refs and len(others) == 1:
            found[undated] = next(iter(others))
    return found
