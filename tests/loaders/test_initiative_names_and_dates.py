"""Initiative rules carried over to documents the loaders were not written on: programmes named by
a topic of theirs (in the text and in a table row), funds whose names hold a conjunction, quoted
names with a kind word after or before them, "<body>为平台…" (no platform name; the body works on
the platform named before), and the dates of a launch or of a period of implementation.

Every sentence is our own, with other names than the corpus and the synthetic documents."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.discourse import link_row_programmes
from scokg.loaders.initiatives import find_initiatives, initiative_ref
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Evidence, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import EXTRACTORS
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue

LEXICON = load_lexicon()
CSEC = Ref("body", "csec")


def _context(text: str, lang: str = "zh", issued: DateValue | None = None, previous: list[Observation] | None = None) -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("i-test", segment, True, default_name_index().find(text, lang), issued=issued, previous=previous or [])


def _initiatives(text: str, lang: str = "zh", issued: DateValue | None = None) -> dict[str, Observation]:
    return {o.spans[0].text: o for o in find_initiatives(_context(text, lang, issued), LEXICON) if o.spans}


def _read(text: str, lang: str = "zh", previous: list[Observation] | None = None) -> list[Observation]:
    """Every extractor and the linker over one sentence."""
    ctx = _context(text, lang, previous=previous)
    found = [obs for extract in EXTRACTORS for obs in extract(ctx, LEXICON)]
    link_sentence(ctx, found, LEXICON)
    return found


def _start(obs: Observation) -> list[str]:
    return [f.value.lexical() for f in obs.facts if f.predicate == "schema:startDate"]


# --- programmes named by a topic of theirs --------------------------------------------------


def test_a_programme_named_before_a_topic_is_an_initiative() -> None:
    found = _initiatives("实施青年湿地卫士计划土壤修复专题，每年组织各国青年开展交流。")
    assert "青年湿地卫士计划" in found
    assert found["青年湿地卫士计划"].sco_class == "CooperationProgramme"
    assert not any("专题" in name for name in found)


def test_a_programme_without_a_part_or_topic_after_it_is_not_read_so() -> None:
    assert "青年湿地卫士计划" not in _initiatives("各方欢迎青年湿地卫士计划取得的成果。")


def test_a_table_row_named_by_a_programme_and_its_topic_mentions_the_programme() -> None:
    evidence = Evidence("i-test", 40, 54, "青年湿地卫士计划土壤修复专题", "zh")
    row = Observation(initiative_ref(evidence.quote, "zh"), "Project", names=[(evidence.quote, "zh")])
    row.spans.append(Span(40, 54, evidence.quote, evidence))
    row.add("sco:projectNumber", 9, evidence)
    observations = [row]
    link_row_programmes(observations)
    (programme,) = observations[1:]
    assert programme.ref == initiative_ref("青年湿地卫士计划", "zh") and programme.sco_class == "CooperationProgramme"
    assert [(s.start, s.end, s.text) for s in programme.spans] == [(40, 48, "青年湿地卫士计划")]
    assert programme.nested


# --- funds whose names hold a conjunction ---------------------------------------------------


def test_a_later_conjunction_of_a_list_lies_inside_the_last_items_fund_name() -> None:
    found = _initiatives("统筹利用中国—上海合作组织环境保护合作中心专项经费和气候适应和绿色转型基金等资金渠道。")
    assert "气候适应和绿色转型基金" in found and "绿色转型基金" not in found
    assert found["气候适应和绿色转型基金"].sco_class == "Fund"


def test_the_one_conjunction_of_a_list_ends_the_items_before_the_fund() -> None:
    found = _initiatives("统筹利用中国—上海合作组织环境保护合作中心专项经费和湿地保护援助基金等资金渠道。")
    assert "湿地保护援助基金" in found
    assert not any("经费" in name for name in found)


def test_a_described_fund_is_still_no_name() -> None:
    assert not any(name.endswith("基金") for name in _initiatives("推动设立专门的水资源开发和湿地保护基金。"))


# --- quoted names with a kind word after or before them --------------------------------------


def test_a_quoted_name_before_works_is_a_project_launched_on_the_reported_day() -> None:
    text = "【土通社/3月5日】 3月4日，土库曼斯坦农业部部长在阿什哈巴德宣布，“卡拉库姆绿洲”工程正式启动。"
    project = _initiatives(text, issued=DateValue(2030, 3, 5))["“卡拉库姆绿洲”工程"]
    assert project.sco_class == "Project"
    assert ("卡拉库姆绿洲", "zh") in project.names
    assert _start(project) == ["2030-03-04"]


def test_a_launch_with_two_dates_before_it_takes_neither() -> None:
    text = "2030年3月4日，农业部在2029年12月批准的基础上宣布，“卡拉库姆绿洲”工程正式启动。"
    assert _start(_initiatives(text)["“卡拉库姆绿洲”工程"]) == []


def test_a_national_project_named_after_its_kind_word_is_a_project() -> None:
    found = _initiatives("部长通报了国家项目“清洁河流”的实施情况。")
    project = found["国家项目“清洁河流”"]
    assert project.sco_class == "Project" and project.ref == initiative_ref("清洁河流", "zh")
    assert ("清洁河流", "zh") in project.names


# --- "<body>为平台…": no platform name; the body works on the platform named before ------------


def test_a_body_working_for_the_platform_named_before_carries_it_out() -> None:
    found = _read("各方支持完善上合组织湿地监测平台，肯定中国—上海合作组织环境保护合作中心为平台建设和运行所做工作。")
    initiatives = [o for o in found if o.ref.kind == "initiative"]
    assert {o.ref for o in initiatives} == {initiative_ref("上合组织湿地监测平台", "zh")}
    assert [f.value for o in initiatives for f in o.facts if f.predicate == "sco:carriedOutBy"] == [CSEC]


def test_a_body_working_for_the_platform_of_the_sentence_before_carries_it_out() -> None:
    (platform,) = [o for o in _read("各方支持完善上合组织湿地监测平台。") if o.ref.kind == "initiative"]
    found = _read("各方肯定中国—上海合作组织环境保护合作中心为该平台运行所做工作。", previous=[platform])
    carried = [(o.ref, f.value) for o in found for f in o.facts if f.predicate == "sco:carriedOutBy"]
    assert carried == [(platform.ref, CSEC)]


def test_in_english_a_body_commended_for_building_the_platform_carries_it_out() -> None:
    text = (
        "The parties supported the SCO Wetland Monitoring Platform and commended the China Center for SCO "
        "Environmental Cooperation for its work in building and operating the platform."
    )
    found = _read(text, "en")
    carried = [(o.ref.kind, f.value) for o in found for f in o.facts if f.predicate == "sco:carriedOutBy"]
    assert carried == [("initiative", CSEC)]


def test_no_work_for_a_platform_when_none_was_named() -> None:
    found = _read("各方肯定中国—上海合作组织环境保护合作中心为平台建设所做工作。")
    assert not any(o.ref.kind == "initiative" for o in found)


# --- dates of a launch or of a period of implementation --------------------------------------


def test_a_project_carried_out_over_a_period_starts_with_it() -> None:
    text = "中方将于2031年至2033年依托中国—上海合作组织环境保护合作中心实施“上合组织国家湿地管理能力建设项目”。"
    assert _start(_initiatives(text)["上合组织国家湿地管理能力建设项目"]) == ["2031"]


def test_a_project_carried_out_in_one_year_gets_no_start_from_it() -> None:
    text = "中方2031年依托中国—上海合作组织环境保护合作中心实施“上合组织国家湿地管理能力建设项目”。"
    assert _start(_initiatives(text)["上合组织国家湿地管理能力建设项目"]) == []


def test_a_quoted_programme_launched_in_a_year_starts_then() -> None:
    assert _start(_initiatives("土库曼斯坦将于2031年启动“国家湿地恢复计划”。")["国家湿地恢复计划"]) == ["2031"]
