"""The VoID description of the dataset: statistics computed from the store, written as RDF.

Counting conventions (the store holds quads, and several graphs may repeat a triple):
- `void:triples` of the dataset is the number of quads: the sum of the `void:triples` of the
  per-graph subsets, and of the property partitions (the Turtle dump, which merges the graphs
  into one, holds fewer distinct triples);
- `void:distinctSubjects`, `void:distinctObjects`, `void:classes`, `void:properties` and the
  `void:entities` of class partitions count distinct terms over all graphs together;
- `void:entities` of the dataset counts the distinct subject IRIs in `void:uriSpace`.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolution, RdfFormat, Store, Triple, serialize

from scokg.graph.stats import graph_sizes
from scokg.ontology.namespaces import DCTERMS, FOAF, FORMATS, PREFIXES, RDF, RDFS, SCO, SD, VOID, XSD


# Media types the description is offered in; the first is the default.
MEDIA_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}

_PREFIXES: dict[str, str] = {"void": str(VOID), "sd": str(SD), **PREFIXES}

TITLE_EN = "SCO environmental cooperation knowledge graph"
TITLE_ZH = "上海合作组织环境合作知识图谱"
_DESCRIPTION_EN = (
    "States, bodies, meetings, documents and initiatives of the environmental cooperation of the "
    "Shanghai Cooperation Organisation, extracted from bilingual (Chinese and English) documents, "
    "each fact with the sentence it comes from."
)
_DESCRIPTION_ZH = "从中英文双语文件中抽取的上海合作组织环境合作中的国家、机构、会议、文件和合作举措，每条事实都附有其出处句子。"

# The dump formats, as W3C format IRIs (void:feature).
_DUMP_FEATURES = ("Turtle", "N-Quads", "TriG", "JSON-LD")

_DISTINCT = "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }"


_CLASSES = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{RDF.type.value}> ?class FILTER(isIRI(?class)) }}
GROUP BY ?class ORDER BY ?class
"""

# Every quad, the default graph's and the named graphs' (run without the union default graph,
# which would count the named graphs twice).
_PROPERTIES = """
SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }
GROUP BY ?p ORDER BY ?p
"""

_GRAPH_LABELS = f"SELECT DISTINCT ?g ?label WHERE {{ GRAPH ?g {{ }} ?g <{RDFS.label.value}> ?label }}"


@dataclass(frozen=True)
class Subset:
    """One named graph: its IRI, its number of triples and its labels (where the data has them)."""

    graph: str
    triples: int
    labels: tuple[Literal, ...]


@dataclass(frozen=True)
class VoidStatistics:
    """The numbers a VoID description states, computed once per store version."""

    uri_space: str
    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    class_partitions: tuple[tuple[str, int], ...]  # (class IRI, distinct instances)
    property_partitions: tuple[tuple[str, int], ...]  # (property IRI, quads)
    subsets: tuple[Subset, ...]
    vocabularies: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Locations:
    """Where this server publishes the description, the endpoint and the dumps (absolute URLs)."""

    document: str
    homepage: str
    sparql_endpoint: str
    dumps: tuple[str, ...]


def dataset_iri(base_iri: str) -> str:
    """The IRI of the dataset the description is about (stable, whatever host serves it)."""
    return f"{base_iri}.well-known/void#sco-kg"


def statistics(store: Store, base_iri: str) -> VoidStatistics:
    """Count what the VoID description states about `store`."""
    space = base_iri + "resource/"
    space_literal = str(Literal(space))  # written as a SPARQL literal, quotes escaped
    distinct = _single(store, _DISTINCT)
    classes = _counts(store, _CLASSES, "class", union=True)
    properties = _counts(store, _PROPERTIES, "p", union=False)
    labels: dict[str, list[Literal]] = {}
    for row in store.query(_GRAPH_LABELS, use_default_graph_as_union=True):
        labels.setdefault(row["g"].value, []).append(row["label"])
    examples = store.query(_examples_query(space_literal), use_default_graph_as_union=True)
    return VoidStatistics(
        uri_space=space,
        triples=len(store),
        entities=int(_single(store, _entities_query(space_literal))["n"].value),
        distinct_subjects=int(distinct["subjects"].value),
        distinct_objects=int(distinct["objects"].value),
        class_partitions=classes,
        property_partitions=properties,
        subsets=tuple(
            Subset(graph, triples, tuple(sorted(labels.get(graph, ()), key=str))) for graph, triples in graph_sizes(store)
        ),
        vocabularies=_vocabularies([iri for iri, _ in classes + properties]),
        examples=tuple(row["o"].value for row in examples),
    )


def description(stats: VoidStatistics, base_iri: str, locations: Locations) -> list[Triple]:
    """The VoID description of the dataset as triples."""
    dataset = NamedNode(dataset_iri(base_iri))
    document = NamedNode(locations.document)
    triples = [
        Triple(document, RDF.type, VOID.DatasetDescription),
        Triple(document, DCTERMS.title, Literal(f"VoID description of the {TITLE_EN}", language="en")),
        Triple(document, DCTERMS.title, Literal(f"{TITLE_ZH}的 VoID 描述", language="zh")),
        Triple(document, FOAF.primaryTopic, dataset),
        Triple(dataset, RDF.type, VOID.Dataset),
        Triple(dataset, DCTERMS.title, Literal(TITLE_EN, language="en")),
        Triple(dataset, DCTERMS.title, Literal(TITLE_ZH, language="zh")),
        Triple(dataset, DCTERMS.description, Literal(_DESCRIPTION_EN, language="en")),
        Triple(dataset, DCTERMS.description, Literal(_DESCRIPTION_ZH, language="zh")),
        Triple(dataset, FOAF.homepage, NamedNode(locations.homepage)),
        Triple(dataset, VOID.sparqlEndpoint, NamedNode(locations.sparql_endpoint)),
        Triple(dataset, VOID.uriSpace, Literal(stats.uri_space)),
        Triple(dataset, VOID.triples, _integer(stats.triples)),
        Triple(dataset, VOID.entities, _integer(stats.entities)),
        Triple(dataset, VOID.distinctSubjects, _integer(stats.distinct_subjects)),
        Triple(dataset, VOID.distinctObjects, _integer(stats.distinct_objects)),
        Triple(dataset, VOID.classes, _integer(len(stats.class_partitions))),
        Triple(dataset, VOID.properties, _integer(len(stats.property_partitions))),
    ]
    triples += [Triple(dataset, VOID.dataDump, NamedNode(url)) for url in locations.dumps]
    triples += [Triple(dataset, VOID.feature, FORMATS[name]) for name in _DUMP_FEATURES]
    triples += [Triple(dataset, VOID.vocabulary, NamedNode(iri)) for iri in stats.vocabularies]
    triples += [Triple(dataset, VOID.exampleResource, NamedNode(iri)) for iri in stats.examples]
    nodes: list[Triple] = []  # the partitions' and subsets' own triples, written after the dataset's
    for cls, entities in stats.class_partitions:
        partition = BlankNode()
        triples.append(Triple(dataset, VOID.classPartition, partition))
        nodes += [Triple(partition, VOID["class"], NamedNode(cls)), Triple(partition, VOID.entities, _integer(entities))]
    for prop, count in stats.property_partitions:
        partition = BlankNode()
        triples.append(Triple(dataset, VOID.propertyPartition, partition))
        nodes += [Triple(partition, VOID.property, NamedNode(prop)), Triple(partition, VOID.triples, _integer(count))]
    for subset in stats.subsets:
        node = BlankNode()
        triples.append(Triple(dataset, VOID.subset, node))
        nodes += [
            Triple(node, RDF.type, VOID.Dataset),
            Triple(node, RDF.type, SD.NamedGraph),
            Triple(node, SD.name, NamedNode(subset.graph)),
            Triple(node, VOID.triples, _integer(subset.triples)),
        ]
        nodes += [Triple(node, DCTERMS.title, label) for label in subset.labels]
    return triples + nodes


def serialize_description(triples: list[Triple], media_type: str) -> bytes:
    """`triples` written in `media_type` (one of `MEDIA_TYPES`), with the usual prefixes."""
    return serialize(triples, format=MEDIA_TYPES[media_type], prefixes=_PREFIXES)


def _entities_query(space: str) -> str:
    """Distinct subject IRIs that start with `space` (a SPARQL string literal)."""
    return f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) }}"


def _examples_query(space: str) -> str:
    """The three resources in `space` most often linked to, outside the provenance layer."""
    return f"""
PREFIX sco: <{SCO}>
SELECT ?o (COUNT(*) AS ?n) WHERE {{
  ?s ?p ?o
  FILTER(isIRI(?o) && STRSTARTS(STR(?o), {space}) && ?p != <{RDF.type.value}>)
  FILTER NOT EXISTS {{ VALUES ?layer {{ sco:Mention sco:Evidence sco:SourceDocument }} ?o a ?layer }}
}} GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 3
"""


def _single(store: Store, query: str) -> QuerySolution:
    return next(iter(store.query(query, use_default_graph_as_union=True)))


def _counts(store: Store, query: str, variable: str, union: bool) -> tuple[tuple[str, int], ...]:
    rows = store.query(query, use_default_graph_as_union=union)
    return tuple((row[variable].value, int(row["n"].value)) for row in rows)


def _vocabularies(terms: list[str]) -> tuple[str, ...]:
    """The namespace IRIs of the project's prefixes that `terms` use."""
    return tuple(sorted({ns for ns in PREFIXES.values() if any(term.startswith(ns) for term in terms)}))


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)
