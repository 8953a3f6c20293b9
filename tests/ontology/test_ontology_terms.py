"""sco.ttl parses and every sco: term is declared and documented in English and Chinese."""
from __future__ import annotations

import re

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, DCTERMS

from scokg.ontology.files import ONTOLOGY_PATH, SHAPES_PATH
from scokg.ontology.namespaces import ONTOLOGY_IRI, SCO

NS = str(SCO)
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                     OWL.AnnotationProperty, OWL.NamedIndividual}
CJK = re.compile(r"[\u4e00-\u9fff]")

EXPECTED_CLASSES = """State Body InternationalOrganisation Council Secretariat GovernmentAgency Centre
WorkingGroup Alliance Document Agreement Concept Declaration Statement Plan Programme Strategy
Roadmap InitiativeText Law Report Charter Communique Resolution Guideline Framework Meeting Summit
Forum Seminar Workshop Conference Competition Briefing ExpertMeeting MinisterialMeeting
MeetingSeries Initiative Platform Base Project Fund ThemedYear CooperationProgramme Place City
Region Person SourceDocument Mention Evidence MemberState ObserverState DialoguePartnerState""".split()
EXPECTED_OBJECT_PROPERTIES = """scoRole country place inSeries host chair participant guest adoptedAt
issuedBy implements carriedOutBy party about proposedBy establishedBy category represents partOf founder
hasMention mentionOf meetingOf heldWithin venue""".split()
EXPECTED_DATATYPE_PROPERTIES = """ordinal iso3166Alpha2 iso3166Alpha3 quote text startOffset endOffset
layout projectNumber""".split()
EXPECTED_INDIVIDUALS = """MemberStateRole ObserverStateRole DialoguePartnerRole RotatingChairRole
FoundingMemberRole ThemeScheme""".split()
TOP_CLASSES = """State Body Document Meeting MeetingSeries Initiative Place Person SourceDocument
Mention Evidence""".split()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def sco_terms(graph: Graph) -> set[URIRef]:
    """Every sco: IRI used anywhere in the graph."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(NS) and t != URIRef(NS)}


def missing_annotations(graph: Graph) -> list[str]:
    """Problems: sco: terms lacking a declaration, or rdfs:label / skos:definition in @en or @zh."""
    problems = []
    for term in sorted(sco_terms(graph)):
        if not set(graph.objects(term, RDF.type)) & DECLARATION_TYPES:
            problems.append(f"{term}: no OWL declaration")
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}
            for lang in ("en", "zh"):
                if lang not in langs:
                    problems.append(f"{term}: no {prop.n3(graph.namespace_manager)} @{lang}")
    return problems


def test_parses_with_rdflib_and_pyoxigraph(onto: Graph) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY_PATH), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(onto) > 500
    assert SHAPES_PATH.exists()


def test_ontology_header(onto: Graph) -> None:
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in onto.objects(o, prop)} >= {"en", "zh"}
    assert onto.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert not list(onto.objects(o, OWL.imports))


def test_every_sco_term_is_declared_and_labelled(onto: Graph) -> None:
    assert missing_annotations(onto) == []


def test_check_catches_a_missing_label(onto: Graph) -> None:
    broken = Graph()
    for triple in onto:
        broken.add(triple)
    broken.remove((SCO_REF("Fund"), RDFS.label, Literal("基金", lang="zh")))
    assert missing_annotations(broken) == [f"{NS}Fund: no rdfs:label @zh"]


def SCO_REF(name: str) -> URIRef:  # noqa: N802 - mirrors the sco: prefix
    return URIRef(NS + name)


def test_chinese_texts_are_chinese(onto: Graph) -> None:
    for term in sco_terms(onto):
        for prop in (RDFS.label, SKOS.definition):
            for lit in onto.objects(term, prop):
                if isinstance(lit, Literal) and lit.language == "zh":
                    assert CJK.search(str(lit)), (term, str(lit))


@pytest.mark.parametrize(("names", "kind"), [
    (EXPECTED_CLASSES, OWL.Class),
    (EXPECTED_OBJECT_PROPERTIES, OWL.ObjectProperty),
    (EXPECTED_DATATYPE_PROPERTIES, OWL.DatatypeProperty),
    (EXPECTED_INDIVIDUALS, OWL.NamedIndividual),
])
def test_expected_terms_exist(onto: Graph, names: list[str], kind: URIRef) -> None:
    missing = [n for n in names if (SCO_REF(n), RDF.type, kind) not in onto]
    assert missing == []


def test_top_classes_pairwise_disjoint(onto: Graph) -> None:
    from rdflib.collection import Collection
    groups = [set(Collection(onto, onto.value(node, OWL.members)))
              for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert {SCO_REF(n) for n in TOP_CLASSES} in groups


def test_defined_classes_and_roles(onto: Graph) -> None:
    for name in ("MemberState", "ObserverState", "DialoguePartnerState"):
        assert onto.value(SCO_REF(name), OWL.equivalentClass) is not None
    org_role = URIRef("http://www.w3.org/ns/org#Role")
    for name in EXPECTED_INDIVIDUALS[:-1]:
        assert (SCO_REF(name), RDF.type, org_role) in onto
    assert (SCO_REF("ThemeScheme"), RDF.type, SKOS.ConceptScheme) in onto


def test_external_terms_are_declared(onto: Graph) -> None:
    """Every non-built-in IRI used as class or property is declared (OWL 2 DL needs declarations)."""
    builtin = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
               "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#")
    used = set()
    for s, p, o in onto:
        used.add(p)
        if p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.onProperty, OWL.inverseOf):
            used.update(t for t in (s, o) if isinstance(t, URIRef))
    undeclared = sorted(t for t in used if not str(t).startswith(builtin)
                        and not set(onto.objects(t, RDF.type)) & DECLARATION_TYPES)
    assert undeclared == []
