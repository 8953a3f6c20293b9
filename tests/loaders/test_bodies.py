"""Bodies: well-known ones from the reference data, others by their head words; what their names tell."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.bodies import find_bodies
from scokg.loaders.body_names import BodyName, body_names
from scokg.loaders.context import SentenceContext
from scokg.loaders.known_names import find_known_names
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment

CORPUS = Path(__file__).parents[2] / "corpus"


def _bodies(text: str, lang: str = "zh") -> dict[str, BodyName]:
    return {b.text: b for b in body_names(text, lang, tuple(default_name_index().find(text, lang)))}


def _context(text: str, lang: str = "zh") -> SentenceContext:
    return SentenceContext("synthetic", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang))


# --- Chinese --------------------------------------------------------------------------------


def test_a_ministry_named_after_its_state_is_that_states_not_a_well_known_namesake() -> None:
    found = _bodies("会上，塔吉克斯坦外交部介绍了轮值主席国期间的优先事项。")
    assert set(found) == {"塔吉克斯坦外交部"}
    assert found["塔吉克斯坦外交部"].country == "TJK"
    found = _bodies("3月5日，白俄罗斯自然资源与环境保护部部长谢尔盖·马斯利亚克主持召开部务会议。")
    assert set(found) == {"白俄罗斯自然资源与环境保护部"}
    assert found["白俄罗斯自然资源与环境保护部"].country == "BLR"


def test_an_enumeration_inside_a_ministry_name_is_part_of_it() -> None:
    found = _bodies("哈萨克斯坦生态、地质与自然资源部部长米尔扎加利耶夫表示，新《生态法典》将生效。")
    assert set(found) == {"哈萨克斯坦生态、地质与自然资源部"}
    assert found["哈萨克斯坦生态、地质与自然资源部"].sco_class == "GovernmentAgency"


def test_a_one_character_state_abbreviation_names_the_ministrys_state() -> None:
    short = _bodies("此外，俄经济发展部建议促进电动汽车的使用。")["俄经济发展部"]
    full = _bodies("日前，俄罗斯经济发展部向政府提交报告。")["俄罗斯经济发展部"]
    assert short.country == full.country == "RUS"
    assert short.ref == full.ref


def test_a_body_whose_name_begins_with_another_is_part_of_it() -> None:
    found = _bodies("肯定印度世界事务委员会上合组织研究中心所作贡献。")
    assert found["印度世界事务委员会"].country == "IND"
    assert found["印度世界事务委员会上合组织研究中心"].part_of == found["印度世界事务委员会"].ref
    found = _bodies("上合组织银行联合体理事会代表谭炯列席会议。")
    assert found["上合组织银行联合体"].ref == Ref("body", "sco-interbank-consortium")
    assert found["上合组织银行联合体理事会"].part_of == Ref("body", "sco-interbank-consortium")


def test_the_sco_in_a_name_makes_no_organ_of_the_sco() -> None:
    assert _bodies("包括推进上合组织大学建设。")["上合组织大学"].part_of is None


def test_a_conjunction_joins_words_of_one_name_or_two_names() -> None:
    assert set(_bodies("注意到关于建立育种和种业合作专家工作组的倡议。")) == {"育种和种业合作专家工作组"}
    found = _bodies("支持继续开展上合组织医学协会和上合组织医疗旅游联盟的建设工作。")
    assert {"上合组织医学协会", "上合组织医疗旅游联盟"} <= set(found)
    found = _bodies("支持继续在投资促进专门工作组、投资者联盟框架内加强合作。")
    assert {"投资促进专门工作组", "投资者联盟"} <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "各国主管部门将依托上合组织成员国相关部门开展工作。",  # kinds of bodies, not names
        "新的政治经济中心作用日益凸显。",
        "支持环保社会组织与沿线国家相关机构建立合作伙伴关系。",
        "在公共浴室、保健中心等场所用气体燃料替代化石燃料。",
        "印度共和国外交部长苏杰生出席会议。",  # 外交部长 is a title, not China's foreign ministry
        "哈萨克斯坦总统托卡耶夫签署新《生态法典》。",  # 签署 holds no 署
        "上合组织成员国港口和物流中心负责人会议。",
    ],
)
def test_no_body_in_descriptions_titles_and_verbs(text: str) -> None:
    assert not [b for b in _bodies(text).values() if not b.known]


def test_a_cooperation_forum_listed_as_a_mechanism_is_a_body_an_economic_forum_is_not() -> None:
    found = _bodies("充分利用中国—东盟、上海合作组织、澜沧江—湄公河、欧亚经济论坛、中非合作论坛、亚信等合作机制。")
    assert {"中国—东盟", "澜沧江—湄公河", "中非合作论坛"} <= set(found)
    assert "欧亚经济论坛" not in found
    assert found["亚信"].ref == Ref("body", "cica")


def test_where_and_within_what_a_body_is_set_up() -> None:
    centre = _bodies("并注意到在杜尚别建立中亚人工智能中心的倡议。")["中亚人工智能中心"]
    assert (centre.place, centre.country) == ("Dushanbe", "TJK")
    found = _bodies("注意到在上合组织经济智库联盟框架内设立可持续发展委员会的建议。")
    assert found["可持续发展委员会"].part_of == found["上合组织经济智库联盟"].ref


def test_words_of_a_persons_title_are_no_part_of_the_bodys_name() -> None:
    found = _bodies("4月19日，谢丽·拉赫曼宣誓就任巴基斯坦新任气候变化部部长。")
    assert [b.text for b in found.values() if not b.known] == ["巴基斯坦气候变化部"]
    assert found["巴基斯坦气候变化部"].country == "PAK"


def test_a_well_known_body_names_its_parent_when_its_name_holds_it() -> None:
    found = _bodies("深入参与国际原子能机构、经合组织核能署等国际组织的各类活动。")
    assert found["经合组织核能署"].ref == Ref("body", "oecd-nea")
    assert found["经合组织"].ref == Ref("body", "oecd")
    assert found["国际原子能机构"].ref == Ref("body", "iaea")


# --- English --------------------------------------------------------------------------------


def test_english_names_with_complements_and_lists() -> None:
    found = _bodies(
        "The heads of delegations affirmed the contributions made by the China SCO Good-Neighborliness, Friendship and "
        "Cooperation Committee and the SCO Center for People-to-People Diplomacy of Uzbekistan.",
        "en",
    )
    assert found["China SCO Good-Neighborliness, Friendship and Cooperation Committee"].country == "CHN"
    assert found["SCO Center for People-to-People Diplomacy of Uzbekistan"].country == "UZB"
    found = _bodies("They supported cooperation within the Special Working Group on Investment Promotion and the Investors' Union.", "en")
    assert {"Special Working Group on Investment Promotion", "Investors' Union"} <= set(found)


def test_english_names_stop_at_a_persons_name_and_at_a_well_known_name() -> None:
    found = _bodies("Chairman of the Cabinet of Ministers Adylbek Kasymaliev of the Kyrgyz Republic attended.", "en")
    assert not any("Kasymaliev" in name for name in found)
    found = _bodies("Premier Li Qiang of the State Council of the People's Republic of China attended the meeting.", "en")
    assert [b.ref for b in found.values()] == [Ref("body", "state-council-china")]


# --- observations ---------------------------------------------------------------------------


def test_observations_carry_country_parent_and_nesting() -> None:
    ctx = _context("上合组织地区反恐怖机构执行委员会主任沙尔舍耶夫列席会议。")
    found = {o.names[0][0]: o for o in find_bodies(ctx, load_lexicon())}
    executive = found["上合组织地区反恐怖机构执行委员会"]
    assert [f.value for f in executive.facts if f.predicate == "sco:partOf"] == [Ref("body", "sco-rats")]
    assert found["上合组织地区反恐怖机构"].nested and found["上合组织"].nested
    assert not executive.nested
    states = find_known_names(_context("俄罗斯能源部部长亚历山大·诺瓦克在论坛上发言。"), load_lexicon())
    assert [(o.ref.key, o.nested) for o in states] == [("RUS", True)]


# --- the corpus -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def entities():
    return load_corpus(CORPUS, "https://w3id.org/sco-kg/").entities


def test_the_communique_names_sco_bodies_in_both_languages(entities) -> None:
    rats_ec = entities[Ref("body", "zh:地区反恐怖机构执行委员会")]
    assert rats_ec.labels == {"zh": "上合组织地区反恐怖机构执行委员会", "en": "SCO Regional Anti-Terrorist Structure Executive Committee"}
    assert rats_ec.value("sco:partOf") == Ref("body", "sco-rats")
    centre = entities[Ref("body", "zh:吉尔吉斯斯坦文化一体化中心")]
    assert centre.labels["en"] == "SCO Cultural Integration Center of Kyrgyzstan"
    assert centre.value("sco:country") == Ref("state", "KGZ")


def test_the_bulletin_names_national_ministries_with_their_state(entities) -> None:
    ministries = {e.labels["zh"]: e.value("sco:country").key for e in entities.values() if e.ref.kind == "body" and e.value("sco:country")}
    assert ministries["俄罗斯能源部"] == "RUS"
    assert ministries["亚美尼亚环境部"] == "ARM"
    assert ministries["哈萨克斯坦参议院"] == "KAZ"
    assert ministries["白俄罗斯自然资源与环保部"] == "BLR"


def _founding_facts(text: str, lang: str = "zh") -> dict[str, dict[str, list]]:
    result: dict[str, dict[str, list]] = {}
    for obs in find_bodies(_context(text, lang), load_lexicon()):
        facts = result.setdefault(obs.names[0][0], {})
        for fact in obs.facts:
            if fact.predicate in ("schema:foundingDate", "sco:place"):
                facts.setdefault(fact.predicate, []).append(fact.value.lexical() if hasattr(fact.value, "lexical") else fact.value.key)
    return result


def test_a_founding_gives_the_date_and_place_the_clause_tells() -> None:
    sco = _founding_facts("上海合作组织是由哈萨克斯坦、中国、吉尔吉斯斯坦、俄罗斯、塔吉克斯坦、乌兹别克斯坦于2001年在上海成立的永久性政府间国际组织。")
    assert sco["上海合作组织"] == {"schema:foundingDate": ["2001"], "sco:place": ["Shanghai"]}
    english = _founding_facts("The Shanghai Cooperation Organization (SCO) is a permanent intergovernmental international organization established on June 15, 2001 in Shanghai (PRC) by the Republic of Kazakhstan.", "en")
    assert english["Shanghai Cooperation Organization"] == {"schema:foundingDate": ["2001-06-15"], "sco:place": ["Shanghai"]}
    centre = _founding_facts("2014年6月，启动中国-上海合作组织环境保护合作中心。")
    assert centre["中国-上海合作组织环境保护合作中心"] == {"schema:foundingDate": ["2014-06"]}


@pytest.mark.parametrize(
    "text",
    [
        "上合组织成员国环保部门专家会议于2005年启动。",  # the meeting was launched, not the SCO
        "2012年12月上海合作组织成员国政府首脑（总理）理事会第11次会议，中国领导人提出将成立中国-上海合作组织环保合作中心。",
        "吹风会还展示了上合组织成立20周年徽标。",
    ],
)
def test_no_founding_where_the_clause_founds_nothing_named(text: str) -> None:
    assert all(not facts for facts in _founding_facts(text).values())
