"""Search entities by name: `/search?q=` over rdfs:label, skos:prefLabel and skos:altLabel.

The labels of every resource (IRIs under `<base_iri>resource/`) are fetched once per store
version and matched in Python, so the user's text never reaches a query. Text is compared after
NFKC normalisation and case folding, with runs of white space collapsed.

Ranking: exact match, then prefix, then a match at the start of a word, then any substring;
ties go to the shorter matched label, then to the more important type (`TYPE_IMPORTANCE`), then
to the IRI.

JSON (`Accept: application/json` or `format=json`)::

    {"query": "kazakh", "limit": 20,
     "results": [{"iri": "https://w3id.org/sco-kg/resource/state/kaz",
                  "path": "/resource/state/kaz",
                  "label_en": "Kazakhstan", "label_zh": "哈萨克斯坦",
                  "types": ["https://w3id.org/sco-kg/ontology#MemberState", ...],
                  "matched": {"label": "Kazakhstan", "lang": "en",
                              "property": "rdfs:label", "kind": "prefix"}}]}
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import IntEnum

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask.blueprints import BlueprintSetupState
from pyoxigraph import Literal, NamedNode, Store

from scokg.ontology.namespaces import RDFS, SCO, SKOS
from scokg.server.errors import plain_error
from scokg.server.http_cache import cached
from scokg.server.context import server_context
from scokg.server.negotiation import wants_html

bp = Blueprint("search", __name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_QUERY_LENGTH = 200
_LIMIT = re.compile(r"[0-9]{1,4}")

# Label properties, best first when choosing the label to show.
LABEL_PROPERTIES: dict[str, str] = {
    RDFS.label.value: "rdfs:label",
    SKOS.prefLabel.value: "skos:prefLabel",
    SKOS.altLabel.value: "skos:altLabel",
}

# Top classes, most important first; an entity ranks by the best class it belongs to.
TYPE_IMPORTANCE: tuple[NamedNode, ...] = (
    SCO.State,
    SCO.Body,
    SCO.Meeting,
    SCO.Document,
    SCO.Initiative,
    SCO.Person,
    SCO.Place,
    SCO.MeetingSeries,
    SKOS.Concept,
    SCO.SourceDocument,
)

_LABELS_QUERY = f"""
SELECT DISTINCT ?entity ?property ?label WHERE {{
  VALUES ?property {{ {" ".join(f"<{iri}>" for iri in LABEL_PROPERTIES)} }}
  ?entity ?property ?label .
  FILTER(isIRI(?entity) && isLITERAL(?label))
}}"""

_TYPES_QUERY = """
SELECT DISTINCT ?entity ?type WHERE { ?entity a ?type FILTER(isIRI(?entity) && isIRI(?type)) }"""

_CLASSES_QUERY = f"""
SELECT DISTINCT ?class ?top WHERE {{
  VALUES ?top {{ {" ".join(str(top) for top in TYPE_IMPORTANCE)} }}
  ?class <{RDFS.subClassOf.value}>* ?top .
}}"""


class SearchError(ValueError):
    """A request parameter of `/search` is invalid; the message names it."""


class MatchKind(IntEnum):
    """How a label matches the query, best first."""

    EXACT = 0
    PREFIX = 1
    WORD_START = 2
    SUBSTRING = 3

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


def normalise(text: str) -> str:
    """`text` for matching: NFKC, case-folded, white space collapsed to single spaces."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def match_kind(label: str, query: str) -> MatchKind | None:
    """How the normalised `label` matches the normalised, non-empty `query`, or None."""
    if label == query:
        return MatchKind.EXACT
    start = label.find(query)
    if start < 0:
        return None
    if start == 0:
        return MatchKind.PREFIX
    while start >= 0:
        if not label[start - 1].isalnum():
            return MatchKind.WORD_START
        start = label.find(query, start + 1)
    return MatchKind.SUBSTRING


@dataclass(frozen=True)
class Label:
    """One label of an entity."""

    value: str
    lang: str
    property: str  # compact name, e.g. "rdfs:label"
    normalised: str


@dataclass(frozen=True)
class Entity:
    """An entity with its labels, types and type importance (lower is more important)."""

    iri: str
    labels: tuple[Label, ...]
    types: tuple[str, ...]
    importance: int

    def best_label(self, lang: str) -> str | None:
        """The label to show in `lang` (also matching `lang-*`): rdfs:label first, then shortest."""
        candidates = [label for label in self.labels if label.lang == lang or label.lang.startswith(lang + "-")]
        if not candidates:
            return None
        order = list(LABEL_PROPERTIES.values())
        return min(candidates, key=lambda l: (order.index(l.property), len(l.value), l.value)).value


@dataclass(frozen=True)
class Hit:
    """An entity found, with the label that matched best."""

    entity: Entity
    matched: Label
    kind: MatchKind


class LabelIndex:
    """The labels of every resource in one store version, searched in memory."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities

    @classmethod
    def from_store(cls, store: Store, resource_prefix: str) -> LabelIndex:
        """Fetch the labels and types of the IRIs starting with `resource_prefix` from `store`."""
        labels = _fetch_labels(store, resource_prefix)
        types = _fetch_types(store, set(labels))
        ranks = _class_ranks(store)
        unranked = len(TYPE_IMPORTANCE)
        return cls([
            Entity(
                iri,
                tuple(entity_labels),
                tuple(sorted(types[iri])),
                min((ranks.get(type_, unranked) for type_ in types[iri]), default=unranked),
            )
            for iri, entity_labels in sorted(labels.items())
        ])

    def search(self, text: str, limit: int) -> list[Hit]:
        """The best `limit` entities whose labels contain `text`, ranked (see the module doc)."""
        query = normalise(text)
        if not query:
            return []
        ranked = []
        for entity in self.entities:
            best: tuple[MatchKind, int, Label] | None = None
            for label in entity.labels:
                kind = match_kind(label.normalised, query)
                if kind is not None and (best is None or (kind, len(label.normalised)) < best[:2]):
                    best = (kind, len(label.normalised), label)
            if best is not None:
                kind, length, label = best
                ranked.append(((kind, length, entity.importance, entity.iri), Hit(entity, label, kind)))
        ranked.sort(key=lambda pair: pair[0])
        return [hit for _, hit in ranked[:limit]]


def _fetch_labels(store: Store, resource_prefix: str) -> dict[str, list[Label]]:
    labels: dict[str, list[Label]] = defaultdict(list)
    for row in store.query(_LABELS_QUERY, use_default_graph_as_union=True):
        iri, literal = row["entity"].value, row["label"]
        if iri.startswith(resource_prefix) and isinstance(literal, Literal):
            prop = LABEL_PROPERTIES[row["property"].value]
            labels[iri].append(Label(literal.value, literal.language or "", prop, normalise(literal.value)))
    return labels


def _fetch_types(store: Store, entities: set[str]) -> dict[str, set[str]]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_TYPES_QUERY, use_default_graph_as_union=True):
        if row["entity"].value in entities:
            types[row["entity"].value].add(row["type"].value)
    return types


def _class_ranks(store: Store) -> dict[str, int]:
    """Each class (and its subclasses) -> position of its best top class in TYPE_IMPORTANCE."""
    position = {top.value: index for index, top in enumerate(TYPE_IMPORTANCE)}
    ranks: dict[str, int] = {}
    for row in store.query(_CLASSES_QUERY, use_default_graph_as_union=True):
        rank = position[row["top"].value]
        ranks[row["class"].value] = min(ranks.get(row["class"].value, rank), rank)
    return ranks


class _IndexCache:
    """The index of the store handle last seen; rebuilt when the server reopens the store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._index: LabelIndex | None = None

    def get(self, store: Store, resource_prefix: str) -> LabelIndex:
        with self._lock:
            if self._index is None or self._store is not store:
                self._index = LabelIndex.from_store(store, resource_prefix)
                self._store = store
            return self._index


@bp.record_once
def _install_cache(state: BlueprintSetupState) -> None:
    state.app.extensions["scokg.search"] = _IndexCache()


@bp.get("/search")
@cached()
def search() -> Response:
    """Entities whose labels contain `q`, as HTML or JSON."""
    text = request.args.get("q", "").strip()
    try:
        limit = _limit(request.args.get("limit"))
        if len(text) > MAX_QUERY_LENGTH:
            raise SearchError(f"parameter `q`: at most {MAX_QUERY_LENGTH} characters")
    except SearchError as error:
        return plain_error(400, str(error))
    context = server_context()
    base_iri = context.settings.base_iri
    hits: list[Hit] = []
    if text:
        cache: _IndexCache = current_app.extensions["scokg.search"]
        hits = cache.get(context.store, base_iri + "resource/").search(text, limit)
    results = [_hit_json(hit, base_iri) for hit in hits]
    if wants_html():
        response = Response(render_template("search.html", q=text, limit=limit, results=results, short_name=short_name))
    else:
        response = jsonify({"query": text, "limit": limit, "results": results})
    response.vary.add("Accept")
    return response


def _limit(value: str | None) -> int:
    if not value:
        return DEFAULT_LIMIT
    if not _LIMIT.fullmatch(value) or not 1 <= int(value) <= MAX_LIMIT:
        raise SearchError(f"parameter `limit`: {value!r} is not a whole number from 1 to {MAX_LIMIT}")
    return int(value)


def short_name(iri: str) -> str:
    """The local name of a type IRI (after `#` or the last `/`), for display."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def local_path(iri: str, base_iri: str) -> str:
    """The path of `iri` on this server (IRIs of the index are all under `base_iri`)."""
    return "/" + iri.removeprefix(base_iri)


def _hit_json(hit: Hit, base_iri: str) -> dict[str, object]:
    return {
        "iri": hit.entity.iri,
        "path": local_path(hit.entity.iri, base_iri),
        "label_en": hit.entity.best_label("en"),
        "label_zh": hit.entity.best_label("zh"),
        "types": list(hit.entity.types),
        "matched": {
            "label": hit.matched.value,
            "lang": hit.matched.lang or None,
            "property": hit.matched.property,
            "kind": hit.kind.label,
        },
    }
