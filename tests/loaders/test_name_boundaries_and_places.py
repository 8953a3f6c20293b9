"""Rules on words glued before a meeting's name, a project row naming its city, an
initiative launched at a place, a fund listed after a body, a quoted SCO day, and a title owned
by an organisation outside the SCO. Sentences of our own; each assertion names a real value."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.initiatives import find_initiatives
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.meetings import find_meetings
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment
from scokg.loaders.tables import named_place
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import find_documents


def _context(text: str, lang: str = "zh") -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("own", segment, True, default_name_index().find(text, lang), issued=DateValue(2033, 4))


def _meetings(text: str) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_meetings(_context(text), load_lexicon()) if o.ref.kind == "meeting" and o.names}


def _initiatives(text: str) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_initiatives(_context(text), load_lexicon()) if o.names}


def _values(obs: Observation, predicate: str) -> list[object]:
    return [f.value for f in obs.facts if f.predicate == predicate]


def test_a_verb_of_organising_before_the_organisation_is_not_part_of_the_name() -> None:
    names = _meetings("2033年，中方将组织上合组织国家大学生环保知识竞赛，培养青年人才。")
    assert "上合组织国家大学生环保知识竞赛" in names
    assert not [n for n in names if n.startswith("组织")]


def test_a_quoted_programme_before_a_course_is_not_part_of_the_course() -> None:
    names = _meetings("2033年4月2日至6日，中心在西安举办“绿色丝路使者计划”上合组织国家水污染防治研修班。")
    assert "上合组织国家水污染防治研修班" in names
    assert names["上合组织国家水污染防治研修班"].sco_class == "Workshop"


def test_a_row_naming_one_city_is_set_there() -> None:
    assert named_place("塔什干城市污水处理示范") == "Tashkent"
    assert named_place("上合组织国家生态环境政策研究") is None


def test_an_initiative_launched_at_a_place_gets_the_place_and_the_year() -> None:
    found = _initiatives("2027 年，中国—上海合作组织环保技术示范基地在西安启动建设，为各方提供交流平台。")
    base = found["中国—上海合作组织环保技术示范基地"]
    assert _values(base, "sco:place") == [Ref("place", "Xi'an")]
    assert _values(base, "schema:startDate") == [DateValue(2027)]


def test_a_fund_listed_after_a_body_is_read_without_the_body() -> None:
    found = _initiatives("积极争取上合组织银行联合体和亚洲合作基金的融资支持。")
    assert "亚洲合作基金" in found
    assert not [n for n in found if "银行联合体" in n]


def test_a_quoted_day_the_organisation_holds_is_a_themed_day() -> None:
    found = _initiatives("每年9月5日举办“上合组织清洁河流日”活动。")
    assert found["上合组织清洁河流日"].sco_class == "ThemedYear"


def test_an_owner_before_a_year_marked_title_names_it_too_and_it_keys_like_the_bare_title() -> None:
    owned = find_documents(_context("各方愿共同落实联合国2030年可持续发展议程。"), load_lexicon())
    bare = find_documents(_context("各方愿共同落实2030年可持续发展议程。"), load_lexicon())
    assert ("联合国2030年可持续发展议程", "zh") in owned[0].names
    assert owned[0].ref == bare[0].ref
    english = find_documents(_context("to implement the United Nations 2030 Agenda for Sustainable Development.", "en"), load_lexicon())
    assert ("United Nations 2030 Agenda for Sustainable Development", "en") in english[0].names


def test_a_network_to_be_formed_is_an_aim_not_an_initiative() -> None:
    found = _initiatives("推动形成上合组织国家生态环境科研合作网络，并建设上合组织环境科研数据平台。")
    assert "上合组织环境科研数据平台" in found
    assert not [n for n in found if n.endswith("合作网络")]


def test_a_quoted_project_opening_with_a_city_is_set_there() -> None:
    found = _initiatives("由该部实施的“塔什干清洁饮水”项目首批设施投入运行。")
    assert _values(found["“塔什干清洁饮水”项目"], "sco:place") == [Ref("place", "Tashkent")]
