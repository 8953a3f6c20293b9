"""`scokg eval`: name matching, scoring and gold checks on tiny stores, and the corpus against its floors."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner

from scokg.cli import scokg
from scokg.evaluation import (
    ATTRIBUTES,
    CATEGORIES,
    FLOORS_FILE,
    GoldError,
    Report,
    assign,
    evaluate,
    load_gold,
    normalise,
    parse_gold,
)
from scokg.graph.store import open_read_only
from scokg.ontology.namespaces import DEFAULT_BASE_IRI

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold"

PREFIXES = """
@prefix sco: <https://w3id.org/sco-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
""" + "".join(
    f"@prefix {kind}: <https://w3id.org/sco-kg/resource/{kind}/> .\n"
    for kind in ("state", "body", "document", "meeting", "person", "place")
)
ONTOLOGY = """
<https://w3id.org/sco-kg/graph/ontology> {
  sco:Summit rdfs:subClassOf sco:Meeting .
  sco:Centre rdfs:subClassOf sco:Body .
  sco:Plan rdfs:subClassOf sco:Document .
  sco:Concept rdfs:subClassOf sco:Document .
  sco:Agreement rdfs:subClassOf sco:Document .
}
"""
SOURCE = "<https://w3id.org/sco-kg/resource/source/doc1>"


def store_with(source_graph: str, reference: str = "") -> ox.Store:
    """An in-memory store: a few ontology axioms, source document doc1 holding `source_graph`."""
    trig = PREFIXES + ONTOLOGY + f"""
{SOURCE} {{ {SOURCE} a sco:SourceDocument ; dcterms:identifier "doc1" . {source_graph} }}
<https://w3id.org/sco-kg/graph/reference> {{ {reference} }}
"""
    store = ox.Store()
    store.load(trig, format=ox.RdfFormat.TRIG)
    return store


def mentioned(resource: str, type_: str, *labels: str) -> str:
    """Turtle for a resource of `type_` with labels and one mention (inside the doc1 graph)."""
    names = " , ".join(f'"{label}"' for label in labels)
    return f"{resource} a {type_} ; rdfs:label {names} ; sco:hasMention {resource}-m . "


def gold(*entities: dict, relations: list | None = None, document: str = "doc1"):
    return parse_gold({"format": 1, "document": document, "entities": list(entities), "relations": relations or []}, "test.yaml")


def run(store: ox.Store, *documents) -> Report:
    return evaluate(store, documents, DEFAULT_BASE_IRI)


# ------------------------------------------------------------------------ normalisation and assignment


@pytest.mark.parametrize(("left", "right"), [
    ("《上海合作组织宪章》", "上海合作组织宪章"),
    ("“绿色之带”纲要", "绿色之带纲要"),
    ("Kunming–Montreal  Global\nFramework", "kunming-montreal global framework"),
    ("ＳＣＯ", "sco"),
    ("罗曼诺斯•彼得罗相", "罗曼诺斯·彼得罗相"),
    ("\"SCO Plus\" Meeting", "SCO-Plus meeting"),
])
def test_normalise_ignores_case_width_space_punctuation_and_title_marks(left, right):
    assert normalise(left) == normalise(right)


def test_normalise_keeps_distinct_names_distinct():
    assert normalise("SCO") != normalise("CSEC")
    assert normalise("第二次会议") != normalise("第三次会议")


def test_assign_moves_an_earlier_key_to_its_next_option():
    # a would take r1 first, but b can only have r1: a largest pairing gives a r2.
    assert assign(["a", "b"], {"a": ["r1", "r2"], "b": ["r1"]}) == {"a": "r2", "b": "r1"}


def test_assign_is_one_to_one_and_follows_order():
    assert assign(["a", "b"], {"a": ["r1"], "b": ["r1"]}) == {"a": "r1"}
    assert assign(["b", "a"], {"a": ["r1"], "b": ["r1"]}) == {"b": "r1"}


# ------------------------------------------------------------------------ entities


def test_match_true_positive_by_alias_and_subclass():
    store = store_with(mentioned("meeting:s", "sco:Summit", "Astana Summit") + mentioned("body:c", "sco:Centre", "CSEC"))
    report = run(store, gold(
        {"key": "s", "category": "meeting", "en": "24th meeting", "aliases": ["《Astana Summit》"], "kind": "summit"},
        {"key": "c", "category": "body", "en": "China Center", "aliases": ["csec"]},
    ))
    assert (report.entities["meeting"].tp, report.entities["body"].tp) == (1, 1)
    assert report.all_entities.fp == report.all_entities.fn == 0
    assert report.attributes["kind"].correct == 1


def test_a_miss_is_a_false_negative():
    store = store_with(mentioned("state:kaz", "sco:State", "Kazakhstan"))
    report = run(store, gold(
        {"key": "kaz", "category": "state", "en": "Kazakhstan"},
        {"key": "uzb", "category": "state", "en": "Uzbekistan", "zh": "乌兹别克斯坦"},
    ))
    counts = report.entities["state"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)
    assert counts.recall == 0.5 and counts.precision == 1.0
    assert [(i.kind, i.gold) for i in report.issues] == [("missed entity", "uzb: Uzbekistan / 乌兹别克斯坦")]


def test_a_miss_found_under_another_category_is_said_so():
    store = store_with(mentioned("meeting:focac", "sco:Meeting", "中非合作论坛"))
    report = run(store, gold({"key": "focac", "category": "body", "zh": "中非合作论坛"}))
    assert report.entities["body"].fn == 1 and report.entities["meeting"].fp == 1
    miss = next(i for i in report.issues if i.kind == "missed entity")
    assert "as meeting" in miss.graph and "resource/meeting/focac" in miss.graph


def test_a_mentioned_resource_matching_no_gold_entity_is_a_false_positive():
    store = store_with(mentioned("document:p", "sco:Plan", "Action Plan") + mentioned("document:x", "sco:Plan", "的资源开发计划"))
    report = run(store, gold({"key": "p", "category": "document", "en": "Action Plan", "kind": "plan"}))
    counts = report.entities["document"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)
    assert counts.precision == 0.5
    assert any(i.kind == "false positive" and "resource/document/x" in i.graph for i in report.issues)


def test_resources_without_a_mention_in_the_document_are_not_candidates():
    store = store_with("body:sco a sco:Body ; rdfs:label \"SCO\" .")
    report = run(store, gold({"key": "sco", "category": "body", "en": "SCO"}))
    assert (report.entities["body"].tp, report.entities["body"].fn) == (0, 1)


def test_two_resources_for_one_gold_entity_is_a_duplicate():
    # One is mentioned here; the other only elsewhere: a duplicate across the corpus all the same.
    store = store_with(
        mentioned("body:sco", "sco:Body", "Shanghai Cooperation Organisation")
        + 'body:sco-2 a sco:Body ; skos:altLabel "上海合作组织" .'
    )
    report = run(store, gold({"key": "sco", "category": "body", "en": "Shanghai Cooperation Organisation", "zh": "上海合作组织"}))
    assert report.duplicates["body"] == 1
    assert report.entities["body"].tp == 1
    duplicate = next(i for i in report.issues if i.kind == "duplicate")
    assert "resource/body/sco " in duplicate.graph and "resource/body/sco-2" in duplicate.graph


def test_same_names_are_told_apart_by_their_attributes():
    store = store_with(
        mentioned("meeting:a", "sco:Meeting", "Expert seminar") + 'meeting:a schema:startDate "2020-08"^^xsd:gYearMonth . '
        + mentioned("meeting:b", "sco:Meeting", "Expert seminar") + 'meeting:b schema:startDate "2019-05"^^xsd:gYearMonth . '
    )
    report = run(store, gold(
        {"key": "s2019", "category": "meeting", "en": "Expert seminar", "date": "2019-05"},
        {"key": "s2020", "category": "meeting", "en": "Expert seminar", "date": "2020-08"},
    ))
    assert report.entities["meeting"].tp == 2
    assert report.attributes["date"].correct == 2
    assert report.duplicates["meeting"] == 0  # two resources for two gold meetings


def test_a_document_missing_from_the_store_loses_all_its_entities():
    store = store_with(mentioned("state:kaz", "sco:State", "Kazakhstan"))
    report = run(store, gold({"key": "kaz", "category": "state", "en": "Kazakhstan"}, document="not-built"))
    assert report.entities["state"].fn == 1
    assert report.issues[0].kind == "missing document"


# ------------------------------------------------------------------------ attributes


@pytest.mark.parametrize(("graph_value", "outcome"), [
    ('"2018-06"^^xsd:gYearMonth', "correct"),
    ('"2018-06-01"^^xsd:date', "wrong_precision"),
    ('"2018"^^xsd:gYear', "wrong_precision"),
    ('"2019-06"^^xsd:gYearMonth', "wrong"),
    ("", "missing"),
])
def test_date_outcomes_keep_precision_apart(graph_value, outcome):
    date = f"document:c dcterms:date {graph_value} ." if graph_value else ""
    store = store_with(mentioned("document:c", "sco:Concept", "Concept") + date)
    report = run(store, gold({"key": "c", "category": "document", "en": "Concept", "date": "2018-06"}))
    score = report.attributes["date"]
    assert getattr(score, outcome) == 1 and score.total == 1
    if outcome == "wrong_precision":
        assert any(i.kind == "wrong date precision" for i in report.issues)


def test_place_country_role_and_state_attributes():
    store = store_with(
        mentioned("meeting:m", "sco:Meeting", "Forum") + "meeting:m sco:place place:qingdao . "
        + mentioned("person:xi", "sco:Person", "Xi Jinping")
        + 'person:xi schema:jobTitle "President"@en , "国家主席"@zh ; sco:represents state:chn . '
        + mentioned("state:chn", "sco:State", "China"),
        reference='place:qingdao rdfs:label "Qingdao"@en ; sco:country state:chn . state:chn sco:iso3166Alpha3 "CHN" .',
    )
    report = run(store, gold(
        {"key": "m", "category": "meeting", "en": "Forum", "place": "Qingdao", "country": "CHN"},
        {"key": "xi", "category": "person", "en": "Xi Jinping", "role": "President", "state": "chn"},
        {"key": "chn", "category": "state", "en": "China"},
    ))
    for attribute in ("place", "country", "role", "state"):
        assert report.attributes[attribute].correct == 1, attribute


def test_a_second_conflicting_value_makes_an_attribute_wrong():
    store = store_with(mentioned("meeting:m", "sco:Meeting", "Meeting") + "meeting:m sco:ordinal 2 , 3 .")
    report = run(store, gold({"key": "m", "category": "meeting", "en": "Meeting", "ordinal": 2}))
    assert report.attributes["ordinal"].wrong == 1


def test_attributes_of_unpaired_entities_are_not_scored():
    report = run(store_with(""), gold({"key": "m", "category": "meeting", "en": "Meeting", "ordinal": 2}))
    assert report.attributes["ordinal"].total == 0


# ------------------------------------------------------------------------ relations


def test_relations_found_missed_false_and_not_expressible():
    store = store_with(
        mentioned("meeting:m", "sco:Meeting", "Meeting")
        + mentioned("person:p", "sco:Person", "Premier")
        + mentioned("state:s", "sco:State", "Stateland")
        + mentioned("document:concept", "sco:Concept", "Concept")
        + mentioned("document:plan", "sco:Plan", "Plan")
        + mentioned("body:a", "sco:Body", "Agency A")
        + mentioned("body:b", "sco:Body", "Agency B")
        + "meeting:m sco:participant person:p ; sco:host state:s . "
        + "document:plan sco:implements document:concept . "
        + mentioned("document:deal", "sco:Agreement", "Deal") + "document:deal sco:party body:a , body:b ."
    )
    report = run(store, gold(
        {"key": "m", "category": "meeting", "en": "Meeting"},
        {"key": "p", "category": "person", "en": "Premier"},
        {"key": "s", "category": "state", "en": "Stateland"},
        {"key": "concept", "category": "document", "en": "Concept"},
        {"key": "plan", "category": "document", "en": "Plan"},
        {"key": "deal", "category": "document", "en": "Deal"},
        {"key": "b", "category": "body", "en": "Agency B"},
        {"key": "a", "category": "body", "en": "Agency A"},
        relations=[
            ["m", "participant", "p"],
            ["m", "chair", "p"],                 # missed
            ["concept", "implemented_by", "plan"],
            ["b", "signed_with", "a"],           # either order
            ["p", "part_of", "s"],               # person -> state: no property for it
        ],
    ))
    assert report.relations["participant"].tp == 1
    assert report.relations["chair"].fn == 1
    assert report.relations["implemented_by"].tp == 1
    assert report.relations["signed_with"].tp == 1 and report.relations["signed_with"].fp == 0
    assert report.relations["host"].fp == 1      # the graph says more than the gold
    assert report.not_expressible == 1
    assert report.all_relations.tp == 3


def test_a_statement_the_gold_gives_as_an_attribute_is_not_a_false_relation():
    store = store_with(
        mentioned("person:p", "sco:Person", "Premier") + mentioned("state:s", "sco:State", "Stateland")
        + "person:p sco:represents state:s ."
    )
    report = run(store, gold(
        {"key": "p", "category": "person", "en": "Premier", "state": "s"},
        {"key": "s", "category": "state", "en": "Stateland"},
    ))
    assert report.all_relations.fp == 0
    assert report.attributes["state"].correct == 1


# ------------------------------------------------------------------------ gold files


@pytest.mark.parametrize(("entity", "message"), [
    ({"key": "x", "category": "city", "en": "X"}, "category must be one of"),
    ({"key": "x", "category": "meeting", "en": "X", "date": "June 2018"}, "YYYY"),
    ({"key": "x", "category": "meeting", "en": "X", "kind": "party"}, "kind must be one of"),
    ({"key": "x", "category": "state", "en": "X", "ordinal": 3}, "not one a state can have"),
    ({"key": "x", "category": "state", "en": None, "zh": None}, "no name"),
    ({"key": "x", "category": "meeting", "en": "X", "series": "nope"}, "not the key of a series"),
])
def test_gold_entity_errors_name_the_file_and_entity(entity, message):
    with pytest.raises(GoldError, match=message) as error:
        gold(entity)
    assert "test.yaml" in str(error.value) and "(x)" in str(error.value)


def test_gold_relation_and_key_errors():
    entity = {"key": "x", "category": "state", "en": "X"}
    with pytest.raises(GoldError, match="unknown entity key 'y'"):
        gold(entity, relations=[["x", "part_of", "y"]])
    with pytest.raises(GoldError, match="unknown predicate 'owns'"):
        gold(entity, relations=[["x", "owns", "x"]])
    with pytest.raises(GoldError, match="used twice"):
        gold(entity, entity)
    with pytest.raises(GoldError, match="format must be 1"):
        parse_gold({"format": 2, "document": "d"}, "test.yaml")


def test_load_gold_skips_the_floors_file_and_rejects_an_empty_folder(tmp_path):
    with pytest.raises(GoldError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / FLOORS_FILE).write_text("entities: {}\n")
    (tmp_path / "d.yaml").write_text(yaml.safe_dump({"format": 1, "document": "d", "entities": []}))
    assert [document.document for document in load_gold(tmp_path)] == ["d"]
    (tmp_path / "e.yaml").write_text("format: 1\ndocument: d\n")
    with pytest.raises(GoldError, match="also annotated"):
        load_gold(tmp_path)


# ------------------------------------------------------------------------ the corpus


@pytest.fixture(scope="module")
def corpus_report(corpus_store_path: Path) -> Report:
    return evaluate(open_read_only(corpus_store_path), load_gold(GOLD_DIR), DEFAULT_BASE_IRI)


def test_the_corpus_scores_at_least_the_floors(corpus_report):
    floors = yaml.safe_load((GOLD_DIR / FLOORS_FILE).read_text(encoding="utf-8"))
    measured = {
        "entities": {category: corpus_report.entities[category].f1 for category in CATEGORIES},
        "attributes": {name: score.accuracy for name, score in corpus_report.attributes.items() if score.total},
        "relations": {"all": corpus_report.all_relations.f1},
    }
    for section, values in measured.items():
        assert set(values) <= set(floors[section]), f"{section} without a floor: {set(values) - set(floors[section])}"
        for name, value in values.items():
            assert value >= floors[section][name], f"{section} {name}: {value:.3f} is below the floor {floors[section][name]}"
    assert set(floors["attributes"]) <= set(ATTRIBUTES)
    assert sum(corpus_report.duplicates.values()) <= floors["maxima"]["duplicates"]
    wrong_precision = sum(score.wrong_precision for score in corpus_report.attributes.values())
    assert wrong_precision <= floors["maxima"]["wrong_date_precision"]


def test_the_corpus_eval_finds_known_entities(corpus_report):
    # csec-brochure lists 26 member, observer and dialogue-partner states; the graph has them all.
    assert corpus_report.documents["csec-brochure"].tp > 0
    assert corpus_report.entities["state"].tp >= 26
    assert corpus_report.attributes["sco_role"].correct >= 26


def test_cli_eval_prints_the_tables(corpus_store_path):
    result = CliRunner().invoke(scokg, ["--store", str(corpus_store_path), "eval", "--gold", str(GOLD_DIR)])
    assert result.exit_code == 0, result.output
    for title in ("Entities per category", "Attribute accuracy", "Relations", "Entities per document"):
        assert title in result.output
    for name in (*CATEGORIES, "sco_role", "kind", "csec-brochure"):
        assert name in result.output
    assert "Misses" not in result.output


def test_cli_eval_json_and_misses(corpus_store_path, tmp_path):
    # The real gold plus one body no document names: the eval must report exactly that miss.
    shutil.copytree(GOLD_DIR, tmp_path / "gold", ignore=shutil.ignore_patterns("synthetic"))
    gold_file = tmp_path / "gold" / "csec-brochure.yaml"
    text = gold_file.read_text(encoding="utf-8")
    invented = "  - key: invented-body\n    category: body\n    en: Lunar Environment Agency\n    zh: 月球环境署\n"
    gold_file.write_text(text.replace("\nentities:\n", "\nentities:\n" + invented, 1), encoding="utf-8")
    args = ["--store", str(corpus_store_path), "eval", "--gold", str(tmp_path / "gold"), "--format", "json"]
    data = json.loads(CliRunner().invoke(scokg, args).output)
    assert set(data["entities"]) == {*CATEGORIES, "all"}
    assert "issues" not in data
    assert data["entities"]["body"]["fn"] >= 1
    with_misses = json.loads(CliRunner().invoke(scokg, [*args, "--misses"]).output)
    missed = [issue for issue in with_misses["issues"] if issue["kind"] == "missed entity"]
    assert any("invented-body" in issue["gold"] and issue["document"] == "csec-brochure" for issue in missed)
    table = CliRunner().invoke(scokg, ["--store", str(corpus_store_path), "eval", "--gold", str(tmp_path / "gold"), "--misses"])
    assert "Misses, false positives and other errors" in table.output and "invented-body" in table.output


def test_cli_eval_bad_gold_folder_is_a_usage_error(corpus_store_path, tmp_path):
    result = CliRunner().invoke(scokg, ["--store", str(corpus_store_path), "eval", "--gold", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "--gold" in result.output and "not a directory" in result.output
    (tmp_path / "bad.yaml").write_text("format: 1\ndocument: d\nentities:\n  - {key: k, category: planet, en: Mars}\n")
    result = CliRunner().invoke(scokg, ["--store", str(corpus_store_path), "eval", "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "bad.yaml" in result.output and "planet" in result.output
