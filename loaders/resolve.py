"""Entity resolution: merge observations across passages, languages and documents into entities."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from pypinyin import lazy_pinyin

from .editions import SERIES_LABEL, SERIES_REFERENCE_LABEL, resolve_editions
from .lexicon import Lexicon, load_lexicon
from .model import Fact, Observation, Ref, Span
from .normalize import conjunction_variant, shortens
from .person_names import name_parts, surname_match
from .temporal import DateValue

FUNCTIONAL = {
    "dcterms:date", "schema:startDate", "schema:endDate", "sco:ordinal", "sco:place", "sco:inSeries",
    "sco:scoRole", "schema:eventAttendanceMode", "sco:projectNumber", "sco:category",
}
# One value per source document: each document's graph keeps its own reading ("2014" in one
# text, "June 2014" in another), one value within it.
FUNCTIONAL_PER_SOURCE = {"schema:foundingDate"}
GENERIC_CLASSES = {"Meeting", "Document", "Initiative", "Body", "Place"}
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_ORGANISATION = "InternationalOrganisation"  # a body whose name may open a document's title as its owner
_ZH_KEY = "zh:"
_MIN_TITLE_WORDS = 2  # characters before its head that make a title of its own


@dataclass
class Entity:
    """One real-world thing, with every name, mention and fact the corpus gives for it."""

    ref: Ref
    sco_class: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: list[tuple[str, str]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    slug: str = ""
    name_sources: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    @property
    def sources(self) -> set[str]:
        """The source documents that mention or state something about this entity."""
        found = {s.evidence.source_id for s in self.spans}
        return found | {f.evidence.source_id for f in self.facts if f.evidence}

    def values(self, predicate: str) -> list:
        return [f.value for f in self.facts if f.predicate == predicate]

    def value(self, predicate: str):
        found = self.values(predicate)
        return found[0] if found else None


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated; Chinese is transliterated to pinyin."""
    ascii_text = " ".join(lazy_pinyin(text)) if re.search(r"[\u4e00-\u9fff]", text) else text
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug[:80].rstrip("-") or "unnamed"


def ordinal_en(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
    return f"{number}{suffix}"


def _date_precision_rank(value: object) -> int:
    return len(value.lexical()) if isinstance(value, DateValue) else 0


def _most_precise_refinement(values: list[object]) -> DateValue | None:
    """The most precise of some dates when each of them is a coarser form of it (2014, 2014-06);
    None when they genuinely disagree (2014, 2015) or are not all dates."""
    if not values or not all(isinstance(v, DateValue) for v in values):
        return None
    finest = max(values, key=_date_precision_rank)
    return finest if all(finest.refines(v) for v in values) else None


def _choose_functional(facts: list[Fact], primaries: set[int]) -> list[Fact]:
    """Keep one value per functional predicate (per source for FUNCTIONAL_PER_SOURCE). Dates that
    agree keep the most precise one ("2001" and "15 June 2001" say the same); otherwise
    primary-language values first, then the most precise date, then the first read."""
    by_predicate: dict[tuple[str, str | None], list[Fact]] = defaultdict(list)
    kept: list[Fact] = []
    for fact in facts:
        if fact.predicate in FUNCTIONAL:
            by_predicate[(fact.predicate, None)].append(fact)
        elif fact.predicate in FUNCTIONAL_PER_SOURCE:
            by_predicate[(fact.predicate, fact.evidence.source_id if fact.evidence else None)].append(fact)
        else:
            kept.append(fact)
    for candidates in by_predicate.values():
        chosen = _most_precise_refinement([f.value for f in candidates])
        if chosen is None:
            ranked = sorted(
                enumerate(candidates),
                key=lambda item: (id(item[1]) not in primaries, -_date_precision_rank(item[1].value), item[0]),
            )
            chosen = ranked[0][1].value
        kept.extend(f for f in candidates if f.value == chosen)
    return kept


def _choose_class(observations: list[Observation]) -> str:
    """The most frequent specific class (primary passages first). A numbered row of a project
    table is a project whatever its head word says ("…合作平台" in a list of key projects)."""
    if any(f.predicate == "sco:projectNumber" for o in observations for f in o.facts):
        return "Project"
    counts = Counter(o.sco_class for o in observations if o.primary and o.sco_class not in GENERIC_CLASSES)
    if not counts:
        counts = Counter(o.sco_class for o in observations if o.sco_class not in GENERIC_CLASSES)
    if not counts:
        counts = Counter(o.sco_class for o in observations)
    return counts.most_common(1)[0][0]


def resolve(observations: list[Observation]) -> dict[Ref, Entity]:
    """Group observations by (aliased) reference and merge each group into one entity."""
    groups: dict[Ref, list[Observation]] = defaultdict(list)
    for obs in resolve_editions(merge_short_forms(merge_conjunction_variants(observations))):
        groups[obs.ref].append(obs)
    entities: dict[Ref, Entity] = {}
    for ref, group in groups.items():
        entity = Entity(ref, _choose_class(group))
        primaries = {id(f) for o in group if o.primary for f in o.facts}
        facts = [f for o in group for f in o.facts]
        entity.facts = _dedupe(_choose_functional(facts, primaries))
        entity.spans = [s for o in group for s in o.spans]
        _choose_labels(entity, group)
        entities[ref] = entity
    _label_series_and_meetings(entities)
    _assign_slugs(entities)
    return entities


def merge_conjunction_variants(observations: list[Observation]) -> list[Observation]:
    """References whose Chinese keys differ only in a conjunction (与, 和, 及), or documents whose
    titles differ only in an international organisation named as their owner before them
    ("联合国2030年可持续发展议程" / "2030年可持续发展议程"), name one thing: each takes the
    reference of that kind first read (`conjunction_variant`, `_without_owner`)."""
    lexicon = load_lexicon()
    owners = sorted((name for b in lexicon.bodies if b.sco_class == _ORGANISATION for name in (b.zh, *b.zh_aliases)), key=len, reverse=True)
    first: dict[tuple[str, str], Ref] = {}
    renamed: dict[Ref, Ref] = {}
    for obs in observations:
        for ref in (obs.ref, *(f.value for f in obs.facts if isinstance(f.value, Ref))):
            variant = conjunction_variant(ref.key)
            if ref.kind == "document":
                variant = _without_owner(variant, owners, lexicon)
            target = first.setdefault((ref.kind, variant), ref)
            if target != ref:
                renamed[ref] = target
    if renamed:
        for obs in observations:
            obs.ref = renamed.get(obs.ref, obs.ref)
            obs.facts = [replace(f, value=renamed[f.value]) if isinstance(f.value, Ref) and f.value in renamed else f for f in obs.facts]
    return observations


def _without_owner(key: str, owners: list[str], lexicon: Lexicon) -> str:
    """A Chinese document key without the organisation that opens it, when the rest is a title
    of its own: words before a document head ("可持续发展议程"), not a bare head ("宪章")."""
    name = key.removeprefix(_ZH_KEY)
    owner = next((o for o in owners if key.startswith(_ZH_KEY) and name.startswith(o)), None)
    if owner is None:
        return key
    rest = name[len(owner) :].split("|")[0]
    heads = [w for kind in lexicon.document_kinds for w in kind.zh if rest.endswith(w)]
    if not heads or len(rest) - max(map(len, heads)) < _MIN_TITLE_WORDS:
        return key
    return _ZH_KEY + name[len(owner) :]


def merge_short_forms(observations: list[Observation]) -> list[Observation]:
    """Within one source document, a short form takes the reference of the one full name it
    stands for (the short name becomes an alias): a person named by surname alone
    (`_person_short_forms`), a document by a short title with its year (`_document_short_forms`);
    and a body the text names that is a row of the document's project table is that project
    (`_bodies_in_table`)."""
    lexicon = load_lexicon()
    by_source: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.spans and obs.ref.kind in ("person", "document", "body", "initiative"):
            by_source[obs.spans[0].evidence.source_id].append(obs)
    renamed: dict[tuple[str, Ref], Ref] = {}
    for source, group in by_source.items():
        pairs = [*_person_short_forms(group, lexicon), *_document_short_forms(group, lexicon), *_bodies_in_table(group)]
        for short, full in pairs:
            renamed[(source, short)] = full
    if not renamed:
        return observations
    for obs in observations:
        source = _source_of(obs)
        obs.ref = renamed.get((source, obs.ref), obs.ref)
        obs.facts = [_renamed_fact(fact, source, renamed) for fact in obs.facts]
    return observations


def _source_of(obs: Observation) -> str | None:
    if obs.spans:
        return obs.spans[0].evidence.source_id
    return next((f.evidence.source_id for f in obs.facts if f.evidence), None)


def _renamed_fact(fact: Fact, source: str | None, renamed: dict[tuple[str, Ref], Ref]) -> Fact:
    if not isinstance(fact.value, Ref):
        return fact
    target = renamed.get((fact.evidence.source_id if fact.evidence else source, fact.value))
    return fact if target is None else replace(fact, value=target)


def _person_short_forms(group: list[Observation], lexicon: Lexicon) -> list[tuple[Ref, Ref]]:
    """(short, full) for a person named by a one-part name that matches the last part of exactly
    one person's full name in the document: exactly, when their states do not disagree, or with
    a transliteration variant, when both represent the same body."""
    words = lexicon.person_names
    persons = [o for o in group if o.ref.kind == "person"]
    full_refs = {o.ref for o in persons if any(len(name_parts(text, words)) > 1 for text, _ in o.names)}
    result = []
    for short in sorted({o.ref for o in persons} - full_refs, key=lambda r: r.key):
        names = {name for o in persons if o.ref == short for name in o.names}
        matches: dict[Ref, set[str]] = defaultdict(set)
        for obs in (o for o in persons if o.ref in full_refs):
            for text, lang in obs.names:
                for short_text, short_lang in names:
                    found = surname_match(short_text, text, words) if lang == short_lang else None
                    if found:
                        matches[obs.ref].add(found)
        if len(matches) != 1:
            continue
        full, how = next(iter(matches.items()))
        (states, bodies), (full_states, full_bodies) = _represented(persons, short), _represented(persons, full)
        if ("exact" in how and not (states and full_states and states.isdisjoint(full_states))) or bodies & full_bodies:
            result.append((short, full))
    return result


def _represented(persons: list[Observation], ref: Ref) -> tuple[set[Ref], set[Ref]]:
    """The states and the bodies the observations of person `ref` say they represent."""
    values = {f.value for o in persons if o.ref == ref for f in o.facts
              if f.predicate in ("sco:represents", "sco:country") and isinstance(f.value, Ref)}
    return {v for v in values if v.kind == "state"}, {v for v in values if v.kind == "body"}


def _document_short_forms(group: list[Observation], lexicon: Lexicon) -> list[tuple[Ref, Ref]]:
    """(short, full) for a document named, after its full Chinese title, by a short title of the
    same kind and year that exactly one earlier title of the document fits (`shortens`)."""
    first: dict[Ref, int] = {}
    titles: dict[Ref, set[str]] = defaultdict(set)
    for obs in (o for o in group if o.ref.kind == "document" and o.primary):
        first[obs.ref] = min(first.get(obs.ref, obs.spans[0].start), obs.spans[0].start)
        titles[obs.ref].update(text for text, lang in obs.names if lang == "zh")
    result = []
    for short, names in titles.items():
        fulls = {
            full for full, full_names in titles.items() if full != short and first[full] < first[short]
            for name in names for full_name in full_names
            if shortens(name, full_name) and lexicon.document_class(name, "zh") == lexicon.document_class(full_name, "zh")
        }
        if len(fulls) == 1:
            result.append((short, fulls.pop()))
    return result


def _bodies_in_table(group: list[Observation]) -> list[tuple[Ref, Ref]]:
    """(body, project) for a body named in the text under the name of a numbered row of the
    document's project table ("倡议成立…联盟" and row "…联盟"): the row is what the plan undertakes."""
    rows = {o.ref.key: o.ref for o in group if o.ref.kind == "initiative" and any(f.predicate == "sco:projectNumber" for f in o.facts)}
    bodies = {o.ref for o in group if o.ref.kind == "body" and o.ref.key in rows}
    return [(body, rows[body.key]) for body in sorted(bodies, key=lambda r: r.key)]


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    result = []
    for fact in facts:
        key = (fact.predicate, fact.value, fact.lang, fact.evidence.source_id if fact.evidence else None)
        if key not in seen:
            seen.add(key)
            result.append(fact)
    return result


def _choose_labels(entity: Entity, group: list[Observation]) -> None:
    """Names from reference data are the labels; else the most frequent name per language (primary
    passages first). The other names are aliases.

    A primary observation without any mention in a text carries reference names (a known body's
    official names), which outrank the short forms a text may use more often ("CSEC").
    """
    names: dict[str, Counter] = defaultdict(Counter)
    reference: set[tuple[str, str]] = set()
    for obs in group:
        sources = {s.evidence.source_id for s in obs.spans}
        for text, lang in obs.names:
            names[lang][text.strip()] += 2 if obs.primary else 1
            entity.name_sources.setdefault((text.strip(), lang), set()).update(sources)
            if obs.primary and not obs.spans:
                reference.add((text.strip(), lang))
    for lang, counter in names.items():
        ranked = sorted(counter.items(), key=lambda item: ((item[0], lang) not in reference, -item[1], -len(item[0])))
        entity.labels[lang] = ranked[0][0]
        entity.alt_labels.extend((text, lang) for text, _ in ranked[1:])


def _label_series_and_meetings(entities: dict[Ref, Entity]) -> None:
    """Series take their reference names, else the names the text gives them and their meetings
    give them (the most frequent, then the fullest); ordinal meetings are labelled "<N>th <series>"."""
    series_names, reference = _series_names(entities)
    for ref, counter in series_names.items():
        series = entities.setdefault(ref, Entity(ref, "MeetingSeries")) if ref else None
        if series is None:
            continue
        series.sco_class, series.labels, series.alt_labels = "MeetingSeries", {}, []
        ranked = sorted(_of_one_kind(counter).items(), key=lambda item: (item[0] not in reference, -item[1], -len(item[0][0])))
        for (text, lang), _ in ranked:
            text = re.sub(r"^(?:The|the)\s+", "", text.strip())
            if lang not in series.labels:
                series.labels[lang] = text
            elif text != series.labels[lang] and (text, lang) not in series.alt_labels:
                series.alt_labels.append((text, lang))
    _label_ordinal_meetings(entities)


def _series_names(entities: dict[Ref, Entity]) -> tuple[dict[Ref, Counter], set[tuple[str, str]]]:
    """How often each name is given to each series (by its own mentions and by its meetings), and
    the reference names among them; the meetings' series-name facts are used up here."""
    series_names: dict[Ref, Counter] = defaultdict(Counter)
    reference: set[tuple[str, str]] = set()
    for entity in entities.values():
        owner = entity.ref if entity.ref.kind == "series" else entity.value("sco:inSeries")
        for fact in entity.facts:
            if fact.predicate in (SERIES_LABEL, SERIES_REFERENCE_LABEL):
                series_names[owner][(fact.value, fact.lang)] += 1
            if fact.predicate == SERIES_REFERENCE_LABEL:
                reference.add((fact.value, fact.lang))
        entity.facts = [f for f in entity.facts if f.predicate not in (SERIES_LABEL, SERIES_REFERENCE_LABEL)]
        if entity.ref.kind == "series":
            series_names[entity.ref].update({(text, lang): 2 for lang, text in entity.labels.items()})
            series_names[entity.ref].update(entity.alt_labels)
    return series_names, reference


def _of_one_kind(counter: Counter) -> Counter:
    """The names of a series whose head names the kind of meeting its Chinese names name: a
    translation naming another kind ("… Parallel Sub-forum" for "…暨…专家研讨会") is the name of
    something else held together with it."""
    lexicon = load_lexicon()

    def kind(text: str, lang: str) -> str | None:
        found = lexicon.meeting_class(text, lang)
        return None if found == "Meeting" else found

    chinese = {kind(text, lang) for text, lang in counter if lang == "zh"} - {None}
    if not chinese:
        return counter
    return Counter({(text, lang): n for (text, lang), n in counter.items() if lang == "zh" or kind(text, lang) in chinese | {None}})


def _label_ordinal_meetings(entities: dict[Ref, Entity]) -> None:
    """"<N>th <series>" / "第N次<series>" for meetings with an ordinal; meetings of one name held on
    several dates get their date in their label."""
    for entity in entities.values():
        if entity.ref.kind != "meeting":
            continue
        series = entities.get(entity.value("sco:inSeries"))
        ordinal = entity.value("sco:ordinal")
        if series is None or ordinal is None:
            continue
        generated = {}
        if "en" in series.labels:
            generated["en"] = f"{ordinal_en(ordinal)} {series.labels['en']}"
        if "zh" in series.labels:
            generated["zh"] = f"第{ordinal}次{series.labels['zh']}"
        for lang, label in generated.items():
            old = entity.labels.get(lang)
            if old and old != label:
                entity.alt_labels.append((old, lang))
            entity.labels[lang] = label
    _disambiguate_same_labels(entities)


def _disambiguate_same_labels(entities: dict[Ref, Entity]) -> None:
    """Meetings of one name held on several dates get the date in their label."""
    by_label: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities.values():
        if entity.ref.kind == "meeting":
            for lang, label in entity.labels.items():
                by_label[(lang, label)].append(entity)
    for (lang, label), group in by_label.items():
        if len(group) < 2:
            continue
        for entity in group:
            start = entity.value("schema:startDate")
            if start is not None:
                entity.alt_labels.append((label, lang))
                entity.labels[lang] = f"{label} ({start.lexical()})"


def _assign_slugs(entities: dict[Ref, Entity]) -> None:
    """Stable, readable, unique slugs per kind (states use their ISO 3166 alpha-3 code)."""
    used: set[tuple[str, str]] = set()
    for ref in sorted(entities, key=lambda r: (r.kind, r.key)):
        entity = entities[ref]
        if ref.kind in ("state", "role"):
            base = ref.key.lower()
        elif ref.kind == "body" and ":" not in ref.key:
            base = ref.key
        else:
            base = slugify(entity.labels.get("en") or entity.labels.get("zh") or ref.key)
        slug, counter = base, 2
        while (ref.kind, slug) in used:
            slug, counter = f"{base}-{counter}", counter + 1
        used.add((ref.kind, slug))
        entity.slug = slug
