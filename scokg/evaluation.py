"""Extraction fidelity: compare a built store with the gold annotations of `tests/gold/`.

The gold format is described in `tests/gold/README.md`: one YAML file per source document
listing the entities the text names (seven categories), their attributes and key relations.
A gold folder's gold files are its `*.yaml` files other than `floors.yaml` (the scores the test
suite requires) and the documents' `*.meta.yaml` sidecars: `tests/gold/<id>.yaml` for corpus/,
and `<id>.gold.yaml` beside `<id>.txt` in a folder that is a corpus of its own (such as
`tests/gold/synthetic/`, built with `scokg --corpus tests/gold/synthetic build`; the corpus
reader takes only `*.txt` and their sidecars). A file's `document` key, not its name, says
which source document it annotates.

How a gold file meets the graph
- Document: the `sco:SourceDocument` whose `dcterms:identifier` equals the gold `document`;
  its IRI is also the IRI of the named graph holding what was read from it.
- Candidates: resources with an `sco:hasMention` in that named graph whose types fall under
  the category's class (`rdfs:subClassOf*` over the ontology graph, asserted and inferred
  types alike): state → sco:State, body → sco:Body, document → sco:Document, meeting →
  sco:Meeting, series → sco:MeetingSeries, initiative → sco:Initiative, person → sco:Person.
- Names: a gold entity's `en`, `zh` and `aliases` against a resource's rdfs:label,
  skos:prefLabel and skos:altLabel (from any graph), both normalised by `normalise`.
- Assignment (one-to-one, deterministic): per document and category, gold entities are taken
  in file order; each tries the candidates sharing a name with it, strongest first (more of
  its `en`/`zh` names shared, then more names shared, then more of its attributes agreeing
  (links to other gold entities aside), then IRI order). Augmenting paths (Kuhn's algorithm)
  let a later entity move an earlier one to that one's next candidate, so the number of pairs
  is the largest possible.
- Scores per category, summed over documents (micro-average): a pair is a true positive; an
  unpaired gold entity a false negative; a candidate that shares no name with any gold entity
  of its category a false positive. A candidate that shares a name but lost the assignment is
  neither; it shows up as a duplicate: a gold entity whose names match two or more resources of
  its category anywhere in the corpus (mentioned in this document or not). Resources paired with
  another gold entity of the document (two same-named meetings) do not count, nor do resources
  paired with an entity of another document that the texts tell apart from it (`distinct_things`:
  another date, ordinal, country or state, such as two summits of one name in 2020 and 2025);
  all documents are paired before duplicates are counted.
- Duplicate groups (`scokg eval --duplicates`), gold aside: over the whole store, resources of
  one category joined (transitively) by a shared normalised label, so that merge failures
  across documents and languages show even where no gold entity names them.
- Statements (attributes and relations) are read from the document's named graph plus the
  reference graph (facts from reference data, such as a city's country, hold everywhere).

Attributes, over paired entities where the gold gives one. The graph's values are compared as
a set: correct when they are exactly the gold value, missing when there are none, wrong
otherwise; `role` alone is correct when the gold title is among the person's titles in the
gold's language (a person may hold several titles). Dates keep their precision: a value of
another precision that agrees on the common part (2018-06-01 for 2018-06) is counted as
"wrong precision", apart from plain wrong values. One resource holds one date, the most precise
any text gives, in the graph of the text that gives it: when the document's graph has no value
but another source's graph gives a more precise one agreeing with the gold (2022-09-16 for a
text saying September 2022), the date is correct. Links to other gold entities (series,
adopted_at, state) must point at the resource paired with that entity or, when it is unpaired,
at a resource sharing a name with it.

  sco_role    sco:scoRole (MemberStateRole or FoundingMemberRole = member, ObserverStateRole =
              observer, DialoguePartnerRole = dialogue-partner)
  kind        most specific sco: class under the category (kebab-case; InitiativeText =
              initiative, CooperationProgramme = programme, Communique = statement; a class outside the gold
              vocabulary, or the category class itself, = `other`, or `meeting` for meetings)
  date        dcterms:date, schema:startDate, schema:foundingDate
  start, end  schema:startDate, schema:endDate
  place       sco:place → a label of the place
  country     sco:country, and sco:place/sco:country → sco:iso3166Alpha3 of the state
  online      schema:eventAttendanceMode (Online = true, Offline = false)
  ordinal     sco:ordinal
  series      sco:inSeries → the gold series
  adopted_at  sco:adoptedAt (documents) or sco:establishedBy (initiatives) → the gold meeting
  project_category
              sco:category → a label of the concept (the README's `category` attribute; a YAML
              entry cannot hold a second `category` key beside the entity category)
  role        schema:jobTitle
  state       sco:represents or sco:country → the gold state

Relations (gold predicate, subject → object categories, graph statement; `^p` is p read
backwards, a/b a path). A gold relation with no row cannot be expressed in the ontology: it is
listed as "not expressible" and left out of the scores.

  participant     meeting → state|body|person                       S sco:participant O
  guest           meeting → state|body|person                       S sco:guest O
  chair           meeting|body → state|body|person                  S sco:chair O
  host            meeting → state|body                              S sco:host O
  adopted_at      document → meeting                                S sco:adoptedAt O
  adopted_at      initiative → meeting                              S sco:establishedBy O
  implemented_by  document|initiative → document|initiative         O sco:implements S
  implemented_by  document|initiative → body|state                  S sco:carriedOutBy O
  signed_with     state|body → state|body (either order)            S ^sco:party/sco:party O
  part_of         body → body                                       S sco:partOf O
  part_of         meeting → meeting                                 S schema:superEvent O
  part_of         meeting → series                                  S sco:inSeries O
  part_of         meeting → body                                    S sco:meetingOf O
  part_of         meeting → initiative                              S sco:heldWithin O
  member_of       person → state|body                               S sco:represents O
  member_of       state|body → body                                 S org:hasMembership/org:organization O
  located_in      body|meeting|document|initiative|series → state   S sco:country O
  located_in      meeting → body                                    S sco:venue O

Relation recall is over the expressible gold relations of a document whose statement the
graph holds between the paired resources; precision is over every statement of the table
between two paired resources, except those the gold records as an attribute of the subject
instead (country, state, series, adopted_at, and sco_role for a state's org:Membership of
the SCO), which the attribute scores judge.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pyoxigraph import Literal, NamedNode, Store

from scokg.loaders.corpus import SIDECAR_SUFFIX
from scokg.ontology.namespaces import DCTERMS, ORG, RDFS, SCHEMA, SCO, SKOS, graph_namespace

FLOORS_FILE = "floors.yaml"
GOLD_FORMAT = 1

CATEGORY_CLASSES: dict[str, NamedNode] = {
    "state": SCO.State,
    "body": SCO.Body,
    "document": SCO.Document,
    "meeting": SCO.Meeting,
    "series": SCO.MeetingSeries,
    "initiative": SCO.Initiative,
    "person": SCO.Person,
}
CATEGORIES = tuple(CATEGORY_CLASSES)

# The `kind` values the gold format allows, and the value a class outside them counts as.
KIND_VOCABULARY: dict[str, frozenset[str]] = {
    "document": frozenset(
        "agreement concept declaration statement plan programme strategy roadmap initiative law "
        "report charter framework guideline other".split()
    ),
    "meeting": frozenset(
        "meeting summit forum seminar workshop conference competition expert-meeting "
        "ministerial-meeting".split()
    ),
    "initiative": frozenset("platform base programme project fund themed-year other".split()),
}
_KIND_FALLBACK = {"document": "other", "meeting": "meeting", "initiative": "other"}
_KIND_NAMES = {"InitiativeText": "initiative", "CooperationProgramme": "programme", "Communique": "statement"}

SCO_ROLES = frozenset({"member", "observer", "dialogue-partner"})
_ROLE_VALUES = {
    SCO.MemberStateRole.value: "member",
    SCO.FoundingMemberRole.value: "member",
    SCO.ObserverStateRole.value: "observer",
    SCO.DialoguePartnerRole.value: "dialogue-partner",
}
_ONLINE_VALUES = {SCHEMA.OnlineEventAttendanceMode.value: True, SCHEMA.OfflineEventAttendanceMode.value: False}

# Attribute name -> the gold categories that may carry it.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "sco_role": frozenset({"state"}),
    "kind": frozenset({"document", "meeting", "initiative"}),
    "date": frozenset(CATEGORIES) - {"state", "person"},
    "start": frozenset({"meeting"}),
    "end": frozenset({"meeting"}),
    "place": frozenset({"body", "document", "meeting", "initiative"}),
    "country": frozenset({"body", "document", "meeting", "initiative", "series"}),
    "online": frozenset({"meeting"}),
    "ordinal": frozenset({"meeting"}),
    "series": frozenset({"meeting"}),
    "adopted_at": frozenset({"document", "initiative"}),
    "project_category": frozenset({"initiative"}),
    "role": frozenset({"person"}),
    "state": frozenset({"person"}),
}
_DATE_ATTRIBUTES = frozenset({"date", "start", "end"})
# Attributes whose value is the key of another gold entity, and that entity's category.
_KEY_ATTRIBUTES = {"series": "series", "adopted_at": "meeting", "state": "state"}
# Attributes whose value is a name of the resource the graph points to, and the property.
_NAMED_ATTRIBUTES = {"place": "sco:place", "project_category": "sco:category"}
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass(frozen=True)
class RelationRule:
    """One row of the relation table: a gold predicate between two categories as a graph path."""

    predicate: str
    subjects: frozenset[str]
    objects: frozenset[str]
    path: tuple[str, ...]  # CURIE-like steps; a leading ^ reads the step backwards
    symmetric: bool = False


def _rule(predicate: str, subjects: str, objects: str, *path: str, symmetric: bool = False) -> RelationRule:
    return RelationRule(predicate, frozenset(subjects.split("|")), frozenset(objects.split("|")), path, symmetric)


RELATION_RULES: tuple[RelationRule, ...] = (
    _rule("participant", "meeting", "state|body|person", "sco:participant"),
    _rule("guest", "meeting", "state|body|person", "sco:guest"),
    _rule("chair", "meeting|body", "state|body|person", "sco:chair"),
    _rule("host", "meeting", "state|body", "sco:host"),
    _rule("member_of", "person", "state|body", "sco:represents"),
    _rule("member_of", "state|body", "body", "org:hasMembership", "org:organization"),
    _rule("adopted_at", "document", "meeting", "sco:adoptedAt"),
    _rule("adopted_at", "initiative", "meeting", "sco:establishedBy"),
    _rule("implemented_by", "document|initiative", "document|initiative", "^sco:implements"),
    _rule("implemented_by", "document|initiative", "body|state", "sco:carriedOutBy"),
    _rule("signed_with", "state|body", "state|body", "^sco:party", "sco:party", symmetric=True),
    _rule("part_of", "body", "body", "sco:partOf"),
    _rule("part_of", "meeting", "meeting", "schema:superEvent"),
    _rule("part_of", "meeting", "series", "sco:inSeries"),
    _rule("part_of", "meeting", "body", "sco:meetingOf"),
    _rule("part_of", "meeting", "initiative", "sco:heldWithin"),
    _rule("located_in", "body|meeting|document|initiative|series", "state", "sco:country"),
    _rule("located_in", "meeting", "body", "sco:venue"),
)
RELATION_PREDICATES = tuple(dict.fromkeys(rule.predicate for rule in RELATION_RULES))
# A graph statement that the gold records as this attribute of the subject is judged as the attribute.
_RELATION_AS_ATTRIBUTE = {
    ("located_in", "state"): "country",
    ("member_of", "state"): "state",
    ("part_of", "series"): "series",
    ("adopted_at", "meeting"): "adopted_at",
    ("member_of", "body"): "sco_role",  # a state's SCO status is an org:Membership of the SCO
}

_CURIES = {"sco": SCO, "schema": SCHEMA, "org": ORG, "dcterms": DCTERMS}


def _iri(curie: str) -> str:
    prefix, _, local = curie.lstrip("^").partition(":")
    return _CURIES[prefix].term(local).value


_P = {name: _iri(name) for name in (
    "sco:scoRole", "sco:place", "sco:country", "sco:ordinal", "sco:inSeries", "sco:adoptedAt",
    "sco:establishedBy", "sco:category", "sco:represents", "sco:iso3166Alpha3", "schema:eventAttendanceMode",
    "schema:jobTitle", "schema:startDate", "schema:endDate", "schema:foundingDate", "dcterms:date",
)}
_DATE_PROPERTIES = {
    "date": (_P["dcterms:date"], _P["schema:startDate"], _P["schema:foundingDate"]),
    "start": (_P["schema:startDate"],),
    "end": (_P["schema:endDate"],),
}
_STATEMENT_PREDICATES = frozenset(_P.values()) | {_iri(step) for rule in RELATION_RULES for step in rule.path}


class GoldError(ValueError):
    """A gold file cannot be read or breaks the format; the message names the file and the entry."""


# --------------------------------------------------------------------------------- gold files


@dataclass(frozen=True)
class GoldEntity:
    """One annotated entity: its key, category, names and the attributes the text gives."""

    key: str
    category: str
    primary: tuple[str, ...]  # the en and zh names given
    aliases: tuple[str, ...]
    attributes: Mapping[str, Any]

    @property
    def names(self) -> tuple[str, ...]:
        return self.primary + self.aliases

    @property
    def label(self) -> str:
        return " / ".join(self.primary or self.aliases)


@dataclass(frozen=True)
class GoldDocument:
    """The annotations of one source document."""

    document: str
    origin: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[tuple[str, str, str], ...]

    def entity(self, key: str) -> GoldEntity:
        return next(entity for entity in self.entities if entity.key == key)


def is_gold_file(path: Path) -> bool:
    """Whether `path` is a gold file: a `*.yaml` other than the floors file and the metadata
    sidecars (`*.meta.yaml`) of documents kept in the same folder. So `<id>.yaml` in
    `tests/gold/` and `<id>.gold.yaml` beside `<id>.txt` and `<id>.meta.yaml` both are."""
    return path.suffix == ".yaml" and path.name != FLOORS_FILE and not path.name.endswith(SIDECAR_SUFFIX)


def load_gold(directory: Path) -> list[GoldDocument]:
    """Every gold file (`is_gold_file`) directly in `directory`, by file name; subfolders are not read."""
    if not directory.is_dir():
        raise GoldError(f"{directory}: not a directory of gold files")
    documents = []
    for path in sorted(p for p in directory.iterdir() if p.is_file() and is_gold_file(p)):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise GoldError(f"{path}: cannot read: {error}") from None
        documents.append(parse_gold(data, str(path)))
    if not documents:
        raise GoldError(f"{directory}: no gold files (*.yaml other than {FLOORS_FILE} and *{SIDECAR_SUFFIX})")
    seen: dict[str, str] = {}
    for document in documents:
        if document.document in seen:
            raise GoldError(f"{document.origin}: document {document.document!r} is also annotated in {seen[document.document]}")
        seen[document.document] = document.origin
    return documents


def parse_gold(data: Any, origin: str) -> GoldDocument:
    """Check one gold file's content (format 1) and turn it into a `GoldDocument`."""
    if not isinstance(data, dict):
        raise GoldError(f"{origin}: expected a mapping at the top level")
    if data.get("format") != GOLD_FORMAT:
        raise GoldError(f"{origin}: format must be {GOLD_FORMAT}, not {data.get('format')!r}")
    document = data.get("document")
    if not isinstance(document, str) or not document:
        raise GoldError(f"{origin}: `document` must name the source document id")
    entities = [_parse_entity(item, f"{origin}: entities[{index}]") for index, item in enumerate(data.get("entities") or [])]
    by_key: dict[str, GoldEntity] = {}
    for entity in entities:
        if entity.key in by_key:
            raise GoldError(f"{origin}: entity key {entity.key!r} is used twice")
        by_key[entity.key] = entity
    for index, entity in enumerate(entities):
        for attribute, category in _KEY_ATTRIBUTES.items():
            target = entity.attributes.get(attribute)
            if target is not None and getattr(by_key.get(target), "category", None) != category:
                raise GoldError(f"{origin}: entities[{index}] ({entity.key}): {attribute} {target!r} is not the key of a {category}")
    relations = []
    for index, item in enumerate(data.get("relations") or []):
        where = f"{origin}: relations[{index}]"
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(part, str) for part in item)):
            raise GoldError(f"{where}: expected [subject, predicate, object], got {item!r}")
        subject, predicate, obj = item
        if predicate not in RELATION_PREDICATES:
            raise GoldError(f"{where}: unknown predicate {predicate!r}")
        for key in (subject, obj):
            if key not in by_key:
                raise GoldError(f"{where}: unknown entity key {key!r}")
        relations.append((subject, predicate, obj))
    return GoldDocument(document, origin, tuple(entities), tuple(relations))


def _parse_entity(item: Any, where: str) -> GoldEntity:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: expected a mapping")
    key, category = item.get("key"), item.get("category")
    if not isinstance(key, str) or not key:
        raise GoldError(f"{where}: `key` is missing")
    where = f"{where} ({key})"
    if category not in CATEGORY_CLASSES:
        raise GoldError(f"{where}: category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    primary = tuple(str(item[lang]) for lang in ("en", "zh") if item.get(lang) is not None)
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise GoldError(f"{where}: `aliases` must be a list")
    aliases = tuple(str(alias) for alias in aliases)
    if not any(normalise(name) for name in primary + aliases):
        raise GoldError(f"{where}: no name (en, zh or aliases)")
    attributes = {}
    for name, value in item.items():
        if name in ("key", "category", "en", "zh", "aliases") or value is None:
            continue
        if category not in ATTRIBUTES.get(name, ()):
            raise GoldError(f"{where}: attribute {name!r} is not one a {category} can have")
        attributes[name] = _attribute_value(name, value, category, where)
    return GoldEntity(key, category, primary, aliases, attributes)


def _attribute_value(name: str, value: Any, category: str, where: str) -> Any:
    if name in _DATE_ATTRIBUTES:
        text = value.isoformat() if isinstance(value, Date) else str(value)
        if not _DATE.fullmatch(text):
            raise GoldError(f"{where}: {name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        return text
    if name == "online":
        if not isinstance(value, bool):
            raise GoldError(f"{where}: online must be true or false")
        return value
    if name == "ordinal":
        if not isinstance(value, int) or isinstance(value, bool):
            raise GoldError(f"{where}: ordinal must be an integer")
        return value
    if not isinstance(value, str):
        raise GoldError(f"{where}: {name} must be a string, not {value!r}")
    allowed = {"sco_role": SCO_ROLES, "kind": KIND_VOCABULARY.get(category)}.get(name)
    if allowed is not None and value not in allowed:
        raise GoldError(f"{where}: {name} must be one of {', '.join(sorted(allowed))}, not {value!r}")
    return value.lower() if name == "country" else value


# -------------------------------------------------------------------------------- names


def normalise(name: str) -> str:
    """A name for comparison: NFKC, case-folded, without whitespace, punctuation (brackets such
    as 《》, quotes, dashes, dots) or control characters."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(char for char in text if unicodedata.category(char)[0] not in "PZC")


def _normalised(names: Iterable[str]) -> set[str]:
    return {key for key in map(normalise, names) if key}


# -------------------------------------------------------------------------------- the graph


class Value(NamedTuple):
    """An RDF term reduced to what the comparison needs (`iri` set for IRIs)."""

    text: str
    iri: bool = False
    language: str = ""


@dataclass
class CorpusGraph:
    """What the eval reads from a store, resource by resource."""

    sources: dict[str, str]  # source document id -> IRI of its named graph
    categories: dict[str, set[str]]  # resource -> gold categories
    kinds: dict[str, set[str]]  # resource -> kind values (documents, meetings, initiatives)
    labels: dict[str, set[str]]  # resource -> labels as written
    reference_graph: str
    store: Store

    def names(self, resource: str) -> set[str]:
        return _normalised(self.labels.get(resource, ()))

    def of_category(self, category: str) -> Iterator[str]:
        return (resource for resource, categories in self.categories.items() if category in categories)

    def mentioned(self, graph: str) -> set[str]:
        """Resources with an sco:hasMention in the named graph `graph`."""
        rows = self.store.query(f"SELECT DISTINCT ?r WHERE {{ GRAPH <{graph}> {{ ?r <{SCO.hasMention.value}> ?m }} }}")
        return {row["r"].value for row in rows if isinstance(row["r"], NamedNode)}

    def mention_sources(self) -> dict[str, set[str]]:
        """Resource -> ids of the source documents whose named graph holds a mention of it."""
        ids = {graph: document for document, graph in self.sources.items()}
        rows = self.store.query(f"SELECT DISTINCT ?r ?g WHERE {{ GRAPH ?g {{ ?r <{SCO.hasMention.value}> ?m }} }}")
        found: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            if isinstance(row["r"], NamedNode) and row["g"].value in ids:
                found[row["r"].value].add(ids[row["g"].value])
        return found

    def dates_anywhere(self, resource: str, attribute: str) -> set[Value]:
        """The values of the date `attribute` of `resource` in any named graph."""
        values = " ".join(f"<{iri}>" for iri in _DATE_PROPERTIES[attribute])
        rows = self.store.query(f"SELECT DISTINCT ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ <{resource}> ?p ?o }} }}")
        return {_value(row["o"]) for row in rows}

    def statements(self, graph: str) -> Statements:
        """The statements the eval reads, from the named graph `graph` and the reference graph."""
        values = " ".join(f"<{iri}>" for iri in sorted(_STATEMENT_PREDICATES))
        query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ <{graph}> <{self.reference_graph}> }} VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        statements = Statements()
        for row in self.store.query(query):
            if isinstance(row["s"], NamedNode):
                statements.add(row["s"].value, row["p"].value, _value(row["o"]))
        return statements


class Statements:
    """Subject-predicate-object statements indexed both ways."""

    def __init__(self) -> None:
        self._forward: dict[tuple[str, str], set[Value]] = defaultdict(set)
        self._backward: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(self, subject: str, predicate: str, obj: Value) -> None:
        self._forward[subject, predicate].add(obj)
        if obj.iri:
            self._backward[obj.text, predicate].add(subject)

    def objects(self, subject: str, *predicates: str) -> set[Value]:
        return set().union(*(self._forward.get((subject, predicate), ()) for predicate in predicates))

    def resources(self, subject: str, predicate: str) -> set[str]:
        return {value.text for value in self.objects(subject, predicate) if value.iri}

    def follow(self, start: str, path: Iterable[str]) -> set[str]:
        """The resources reached from `start` along a path of CURIE steps (^ = backwards)."""
        nodes = {start}
        for step in path:
            predicate = _iri(step)
            if step.startswith("^"):
                nodes = set().union(*(self._backward.get((node, predicate), ()) for node in nodes))
            else:
                nodes = set().union(*(self.resources(node, predicate) for node in nodes))
        return nodes


def _value(term: Any) -> Value:
    if isinstance(term, NamedNode):
        return Value(term.value, iri=True)
    if isinstance(term, Literal):
        return Value(term.value, language=term.language or "")
    return Value(str(term))


def read_graph(store: Store, base_iri: str) -> CorpusGraph:
    """Source documents, resource categories and kinds, and labels, read from `store`."""
    prefixes = {"sco": str(SCO), "dcterms": str(DCTERMS), "rdfs": str(RDFS), "skos": str(SKOS)}

    def rows(query: str) -> Iterator[Any]:
        return iter(store.query(query, use_default_graph_as_union=True, prefixes=prefixes))

    sources = {
        row["id"].value: row["src"].value
        for row in rows("SELECT ?src ?id WHERE { ?src a sco:SourceDocument ; dcterms:identifier ?id }")
    }
    ancestors: dict[str, set[str]] = defaultdict(set)
    for row in rows("SELECT DISTINCT ?c ?a WHERE { ?c rdfs:subClassOf+ ?a . FILTER(isIRI(?c) && isIRI(?a)) }"):
        ancestors[row["c"].value].add(row["a"].value)
    for row in rows("SELECT DISTINCT ?c WHERE { ?r a ?c . FILTER(isIRI(?c)) }"):
        ancestors[row["c"].value].add(row["c"].value)
    tops = {iri.value: category for category, iri in CATEGORY_CLASSES.items()}
    types: dict[str, set[str]] = defaultdict(set)
    for row in rows("SELECT DISTINCT ?r ?c WHERE { ?r a ?c . FILTER(isIRI(?r) && isIRI(?c)) }"):
        if any(ancestor in tops for ancestor in ancestors.get(row["c"].value, ())):
            types[row["r"].value].add(row["c"].value)
    categories: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for resource, classes in types.items():
        categories[resource] = {tops[a] for c in classes for a in ancestors[c] if a in tops}
        specific = {c for c in classes if not any(c != other and c in ancestors[other] for other in classes)}
        kinds[resource] = {
            _kind(c, category) for c in specific for category in categories[resource]
            if category in KIND_VOCABULARY and CATEGORY_CLASSES[category].value in ancestors[c]
        }
    labels: dict[str, set[str]] = defaultdict(set)
    for row in rows("SELECT DISTINCT ?r ?l WHERE { ?r rdfs:label|skos:prefLabel|skos:altLabel ?l . FILTER(isIRI(?r)) }"):
        labels[row["r"].value].add(row["l"].value)
    return CorpusGraph(sources, categories, kinds, dict(labels), graph_namespace(base_iri).reference.value, store)


def _kind(class_iri: str, category: str) -> str:
    local = class_iri.rsplit("#", 1)[-1]
    name = _KIND_NAMES.get(local) or re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()
    return name if name in KIND_VOCABULARY[category] and class_iri != CATEGORY_CLASSES[category].value else _KIND_FALLBACK[category]


# -------------------------------------------------------------------------------- results


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give (a ratio
    with nothing to count, such as precision when nothing was predicted, is 1)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


OUTCOMES = ("correct", "wrong", "wrong_precision", "missing")


@dataclass
class AttributeScore:
    """How often the graph gives an attribute as the gold does."""

    correct: int = 0
    wrong: int = 0
    wrong_precision: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.correct + self.wrong + self.wrong_precision + self.missing

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {**{outcome: getattr(self, outcome) for outcome in OUTCOMES}, "total": self.total,
                "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class Issue:
    """One error found, for `--misses`: what kind, where, and what the gold and the graph say."""

    kind: str  # missed entity | false positive | duplicate | wrong attribute | missed relation | ...
    document: str
    facet: str  # the category, attribute or relation predicate concerned
    gold: str = ""
    graph: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Report:
    """Scores over all gold documents, and the issues behind them."""

    documents: dict[str, Counts] = field(default_factory=dict)  # entities, all categories
    entities: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    duplicates: dict[str, int] = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    attributes: dict[str, AttributeScore] = field(default_factory=lambda: {a: AttributeScore() for a in ATTRIBUTES})
    relations: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in RELATION_PREDICATES})
    not_expressible: int = 0
    issues: list[Issue] = field(default_factory=list)
    duplicate_groups: list[DuplicateGroup] = field(default_factory=list)  # whole store, gold aside

    @property
    def all_entities(self) -> Counts:
        return _sum(self.entities.values())

    @property
    def all_relations(self) -> Counts:
        return _sum(self.relations.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": {name: counts.to_dict() for name, counts in self.documents.items()},
            "entities": {**{c: {**counts.to_dict(), "duplicates": self.duplicates[c]} for c, counts in self.entities.items()},
                         "all": {**self.all_entities.to_dict(), "duplicates": sum(self.duplicates.values())}},
            "attributes": {name: score.to_dict() for name, score in self.attributes.items() if score.total},
            "relations": {**{p: counts.to_dict() for p, counts in self.relations.items() if counts.tp + counts.fp + counts.fn},
                          "all": self.all_relations.to_dict(), "not_expressible": self.not_expressible},
            "issues": [issue.to_dict() for issue in self.issues],
            "duplicate_groups": [group.to_dict() for group in self.duplicate_groups],
        }


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for item in counts:
        total.tp, total.fp, total.fn = total.tp + item.tp, total.fp + item.fp, total.fn + item.fn
    return total


# -------------------------------------------------------------------------------- duplicates


@dataclass(frozen=True)
class DuplicateResource:
    """One resource of a duplicate group: its IRI, labels, and the source documents mentioning it."""

    iri: str
    labels: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class DuplicateGroup:
    """Resources of one category joined by shared names: most likely one thing the loaders split."""

    category: str
    names: tuple[str, ...]  # the labels, as written, whose normalised form two or more of them share
    resources: tuple[DuplicateResource, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def duplicate_groups(graph: CorpusGraph) -> list[DuplicateGroup]:
    """Per category, over the whole store: resources linked (transitively) by a shared normalised
    label (`normalise` over rdfs:label, skos:prefLabel, skos:altLabel), in groups of two or more.
    Two resources a document tells apart (two seminars of one name) show up too: the listed
    documents and labels let a reader judge."""
    documents = graph.mention_sources()
    groups = []
    for category in CATEGORIES:
        holders: dict[str, set[str]] = defaultdict(set)
        for resource in graph.of_category(category):
            for name in graph.names(resource):
                holders[name].add(resource)
        shared = {name: resources for name, resources in holders.items() if len(resources) > 1}
        for component in _connected(shared.values()):
            labels = {label for resource in component for label in graph.labels[resource]}
            groups.append(DuplicateGroup(
                category,
                tuple(sorted(label for label in labels if normalise(label) in shared)),
                tuple(
                    DuplicateResource(resource, tuple(sorted(graph.labels[resource])), tuple(sorted(documents.get(resource, ()))))
                    for resource in sorted(component)
                ),
            ))
    return groups


def _connected(links: Iterable[set[str]]) -> list[set[str]]:
    """The connected components of the items, two items being linked when a set holds both."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for linked in links:
        first, *rest = sorted(linked)
        for item in rest:
            parent[root(item)] = root(first)
    components: dict[str, set[str]] = defaultdict(set)
    for item in parent:
        components[root(item)].add(item)
    return sorted(components.values(), key=min)


# -------------------------------------------------------------------------------- the eval


def evaluate(store: Store, gold: Iterable[GoldDocument], base_iri: str) -> Report:
    """Compare the graph in `store` with the gold documents (see the module docstring): every
    document's entities are paired first, so that duplicates can be judged against the pairs of
    the whole corpus, then duplicates, attributes and relations are scored."""
    graph = read_graph(store, base_iri)
    report = Report(duplicate_groups=duplicate_groups(graph))
    evals = [_DocumentEval(graph, document, report) for document in gold]
    for document_eval in evals:
        document_eval.pair_entities()
    paired: dict[str, list[GoldEntity]] = defaultdict(list)  # resource -> gold entities paired with it
    for document_eval in evals:
        for key, resource in document_eval.pairs.items():
            paired[resource].append(document_eval.gold.entity(key))
    for document_eval in evals:
        document_eval.score(paired)
        report.issues.extend(document_eval.issues)
    return report


def distinct_things(first: GoldEntity, second: GoldEntity) -> bool:
    """Whether two gold entities (of two documents) are told apart by what their texts say: they
    disagree on a date (the first day, `date` or `start`, or the last, `end`, compared at the
    precision both give), an ordinal, a country or a person's state."""
    for one, other in _IDENTIFYING:
        values = [_first_of(entity.attributes, (one, other)) for entity in (first, second)]
        if None in values:
            continue
        a, b = (str(value) for value in values)
        if one in _DATE_ATTRIBUTES:
            a, b = a[:min(len(a), len(b))], b[:min(len(a), len(b))]
        if a != b:
            return True
    return False


# Attributes that tell two same-named things apart, each with the attribute standing in for it.
_IDENTIFYING = (("start", "date"), ("end", "end"), ("ordinal", "ordinal"), ("country", "country"), ("state", "state"))


def _first_of(attributes: Mapping[str, Any], names: Iterable[str]) -> Any:
    return next((attributes[name] for name in names if name in attributes), None)


class _DocumentEval:
    """The comparison for one gold document, adding into a shared report."""

    def __init__(self, graph: CorpusGraph, gold: GoldDocument, report: Report) -> None:
        self.graph, self.gold, self.report = graph, gold, report
        self.counts = report.documents.setdefault(gold.document, Counts())
        self.pairs: dict[str, str] = {}  # gold key -> resource
        self.owners: dict[str, str] = {}  # resource -> gold key
        self.issues: list[Issue] = []
        self.namesakes: dict[str, list[str]] = {}  # gold key -> resources of its category sharing a name
        self.statements = Statements()

    def issue(self, kind: str, facet: str, gold: str = "", graph: str = "") -> None:
        self.issues.append(Issue(kind, self.gold.document, facet, gold, graph))

    def describe(self, resource: str) -> str:
        labels = sorted(self.graph.labels.get(resource, ()))
        return f"{resource} ({' | '.join(labels[:4])}{' …' if len(labels) > 4 else ''})"

    def pair_entities(self) -> None:
        """Pair the gold entities with the resources mentioned in the document, category by category."""
        source_graph = self.graph.sources.get(self.gold.document)
        if source_graph is None:
            self.issue("missing document", "", self.gold.document, "no sco:SourceDocument with this dcterms:identifier")
            mentioned: set[str] = set()
        else:
            mentioned = self.graph.mentioned(source_graph)
            self.statements = self.graph.statements(source_graph)
        for category in CATEGORIES:
            self.match_category(category, mentioned, self.statements)

    def score(self, paired: Mapping[str, list[GoldEntity]]) -> None:
        """Count duplicates (given every document's pairs), then score attributes and relations."""
        for entity in self.gold.entities:
            self.count_duplicate(entity, paired)
        for entity in self.gold.entities:
            if entity.key in self.pairs:
                for attribute in entity.attributes:
                    self.score_attribute(entity, attribute, self.statements)
        self.score_relations(self.statements)

    def count_duplicate(self, entity: GoldEntity, paired: Mapping[str, list[GoldEntity]]) -> None:
        """A duplicate: two or more resources of the entity's category share a name with it, other
        than those paired with another entity of this document or with an entity of another
        document that the texts tell apart from it (`distinct_things`)."""
        resources = [
            resource for resource in self.namesakes.get(entity.key, ())
            if not any(distinct_things(entity, other) for other in paired.get(resource, ()))
        ]
        if len(resources) > 1:
            self.report.duplicates[entity.category] += 1
            self.issue("duplicate", entity.category, f"{entity.key}: {entity.label}", "; ".join(map(self.describe, resources)))

    # entities

    def match_category(self, category: str, mentioned: set[str], statements: Statements) -> None:
        entities = [entity for entity in self.gold.entities if entity.category == category]
        candidates = sorted(r for r in mentioned if category in self.graph.categories.get(r, ()))
        options = {entity.key: self.ranked(entity, candidates, statements) for entity in entities}
        pairs = assign([entity.key for entity in entities], options)
        named = set().union(*options.values()) if options else set()
        counts = self.report.entities[category]
        for entity in entities:
            others = {resource for key, resource in pairs.items() if key != entity.key}
            self.namesakes[entity.key] = [
                r for r in sorted(self.graph.of_category(category)) if r not in others and self.shares_name(entity, r)
            ]
            if entity.key in pairs:
                counts.tp += 1
                self.counts.tp += 1
                continue
            counts.fn += 1
            self.counts.fn += 1
            elsewhere = [r for r in sorted(mentioned - set(candidates)) if self.shares_name(entity, r)]
            found = "; ".join(f"as {'/'.join(sorted(self.graph.categories.get(r, {'uncategorised'})))}: {self.describe(r)}" for r in elsewhere)
            self.issue("missed entity", category, f"{entity.key}: {entity.label}", found)
        for resource in candidates:
            if resource not in named:
                counts.fp += 1
                self.counts.fp += 1
                self.issue("false positive", category, "", self.describe(resource))
        self.pairs.update(pairs)
        self.owners.update({resource: key for key, resource in pairs.items()})

    def shares_name(self, entity: GoldEntity, resource: str) -> bool:
        return bool(_normalised(entity.names) & self.graph.names(resource))

    def ranked(self, entity: GoldEntity, candidates: list[str], statements: Statements) -> list[str]:
        """The candidates sharing a name with `entity`, strongest first: more en/zh names shared,
        more names shared, more attributes (other than links to gold entities) agreeing, IRI."""
        primary, every = _normalised(entity.primary), _normalised(entity.names)
        scored = []
        for resource in candidates:
            names = self.graph.names(resource)
            if every & names:
                agreeing = sum(
                    self.judge(entity, attribute, resource, statements)[0] == "correct"
                    for attribute in entity.attributes if attribute not in _KEY_ATTRIBUTES
                )
                scored.append((-len(primary & names), -len(every & names), -agreeing, resource))
        return [resource for *_, resource in sorted(scored)]

    # attributes

    def score_attribute(self, entity: GoldEntity, attribute: str, statements: Statements) -> None:
        outcome, shown = self.judge(entity, attribute, self.pairs[entity.key], statements)
        score = self.report.attributes[attribute]
        setattr(score, outcome, getattr(score, outcome) + 1)
        if outcome != "correct":
            label = "wrong date precision" if outcome == "wrong_precision" else f"{outcome} attribute"
            expected = entity.attributes[attribute]
            self.issue(label, attribute, f"{entity.key} ({entity.category}) = {expected}", ", ".join(shown) or "(none)")

    def judge(self, entity: GoldEntity, attribute: str, resource: str, statements: Statements) -> tuple[str, list[str]]:
        """The outcome for one gold attribute of `entity` given `resource`, and the graph's values."""
        expected = entity.attributes[attribute]
        if attribute in _DATE_ATTRIBUTES:
            found = statements.objects(resource, *_DATE_PROPERTIES[attribute])
            if not found:  # one resource holds one date: the most precise any text gives
                elsewhere = {v.text for v in self.graph.dates_anywhere(resource, attribute) if not v.iri}
                if elsewhere and all(_refines(value, expected) for value in elsewhere):
                    return "correct", sorted(elsewhere)
            return _date_outcome(expected, {value.text for value in found if not value.iri}), sorted(v.text for v in found)
        if attribute == "role":
            found = statements.objects(resource, _P["schema:jobTitle"])
            titles = {normalise(value.text) for value in found if _same_language(value, expected)}
            outcome = "missing" if not titles else "correct" if normalise(expected) in titles else "wrong"
            return outcome, sorted(value.text for value in found)
        if attribute in _NAMED_ATTRIBUTES:
            targets = statements.resources(resource, _P[_NAMED_ATTRIBUTES[attribute]])
            outcome = _set_outcome({normalise(expected) in self.graph.names(t) for t in targets}, True)
            return outcome, [self.describe(t) for t in sorted(targets)]
        if attribute in _KEY_ATTRIBUTES:
            targets = self.key_attribute(entity, attribute, resource, statements)
            return _set_outcome({self.refers_to(t, expected) for t in targets}, True), [self.describe(t) for t in sorted(targets)]
        values = self.simple_attribute(attribute, resource, statements)
        return _set_outcome(values, expected), sorted(map(str, values))

    def refers_to(self, resource: str, key: str) -> bool:
        """Whether `resource` stands for the gold entity `key`: its pair, or if it has none, a
        resource sharing a name with it."""
        if key in self.pairs:
            return self.pairs[key] == resource
        return self.shares_name(self.gold.entity(key), resource)

    def key_attribute(self, entity: GoldEntity, attribute: str, resource: str, statements: Statements) -> set[str]:
        if attribute == "series":
            targets = statements.resources(resource, _P["sco:inSeries"])
        elif attribute == "adopted_at":
            predicate = "sco:adoptedAt" if entity.category == "document" else "sco:establishedBy"
            targets = statements.resources(resource, _P[predicate])
        else:
            targets = statements.resources(resource, _P["sco:represents"]) | statements.resources(resource, _P["sco:country"])
        category = _KEY_ATTRIBUTES[attribute]
        return {t for t in targets if category in self.graph.categories.get(t, ())}

    def simple_attribute(self, attribute: str, resource: str, statements: Statements) -> set[Any]:
        if attribute == "sco_role":
            return {_ROLE_VALUES[v.text] for v in statements.objects(resource, _P["sco:scoRole"]) if v.text in _ROLE_VALUES}
        if attribute == "kind":
            return self.graph.kinds.get(resource, set())
        if attribute == "online":
            return {_ONLINE_VALUES.get(v.text, v.text) for v in statements.objects(resource, _P["schema:eventAttendanceMode"])}
        if attribute == "ordinal":
            return {int(v.text) if v.text.lstrip("-").isdigit() else v.text for v in statements.objects(resource, _P["sco:ordinal"])}
        # country: stated directly, or the country of the place
        states = statements.resources(resource, _P["sco:country"])
        for place in statements.resources(resource, _P["sco:place"]):
            states |= statements.resources(place, _P["sco:country"])
        return {_alpha3(state, statements) for state in states}

    # relations

    def score_relations(self, statements: Statements) -> None:
        expected: set[tuple[str, str, str]] = set()
        for subject, predicate, obj in self.gold.relations:
            categories = self.gold.entity(subject).category, self.gold.entity(obj).category
            rule = _rule_for(predicate, *categories)
            if rule is None:
                self.report.not_expressible += 1
                self.issue("relation not expressible", predicate, f"[{subject}, {predicate}, {obj}] ({' → '.join(categories)})")
                continue
            expected.add(_relation(rule, subject, obj))
        found = self.found_relations(statements, expected)
        for relation in sorted(expected | found):
            subject, predicate, obj = relation
            counts = self.report.relations[predicate]
            if relation in expected and relation in found:
                counts.tp += 1
            elif relation in expected:
                counts.fn += 1
                self.issue("missed relation", predicate, f"[{subject}, {predicate}, {obj}]",
                           ", ".join(f"{key} unpaired" for key in (subject, obj) if key not in self.pairs))
            else:
                counts.fp += 1
                self.issue("false relation", predicate, "", f"[{subject}, {predicate}, {obj}]: {self.pairs[subject]} → {self.pairs[obj]}")

    def found_relations(self, statements: Statements, expected: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        """Statements of the relation table between paired resources, as gold-key triples."""
        found = set()
        for key, resource in self.pairs.items():
            subject = self.gold.entity(key)
            for rule in RELATION_RULES:
                if subject.category not in rule.subjects:
                    continue
                for target in statements.follow(resource, rule.path):
                    obj_key = self.owners.get(target)
                    if obj_key is None or obj_key == key or self.gold.entity(obj_key).category not in rule.objects:
                        continue
                    as_attribute = _RELATION_AS_ATTRIBUTE.get((rule.predicate, self.gold.entity(obj_key).category))
                    relation = _relation(rule, key, obj_key)
                    if as_attribute in subject.attributes and relation not in expected:
                        continue
                    found.add(relation)
        return found


def assign(order: list[str], options: Mapping[str, list[str]]) -> dict[str, str]:
    """A largest one-to-one pairing of keys with options (Kuhn's algorithm), deterministic:
    keys are placed in `order`, each trying its options in their listed order."""
    owner: dict[str, str] = {}

    def place(key: str, seen: set[str]) -> bool:
        for option in options.get(key, ()):
            if option in seen:
                continue
            seen.add(option)
            if option not in owner or place(owner[option], seen):
                owner[option] = key
                return True
        return False

    for key in order:
        place(key, set())
    return {key: option for option, key in owner.items()}


def _set_outcome(values: set[Any], expected: Any) -> str:
    if not values:
        return "missing"
    return "correct" if values == {expected} else "wrong"


def _date_outcome(expected: str, values: set[str]) -> str:
    if not values:
        return "missing"
    if values == {expected}:
        return "correct"
    if all(value[:len(expected)] == expected[:len(value)] for value in values) and any(len(v) != len(expected) for v in values):
        return "wrong_precision"
    return "wrong"


def _refines(value: str, expected: str) -> bool:
    """Whether the date `value` is `expected` given more precisely (2022-09-16 for 2022-09)."""
    return len(value) > len(expected) and value.startswith(expected)


def _same_language(value: Value, expected: str) -> bool:
    chinese = any("\u4e00" <= char <= "\u9fff" for char in expected)
    return value.language.startswith("zh") == chinese


def _alpha3(state: str, statements: Statements) -> str:
    codes = statements.objects(state, _P["sco:iso3166Alpha3"])
    return min(code.text for code in codes).lower() if codes else state


def _rule_for(predicate: str, subject: str, obj: str) -> RelationRule | None:
    return next((r for r in RELATION_RULES if r.predicate == predicate and subject in r.subjects and obj in r.objects), None)


def _relation(rule: RelationRule, subject: str, obj: str) -> tuple[str, str, str]:
    if rule.symmetric and obj < subject:
        subject, obj = obj, subject
    return subject, rule.predicate, obj
