"""Persons, roles, SCO roles and bodies as the held-out documents phrase them: hyphenated given
names, names cut by a line wrap, "该部部长", appositive role words, ministries listed with a
well-known one, "member institutions" and an organisation that only qualifies a longer name."""
from __future__ import annotations

from scokg.loaders.bodies import find_bodies
from scokg.loaders.body_names import body_names
from scokg.loaders.context import SentenceContext
from scokg.loaders.known_names import find_role_lists
from scokg.loaders.layout import Layout
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.people import find_persons
from scokg.loaders.person_names import foreign_name_after
from scokg.loaders.segments import Segment, paragraphs


def _ctx(text: str, lang: str = "zh", previous: list[Observation] | None = None) -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("synthetic", segment, True, default_name_index().find(text, lang), previous=previous or [])


def _persons(text: str, lang: str = "zh", previous: list[Observation] | None = None) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_persons(_ctx(text, lang, previous), load_lexicon())}


def _values(obs: Observation, predicate: str) -> list:
    return [f.value for f in obs.facts if f.predicate == predicate]


def _body_names(text: str, lang: str = "zh") -> list[str]:
    return [b.text for b in body_names(text, lang, tuple(default_name_index().find(text, lang)))]


# --- persons ---------------------------------------------------------------------------------


def test_a_hyphenated_given_name_before_a_dotted_surname_is_one_name() -> None:
    person = _persons("蒙古国环境和旅游部部长奥德-巴雅尔·冈苏赫表示，植树工程进展顺利。")
    assert set(person) == {"奥德-巴雅尔·冈苏赫"}
    assert Ref("state", "MNG") in _values(person["奥德-巴雅尔·冈苏赫"], "sco:represents")


def test_a_hyphen_without_a_dotted_surname_after_it_ends_the_name() -> None:
    words = load_lexicon().person_names
    assert foreign_name_after("阿兰-索卡表示", 0, words) == 2


def test_a_dotted_name_cut_by_a_hard_wrap_is_read_across_the_line_break() -> None:
    lines = [
        "【通讯社/3月2日】 3月1日，塔吉克斯坦政府批准了新的国家水资源管理方案和配套措施。",
        "",
        "塔吉克斯坦环境保护委员会主席阿扎马特·卡拉",
        "",
        "耶夫表示，该方案将在全国新建二十个水文监测站，并建立统一的水资源信息数据库系统。",
        "",
        "卡拉耶夫指出，塔方愿与各成员国在水资源监测领域开展长期合作并共享相关监测数据。",
    ]
    texts = [p.text for p in paragraphs("\n".join(lines), Layout.ZH_ONLY)]
    assert any("主席阿扎马特·卡拉耶夫表示" in t for t in texts)
    assert not any(t.endswith("阿扎马特·卡拉") for t in texts)


def test_vice_premier_is_not_also_premier() -> None:
    en = _persons("Vice Premier Li Ming of the State Council of the People's Republic of China attended the meeting.", "en")
    assert _values(en["Li Ming"], "schema:jobTitle") == ["Vice Premier"]
    zh = _persons("中华人民共和国国务院副总理李明出席会议。")
    assert _values(zh["李明"], "schema:jobTitle") == ["国务院副总理", "Vice Premier"]


def test_a_ministry_secretary_has_the_role_secretary_and_represents_the_ministry() -> None:
    person = _persons("印度环境、森林和气候变化部秘书拉吉夫·库马尔主持会议。")["拉吉夫·库马尔"]
    assert _values(person, "schema:jobTitle") == ["秘书", "Secretary"]
    represents = _values(person, "sco:represents")
    assert represents[0] == Ref("state", "IND")
    assert represents[1] == Ref("body", "zh:印度环境森林和气候变化部")


def test_the_minister_of_that_ministry_represents_the_ministry_named_before() -> None:
    first = "哈萨克斯坦生态和自然资源部在阿斯塔纳启动全国植树运动。"
    previous = find_bodies(_ctx(first), load_lexicon())
    person = _persons("该部部长努尔兰·阿布迪罗夫表示，运动将持续三年。", previous=previous)["努尔兰·阿布迪罗夫"]
    assert _values(person, "schema:jobTitle") == ["部长", "Minister"]
    represents = _values(person, "sco:represents")
    assert represents[0] == Ref("state", "KAZ")
    assert represents[1].kind == "body" and represents[1].key.endswith("生态和自然资源部")


def test_that_ministry_refers_to_nothing_without_a_ministry_before() -> None:
    person = _persons("该部部长努尔兰·阿布迪罗夫表示，运动将持续三年。")["努尔兰·阿布迪罗夫"]
    assert _values(person, "sco:represents") == []


# --- SCO roles -------------------------------------------------------------------------------


def _roles(text: str, lang: str) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for obs in find_role_lists(_ctx(text, lang), load_lexicon()):
        result.setdefault(obs.ref.key, set()).update(v.key for v in _values(obs, "sco:scoRole"))
    return result


def test_states_right_after_a_role_word_have_that_role() -> None:
    roles = _roles("上合组织观察员国蒙古国总理出席会议，上合组织对话伙伴阿塞拜疆、柬埔寨和尼泊尔代表列席会议。", "zh")
    assert roles == {"MNG": {"ObserverStateRole"}, "AZE": {"DialoguePartnerRole"}, "KHM": {"DialoguePartnerRole"}, "NPL": {"DialoguePartnerRole"}}


def test_english_appositions_give_the_role() -> None:
    text = ("The Prime Minister of Mongolia, an SCO observer state, and representatives of the SCO "
            "dialogue partners Azerbaijan, Cambodia and Nepal attended the meeting.")
    roles = _roles(text, "en")
    assert roles == {"MNG": {"ObserverStateRole"}, "AZE": {"DialoguePartnerRole"}, "KHM": {"DialoguePartnerRole"}, "NPL": {"DialoguePartnerRole"}}


def test_a_state_not_next_to_a_role_word_gets_no_role() -> None:
    assert _roles("对话伙伴代表与印度专家举行会谈。", "zh") == {}


# --- bodies ----------------------------------------------------------------------------------


def test_ministries_listed_with_a_well_known_one_are_bodies() -> None:
    names = _body_names("生态环境部会同商务部、水利部和财政部等部门开展评估。")
    assert {"水利部", "财政部"} <= set(names)
    assert _body_names("东部、商务部等地区") == ["商务部"]


def test_member_institutions_of_a_consortium_are_no_body() -> None:
    assert "上合组织银行联合体成员机构" not in _body_names("鼓励上合组织银行联合体成员机构参与项目融资。")


def test_an_organisation_that_only_begins_a_longer_name_is_not_named() -> None:
    def bodies(text: str, lang: str) -> set[str]:
        return {o.ref.key for o in find_bodies(_ctx(text, lang), load_lexicon())}

    assert "united-nations" not in bodies("联合国人类住区规划署的代表与会。", "zh")
    assert "united-nations" not in bodies("Representatives of the United Nations Human Settlements Programme attended.", "en")
    assert "united-nations" in bodies("Reform of the United Nations was discussed.", "en")


def test_that_ministry_may_be_named_earlier_in_the_same_sentence() -> None:
    text = "吉尔吉斯斯坦自然资源、生态和技术监督部启动冰川监测项目，该部部长阿斯卡尔·别克耶夫出席仪式。"
    person = _persons(text)["阿斯卡尔·别克耶夫"]
    represents = _values(person, "sco:represents")
    assert represents[0] == Ref("state", "KGZ")
    assert represents[1] == Ref("body", "zh:吉尔吉斯斯坦自然资源生态和技术监督部")


def test_a_line_wrapped_at_a_middle_dot_or_a_hyphen_runs_on() -> None:
    lines = [
        "【通讯社/4月9日】 4月8日，蒙古国政府批准了新的国家荒漠化防治方案和相关配套措施。",
        "",
        "蒙古国环境和旅游部部长奥德-",
        "",
        "巴雅尔·冈苏赫表示，该方案将在南部地区新建三十个防护林带，并建立统一的监测信息平台。",
        "",
        "塔吉克斯坦环境保护委员会主席阿扎马特·",
        "",
        "卡拉耶夫表示，塔方愿与各成员国在水资源监测领域开展长期合作并共享相关监测数据资料。",
    ]
    texts = [p.text for p in paragraphs("\n".join(lines), Layout.ZH_ONLY)]
    assert any("部长奥德-巴雅尔·冈苏赫表示" in t for t in texts)
    assert any("主席阿扎马特·卡拉耶夫表示" in t for t in texts)
