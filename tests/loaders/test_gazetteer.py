"""Tests for the reference gazetteer (states, places, themes) and its validation."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scokg.loaders.gazetteer import (
    DATA_DIR,
    Gazetteer,
    PlaceRecord,
    ReferenceDataError,
    StateRecord,
    load_gazetteer,
    normalize_name,
)

# The 26 SCO states (10 members, 2 observers, 14 dialogue partners) by English name.
SCO_STATES = {
    "Belarus": "BLR", "India": "IND", "Iran": "IRN", "Kazakhstan": "KAZ", "China": "CHN",
    "Kyrgyzstan": "KGZ", "Pakistan": "PAK", "Russia": "RUS", "Tajikistan": "TJK",
    "Uzbekistan": "UZB",
    "Afghanistan": "AFG", "Mongolia": "MNG",
    "Azerbaijan": "AZE", "Armenia": "ARM", "Bahrain": "BHR", "Egypt": "EGY",
    "Cambodia": "KHM", "Qatar": "QAT", "Kuwait": "KWT", "Maldives": "MDV", "Myanmar": "MMR",
    "Nepal": "NPL", "United Arab Emirates": "ARE", "Saudi Arabia": "SAU", "Türkiye": "TUR",
    "Sri Lanka": "LKA",
}

# Official names as the SCO documents spell them, in both languages.
SCO_OFFICIAL_NAMES = {
    "the Republic of Belarus": ("BLR", "白俄罗斯共和国"),
    "the Republic of India": ("IND", "印度共和国"),
    "the Islamic Republic of Iran": ("IRN", "伊朗伊斯兰共和国"),
    "the Republic of Kazakhstan": ("KAZ", "哈萨克斯坦共和国"),
    "the People's Republic of China": ("CHN", "中华人民共和国"),
    "the Kyrgyz Republic": ("KGZ", "吉尔吉斯共和国"),
    "the Islamic Republic of Pakistan": ("PAK", "巴基斯坦伊斯兰共和国"),
    "Russian Federation": ("RUS", "俄罗斯联邦"),
    "the Republic of Tajikistan": ("TJK", "塔吉克斯坦共和国"),
    "the Republic of Uzbekistan": ("UZB", "乌兹别克斯坦共和国"),
    "Islamic Republic of Afghanistan": ("AFG", "阿富汗伊斯兰共和国"),
    "Mongolia": ("MNG", "蒙古国"),
    "Republic of Azerbaijan": ("AZE", "阿塞拜疆共和国"),
    "the Republic of Armenia": ("ARM", "亚美尼亚共和国"),
    "Kingdom of Bahrain": ("BHR", "巴林王国"),
    "Arab Republic of Egypt": ("EGY", "阿拉伯埃及共和国"),
    "Kingdom of Cambodia": ("KHM", "柬埔寨王国"),
    "State of Qatar": ("QAT", "卡塔尔国"),
    "State of Kuwait": ("KWT", "科威特国"),
    "Republic of Maldives": ("MDV", "马尔代夫共和国"),
    "Republic of the Union of Myanmar": ("MMR", "缅甸联邦共和国"),
    "Federal Democratic Republic of Nepal": ("NPL", "尼泊尔联邦民主共和国"),
    "United Arab Emirates": ("ARE", "阿拉伯联合酋长国"),
    "Kingdom of Saudi Arabia": ("SAU", "沙特阿拉伯王国"),
    "Republic of Turkey": ("TUR", "土耳其共和国"),
    "Democratic Socialist Republic of Sri Lanka": ("LKA", "斯里兰卡民主社会主义共和国"),
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# --- the shipped data -------------------------------------------------------------


def test_files_load(gaz: Gazetteer) -> None:
    assert isinstance(gaz, Gazetteer)
    assert len(gaz.states) >= 90
    assert len(gaz.places) >= 250
    assert 14 <= len(gaz.themes) <= 25
    assert all(isinstance(s, StateRecord) for s in gaz.states)
    assert all(isinstance(p, PlaceRecord) for p in gaz.places)
    assert {p.kind for p in gaz.places} == {"city", "region"}


def test_default_load_is_cached(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
    assert load_gazetteer(DATA_DIR) == gaz


@pytest.mark.parametrize(("name", "alpha3"), sorted(SCO_STATES.items()))
def test_every_sco_state_is_present(gaz: Gazetteer, name: str, alpha3: str) -> None:
    state = gaz.state_by_name(name)
    assert state is not None, name
    assert state.alpha3 == alpha3


def test_real_iso_codes(gaz: Gazetteer) -> None:
    expected = {
        "KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "UZB": "UZ", "BLR": "BY", "IRN": "IR",
        "PAK": "PK", "IND": "IN", "MNG": "MN", "AFG": "AF", "MMR": "MM", "LKA": "LK",
        "ARE": "AE", "TUR": "TR", "TKM": "TM", "CHN": "CN", "RUS": "RU", "NOR": "NO",
        "PRK": "KP", "KOR": "KR",
    }
    for alpha3, alpha2 in expected.items():
        state = gaz.state_by_code(alpha3)
        assert state is not None, alpha3
        assert state.alpha2 == alpha2
        assert gaz.state_by_code(alpha2.lower()) is state
    assert gaz.state_by_name("Kazakhstan").alpha3 == "KAZ"
    assert gaz.state_by_name("Kyrgyzstan").alpha3 == "KGZ"
    assert gaz.state_by_name("Turkmenistan").alpha3 == "TKM"
    assert gaz.state_by_name("Sri Lanka").alpha3 == "LKA"
    assert gaz.state_by_name("Myanmar").alpha3 == "MMR"


def test_codes_and_names_are_unique(gaz: Gazetteer) -> None:
    assert len({s.alpha3 for s in gaz.states}) == len(gaz.states)
    assert len({s.alpha2 for s in gaz.states}) == len(gaz.states)
    seen: dict[str, str] = {}
    for state in gaz.states:
        for name in {normalize_name(n) for n in (*state.all_en_names, *state.all_zh_names)}:
            assert seen.setdefault(name, state.alpha3) == state.alpha3, name


@pytest.mark.parametrize(("en", "expected"), sorted(SCO_OFFICIAL_NAMES.items()))
def test_official_names_in_both_languages(gaz: Gazetteer, en: str, expected: tuple) -> None:
    alpha3, zh = expected
    assert gaz.state_by_name(en).alpha3 == alpha3
    assert gaz.state_by_name(zh).alpha3 == alpha3


def test_lookup_by_zh_official_and_short_names(gaz: Gazetteer) -> None:
    assert gaz.state_by_name("中华人民共和国").alpha3 == "CHN"
    assert gaz.state_by_name("中国").alpha3 == "CHN"
    assert gaz.state_by_name("中方").alpha3 == "CHN"
    assert gaz.state_by_name("哈萨克斯坦").alpha3 == "KAZ"
    assert gaz.state_by_name("吉尔吉斯斯坦").alpha3 == "KGZ"
    assert gaz.state_by_name("吉尔吉斯").alpha3 == "KGZ"
    assert gaz.state_by_name("俄罗斯").alpha3 == "RUS"
    assert gaz.state_by_name("俄方").alpha3 == "RUS"
    assert gaz.state_by_name("阿联酋").alpha3 == "ARE"
    assert gaz.state_by_name("土耳其").alpha3 == "TUR"
    assert gaz.state_by_name("白俄罗斯").alpha3 == "BLR"


def test_lookup_by_en_official_name_with_the(gaz: Gazetteer) -> None:
    assert gaz.state_by_name("the Republic of Kazakhstan").alpha3 == "KAZ"
    assert gaz.state_by_name("The Russian Federation").alpha3 == "RUS"
    assert gaz.state_by_name("the People's Republic of China").alpha3 == "CHN"
    assert gaz.state_by_name("the People\u2019s Republic of China").alpha3 == "CHN"
    assert gaz.state_by_name("  the   kyrgyz republic ").alpha3 == "KGZ"
    assert gaz.state_by_name("the UAE").alpha3 == "ARE"


def test_lookup_by_aliases_and_adjectives(gaz: Gazetteer) -> None:
    for name in ("Türkiye", "Turkey", "Turkiye", "Republic of Türkiye", "Republic of Turkey",
                 "Turkish"):
        assert gaz.state_by_name(name).alpha3 == "TUR", name
    assert gaz.state_by_name("PRC").alpha3 == "CHN"
    assert gaz.state_by_name("Chinese").alpha3 == "CHN"
    assert gaz.state_by_name("Russian").alpha3 == "RUS"
    assert gaz.state_by_name("Qatari").alpha3 == "QAT"
    assert gaz.state_by_name("Mongolian").alpha3 == "MNG"
    assert gaz.state_by_name("Burma").alpha3 == "MMR"
    assert gaz.state_by_name("Atlantis") is None
    assert gaz.state_by_name("") is None


def test_one_character_abbreviations_are_not_names(gaz: Gazetteer) -> None:
    for state in gaz.states:
        assert all(len(n) >= 2 for n in state.all_zh_names), state.alpha3
    assert gaz.state_by_name("哈") is None
    assert gaz.state_by_abbreviation("哈").alpha3 == "KAZ"
    assert gaz.state_by_abbreviation("塔").alpha3 == "TJK"
    assert gaz.state_by_abbreviation("吉").alpha3 == "KGZ"
    assert gaz.state_by_abbreviation("俄").alpha3 == "RUS"
    assert gaz.state_by_abbreviation("阿") is None  # shared by too many states
    abbreviations = [s.zh_abbreviation for s in gaz.states if s.zh_abbreviation]
    assert len(abbreviations) == len(set(abbreviations))


def test_all_names_properties(gaz: Gazetteer) -> None:
    china = gaz.state_by_code("CHN")
    assert china.all_en_names[:2] == ("China", "People's Republic of China")
    assert "PRC" in china.all_en_names
    assert china.all_zh_names[:2] == ("中国", "中华人民共和国")
    state = StateRecord("XXX", "XX", "the Land", "the Republic of Land", "某国", "某国共和国",
                        en_aliases=("the Landish",))
    assert state.all_en_names == ("Land", "Republic of Land", "Landish")


def test_no_en_name_starts_with_the(gaz: Gazetteer) -> None:
    for record in (*gaz.states, *gaz.places):
        assert not any(n.lower().startswith("the ") for n in record.all_en_names), record


def test_capitals_are_cities_of_their_state(gaz: Gazetteer) -> None:
    for state in gaz.states:
        if state.capital is None:
            continue
        capital = gaz.capital_of(state)
        assert capital is not None, state.alpha3
        assert capital.kind == "city" and capital.country == state.alpha3
    assert gaz.capital_of(gaz.state_by_code("KAZ")).en == "Astana"
    assert gaz.capital_of(gaz.state_by_code("KGZ")).en == "Bishkek"


def test_place_lookups(gaz: Gazetteer) -> None:
    astana = gaz.place_by_name("Nur-Sultan")
    assert astana is not None and astana.en == "Astana" and astana.country == "KAZ"
    assert gaz.place_by_name("努尔苏丹") is astana
    assert gaz.place_by_name("阿斯塔纳") is astana
    assert gaz.place_by_name("青岛市").en == "Qingdao"
    assert gaz.place_by_name("Cholpon-Ata").zh == "乔蓬阿塔"
    assert gaz.place_by_name("乔蓬阿塔").country == "KGZ"
    assert gaz.place_by_name("Shandong Province").kind == "region"
    assert gaz.place_by_name("山东省").en == "Shandong"
    assert gaz.place_by_name("吉尔吉特•巴尔蒂斯坦").en == "Gilgit-Baltistan"  # bullet as dot
    assert gaz.place_by_name("Xian").en == "Xi'an"
    assert gaz.place_by_name("Xi\u2019an").en == "Xi'an"
    assert gaz.place_by_name("海参崴").en == "Vladivostok"
    assert gaz.place_by_name("Atlantis") is None


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Beijing", "CHN", "city"), ("Shanghai", "CHN", "city"), ("Qingdao", "CHN", "city"),
        ("Tianjin", "CHN", "city"), ("Chongqing", "CHN", "city"), ("Chengdu", "CHN", "city"),
        ("Harbin", "CHN", "city"), ("Karamay", "CHN", "city"), ("Kunming", "CHN", "city"),
        ("Shenzhen", "CHN", "city"), ("Xiamen", "CHN", "city"),
        ("Moscow", "RUS", "city"), ("Vladivostok", "RUS", "city"), ("Omsk", "RUS", "city"),
        ("Yekaterinburg", "RUS", "city"),
        ("Astana", "KAZ", "city"), ("Almaty", "KAZ", "city"), ("Aktau", "KAZ", "city"),
        ("Aktobe", "KAZ", "city"), ("Atyrau", "KAZ", "city"), ("Oskemen", "KAZ", "city"),
        ("Karaganda", "KAZ", "city"), ("Balkhash", "KAZ", "city"),
        ("Zhezkazgan", "KAZ", "city"), ("Shymkent", "KAZ", "city"), ("Temirtau", "KAZ", "city"),
        ("Bishkek", "KGZ", "city"), ("Cholpon-Ata", "KGZ", "city"),
        ("Chuy Region", "KGZ", "region"), ("Issyk-Kul Region", "KGZ", "region"),
        ("Sokuluk District", "KGZ", "region"), ("Alamudun District", "KGZ", "region"),
        ("Dushanbe", "TJK", "city"), ("Samarkand", "UZB", "city"), ("Tashkent", "UZB", "city"),
        ("Polotsk", "BLR", "city"), ("Kathmandu", "NPL", "city"), ("Montreal", "CAN", "city"),
        ("Gilgit-Baltistan", "PAK", "region"), ("Xinjiang", "CHN", "region"),
        ("Heilongjiang", "CHN", "region"), ("Inner Mongolia", "CHN", "region"),
        ("Jilin", "CHN", "region"), ("Yunnan", "CHN", "region"), ("Guangxi", "CHN", "region"),
        ("Jiangsu", "CHN", "region"), ("Guangdong", "CHN", "region"),
        ("Shaanxi", "CHN", "region"), ("Fujian", "CHN", "region"),
    ],
)
def test_places_named_in_the_corpus(gaz: Gazetteer, name: str, country: str, kind: str) -> None:
    place = gaz.place_by_name(name)
    assert place is not None, name
    assert (place.country, place.kind) == (country, kind)


def test_seed_zh_place_names(gaz: Gazetteer) -> None:
    for zh in ("克拉玛依", "阿克套", "鄂木斯克", "符拉迪沃斯托克", "叶卡捷琳堡", "撒马尔罕",
               "杜尚别", "比什凯克", "阿拉木图", "楚河州", "索库鲁克区", "阿拉姆东区",
               "伊塞克湖州", "奥斯卡曼", "铁米尔套", "杰兹卡兹甘", "奇姆肯特", "波洛茨克",
               "加德满都", "塔什干", "哈尔滨", "重庆", "成都", "深圳", "黑龙江", "内蒙古",
               "吉林", "新疆", "云南", "广西", "江苏", "广东", "陕西", "福建", "山东省"):
        assert gaz.place_by_name(zh) is not None, zh


def test_themes(gaz: Gazetteer) -> None:
    slugs = {t.slug for t in gaz.themes}
    for slug in ("climate-change", "biodiversity", "waste-management", "green-development",
                 "sustainable-development", "pollution-prevention", "water-resources",
                 "clean-energy", "ecological-security", "environmental-information",
                 "capacity-building", "green-finance", "nuclear-radiation-safety",
                 "environmental-technology-industry", "low-carbon-development", "glaciers"):
        assert slug in slugs
    climate = gaz.theme_by_slug("climate-change")
    assert "climate change" in climate.keywords_en and "气候变化" in climate.keywords_zh
    assert gaz.theme_by_slug("glaciers").broader == "climate-change"
    assert {t.slug for t in gaz.narrower_themes("pollution-prevention")} == {
        "air-pollution", "water-pollution", "soil-pollution"}
    for theme in gaz.themes:
        assert theme.keywords_en and theme.keywords_zh
        assert all(k == k.lower() for k in theme.keywords_en)
        assert theme.broader is None or gaz.theme_by_slug(theme.broader) is not None
        # too generic to tag a sentence on their own
        assert not {"environment", "cooperation", "green"} & set(theme.keywords_en)
        assert not {"环境", "生态", "合作", "绿色"} & set(theme.keywords_zh)


# --- validation of bad data -------------------------------------------------------

STATES = [
    {"alpha3": "AAA", "alpha2": "AA", "en": "Aland", "en_official": "Republic of Aland",
     "zh": "甲国", "zh_official": "甲共和国", "en_aliases": ["Alandish"], "zh_aliases": [],
     "zh_abbreviation": "甲", "capital": "Acity"},
    {"alpha3": "BBB", "alpha2": "BB", "en": "Bland", "en_official": "Kingdom of Bland",
     "zh": "乙国", "zh_official": "乙王国", "en_aliases": [], "zh_aliases": [],
     "zh_abbreviation": None, "capital": None},
]
PLACES = [
    {"en": "Acity", "zh": "甲城", "kind": "city", "country": "AAA",
     "en_aliases": [], "zh_aliases": ["甲城市"]},
]
THEMES = [
    {"slug": "topic", "en": "Topic", "zh": "主题", "definition_en": "A topic.",
     "definition_zh": "主题。", "broader": None, "keywords_en": ["topic"], "keywords_zh": ["主题"]},
]


def write_data(directory: Path, states=STATES, places=PLACES, themes=THEMES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in (("states.yaml", states), ("places.yaml", places),
                       ("themes.yaml", themes)):
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return directory


def test_minimal_tmp_data_loads(tmp_path: Path) -> None:
    gaz = load_gazetteer(write_data(tmp_path))
    assert gaz.state_by_name("the Republic of Aland").alpha3 == "AAA"
    assert gaz.place_by_name("甲城市").country == "AAA"


def test_copied_shipped_data_loads(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert load_gazetteer(copy) == load_gazetteer()


def test_duplicate_state_name_names_the_file(tmp_path: Path) -> None:
    states = [dict(STATES[0]), dict(STATES[1], en_aliases=["Aland"])]
    with pytest.raises(ReferenceDataError) as info:
        load_gazetteer(write_data(tmp_path, states=states))
    message = str(info.value)
    assert "states.yaml" in message and "[1]" in message and "'aland'" in message
    assert isinstance(info.value, ValueError)
    assert info.value.path == tmp_path / "states.yaml"


def test_duplicate_name_is_case_insensitive(tmp_path: Path) -> None:
    states = [dict(STATES[0]), dict(STATES[1], en_aliases=["the ALAND"])]
    with pytest.raises(ReferenceDataError, match="states.yaml"):
        load_gazetteer(write_data(tmp_path, states=states))


def test_duplicate_place_name_names_the_file(tmp_path: Path) -> None:
    places = [PLACES[0], dict(PLACES[0], en="Other", zh_aliases=[])]  # zh 甲城 repeated
    with pytest.raises(ReferenceDataError, match=r"places\.yaml\[1\] \(Other\)"):
        load_gazetteer(write_data(tmp_path, places=places))


def test_unknown_country_names_the_file(tmp_path: Path) -> None:
    places = [PLACES[0], dict(PLACES[0], en="Zcity", zh="丙城", zh_aliases=[], country="ZZZ")]
    with pytest.raises(ReferenceDataError) as info:
        load_gazetteer(write_data(tmp_path, places=places))
    assert "places.yaml" in str(info.value)
    assert "Zcity" in str(info.value) and "'ZZZ'" in str(info.value)


def test_missing_field_names_file_and_entry(tmp_path: Path) -> None:
    broken = dict(STATES[1])
    del broken["zh_official"]
    with pytest.raises(ReferenceDataError, match=r"states\.yaml\[1\] \(BBB Bland\).*zh_official"):
        load_gazetteer(write_data(tmp_path, states=[STATES[0], broken]))


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="unknown field.*role"):
        load_gazetteer(write_data(tmp_path, states=[dict(STATES[0], role="member"), STATES[1]]))


def test_bad_codes_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="alpha2"):
        load_gazetteer(write_data(tmp_path / "a", states=[dict(STATES[0], alpha2=False),
                                                          STATES[1]]))
    with pytest.raises(ReferenceDataError, match="code 'AAA'"):
        load_gazetteer(write_data(tmp_path / "b", states=[STATES[0],
                                                          dict(STATES[1], alpha3="AAA")]))


def test_one_character_zh_alias_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="zh_abbreviation"):
        load_gazetteer(write_data(tmp_path, states=[dict(STATES[0], zh_aliases=["甲"]),
                                                    STATES[1]]))


def test_leading_the_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="must not start with 'the'"):
        load_gazetteer(write_data(tmp_path, states=[dict(STATES[0], en_aliases=["the Aland"]),
                                                    STATES[1]]))


def test_capital_must_be_a_city_of_the_state(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"states\.yaml\[1\].*capital 'Acity'"):
        load_gazetteer(write_data(tmp_path, states=[STATES[0], dict(STATES[1], capital="Acity")]))


def test_bad_kind_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="places.yaml.*kind"):
        load_gazetteer(write_data(tmp_path, places=[dict(PLACES[0], kind="village")]))


def test_theme_problems_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"themes\.yaml\[0\].*broader"):
        load_gazetteer(write_data(tmp_path / "a", themes=[dict(THEMES[0], broader="nowhere")]))
    with pytest.raises(ReferenceDataError, match="themes.yaml.*lower-case"):
        load_gazetteer(write_data(tmp_path / "b", themes=[dict(THEMES[0], keywords_en=["Topic"])]))
    cyclic = [dict(THEMES[0], broader="other"),
              dict(THEMES[0], slug="other", en="Other", zh="其他", broader="topic")]
    with pytest.raises(ReferenceDataError, match="cycle"):
        load_gazetteer(write_data(tmp_path / "c", themes=cyclic))


def test_invalid_yaml_and_missing_file_name_the_file(tmp_path: Path) -> None:
    directory = write_data(tmp_path)
    (directory / "places.yaml").write_text("- {en: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="places.yaml.*invalid YAML"):
        load_gazetteer(directory)
    (directory / "themes.yaml").unlink()
    write_data(directory, themes=THEMES)
    (directory / "themes.yaml").unlink()
    with pytest.raises(ReferenceDataError, match="themes.yaml.*file not found"):
        load_gazetteer(directory)
