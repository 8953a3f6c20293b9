"""Signings and the meetings they happen at: counterparties cut before a place, a connective
inside the subject's name, a headline telling a signing again, a document signed during a
meeting, and a meeting's date written only in another source."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.agreements import AgreementFinder, Signer
from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment

BASE = "https://w3id.org/sco-kg/"
CSEC = Ref("body", "csec")
MINISTRY = Ref("body", "zh:乌兹别克斯坦自然资源与生态部")
FORUM = Ref("meeting", "zh:额尔齐斯河论坛#5")
ROADMAP = Ref("document", "zh:额尔齐斯河流域生物多样性路线图")
WETLANDS = Ref("document", "zh:额尔齐斯河流域湿地保护计划")
WATER = Ref("document", "zh:关于额尔齐斯河水质监测合作的协议")


def _signed(text: str) -> list[Observation]:
    ctx = SentenceContext("own", Segment(text, tuple(range(len(text))), "zh"), True, default_name_index().find(text, "zh"))
    return [o for o in AgreementFinder(Signer(Ref("body", "mee-china"), "Ministry"))(ctx, load_lexicon()) if o.sco_class == "Agreement"]


def _parties(obs: Observation) -> list[Ref]:
    return [f.value for f in obs.facts if f.predicate == "sco:party"]


def test_counterparties_end_before_the_place_of_the_signing() -> None:
    (agreement,) = _signed("5月6日，乌兹别克斯坦自然资源与生态部与中国-上海合作组织环境保护合作中心在塔什干签署《关于咸海流域荒漠化防治合作的谅解备忘录》。")
    assert _parties(agreement) == [MINISTRY, CSEC]


def test_without_a_place_the_connective_inside_the_subject_name_does_not_split_it() -> None:
    (agreement,) = _signed("乌兹别克斯坦自然资源与生态部与中国-上海合作组织环境保护合作中心签署《关于咸海流域荒漠化防治合作的谅解备忘录》。")
    assert _parties(agreement) == [MINISTRY, CSEC]


BULLETIN = """上合组织国家环保动态

 乌兹别克斯坦与中国-上海合作组织环境保护合作中心签署谅解备忘录

5月6日，乌兹别克斯坦自然资源与生态部与中国-上海合作组织环境保护合作中心在塔什干签署《关于咸海流域荒漠化防治合作的谅解备忘录》。

 额尔齐斯河论坛举行

第五届额尔齐斯河论坛于2031年6月11日至12日在阿斯塔纳举行。

论坛期间，哈萨克斯坦生态和自然资源部与阿斯塔纳市政府签署了《关于额尔齐斯河水质监测合作的协议》。
"""
REPORT = """合作进展报告

第五届额尔齐斯河论坛通过了《额尔齐斯河流域生物多样性路线图》。

2031 年 6 月，第五届额尔齐斯河论坛在阿斯塔纳举行，会议批准了《额尔齐斯河流域湿地保护计划》。
"""


def _sidecar(doc_id: str, title: str) -> str:
    return f"""id: {doc_id}
title: {{zh: {title}, en: {doc_id}}}
issuer: {{zh: 中国-上海合作组织环境保护合作中心, en: China Center for SCO Environmental Cooperation}}
published: "2031-07"
languages: [zh]
primary_language: zh
layout: zh-only
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("signings")
    for doc_id, title, text in (("own-bulletin", "环保动态", BULLETIN), ("own-report", "合作进展报告", REPORT)):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.meta.yaml").write_text(_sidecar(doc_id, title), encoding="utf-8")
    return load_corpus(folder, BASE)


def test_a_headline_telling_the_signing_again_makes_no_second_agreement(corpus) -> None:
    agreements = [e for e in corpus.entities.values() if e.sco_class == "Agreement" and e.values("sco:party")]
    by_parties = {frozenset(a.values("sco:party")) for a in agreements}
    assert frozenset({MINISTRY, CSEC}) in by_parties
    assert not any(Ref("state", "UZB") in parties for parties in by_parties)


def test_a_document_signed_during_a_meeting_is_adopted_and_dated_there(corpus) -> None:
    water = corpus.entities[WATER]
    assert water.values("sco:adoptedAt") == [FORUM]
    assert [d.lexical() for d in water.values("dcterms:date")] == ["2031-06"]  # the month the forum's days share


def test_a_meeting_date_from_another_source_is_not_written_into_this_one(corpus) -> None:
    roadmap = corpus.entities[ROADMAP]
    assert roadmap.values("sco:adoptedAt") == [FORUM]
    assert [f for f in roadmap.facts if f.predicate == "dcterms:date"] == []


def test_a_date_of_the_adopting_sentence_holding_the_meeting_days_dates_the_document(corpus) -> None:
    wetlands = corpus.entities[WETLANDS]
    assert wetlands.values("sco:adoptedAt") == [FORUM]
    dated = [(f.value.lexical(), f.evidence.source_id) for f in wetlands.facts if f.predicate == "dcterms:date"]
    assert dated == [("2031-06", "own-report")]
