"""Persons: titles with employers, name-first titles, dotted foreign names; role, employer, state."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.people import find_persons
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment

CORPUS = Path(__file__).parents[2] / "corpus"


def _persons(text: str, lang: str = "zh") -> dict[str, Observation]:
    ctx = SentenceContext("synthetic", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang))
    return {o.names[0][0]: o for o in find_persons(ctx, load_lexicon())}


def _values(obs: Observation, predicate: str) -> list:
    return [f.value for f in obs.facts if f.predicate == predicate]


def test_a_minister_after_a_ministry_represents_it_and_its_state() -> None:
    person = _persons("俄经济发展部副部长托罗索夫表示，该部已向政府提交新能效提高计划。")["托罗索夫"]
    assert _values(person, "schema:jobTitle") == ["副部长", "Deputy Minister"]
    assert _values(person, "sco:represents") == [Ref("state", "RUS"), Ref("body", "zh:俄罗斯经济发展部")]


def test_transliterated_names_end_where_their_characters_end() -> None:
    assert set(_persons("近日，哈萨克斯坦总统托卡耶夫签署新《生态法典》。")) == {"托卡耶夫"}
    assert set(_persons("塔吉克斯坦总统埃莫马利·拉赫蒙批准了《上海合作组织轮值主席国构想》。")) == {"埃莫马利·拉赫蒙"}
    assert set(_persons("俄罗斯能源部部长亚历山大·诺瓦克在盖达罗夫斯克论坛上发言。")) == {"亚历山大·诺瓦克"}


def test_a_name_before_its_title_and_a_dotted_name_on_its_own() -> None:
    person = _persons("马利克指出：“伊姆兰·汗总理领导的政府意识到这片地区面临的挑战。”")["伊姆兰·汗"]
    assert _values(person, "schema:jobTitle") == ["总理", "Prime Minister"]
    assert set(_persons("关于举办以钦吉斯·艾特玛托夫命名的伊塞克湖论坛周年会议的倡议。")) == {"钦吉斯·艾特玛托夫"}


def test_the_words_between_employer_and_title_belong_to_the_role() -> None:
    person = _persons("巴基斯坦总理气候变化特别助理马利克·阿明·阿斯拉姆表示，政府正在采取全面措施。")["马利克·阿明·阿斯拉姆"]
    assert _values(person, "schema:jobTitle")[0] == "总理气候变化特别助理"
    assert _values(person, "sco:represents") == [Ref("state", "PAK")]


def test_a_city_official_gets_the_citys_country() -> None:
    person = _persons("比什凯克代市长图洛巴耶夫4日当天回应称，问题在短期内无法解决。")["图洛巴耶夫"]
    assert _values(person, "sco:country") == [Ref("state", "KGZ")]
    assert _values(person, "schema:jobTitle") == ["代市长", "Acting Mayor"]


def test_a_title_taken_up_after_the_name() -> None:
    person = _persons("4月19日，谢丽·拉赫曼在伊斯兰堡宣誓就任巴基斯坦气候变化部部长。")["谢丽·拉赫曼"]
    assert _values(person, "schema:jobTitle") == ["部长", "Minister"]
    assert Ref("state", "PAK") in _values(person, "sco:represents")


@pytest.mark.parametrize(
    "text",
    [
        "针对当前的环境形势，哈萨克斯坦人民党代表指出需要紧急采取措施。",
        "上合组织国家代表参观再生水厂。",
        "该机构将由部长直接领导。",
        "吉尔吉特·巴尔蒂斯坦首席部长在谈到环境退化时称。",
        "亚美尼亚环境部将新设部长公共委员会。",
        "塔吉克斯坦举行担任上合组织轮值主席国吹风会。",
    ],
)
def test_no_person_without_a_name(text: str) -> None:
    assert _persons(text) == {}


def test_english_employers_as_the_chinese_original_gives_them() -> None:
    premier = _persons("Premier Li Qiang of the State Council of the People's Republic of China attended the meeting.", "en")["Li Qiang"]
    assert _values(premier, "sco:represents") == [Ref("state", "CHN"), Ref("body", "state-council-china")]
    assert _values(premier, "schema:jobTitle") == ["Premier"]
    director = _persons("SCO Regional Anti-Terrorist Structure Executive Committee Director Sharsheev attended the meeting.", "en")["Sharsheev"]
    assert _values(director, "sco:represents") == []  # the committee is keyed by its Chinese name


@pytest.fixture(scope="module")
def entities():
    return load_corpus(CORPUS, "https://w3id.org/sco-kg/").entities


def test_the_communique_persons_represent_their_bodies(entities) -> None:
    tan = entities[Ref("person", "zh:谭炯")]
    assert tan.labels["zh"] == "谭炯"
    assert Ref("body", "zh:银行联合体理事会") in tan.values("sco:represents")
    assert ("Representative", "en") in {(f.value, f.lang) for f in tan.facts if f.predicate == "schema:jobTitle"}
    li = entities[Ref("person", "zh:李强")]
    assert set(li.values("sco:represents")) == {Ref("state", "CHN"), Ref("body", "state-council-china")}


def test_the_bulletin_names_its_officials(entities) -> None:
    names = {e.labels.get("zh") for e in entities.values() if e.ref.kind == "person"}
    assert {"托卡耶夫", "诺维科夫", "伊姆兰·汗", "列舍特尼科夫", "马赫祖穆·米尔扎哈利耶夫"} <= names
