"""shapes.ttl only uses declared sco: terms, and validate_shapes accepts good and rejects bad data."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SH

from scokg.ontology.files import ONTOLOGY_PATH, SHAPES_PATH
from scokg.ontology.namespaces import SCO
from scokg.ontology.validation import ValidationReport, validate_shapes

NS = str(SCO)
EX = "http://example.org/"
G = "<http://example.org/graph/main>"
DECLARED = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}

VALID = f"""
<{EX}kaz> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}State> {G} .
<{EX}kaz> <http://www.w3.org/2000/01/rdf-schema#label> "Kazakhstan"@en {G} .
<{EX}kaz> <http://www.w3.org/2000/01/rdf-schema#label> "哈萨克斯坦"@zh {G} .
<{EX}kaz> <{NS}iso3166Alpha3> "KAZ" {G} .
<{EX}kaz> <{NS}iso3166Alpha2> "KZ" {G} .
<{EX}kaz> <{NS}scoRole> <{NS}MemberStateRole> {G} .
<{EX}astana> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}City> <http://example.org/graph/places> .
<{EX}astana> <http://www.w3.org/2000/01/rdf-schema#label> "Astana"@en <http://example.org/graph/places> .
<{EX}astana> <{NS}country> <{EX}kaz> <http://example.org/graph/places> .
<{EX}series> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}MeetingSeries> {G} .
<{EX}series> <http://www.w3.org/2000/01/rdf-schema#label> "Meeting of SCO environment ministers"@en {G} .
<{EX}m6> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}MinisterialMeeting> {G} .
<{EX}m6> <http://www.w3.org/2000/01/rdf-schema#label> "上合组织成员国第六次环境部长会议"@zh {G} .
<{EX}m6> <{NS}ordinal> "6"^^<http://www.w3.org/2001/XMLSchema#integer> {G} .
<{EX}m6> <https://schema.org/startDate> "2024-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> {G} .
<{EX}m6> <{NS}place> <{EX}astana> {G} .
<{EX}m6> <{NS}inSeries> <{EX}series> {G} .
<{EX}m6> <{NS}host> <{EX}kaz> {G} .
<{EX}m6> <{NS}participant> <{EX}kaz> {G} .
<{EX}m6> <https://schema.org/eventAttendanceMode> <https://schema.org/OfflineEventAttendanceMode> {G} .
<{EX}src> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}SourceDocument> <{EX}src> .
<{EX}src> <http://purl.org/dc/terms/identifier> "doc-001" <{EX}src> .
<{EX}src> <http://purl.org/dc/terms/title> "第六次环境部长会议新闻稿"@zh <{EX}src> .
<{EX}mn1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{NS}Mention> <{EX}src> .
<{EX}mn1> <{NS}text> "哈萨克斯坦" <{EX}src> .
<{EX}mn1> <{NS}startOffset> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <{EX}src> .
<{EX}mn1> <{NS}endOffset> "8"^^<http://www.w3.org/2001/XMLSchema#integer> <{EX}src> .
<{EX}mn1> <{NS}quote> "会议在哈萨克斯坦举行。"@zh <{EX}src> .
<{EX}mn1> <http://www.w3.org/ns/prov#wasDerivedFrom> <{EX}src> <{EX}src> .
<{EX}mn1> <{NS}mentionOf> <{EX}kaz> <{EX}src> .
"""


def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def test_shapes_only_use_declared_sco_terms() -> None:
    onto = Graph().parse(ONTOLOGY_PATH, format="turtle")
    used = {t for triple in shapes_graph() for t in triple if isinstance(t, URIRef) and t.startswith(NS)}
    assert used, "shapes.ttl should constrain sco: terms"
    undeclared = sorted(t for t in used if not set(onto.objects(t, RDF.type)) & DECLARED)
    assert undeclared == []


def test_shapes_target_every_core_class() -> None:
    targets = set(shapes_graph().objects(None, SH.targetClass))
    core = "State Body Document Meeting MeetingSeries Initiative Place Person SourceDocument Mention Evidence"
    assert {URIRef(NS + n) for n in core.split()} <= targets


def test_valid_dataset_conforms() -> None:
    report = validate_shapes(VALID)
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.results
    assert report.results == []
    assert validate_shapes(VALID.encode()).conforms


def _without(text: str, needle: str) -> str:
    kept = [line for line in text.splitlines() if needle not in line]
    assert len(kept) < len(text.splitlines())
    return "\n".join(kept)


@pytest.mark.parametrize(("data", "focus", "path"), [
    (VALID.replace('"6"^^', '"zero"^^'), f"{EX}m6", "sco:ordinal"),
    (VALID.replace('"2024-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', '"2024-06"'),
     f"{EX}m6", "schema:startDate"),
    (_without(VALID, '"哈萨克斯坦"@zh'), f"{EX}kaz", "rdfs:label"),
    (VALID + f'<{EX}kaz> <{NS}iso3166Alpha3> "kaz" {G} .\n', f"{EX}kaz", "sco:iso3166Alpha3"),
    (VALID + f'<{EX}m6> <{NS}place> <{EX}kaz> {G} .\n', f"{EX}m6", "sco:place"),
    (_without(VALID, f"<{EX}mn1> <{NS}endOffset>"), f"{EX}mn1", "sco:endOffset"),
    (VALID + f'<{EX}m6> <{NS}inSeries> <{EX}m6> {G} .\n', f"{EX}m6", "sco:inSeries"),
])
def test_broken_dataset_is_reported(data: str, focus: str, path: str) -> None:
    report = validate_shapes(data)
    assert not report.conforms
    assert any(line.startswith(f"{focus} – {path} – ") for line in report.results), report.results
    assert focus in report.text


def test_all_three_breakages_at_once() -> None:
    data = _without(VALID, '"哈萨克斯坦"@zh').replace('"6"^^', '"zero"^^').replace(
        '"2024-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', '"2024-06"')
    report = validate_shapes(data)
    assert not report.conforms
    focus_paths = {tuple(line.split(" – ")[:2]) for line in report.results}
    assert {(f"{EX}m6", "sco:ordinal"), (f"{EX}m6", "schema:startDate"), (f"{EX}kaz", "rdfs:label")} <= focus_paths
