"""Dates, kinds and names of meetings, documents and initiatives: the issue date of a bulletin
giving a year to "3月5日", datelines, proposals, launch dates, anaphora ("该运动") and titles
without a listed head. Sentences of our own; each assertion names a real value."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus import read_source
from scokg.loaders.initiatives import find_initiatives
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.meetings import find_meetings
from scokg.loaders.model import Observation
from scokg.loaders.names import default_name_index
from scokg.loaders.reading import read_source_text
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import find_documents

ISSUE = DateValue(2024, 6)


def _context(text: str, issued: DateValue | None = ISSUE, lang: str = "zh") -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("synthetic", segment, True, default_name_index().find(text, lang), issued=issued)


def _facts(obs: Observation, predicate: str) -> list[str]:
    return [str(f.value) for f in obs.facts if f.predicate == predicate]


def _meetings(text: str, issued: DateValue | None = ISSUE) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_meetings(_context(text, issued), load_lexicon()) if o.ref.kind == "meeting"}


def _initiatives(text: str) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_initiatives(_context(text), load_lexicon()) if o.names}


def _documents(text: str, issued: DateValue | None = ISSUE) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_documents(_context(text, issued), load_lexicon())}


# --- meetings -------------------------------------------------------------------------------


def test_a_generic_name_held_on_a_date_given_before_it_is_a_meeting() -> None:
    found = _meetings("在5月6日召开的政府例行工作会议上，部长介绍了国家植树计划。")
    assert _facts(found["政府例行工作会议"], "schema:startDate") == ["2024-05-06"]
    assert _meetings("在政府例行工作会议上，部长介绍了国家植树计划。") == {}


def test_a_verb_of_holding_in_a_sentence_opening_with_a_date_makes_a_meeting() -> None:
    found = _meetings("【环境部/3月9日】 3月8日，环境部部长主持召开部务会议，审议年度报告。")
    assert _facts(found["部务会议"], "schema:startDate") == ["2024-03-08"]
    assert "部务会议" not in _meetings("环境部部长主持召开部务会议，审议年度报告。")


def test_a_celebration_held_is_a_meeting() -> None:
    found = _meetings("6月5日，土库曼斯坦举行首个“国际湿地日”庆祝活动。")
    assert _facts(found["首个“国际湿地日”庆祝活动"], "schema:startDate") == ["2024-06-05"]


def test_the_date_after_a_dateline_opens_the_sentence() -> None:
    found = _meetings("【塔斯社/2月11日】 2024年2月10日，俄罗斯能源部部长在伏尔加河论坛上发言。")
    assert _facts(found["伏尔加河论坛"], "schema:startDate") == ["2024-02-10"]


def test_the_dateline_dates_a_meeting_only_when_the_sentence_gives_no_date() -> None:
    assert _facts(_meetings("【哈通社/4月8日】 乌兹别克斯坦举行生态合作吹风会。")["生态合作吹风会"], "schema:startDate") == ["2024-04-08"]
    found = _meetings("【哈通社/4月9日】 2024年4月8日，乌兹别克斯坦举行生态合作吹风会。")
    assert _facts(found["生态合作吹风会"], "schema:startDate") == ["2024-04-08"]


def test_a_date_in_the_names_clause_wins_over_the_opening_date() -> None:
    found = _meetings("3月11日，部长表示，将在2022年11月于开罗举行的第五届绿色发展论坛成果基础上推进合作。", DateValue(2023, 4))
    (meeting,) = [o for name, o in found.items() if "绿色发展论坛" in name]
    assert _facts(meeting, "schema:startDate") == ["2022-11"]


def test_a_proposal_gives_the_date_and_place_of_the_meeting_it_proposes() -> None:
    found = _meetings("各方注意到关于举行上合组织成员国生态论坛的倡议(2027年5月10日至12日,阿拉木图)。", None)
    (meeting,) = found.values()
    assert _facts(meeting, "schema:startDate") == ["2027-05-10"]
    assert _facts(meeting, "schema:endDate") == ["2027-05-12"]
    assert [f.value.key for f in meeting.facts if f.predicate == "sco:place"] == ["Almaty"]


def test_a_proposal_of_something_else_lends_no_date() -> None:
    found = _meetings("各方注意到上合组织成员国生态论坛的倡议(2027年5月10日至12日,阿拉木图)。", None)
    assert all(not _facts(o, "schema:startDate") for o in found.values())


def test_the_meeting_of_an_expert_group_is_an_expert_meeting() -> None:
    found = _meetings("2025年4月，上海合作组织国家水资源专家工作组第二次会议在塔什干召开。", None)
    (meeting,) = found.values()
    assert meeting.sco_class == "ExpertMeeting"
    assert _facts(meeting, "sco:ordinal") == ["2"]


# --- documents ------------------------------------------------------------------------------


def test_a_title_the_text_abbreviates_is_a_document_whatever_its_head() -> None:
    found = _documents("落实《关于共建绿色走廊的联合愿景与行动》（以下简称《愿景与行动》）。")
    doc = found["关于共建绿色走廊的联合愿景与行动"]
    assert doc.sco_class == "Document"
    assert ("愿景与行动", "zh") in doc.names
    assert "关于共建绿色走廊的联合愿景" not in _documents("落实《关于共建绿色走廊的联合愿景与行动》。")


def test_a_scheme_implementing_an_undertaking_is_a_plan() -> None:
    found = _documents("深化完善绿色使者计划实施方案，加强人员交流。")
    assert list(found) == ["绿色使者计划实施方案"]
    assert found["绿色使者计划实施方案"].sco_class == "Plan"


def test_a_policy_is_a_document() -> None:
    assert _documents("加快落实《国家生物多样性政策》。")["国家生物多样性政策"].sco_class == "Document"


def test_a_decree_approving_a_title_dates_it() -> None:
    found = _documents("2月2日，总统签署总统令，批准《国家低碳发展战略》。", DateValue(2023, 4))
    assert _facts(found["国家低碳发展战略"], "dcterms:date") == ["2023-02-02"]


# --- initiatives ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "date"),
    [
        ("2019年启动上海合作组织生态监测平台建设，2021年完成一期。", "上海合作组织生态监测平台", "2019"),
        ("2023年5月，在撒马尔罕建成中国—上合组织节水技术示范基地。", "中国—上合组织节水技术示范基地", "2023-05"),
        ("部长表示，自2015年启动“清洁河流”项目以来，水质明显改善。", "“清洁河流”项目", "2015"),
        ("各方肯定“上合组织旅游年”(2027年)框架内的活动。", "上合组织旅游年", "2027"),
        ("联合国大会于2019年12月通过决议，将每年4月3日定为“国际山地清洁日”。", "国际山地清洁日", "2019-12"),
        ("各方注意到大会(2024年11月6日)关于将9月22日设立为国际草原保护日的决议。", "国际草原保护日", "2024-11-06"),
    ],
)
def test_when_an_initiative_began(text: str, name: str, date: str) -> None:
    assert _facts(_initiatives(text)[name], "schema:startDate") == [date]


def test_a_line_named_by_the_states_it_links_is_a_project() -> None:
    found = _initiatives("各方欢迎哈萨克斯坦-土库曼斯坦-伊朗铁路开通运营。")
    assert {name: o.sco_class for name, o in found.items()} == {"哈萨克斯坦-土库曼斯坦-伊朗铁路": "Project"}
    assert _initiatives("双方讨论了南北-东西铁路建设。") == {}


def test_a_day_of_the_year_alone_dates_no_initiative() -> None:
    assert _facts(_initiatives("土耳其庆祝“国际山地清洁日”。")["国际山地清洁日"], "schema:startDate") == []


# --- whole documents: the issue date and the sentence before ----------------------------------


def _read(tmp_path: Path, text: str, published: str = "2024-06", genre: str = "bulletin") -> list[Observation]:
    path = tmp_path / "bulletin.txt"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "bulletin.meta.yaml").write_text(
        f"id: bulletin\ntitle:\n  zh: 环保动态\ngenre: {genre}\n"
        f"published: \"{published}\"\nlanguages: [zh]\nprimary_language: zh\nlayout: zh-only\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon()
    return read_source_text(read_source(path), default_name_index(), lexicon, [find_meetings, find_initiatives])


def test_the_issue_date_of_a_bulletin_gives_its_year_less_dates_a_year(tmp_path: Path) -> None:
    found = _read(tmp_path, "【通讯社/5月4日】 5月3日，白俄罗斯环境部部长主持召开部务会议，审议年度工作。\n", "2025-05")
    (meeting,) = [o for o in found if o.ref.kind == "meeting"]
    assert _facts(meeting, "schema:startDate") == ["2025-05-03"]


def test_other_genres_give_no_year_to_a_month_and_day(tmp_path: Path) -> None:
    found = _read(tmp_path, "【通讯社/5月4日】 5月3日，白俄罗斯环境部部长主持召开部务会议，审议年度工作。\n", "2025-05", "communique")
    assert [o for o in found if o.ref.kind == "meeting"] == []


def test_this_campaign_is_the_one_the_sentence_before_named(tmp_path: Path) -> None:
    found = _read(tmp_path, "部长介绍了“百万公顷草原”全国运动进展。该运动由总统于2020年9月发起，计划种草。\n")
    dated = [o for o in found if o.ref.kind == "initiative" and _facts(o, "schema:startDate")]
    assert [(o.ref.key, _facts(o, "schema:startDate")) for o in dated] == [("zh:百万公顷草原", ["2020-09"])]


def test_a_head_word_alone_takes_up_the_platform_of_the_heading_above(tmp_path: Path) -> None:
    found = _read(tmp_path, "推进上合组织气候数据平台建设\n\n- 2016年启动平台建设，2019年完成三期建设。\n")
    dated = [o for o in found if o.ref.kind == "initiative" and _facts(o, "schema:startDate")]
    assert [(o.ref.key, _facts(o, "schema:startDate")) for o in dated] == [("zh:气候数据平台", ["2016"])]


def test_a_head_word_alone_without_an_antecedent_names_nothing(tmp_path: Path) -> None:
    found = _read(tmp_path, "部长发表讲话。该运动由总统于2020年9月发起。\n")
    assert [o for o in found if o.ref.kind == "initiative"] == []


def test_a_meeting_named_by_its_theme_is_a_meeting() -> None:
    assert "工作组会议" in _meetings("各方注意到以“绿色转型与就业”为主题的工作组会议成果。", None)
    assert "工作组会议" not in _meetings("各方注意到工作组会议成果。", None)


def test_a_title_case_name_before_a_lower_case_head_is_a_meeting() -> None:
    text = "The delegations noted the outcomes of the Joint Working Group meeting on water (May 5, 2026, via video link)."
    (meeting,) = [o for o in find_meetings(_context(text, None, "en"), load_lexicon()) if o.ref.kind == "meeting"]
    assert meeting.names[0][0] == "Joint Working Group meeting"
    assert _facts(meeting, "schema:startDate") == ["2026-05-05"]
    assert _facts(meeting, "schema:eventAttendanceMode") == ["online"]


def test_a_parenthesis_standing_alone_after_a_full_stop_joins_the_sentence_before(tmp_path: Path) -> None:
    found = _read(tmp_path, "各方注意到以“绿色转型与就业”为主题的工作组会议成果。(2026年3月3日,视频方式)。\n")
    (meeting,) = [o for o in found if o.ref.kind == "meeting"]
    assert _facts(meeting, "schema:eventAttendanceMode") == ["online"]
    assert meeting.spans[0].evidence.quote.endswith("(2026年3月3日,视频方式)。")
