"""What the HTML page of a resource shows: labels, types, facts, incoming links, evidence, mentions."""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Store

from scokg.ontology.namespaces import RDF, RDFS, SCO, SKOS
from scokg.server.bound_query import select
from scokg.server.labels import Labeller, Link, Value
from scokg.server.paths import EXTENSION_FOR, graph_url, local_path, neighbourhood_url

MAX_FACTS = 500
MAX_INCOMING = 200
MAX_EVIDENCE = 200
MAX_SENTENCES = 100

# Shown in their own sections, not among the facts.
_SEPARATE = {RDF.type.value, RDFS.label.value, SKOS.altLabel.value, SCO.hasMention.value}

_INCOMING = """
SELECT DISTINCT ?this ?s ?p WHERE {
  ?s ?p ?this .
  FILTER(isIRI(?s))
  FILTER NOT EXISTS { ?s a ?layer . VALUES ?layer { sco:Mention sco:Evidence } }
} ORDER BY ?p ?s LIMIT %d
""" % (MAX_INCOMING + 1)

_EVIDENCE = """
SELECT DISTINCT ?this ?e ?s ?p ?o ?quote ?source ?start ?end WHERE {
  { ?e rdf:subject ?this } UNION { ?e rdf:object ?this }
  ?e a sco:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?e sco:quote ?quote }
  OPTIONAL { ?e prov:wasDerivedFrom ?source }
  OPTIONAL { ?e sco:startOffset ?start }
  OPTIONAL { ?e sco:endOffset ?end }
} ORDER BY ?source ?start ?e LIMIT %d
""" % (MAX_EVIDENCE + 1)

_SENTENCES = """
SELECT ?this ?source ?quote (MIN(?start) AS ?first)
       (GROUP_CONCAT(DISTINCT ?text; separator=" · ") AS ?texts) WHERE {
  ?this sco:hasMention ?m .
  ?m sco:quote ?quote .
  OPTIONAL { ?m prov:wasDerivedFrom ?source }
  OPTIONAL { ?m sco:startOffset ?start }
  OPTIONAL { ?m sco:text ?text }
} GROUP BY ?this ?source ?quote ORDER BY ?source ?first LIMIT %d
""" % (MAX_SENTENCES + 1)

_MENTION_COUNT = "SELECT ?this (COUNT(DISTINCT ?m) AS ?n) WHERE { ?this sco:hasMention ?m } GROUP BY ?this"

_GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Fact:
    """One outgoing statement, with the graphs that state it."""

    predicate: Link
    value: Value
    graphs: list[Link]


@dataclass(frozen=True)
class IncomingLink:
    """A resource that points at this one."""

    subject: Link
    predicate: Link


@dataclass(frozen=True)
class Evidence:
    """A statement with the sentence of the source document it was read from."""

    subject: Value
    predicate: Link
    object: Value
    quote: Value | None
    source: Link | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Sentence:
    """A sentence that mentions the resource, with the words that did."""

    quote: Value
    source: Link | None
    start: int | None
    texts: str


@dataclass(frozen=True)
class Alternate:
    """This description in another format."""

    media_type: str
    href: str


@dataclass(frozen=True)
class ResourcePage:
    """Everything `resource.html` renders."""

    iri: str
    title: Link
    labels: dict[str, list[str]]
    alt_labels: dict[str, list[str]]
    types: list[Link]
    facts: list[Fact]
    facts_truncated: bool
    incoming: list[IncomingLink]
    incoming_truncated: bool
    evidence: list[Evidence]
    evidence_truncated: bool
    sentences: list[Sentence]
    sentences_truncated: bool
    mention_count: int
    graph_size: int | None
    graph_href: str | None
    neighbourhood_url: str
    alternates: list[Alternate]


def resource_page(store: Store, iri: str, base_iri: str) -> ResourcePage:
    """The page model of the resource `iri` (which must exist in `store`)."""
    node = NamedNode(iri)
    labeller = Labeller(store, base_iri)
    facts, facts_truncated, types, alt_labels = _outgoing(store, node, labeller)
    incoming = _incoming(store, node, labeller)
    evidence = _evidence(store, node, labeller)
    sentences = _sentences(store, node, labeller)
    is_graph = store.contains_named_graph(node)
    path = local_path(iri, base_iri) or ""
    return ResourcePage(
        iri=iri,
        title=labeller.link(iri),
        labels=labeller.labels(iri),
        alt_labels=alt_labels,
        types=types,
        facts=facts,
        facts_truncated=facts_truncated,
        incoming=incoming[:MAX_INCOMING],
        incoming_truncated=len(incoming) > MAX_INCOMING,
        evidence=evidence[:MAX_EVIDENCE],
        evidence_truncated=len(evidence) > MAX_EVIDENCE,
        sentences=sentences[:MAX_SENTENCES],
        sentences_truncated=len(sentences) > MAX_SENTENCES,
        mention_count=_mention_count(store, node),
        graph_size=_int(select(store, _GRAPH_SIZE, default_graph=node)[0]["n"]) if is_graph else None,
        graph_href=graph_url(iri, base_iri) if is_graph else None,
        neighbourhood_url=neighbourhood_url(iri),
        alternates=[
            Alternate(media_type, path + ext) for media_type, ext in EXTENSION_FOR.items() if ext != ".html"
        ],
    )


def _outgoing(
    store: Store, node: NamedNode, labeller: Labeller
) -> tuple[list[Fact], bool, list[Link], dict[str, list[str]]]:
    """Facts (grouped over graphs), whether they were cut, the types and the alternative labels."""
    graphs: dict[tuple, list[str]] = {}
    types: dict[str, None] = {}
    alt_labels: dict[str, set[str]] = {}
    truncated = False
    for quad in store.quads_for_pattern(node, None, None, None):
        predicate = quad.predicate.value
        if predicate == RDF.type.value:
            types[quad.object.value] = None
        elif predicate == SKOS.altLabel.value and isinstance(quad.object, Literal):
            lang = (quad.object.language or "").split("-")[0].lower()
            alt_labels.setdefault(lang, set()).add(quad.object.value)
        elif predicate not in _SEPARATE:
            key = (predicate, quad.object)
            if key not in graphs and len(graphs) == MAX_FACTS:
                truncated = True
                continue
            graph = getattr(quad.graph_name, "value", None)
            graphs.setdefault(key, [])
            if graph is not None and graph not in graphs[key]:
                graphs[key].append(graph)
    facts = [
        Fact(labeller.predicate(predicate), labeller.value(term), [labeller.link(g) for g in sorted(names)])
        for (predicate, term), names in graphs.items()
    ]
    facts.sort(key=lambda fact: (fact.predicate.label, fact.value.text))
    return (
        facts,
        truncated,
        sorted((labeller.link(iri) for iri in types), key=lambda link: link.label),
        {lang: sorted(values) for lang, values in alt_labels.items()},
    )


def _incoming(store: Store, node: NamedNode, labeller: Labeller) -> list[IncomingLink]:
    return [
        IncomingLink(labeller.link(row["s"].value), labeller.predicate(row["p"].value))
        for row in select(store, _INCOMING, this=node)
    ]


def _evidence(store: Store, node: NamedNode, labeller: Labeller) -> list[Evidence]:
    return [
        Evidence(
            subject=labeller.value(row["s"]),
            predicate=labeller.predicate(row["p"].value),
            object=labeller.value(row["o"]),
            quote=labeller.value(row["quote"]) if row["quote"] is not None else None,
            source=labeller.link(row["source"].value) if isinstance(row["source"], NamedNode) else None,
            start=_int(row["start"]),
            end=_int(row["end"]),
        )
        for row in select(store, _EVIDENCE, this=node)
    ]


def _sentences(store: Store, node: NamedNode, labeller: Labeller) -> list[Sentence]:
    return [
        Sentence(
            quote=labeller.value(row["quote"]),
            source=labeller.link(row["source"].value) if isinstance(row["source"], NamedNode) else None,
            start=_int(row["first"]),
            texts=row["texts"].value if row["texts"] is not None else "",
        )
        for row in select(store, _SENTENCES, this=node)
    ]


def _mention_count(store: Store, node: NamedNode) -> int:
    rows = select(store, _MENTION_COUNT, this=node)
    count = _int(rows[0]["n"]) if rows else None
    return count or 0


def _int(term: object) -> int | None:
    """The integer value of a numeric literal, else None."""
    if isinstance(term, Literal):
        try:
            return int(term.value)
        except ValueError:
            return None
    return None
