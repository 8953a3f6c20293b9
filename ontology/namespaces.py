"""Namespace constants shared by every room: one place that spells each IRI."""
from __future__ import annotations

from pyoxigraph import NamedNode

ONTOLOGY_IRI = "https://w3id.org/sco-kg/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/sco-kg/"


class Namespace:
    """An IRI prefix; attribute or item access returns a `pyoxigraph.NamedNode`.

    Not a `str` subclass, so that terms such as ``DCTERMS.title`` or ``SKOS.notation``
    never collide with string methods.
    """

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.prefix + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.prefix + name)

    def term(self, name: str) -> NamedNode:
        return NamedNode(self.prefix + name)

    def __str__(self) -> str:
        return self.prefix

    def __add__(self, other: str) -> str:
        return self.prefix + other

    def __repr__(self) -> str:
        return f"Namespace({self.prefix!r})"

    def __eq__(self, other: object) -> bool:
        return str(other) == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


SCO = Namespace(ONTOLOGY_IRI + "#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")
# Vocabularies the server describes itself with (service description, VoID, W3C format IRIs).
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

PREFIXES: dict[str, str] = {
    "sco": str(SCO),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "time": str(TIME),
    "foaf": str(FOAF),
}


def resource_namespace(base_iri: str = DEFAULT_BASE_IRI) -> Namespace:
    """The prefix of instance IRIs, ``<base>resource/``."""
    return Namespace(base_iri.rstrip("/") + "/resource/")


def graph_namespace(base_iri: str = DEFAULT_BASE_IRI) -> Namespace:
    """The prefix of named-graph IRIs that are not source documents, ``<base>graph/``."""
    return Namespace(base_iri.rstrip("/") + "/graph/")
