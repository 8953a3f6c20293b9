"""What the graph holds, for the home page: instances per main class, triples per named graph."""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Store

from scokg.graph.stats import class_counts, graph_sizes
from scokg.ontology.namespaces import OWL, PREFIXES, SCO

_PREFIXES = f"""
PREFIX sco: <{SCO}>
PREFIX rdf: <{PREFIXES["rdf"]}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
PREFIX owl: <{OWL}>
PREFIX prov: <{PREFIXES["prov"]}>
"""

# A named sco: superclass: stated with rdfs:subClassOf, or a member of the intersection that
# defines the class (sco:MemberState is "a sco:State whose role is ...").
_SUPER = "(rdfs:subClassOf|owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first)"

# Each sco: class with the main classes above it; a main class has no named sco: superclass.
_HIERARCHY_PATTERN = f"""
  ?class a owl:Class .
  FILTER(isIRI(?class) && STRSTARTS(STR(?class), STR(sco:)))
  ?class {_SUPER}* ?main .
  FILTER(isIRI(?main) && STRSTARTS(STR(?main), STR(sco:)))
  FILTER NOT EXISTS {{
    ?main {_SUPER} ?super .
    FILTER(isIRI(?super) && STRSTARTS(STR(?super), STR(sco:)) && ?super != ?main)
  }}
"""

# ... and whether the main class belongs to the provenance layer (mentions, evidence, sources).
_HIERARCHY = f"""{_PREFIXES}
SELECT DISTINCT ?main ?class ?provenance WHERE {{
  {_HIERARCHY_PATTERN}
  BIND(EXISTS {{ ?main rdfs:subClassOf+ prov:Entity }} AS ?provenance)
}}
"""

# Distinct instances of each main class, its subclasses included.
_MAIN_TOTALS = f"""{_PREFIXES}
SELECT ?main (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?main ?class WHERE {{ {_HIERARCHY_PATTERN} }} }}
  OPTIONAL {{ ?s a ?class }}
}} GROUP BY ?main
"""

_CLASS_LABELS = f"""{_PREFIXES}
SELECT DISTINCT ?class ?label WHERE {{
  ?class a owl:Class ; rdfs:label ?label .
  FILTER(isIRI(?class) && STRSTARTS(STR(?class), STR(sco:)))
}}
"""

_GRAPH_LABELS = f"""{_PREFIXES}
SELECT DISTINCT ?g ?label WHERE {{
  GRAPH ?g {{ }}
  ?g rdfs:label ?label .
}}
"""


@dataclass(frozen=True)
class ClassCount:
    """A sco: class with its English and Chinese labels and a number of instances."""

    local_name: str
    label_en: str
    label_zh: str
    count: int


@dataclass(frozen=True)
class MainClass:
    """A main class (count: its instances and its subclasses'), with its subclasses (direct counts)."""

    main: ClassCount
    subclasses: tuple[ClassCount, ...]
    provenance: bool  # a class of the provenance layer (a prov:Entity), not of the subject matter


@dataclass(frozen=True)
class GraphSize:
    """A named graph with its labels (where the data gives them) and its number of triples."""

    iri: str
    label_en: str
    label_zh: str
    triples: int


@dataclass(frozen=True)
class Overview:
    """The contents of the store, as the home page shows them."""

    main_classes: tuple[MainClass, ...]
    graphs: tuple[GraphSize, ...]
    total_quads: int


def overview(store: Store) -> Overview:
    """Instances per main class (with subclasses and labels) and triples per named graph."""
    direct = dict(class_counts(store))
    labels = _labels(store, _CLASS_LABELS, "class")
    subclasses: dict[str, set[str]] = {}
    provenance: set[str] = set()
    for row in store.query(_HIERARCHY, use_default_graph_as_union=True):
        main, cls = _local(row["main"].value), _local(row["class"].value)
        subclasses.setdefault(main, set()).update({cls} - {main})
        if row["provenance"].value == "true":
            provenance.add(main)
    totals = {
        _local(row["main"].value): int(row["n"].value)
        for row in store.query(_MAIN_TOTALS, use_default_graph_as_union=True)
    }

    def counted(name: str, count: int) -> ClassCount:
        en, zh = labels.get(name, ("", ""))
        return ClassCount(name, en or name, zh, count)

    def by_label(names: set[str]) -> list[str]:
        return sorted(names, key=lambda name: (labels.get(name, ("", ""))[0] or name).lower())

    main_classes = tuple(
        MainClass(
            counted(name, totals.get(name, 0)),
            tuple(counted(sub, direct.get(sub, 0)) for sub in by_label(subclasses[name])),
            name in provenance,
        )
        for name in by_label(set(subclasses))
    )
    graph_labels = _labels(store, _GRAPH_LABELS, "g", local=False)
    graphs = tuple(
        GraphSize(iri, *graph_labels.get(iri, (iri.rstrip("/").rsplit("/", 1)[-1], "")), triples)
        for iri, triples in graph_sizes(store)
    )
    return Overview(main_classes, graphs, len(store))


def _local(iri: str) -> str:
    return iri[len(str(SCO)):]


def _labels(store: Store, query: str, variable: str, local: bool = True) -> dict[str, tuple[str, str]]:
    """(English, Chinese) label of each subject of `query`; alphabetically first per language."""
    found: dict[str, dict[str, str]] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        key = _local(row[variable].value) if local else row[variable].value
        language = (row["label"].language or "").split("-")[0].lower()
        if language in ("en", "zh"):
            current = found.setdefault(key, {}).get(language)
            if current is None or row["label"].value < current:
                found[key][language] = row["label"].value
    return {key: (by_lang.get("en", ""), by_lang.get("zh", "")) for key, by_lang in found.items()}

