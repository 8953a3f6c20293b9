"""Agreements signed with counterparties: the pattern on synthetic sentences, a synthetic document, the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from scokg.loaders.agreements import AgreementFinder, Signer, issuer_signer
from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus import SourceMeta
from scokg.loaders.initiatives import initiative_ref
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment

CORPUS = Path(__file__).parents[2] / "corpus"
BASE = "https://w3id.org/sco-kg/"
DCTERMS_DATE = NamedNode("http://purl.org/dc/terms/date")
G_YEAR_MONTH = NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth")
ISSUER = Ref("body", "csec")
LEXICON = load_lexicon()


def _context(text: str, lang: str, offset: int = 0) -> SentenceContext:
    segment = Segment(text, tuple(range(offset, offset + len(text))), lang)
    return SentenceContext("synthetic", segment, True, default_name_index().find(text, lang))


def _read(finder: AgreementFinder, text: str, lang: str = "zh", offset: int = 0) -> list[Observation]:
    return finder(_context(text, lang, offset), LEXICON)


def _agreement(found: list[Observation]) -> Observation:
    agreements = [o for o in found if o.sco_class == "Agreement"]
    assert len(agreements) == 1, found
    return agreements[0]


def _values(obs: Observation, predicate: str) -> list:
    return [f.value for f in obs.facts if f.predicate == predicate]


def _finder() -> AgreementFinder:
    return AgreementFinder(Signer(ISSUER, "Centre"))


# --- the pattern, on sentences of our own -----------------------------------------------------


def test_a_named_subject_signs_with_a_state_and_a_body_whose_name_holds_list_words() -> None:
    found = _read(_finder(), "2019年5月，生态环境部与哈萨克斯坦、吉尔吉斯斯坦自然资源、生态和技术监督部签署了合作谅解备忘录。")
    agreement = _agreement(found)
    assert agreement.names == [("合作谅解备忘录", "zh")]
    kyrgyz = Ref("body", "zh:吉尔吉斯斯坦自然资源生态和技术监督部")
    assert _values(agreement, "sco:party") == [Ref("body", "mee-china"), Ref("state", "KAZ"), kyrgyz]
    (date,) = _values(agreement, "dcterms:date")
    assert (date.lexical(), date.precision) == ("2019-05", "month")
    body = next(o for o in found if o.ref == kyrgyz)
    assert body.sco_class == "GovernmentAgency" and body.names == [("吉尔吉斯斯坦自然资源、生态和技术监督部", "zh")]
    assert not any(o.ref == ISSUER for o in found)  # the subject is named: the issuer does not sign


def test_without_a_subject_the_issuer_signs_and_a_named_initiative_is_what_it_is_about() -> None:
    found = _read(_finder(), "2022年3月8日，同天津市人民政府签订上合组织环保信息共享平台合作协议。")
    agreement = _agreement(found)
    assert _values(agreement, "sco:party") == [ISSUER, Ref("body", "zh:天津市人民政府")]
    (date,) = _values(agreement, "dcterms:date")
    assert (date.lexical(), date.precision) == ("2022-03-08", "day")
    assert _values(agreement, "sco:about") == [initiative_ref("上合组织环保信息共享平台", "zh")]
    assert agreement.names == [("上合组织环保信息共享平台合作协议", "zh")]
    issuer = next(o for o in found if o.ref == ISSUER)
    assert issuer.spans == []  # the left-out subject has no surface text


def test_he_as_connective_and_inside_a_name_and_a_bare_head_as_subject() -> None:
    found = _read(_finder(), "2021年，中心和住房和城乡建设部签订合同。")
    agreement = _agreement(found)
    assert _values(agreement, "sco:party") == [ISSUER, Ref("body", "zh:住房和城乡建设部")]
    assert _values(agreement, "dcterms:date")[0].precision == "year"


def test_a_subject_name_holding_the_connective() -> None:
    agreement = _agreement(_read(_finder(), "自然资源与环境部与天津市生态环境局分别签署合作协议。"))
    assert _values(agreement, "sco:party") == [Ref("body", "zh:自然资源与环境部"), Ref("body", "zh:天津市生态环境局")]
    assert _values(agreement, "dcterms:date") == []


def test_a_title_head_refers_back_to_the_last_initiative_of_that_head_named_before() -> None:
    finder = _finder()
    first = "建设中国—上合组织绿色发展示范基地。"
    second = "推进上合组织环保信息共享平台建设。"
    third = "2020年6月，与天津市生态环境局签署基地合作协议。"
    assert _read(finder, first, offset=0) == []
    _read(finder, second, offset=100)
    agreement = _agreement(_read(finder, third, offset=200))
    assert _values(agreement, "sco:about") == [initiative_ref("中国—上合组织绿色发展示范基地", "zh")]
    unrelated = _agreement(_read(finder, "2020年7月，与天津市生态环境局签署战略合作协议。", offset=300))
    assert _values(unrelated, "sco:about") == []


def test_english_lists_are_cut_around_names_that_hold_and() -> None:
    text = (
        "In March 2022, the Ministry of Ecology and Environment of China signed a memorandum of understanding on green "
        "technology with Kazakhstan, the Ministry of Ecology and Natural Resources of Uzbekistan and Department of Ecology of Almaty."
    )
    found = _read(_finder(), text, "en")
    agreement = _agreement(found)
    assert agreement.names == [("memorandum of understanding on green technology", "en")]
    named = {o.ref: o.names for o in found if o.ref.kind == "body"}
    assert _values(agreement, "sco:party") == [
        Ref("body", "mee-china"), Ref("state", "KAZ"), *named,
    ]
    assert list(named.values()) == [
        [("Ministry of Ecology and Natural Resources of Uzbekistan", "en")],
        [("Department of Ecology of Almaty", "en")],
    ]
    assert _values(agreement, "dcterms:date")[0].lexical() == "2022-03"


def test_english_signed_with_before_the_title() -> None:
    text = "In 2021 the Centre signed with the Tianjin Municipal Bureau of Ecology and Environment a framework agreement on water."
    found = _read(_finder(), text, "en")
    agreement = _agreement(found)
    assert agreement.names == [("framework agreement on water", "en")]
    bureau = next(o for o in found if o.ref.kind == "body" and o.ref != ISSUER)
    assert bureau.names == [("Tianjin Municipal Bureau of Ecology and Environment", "en")]
    assert _values(agreement, "sco:party") == [ISSUER, bureau.ref]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("鼓励沿线国家环境标志机构签署互认合作协议。", "zh"),  # no counterparty
        ("会议期间与哈萨克斯坦签署了联合声明。", "zh"),  # a statement, not an agreement
        ("与哈萨克斯坦开展合作协议的研究。", "zh"),  # no signing verb
        ("The heads of delegations supported the signing of a cooperation agreement on plague.", "en"),
        ("Attendees signed the Joint Statement of the 6th Meeting.", "en"),
    ],
)
def test_no_agreement_without_verb_counterparty_and_agreement_head(text: str, lang: str) -> None:
    assert _read(_finder(), text, lang) == []


def _meta(zh: str | None, en: str | None) -> SourceMeta:
    return SourceMeta("synthetic", "标题", "Title", "document", zh, en, None, ("zh", "en"), "zh", None)


def test_the_issuer_as_signer() -> None:
    names = default_name_index()
    known = issuer_signer(_meta("中国-上海合作组织环境保护合作中心", "China Center for SCO Environmental Cooperation"), names, LEXICON)
    assert known == Signer(ISSUER, "Centre")
    named = issuer_signer(_meta("天津市生态环境局", "Tianjin Municipal Bureau of Ecology and Environment"), names, LEXICON)
    assert named.ref == Ref("body", "zh:天津市生态环境局") and named.sco_class == "GovernmentAgency"
    assert ("Tianjin Municipal Bureau of Ecology and Environment", "en") in named.names
    assert issuer_signer(_meta("上海合作组织国家绿色发展论坛", None), names, LEXICON) is None  # a forum is no body


# --- a synthetic bilingual document, through the whole loader ----------------------------------

SYNTHETIC_TEXT = """建设上合组织环保信息共享平台

Building the SCO Environmental Information Sharing Platform

2022年6月，与天津市生态环境局、重庆市人民政府签署平台合作框架协议

In June 2022, the Ministry signed a framework cooperation agreement for the platform with the Tianjin Municipal Bureau of Ecology and Environment and the Chongqing Municipal Government
"""
SYNTHETIC_SIDECAR = """id: synthetic-ministry-record
title: {zh: 合作记录, en: Cooperation record}
issuer: {zh: 生态环境部, en: Ministry of Ecology and Environment of China}
languages: [zh, en]
primary_language: zh
layout: bilingual-line-pairs
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("agreements")
    (folder / "record.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (folder / "record.meta.yaml").write_text(SYNTHETIC_SIDECAR, encoding="utf-8")
    return load_corpus(folder, BASE)


def _agreements(entities) -> list:
    return [e for e in entities.values() if e.sco_class == "Agreement" and e.values("sco:party")]


def test_synthetic_document_agreement_parties_names_date_and_initiative(synthetic) -> None:
    assert synthetic.problems == []
    entities = synthetic.entities
    (agreement,) = _agreements(entities)
    assert agreement.labels == {"zh": "平台合作框架协议", "en": "framework cooperation agreement for the platform"}
    assert agreement.value("dcterms:date").lexical() == "2022-06"
    parties = [entities[ref] for ref in agreement.values("sco:party")]
    assert parties[0].ref == Ref("body", "mee-china")  # the issuer: the Chinese leaves the subject out
    assert [p.labels for p in parties[1:]] == [
        {"zh": "天津市生态环境局", "en": "Tianjin Municipal Bureau of Ecology and Environment"},
        {"zh": "重庆市人民政府", "en": "Chongqing Municipal Government"},
    ]
    assert {p.sco_class for p in parties[1:]} == {"GovernmentAgency"}
    platform = entities[agreement.value("sco:about")]
    assert platform.sco_class == "Platform" and platform.labels["zh"] == "上合组织环保信息共享平台"


def test_synthetic_document_mentions_and_evidence_point_into_the_text(synthetic) -> None:
    entities = synthetic.entities
    (agreement,) = _agreements(entities)
    bureau = entities[Ref("body", "zh:天津市生态环境局")]
    assert {SYNTHETIC_TEXT[s.start : s.end] for s in bureau.spans} == {
        "天津市生态环境局", "Tianjin Municipal Bureau of Ecology and Environment"
    }
    party_fact = next(f for f in agreement.facts if f.predicate == "sco:party" and f.value == bureau.ref)
    evidence = party_fact.evidence
    assert evidence.source_id == "synthetic-ministry-record"
    assert SYNTHETIC_TEXT[evidence.start : evidence.end] == evidence.quote == "2022年6月，与天津市生态环境局、重庆市人民政府签署平台合作框架协议"


# --- the corpus: the CSEC brochure -----------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS, BASE)


def _by_date(entities) -> dict[str, object]:
    signed = [a for a in _agreements(entities) if ISSUER in a.values("sco:party")]
    return {a.value("dcterms:date").lexical(): a for a in signed}


def test_csec_signed_two_innovation_base_agreements(corpus) -> None:
    entities = corpus.entities
    by_date = _by_date(entities)
    assert sorted(by_date) == ["2023-11", "2024-10"]
    assert all(a.value("dcterms:date").precision == "month" for a in by_date.values())
    counterparties = {
        date: [entities[r].labels for r in a.values("sco:party") if r != ISSUER] for date, a in by_date.items()
    }
    # 2023年11月，与上海市生态环境局签署基地战略框架协议
    assert counterparties["2023-11"] == [{"zh": "上海市生态环境局", "en": "Shanghai Municipal Bureau of Ecology and Environment"}]
    # 2024年10月，与山东省生态环境厅、青岛市人民政府签署基地战略框架协议
    assert counterparties["2024-10"] == [
        {"zh": "山东省生态环境厅", "en": "Department of Ecology and Environment of Shandong Province"},
        {"zh": "青岛市人民政府", "en": "Qingdao Municipal Government"},
    ]
    for agreement in by_date.values():
        assert agreement.labels == {
            "zh": "基地战略框架协议",
            "en": "strategic cooperation agreement for the China-SCO Ecology and Environment Innovation Base",
        }
        base = entities[agreement.value("sco:about")]
        assert base.sco_class == "Base"
        assert base.labels == {"zh": "中国—上合组织生态环保创新基地", "en": "China-SCO Ecology and Environment Innovation Base"}


def test_corpus_agreement_dates_are_emitted_as_g_year_month(corpus) -> None:
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    titled = {q.subject for q in corpus.quads if q.predicate == label and q.object.value == "基地战略框架协议"}
    dates = {q.object for q in corpus.quads if q.predicate == DCTERMS_DATE and q.subject in titled}
    assert dates == {Literal("2023-11", datatype=G_YEAR_MONTH), Literal("2024-10", datatype=G_YEAR_MONTH)}


def test_corpus_counterparty_mentions_slice_the_brochure(corpus) -> None:
    text = (CORPUS / "csec-brochure.txt").read_text(encoding="utf-8")
    entities = corpus.entities
    for zh in ("上海市生态环境局", "山东省生态环境厅", "青岛市人民政府"):
        body = next(e for e in entities.values() if e.ref.kind == "body" and e.labels.get("zh") == zh)
        surfaces = {text[s.start : s.end] for s in body.spans}
        assert zh in surfaces and body.labels["en"] in surfaces
