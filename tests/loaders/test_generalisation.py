"""Generic rules that carry the extraction over to documents it was not written on: untitled
agreements, cited editions, initiative heads, and documents of another kind in a translation."""
from __future__ import annotations

import pytest

from scokg.loaders.agreements import AgreementFinder, Signer
from scokg.loaders.context import SentenceContext
from scokg.loaders.initiatives import find_initiatives
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.meetings import find_meetings
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment
from scokg.loaders.translation import match_translations

LEXICON = load_lexicon()


def _context(text: str, lang: str = "zh") -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("generalisation", segment, True, default_name_index().find(text, lang))


def _agreement(text: str, lang: str = "zh") -> Observation:
    found = AgreementFinder(Signer(Ref("body", "csec"), "Centre"))(_context(text, lang), LEXICON)
    (agreement,) = [o for o in found if o.sco_class == "Agreement"]
    return agreement


# --- agreements: only a titled one is a document the text names -----------------------------


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("2025年5月，与天津市生态环境局签署湿地修复合作协议", "zh", "湿地修复合作协议"),
        ("In May 2025, CSEC signed a cooperation agreement on wetland restoration with the Tianjin Municipal Bureau of Ecology and Environment", "en", "cooperation agreement on wetland restoration"),
    ],
)
def test_an_untitled_agreement_keeps_label_date_and_parties_but_has_no_mention(text: str, lang: str, label: str) -> None:
    agreement = _agreement(text, lang)
    assert agreement.spans == []
    assert agreement.names == [(label, lang)]
    assert [f.value.lexical() for f in agreement.facts if f.predicate == "dcterms:date"] == ["2025-05"]
    parties = [f.value for f in agreement.facts if f.predicate == "sco:party"]
    assert len(parties) == 2 and parties[0] == Ref("body", "csec")


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        ("2025年5月，与天津市生态环境局签署《湿地修复合作协议》", "zh", "湿地修复合作协议"),
        ("In May 2025, CSEC signed the Agreement on Wetland Restoration with the Tianjin Municipal Bureau of Ecology and Environment", "en", "Agreement on Wetland Restoration"),
    ],
)
def test_a_titled_agreement_is_mentioned_by_its_title(text: str, lang: str, surface: str) -> None:
    agreement = _agreement(text, lang)
    (span,) = agreement.spans
    assert surface in span.text and agreement.names == [(surface, lang)]


# --- meetings: an edition cited with its own date names no series --------------------------


def _series(text: str, lang: str = "zh") -> list[Observation]:
    return [o for o in find_meetings(_context(text, lang), LEXICON) if o.ref.kind == "series"]


def test_an_edition_cited_with_its_date_and_place_mentions_no_series() -> None:
    text = "各代表团团长欢迎第三届上合组织国家湿地保护论坛(2026年9月22日至23日,青岛)成果。"
    meetings = find_meetings(_context(text), LEXICON)
    edition = next(o for o in meetings if o.ref.kind == "meeting")
    assert [f.value for f in edition.facts if f.predicate == "sco:ordinal"] == [3]
    assert _series(text) == []


def test_an_edition_numbered_two_or_more_without_a_citation_mentions_its_series() -> None:
    (series,) = _series("伊朗计划于2023年在德黑兰举办第二届防治盐碱化国际会议。")
    assert series.names[0][0] == "防治盐碱化国际会议"


def test_a_bare_head_cited_with_its_date_is_a_meeting() -> None:
    text = "团长们注意到上合组织青年论坛(2025年7月7日,青岛)和艺术节(2025年7月6日,重庆)的情况。"
    meetings = [o for o in find_meetings(_context(text), LEXICON) if o.ref.kind == "meeting"]
    cited = next(o for o in meetings if o.names[0][0] == "艺术节")
    assert [f.value.lexical() for f in cited.facts if f.predicate == "schema:startDate"] == ["2025-07-06"]


def test_a_bare_head_without_a_citation_is_no_meeting() -> None:
    assert [o for o in find_meetings(_context("各方同意举办艺术节。"), LEXICON) if o.ref.kind == "meeting"] == []


# --- initiatives: campaigns, actions and quoted things being built --------------------------


@pytest.mark.parametrize(
    ("text", "name", "sco_class"),
    [
        ("部长介绍了“百万公顷草原”全国运动实施进展。", "“百万公顷草原”全国运动", "CooperationProgramme"),
        ("联合国大会将2024-2028年确定为“湖泊保护五年行动”。", "湖泊保护五年行动", "Initiative"),
        ("欢迎各方参与“里海沿岸绿色技术区”建设。", "里海沿岸绿色技术区", "Initiative"),
    ],
)
def test_quoted_initiatives_by_their_head_or_their_building(text: str, name: str, sco_class: str) -> None:
    found = find_initiatives(_context(text), LEXICON)
    assert [(o.names[0][0], o.sco_class) for o in found] == [(name, sco_class)]


def test_a_works_a_delegation_visits_is_a_project() -> None:
    found = find_initiatives(_context("各国代表参观塔里木河治理工程。"), LEXICON)
    assert [(o.names[0][0], o.sco_class) for o in found] == [("塔里木河治理工程", "Project")]


def test_a_programme_named_by_its_special_part() -> None:
    found = find_initiatives(_context("实施青年环保使者计划上合组织专项，"), LEXICON)
    assert [(o.names[0][0], o.sco_class) for o in found] == [("青年环保使者计划", "CooperationProgramme")]


def test_a_quoted_clause_being_built_is_no_initiative() -> None:
    assert find_initiatives(_context("推动“绿色、低碳、循环”建设。"), LEXICON) == []


# --- translations: a document of another kind is not the original's translation --------------


def _document(key: str, sco_class: str, name: str, lang: str) -> Observation:
    return Observation(Ref("document", f"{lang}:{key}"), sco_class, names=[(name, lang)])


def test_a_translation_naming_another_kind_of_document_stays_unpaired() -> None:
    original = _document("决议", "Resolution", "关于湿地保护的决议", "zh")
    translation = _document("framework", "Framework", "Framework for Wetland Protection", "en")
    translations = [translation]
    match_translations([original], translations)
    assert translations == []


@pytest.mark.parametrize(
    ("zh_class", "en_class", "en_name"),
    [
        ("Resolution", "Resolution", "Resolution on Wetland Protection"),
        ("Programme", "Framework", "Wetland Technology Framework"),  # 纲要 rendered "Framework": both programmatic texts
    ],
)
def test_a_translation_of_the_same_family_is_paired(zh_class: str, en_class: str, en_name: str) -> None:
    original = _document("湿地", zh_class, "湿地保护文件", "zh")
    translation = _document("wetland", en_class, en_name, "en")
    translations = [translation]
    match_translations([original], translations)
    assert translations == [translation] and translation.ref == original.ref
