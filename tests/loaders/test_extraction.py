"""What the loaders draw from the corpus: values checked against the documents' text."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scokg.loaders.model import Ref
from scokg.loaders.pipeline import load_corpus

CORPUS = Path(__file__).parents[2] / "corpus"


@pytest.fixture(scope="module")
def entities():
    return load_corpus(CORPUS, "https://w3id.org/sco-kg/").entities


def _roles(entities) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for entity in entities.values():
        for role in entity.values("sco:scoRole"):
            result.setdefault(role.key, set()).add(entity.ref.key)
    return result


def test_sco_roles_as_the_brochure_lists_them(entities) -> None:
    roles = _roles(entities)
    assert roles["MemberStateRole"] == {"BLR", "IND", "IRN", "KAZ", "CHN", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert roles["ObserverStateRole"] == {"AFG", "MNG"}
    assert len(roles["DialoguePartnerRole"]) == 14 and {"TUR", "LKA", "MMR", "ARE"} <= roles["DialoguePartnerRole"]


def _meetings_of(entities, series_label: str) -> dict[int, object]:
    series = Ref("series", f"zh:{series_label}")
    assert series in entities
    return {e.value("sco:ordinal"): e for e in entities.values() if e.ref.kind == "meeting" and e.value("sco:inSeries") == series}


def test_environment_ministers_meetings_form_one_series(entities) -> None:
    meetings = _meetings_of(entities, "环境部长会")
    assert sorted(meetings) == [1, 2, 3, 4, 5, 6]
    assert {n: meetings[n].value("schema:startDate").lexical() for n in meetings} == {
        1: "2019-09", 2: "2021-07", 3: "2022-05", 4: "2023-04", 5: "2024-05", 6: "2025-07"
    }
    assert [meetings[n].value("schema:eventAttendanceMode") for n in (2, 3, 4)] == ["online"] * 3
    assert meetings[6].value("sco:place") == Ref("place", "Tianjin")
    assert meetings[2].value("sco:host") == Ref("state", "TJK")


def test_heads_of_government_meeting_with_dates_place_chair_and_representatives(entities) -> None:
    meeting = _meetings_of(entities, "政府首脑总理理事会会")[24]
    assert meeting.value("schema:startDate").lexical() == "2025-11-17"
    assert meeting.value("schema:endDate").lexical() == "2025-11-18"
    assert meeting.value("sco:place") == Ref("place", "Moscow")
    chair = entities[meeting.value("sco:chair")]
    assert chair.labels == {"zh": "米舒斯京", "en": "Mikhail Mishustin"}
    participants = [entities[r] for r in meeting.values("sco:participant") if r.kind == "person"]
    represented = {p.value("sco:represents").key for p in participants if p.value("sco:represents").kind == "state"}
    assert represented == {"BLR", "IND", "IRN", "KAZ", "CHN", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    li_qiang = next(p for p in participants if p.labels["zh"] == "李强")
    assert set(li_qiang.values("schema:jobTitle")) == {"国务院总理", "Premier"}


def test_the_2018_concept_is_one_document_with_its_implementation_plans(entities) -> None:
    concepts = [e for e in entities.values() if e.sco_class == "Concept" and "环保合作构想" in e.labels.get("zh", "")]
    assert len(concepts) == 1
    concept = concepts[0]
    assert concept.value("dcterms:date").lexical() == "2018-06"
    assert concept.value("sco:place") == Ref("place", "Qingdao")
    english = {concept.labels["en"], *(t for t, lang in concept.alt_labels if lang == "en")}
    assert {"Convention for the SCO Cooperation in Environmental Protection", "Conception of Environmental Cooperation among the SCO Member States"} <= english
    plans = [e for e in entities.values() if concept.ref in e.values("sco:implements")]
    assert sorted(p.value("dcterms:date").lexical() for p in plans) == ["2019-06", "2021-09", "2024-05-22"]


def test_documents_keep_the_date_precision_of_the_text(entities) -> None:
    statement = next(e for e in entities.values() if e.labels.get("zh", "").endswith("关于应对气候变化的声明"))
    assert statement.value("dcterms:date").lexical() == "2022-09-16"
    assert statement.value("sco:place") == Ref("place", "Samarkand")
    initiative = next(e for e in entities.values() if e.labels.get("zh", "").endswith("关于加强可持续发展合作的倡议"))
    assert initiative.value("sco:adoptedAt") is not None
    assert entities[initiative.value("sco:adoptedAt")].value("sco:ordinal") == 6


def test_belt_and_road_key_projects_with_categories(entities) -> None:
    projects = {e.value("sco:projectNumber"): e for e in entities.values() if e.value("sco:projectNumber")}
    assert sorted(projects) == list(range(1, 26))
    assert projects[1].labels["zh"] == "“一带一路”生态环保合作国际高层对话"
    assert projects[25].labels["zh"] == "中国-东盟环保技术和产业合作示范基地"
    categories = {n: entities[p.value("sco:category")].labels["zh"] for n, p in projects.items()}
    # 规划涉及 25 个重点项目，包括政策沟通类 6 个，设施联通类 4 个，贸易畅通类 3 个，资金融通类 2 个，
    # 民心相通类 4个，能力建设类 6个: the category column lists each once, in this order
    assert Counter(categories.values()) == {"政策沟通": 6, "设施联通": 4, "贸易畅通": 3, "资金融通": 2, "民心相通": 4, "能力建设": 6}
    assert [categories[n] for n in (1, 6, 7, 10, 11, 13, 14, 15, 16, 19, 20, 25)] == [
        "政策沟通", "政策沟通", "设施联通", "设施联通", "贸易畅通", "贸易畅通", "资金融通", "资金融通", "民心相通", "民心相通", "能力建设", "能力建设"
    ]
    category = entities[projects[1].value("sco:category")]
    assert category.sco_class == "Category"
    assert [span.text for span in category.spans] == ["政策沟通"]


def test_every_entity_links_to_mentions_with_offsets_into_its_source(entities) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    spans = [s for e in entities.values() for s in e.spans]
    assert len(spans) > 500
    for span in spans:
        source = texts[span.evidence.source_id]
        assert source[span.start : span.end].replace("\n", "").replace(" ", "") == span.text.replace(" ", "")
        assert span.evidence.quote.replace(" ", "")[:10] in source.replace("\n", "").replace(" ", "")
