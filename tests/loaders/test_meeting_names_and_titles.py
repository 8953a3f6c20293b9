"""Meetings, series, documents and their dates: verbs glued before a meeting's name, periods of
titles that are no meeting's dates, meetings of a known body, a forum's signature, project-table
rows, year-marked and slogan titles, and where an agreement was signed. Sentences of our own;
each assertion names a real value."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.meetings import find_meetings
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import find_documents

ISSUE = DateValue(2030, 6)
BASE = "https://example.org/kg/"


def _context(text: str, lang: str = "zh", issued: DateValue | None = ISSUE) -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("own", segment, True, default_name_index().find(text, lang), issued=issued)


def _facts(obs: Observation, predicate: str) -> list[str]:
    return [str(f.value) for f in obs.facts if f.predicate == predicate]


def _found(text: str, kind: str, lang: str = "zh") -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_meetings(_context(text, lang), load_lexicon()) if o.ref.kind == kind and o.names}


def _documents(text: str, lang: str = "zh") -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_documents(_context(text, lang), load_lexicon())}


# --- where a meeting's name begins ------------------------------------------------------------


def test_a_verb_of_relying_on_a_series_is_not_part_of_its_name() -> None:
    series = _found("依托上合组织成员国交通部长会机制，推动运输领域合作。", "series")
    assert list(series) == ["上合组织成员国交通部长会"]


def test_a_meeting_preparing_a_named_meeting_keeps_its_whole_name() -> None:
    found = _found("2030年3月2日，第二次上合组织成员国交通部长会筹备专家会在杜尚别举行。", "meeting")
    assert _facts(found["第二次上合组织成员国交通部长会筹备专家会"], "schema:startDate") == ["2030-03-02"]


def test_a_meeting_named_right_after_a_verb_of_preparing_is_not_read() -> None:
    names = _found("各方注意到交通部门专家会议为筹备部长会所做工作。", "meeting")
    assert not [name for name in names if "筹备" in name]


# --- dates that belong to something else --------------------------------------------------------


def test_the_period_of_a_title_before_a_meeting_name_is_not_the_meetings_date() -> None:
    text = "各方欢迎会议通过《上合组织成员国道路安全合作行动计划(2031-2033年)》并签署《第三次上合组织成员国交通部长会联合声明》。"
    (meeting,) = _found(text, "meeting").values()
    assert _facts(meeting, "sco:ordinal") == ["3"]
    assert _facts(meeting, "schema:startDate") == []


def test_an_english_period_in_parentheses_before_a_meeting_name_is_not_its_date() -> None:
    text = (
        "The ministers noted the outcomes of the 3rd Meeting of Transport Ministers of SCO Member States (May 16, 2030, Dushanbe) "
        "and welcomed the adoption of the Action Plan on Road Safety (2031-2033) and the signing of the Joint Statement of the "
        "3rd Meeting of Transport Ministers of SCO Member States."
    )
    found = [o for o in find_meetings(_context(text, "en"), load_lexicon()) if o.ref.kind == "meeting"]
    assert [_facts(o, "schema:startDate") for o in found] == [["2030-05-16"], []]


# --- names that need no anchor word -------------------------------------------------------------


def test_a_known_bodys_name_before_a_meeting_head_is_a_meeting_of_that_body() -> None:
    found = _found("各方欢迎杜尚别元首理事会会议通过《上合组织成员国元首理事会关于荒漠化防治的声明》。", "meeting")
    assert _facts(found["杜尚别元首理事会会议"], "sco:place") == [str(Ref("place", "Dushanbe"))]
    assert _found("各方欢迎杜尚别交通会议的成果。", "meeting") == {}
    words_before = _found("各方认为,应以杜尚别元首理事会会议通过的《上合组织成员国元首理事会关于荒漠化防治的声明》为基础。", "meeting")
    assert list(words_before) == ["杜尚别元首理事会会议"]


def test_someone_speaking_at_a_meeting_on_the_day_the_sentence_opens_with_makes_it_a_meeting() -> None:
    found = _found("【通讯社/3月9日】 3月8日，白俄罗斯环境部部长在部务会议上介绍了年度计划。", "meeting")
    assert _facts(found["部务会议"], "schema:startDate") == ["2030-03-08"]
    assert _found("白俄罗斯环境部部长在部务会议上介绍了年度计划。", "meeting") == {}


def test_an_open_day_event_held_on_a_day_is_a_meeting() -> None:
    found = _found("4月2日，上合组织秘书处在北京举办“蓝色湖泊”主题开放日活动。", "meeting")
    event = found["“蓝色湖泊”主题开放日活动"]
    assert _facts(event, "schema:startDate") == ["2030-04-02"]
    assert _facts(event, "sco:place") == [str(Ref("place", "Beijing"))]


def test_an_english_name_broken_off_at_the_end_of_its_line_is_not_read() -> None:
    assert _found("SCO Countries Forum on", "meeting", "en") == {}
    assert "SCO Countries Forum on Mountain Tourism" in _found("The SCO Countries Forum on Mountain Tourism was held in Bishkek on 6 May 2030.", "meeting", "en")


# --- titles -------------------------------------------------------------------------------------


def test_a_quoted_slogan_listed_with_a_comma_of_enumeration_before_an_initiative_is_its_title() -> None:
    found = _documents("“绿色矿山、清洁河流” 杜 尚 别 倡 议")
    assert found["“绿色矿山、清洁河流”杜尚别倡议"].sco_class == "InitiativeText"


def test_only_a_state_or_the_organisation_before_a_year_is_part_of_the_title() -> None:
    assert list(_documents("各方认为节约用水有助于实现联合国2030年可持续发展议程。")) == ["2030年可持续发展议程"]
    assert list(_documents("各方注意到俄罗斯联邦2050年前低碳发展战略。")) == ["俄罗斯联邦2050年前低碳发展战略"]


def test_a_year_before_an_english_title_is_part_of_it() -> None:
    assert list(_documents("Saving water helps to achieve the 2030 Agenda for Sustainable Development.", "en")) == [
        "2030 Agenda for Sustainable Development"
    ]


def test_an_agreement_signed_at_a_place_on_the_day_the_clause_gives() -> None:
    text = "【通讯社/3月9日】 3月8日，中国-上海合作组织环境保护合作中心与吉尔吉斯斯坦自然资源部在比什凯克签署《关于冰川监测合作的谅解备忘录》。"
    memorandum = _documents(text)["关于冰川监测合作的谅解备忘录"]
    assert _facts(memorandum, "dcterms:date") == ["2030-03-08"]
    assert _facts(memorandum, "sco:place") == [str(Ref("place", "Bishkek"))]


# --- whole documents ----------------------------------------------------------------------------

FORUM_TEXT = """“洁净山川、绿色家园” 比 什 凯 克 倡 议

2030年5月6日,上海合作组织(简称上合组织)国家山地旅游论坛在比什凯克举行。

各方欢迎会议通过《上合组织成员国山地旅游合作行动计划(2031-2033年)》。

各代表团注意到上合组织成员国第三次交通部长会(2030年4月16日,杜尚别)成果,欢迎会议通过《上合组织成员国道路安全合作行动计划(2031-2033年)》并签署《第三次上合组织成员国交通部长会联合声明》。

中方欢迎各方积极参与将于2031年在比什凯克举办的第二届上合组织国家山地旅游论坛。

上海合作组织国家山地旅游论坛
2030年5月6日于比什凯克
"""

TABLE_TEXT = """为推动合作，生态环境部编制《中国—上海合作组织山地生态合作规划（2030—2034 年）》。

每年举办上合组织国家山地生态管理研修班，定期举办上合组织国家山地生态政策对话会。

《规划》提出 6 个重点项目，包括政策协调类 3 个，人才培养类 3 个。（见下表）

类目

政策协调

人才培养

序号

1

2

3

4

5

6

项目名称

上合组织国家山地生态政策对话会

上合组织国家山地生态标准比较研究

上合组织国家山地灾害预警合作

上合组织国家山地生态管理研修班

上合组织青年山地科学家交流计划

上合组织山地生态志愿者计划
"""


def _load(tmp_path: Path, name: str, text: str, layout: str, title: str, issuer: str = "生态环境部") -> dict[Ref, object]:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / f"{name}.meta.yaml").write_text(
        f"id: {name}\ntitle:\n  zh: '{title}'\nissuer:\n  zh: {issuer}\ngenre: plan\npublished: \"2030-06\"\n"
        f"languages: [zh]\nprimary_language: zh\nlayout: {layout}\n",
        encoding="utf-8",
    )
    load = load_corpus(tmp_path, BASE)
    assert load.problems == []
    return load.entities


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _load(tmp_path_factory.mktemp("forum"), "forum", FORUM_TEXT, "zh-only", "“洁净山川、绿色家园”比什凯克倡议", "上海合作组织国家山地旅游论坛")


def _labelled(entities: dict, kind: str, label: str):
    return [e for e in entities.values() if e.ref.kind == kind and e.labels.get("zh") == label]


def test_the_signature_of_a_forum_names_the_forum_and_its_next_edition_makes_no_series(forum: dict) -> None:
    assert [e for e in forum.values() if e.ref.kind == "series" and e.spans] == []
    dated = [e for e in forum.values() if e.ref.kind == "meeting" and "山地旅游论坛" in e.labels.get("zh", "") and e.value("sco:ordinal") is None]
    (meeting,) = dated
    assert meeting.value("schema:startDate").lexical() == "2030-05-06"
    assert any(span.text == "上海合作组织国家山地旅游论坛" and span.evidence.quote == span.text for span in meeting.spans)


def test_the_forums_own_initiative_is_a_document_adopted_there(forum: dict) -> None:
    (initiative,) = _labelled(forum, "document", "“洁净山川、绿色家园”比什凯克倡议")
    (meeting,) = [forum[ref] for ref in initiative.values("sco:adoptedAt")]
    assert meeting.value("schema:startDate").lexical() == "2030-05-06"


def test_documents_adopted_at_a_meeting_dated_to_the_day_take_that_day(forum: dict) -> None:
    (plan,) = _labelled(forum, "document", "上合组织成员国道路安全合作行动计划(2031-2033年)")
    (statement,) = _labelled(forum, "document", "第三次上合组织成员国交通部长会联合声明")
    assert plan.value("dcterms:date").lexical() == "2030-04-16"
    assert statement.value("dcterms:date").lexical() == "2030-04-16"


def test_a_recurring_workshop_listed_in_the_project_table_is_that_project(tmp_path: Path) -> None:
    entities = _load(tmp_path, "plan", TABLE_TEXT, "zh-only-table", "中国—上海合作组织山地生态合作规划（2030—2034年）")
    assert [e for e in entities.values() if e.ref.kind == "series" and e.spans] == []
    (project,) = _labelled(entities, "initiative", "上合组织国家山地生态管理研修班")
    assert project.value("sco:projectNumber") == 4
    assert len(project.spans) == 2  # the table row and the sentence of the text
