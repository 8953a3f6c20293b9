"""The SPARQL 1.1 Service Description of the endpoint, as RDF triples.

https://www.w3.org/TR/sparql11-service-description/ — what `/sparql` answers to a GET without
a query: the endpoint, the languages, the result formats (W3C format IRIs), the features and
the default dataset with every named graph of the store.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from scokg.ontology.namespaces import FORMATS, RDF, RDFS, SD
from scokg.server.results import GRAPH_FORMATS, SOLUTION_FORMATS

# Media type -> W3C format IRI (https://www.w3.org/ns/formats/).
FORMAT_IRIS: dict[str, NamedNode] = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/rdf+xml": FORMATS.RDF_XML,
    "application/ld+json": FORMATS["JSON-LD"],
    "application/trig": FORMATS.TriG,
    "application/n-quads": FORMATS["N-Quads"],
}

PREFIXES = {"sd": str(SD), "formats": str(FORMATS), "rdfs": str(RDFS)}


@dataclass(frozen=True)
class ServiceFacts:
    """What the description states about one running endpoint."""

    endpoint: str
    update_endpoint: str | None
    union_default_graph: bool
    federated: bool
    named_graphs: tuple[NamedNode, ...]


def describe(facts: ServiceFacts) -> list[Triple]:
    """The triples of the service description."""
    service = NamedNode(facts.endpoint)
    triples = [
        Triple(service, RDF.type, SD.Service),
        Triple(service, RDFS.label, Literal("sco-kg SPARQL endpoint", language="en")),
        Triple(service, SD.endpoint, service),
        Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
    ]
    if facts.update_endpoint:
        triples += [
            Triple(service, SD.endpoint, NamedNode(facts.update_endpoint)),
            Triple(service, SD.supportedLanguage, SD.SPARQL11Update),
        ]
    triples += [Triple(service, SD.resultFormat, FORMAT_IRIS[media_type]) for media_type in _result_media_types()]
    triples += [Triple(service, SD.feature, feature) for feature in _features(facts)]
    triples += _default_dataset(service, facts.named_graphs)
    return triples


def _result_media_types() -> list[str]:
    """Every media type a query result can be written as, known to have a format IRI."""
    return [media_type for media_type in [*SOLUTION_FORMATS, *GRAPH_FORMATS] if media_type in FORMAT_IRIS]


def _features(facts: ServiceFacts) -> Iterable[NamedNode]:
    if facts.union_default_graph:
        yield SD.UnionDefaultGraph
    if facts.federated:
        yield SD.BasicFederatedQuery


def _default_dataset(service: NamedNode, named_graphs: Iterable[NamedNode]) -> list[Triple]:
    dataset, default_graph = BlankNode(), BlankNode()
    triples = [
        Triple(service, SD.defaultDataset, dataset),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, SD.defaultGraph, default_graph),
        Triple(default_graph, RDF.type, SD.Graph),
    ]
    for name in sorted(named_graphs, key=str):
        named_graph = BlankNode()
        triples += [
            Triple(dataset, SD.namedGraph, named_graph),
            Triple(named_graph, RDF.type, SD.NamedGraph),
            Triple(named_graph, SD.name, name),
        ]
    return triples
