"""`scokg eval` duplicates across documents: same-named things the texts tell apart are not
duplicates; one thing split into two resources still is, within a document and across documents."""
from __future__ import annotations

import pyoxigraph as ox

from scokg.evaluation import Report, distinct_things, evaluate, parse_gold
from scokg.ontology.namespaces import DEFAULT_BASE_IRI

PREFIXES = """
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix meeting: <https://w3id.org/sco-kg/resource/meeting/> .
@prefix body: <https://w3id.org/sco-kg/resource/body/> .
@prefix source: <https://w3id.org/sco-kg/resource/source/> .
"""
ONTOLOGY = "<https://w3id.org/sco-kg/graph/ontology> { sco:Summit rdfs:subClassOf sco:Meeting . }\n"


def store_with(**documents: str) -> ox.Store:
    """An in-memory store with one named graph per source document (id -> Turtle inside it)."""
    graphs = "".join(
        f'source:{doc} {{ source:{doc} a sco:SourceDocument ; dcterms:identifier "{doc}" . {body} }}\n'
        for doc, body in documents.items()
    )
    store = ox.Store()
    store.load(PREFIXES + ONTOLOGY + graphs, format=ox.RdfFormat.TRIG)
    return store


def mention(resource: str, type_: str, label: str, extra: str = "") -> str:
    return f'{resource} a {type_} ; rdfs:label "{label}" ; sco:hasMention {resource}-m {extra}. '


def gold(document: str, *entities: dict):
    return parse_gold({"format": 1, "document": document, "entities": list(entities)}, f"{document}.yaml")


def run(store: ox.Store, *documents) -> Report:
    return evaluate(store, documents, DEFAULT_BASE_IRI)


SUMMIT = "Council of Heads of State meeting"


def test_same_named_meetings_of_two_documents_told_apart_by_date_are_not_duplicates():
    store = store_with(
        a=mention("meeting:s2019", "sco:Summit", SUMMIT, '; schema:startDate "2019-06-14"^^xsd:date '),
        b=mention("meeting:s2023", "sco:Summit", SUMMIT, '; dcterms:date "2023-07-04"^^xsd:date '),
    )
    report = run(
        store,
        gold("a", {"key": "summit", "category": "meeting", "en": SUMMIT, "start": "2019-06-14", "end": "2019-06-15"}),
        gold("b", {"key": "summit-b", "category": "meeting", "en": SUMMIT, "date": "2023-07-04"}),
    )
    assert report.entities["meeting"].tp == 2
    assert report.duplicates["meeting"] == 0
    assert not [issue for issue in report.issues if issue.kind == "duplicate"]


def test_one_thing_split_across_two_documents_is_a_duplicate_in_both():
    store = store_with(
        a=mention("body:centre", "sco:Body", "Environmental Information Centre"),
        b=mention("body:centre-2", "sco:Body", "Environmental Information Centre"),
    )
    report = run(
        store,
        gold("a", {"key": "centre", "category": "body", "en": "Environmental Information Centre"}),
        gold("b", {"key": "eic", "category": "body", "en": "Environmental Information Centre"}),
    )
    assert report.entities["body"].tp == 2
    assert report.duplicates["body"] == 2
    duplicates = [issue for issue in report.issues if issue.kind == "duplicate"]
    assert [issue.document for issue in duplicates] == ["a", "b"]
    assert "resource/body/centre-2" in duplicates[0].graph


def test_a_split_meeting_with_agreeing_dates_is_still_a_duplicate():
    store = store_with(
        a=mention("meeting:one", "sco:Summit", SUMMIT),
        b=mention("meeting:two", "sco:Summit", SUMMIT),
    )
    report = run(
        store,
        gold("a", {"key": "s", "category": "meeting", "en": SUMMIT, "date": "2024-07"}),
        gold("b", {"key": "s", "category": "meeting", "en": SUMMIT, "start": "2024-07-03"}),
    )
    assert report.duplicates["meeting"] == 2


def test_issues_stay_grouped_by_document():
    store = store_with(
        a=mention("body:x", "sco:Body", "Water Council") + mention("body:y", "sco:Body", "Stray Office"),
        b=mention("body:x-2", "sco:Body", "Water Council"),
    )
    report = run(
        store,
        gold("a", {"key": "x", "category": "body", "en": "Water Council"}),
        gold("b", {"key": "x", "category": "body", "en": "Water Council"}),
    )
    documents = [issue.document for issue in report.issues]
    assert documents == sorted(documents) and set(documents) == {"a", "b"}
    assert any(issue.kind == "false positive" and issue.document == "a" for issue in report.issues)


def test_distinct_things_compares_dates_at_the_common_precision():
    def meeting(**attributes):
        return parse_gold({"format": 1, "document": "d", "entities": [
            {"key": "m", "category": "meeting", "en": SUMMIT, **attributes}]}, "d.yaml").entities[0]

    assert distinct_things(meeting(date="2020-11-10"), meeting(start="2025-08-31"))
    assert not distinct_things(meeting(date="2025"), meeting(start="2025-08-31"))
    assert distinct_things(meeting(ordinal=3), meeting(ordinal=4))
    assert not distinct_things(meeting(), meeting(ordinal=4, country="chn"))
    assert distinct_things(meeting(country="kaz"), meeting(country="uzb"))
