"""The competency queries in queries/*.rq, run over a store built from the real corpus.

Every assertion states a fact that the corpus documents (corpus/*.txt) really say. Facts the
documents state but the extraction gets wrong are marked `xfail(strict=True)` with the reason.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.build import build_graph
from scokg.graph.store import open_read_only
from scokg.settings import Settings

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "corpus"
QUERIES = ROOT / "queries"
RES = "https://w3id.org/sco-kg/resource/"
SCO = "https://w3id.org/sco-kg/ontology#"
SCHEMA = "https://schema.org/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    store_path = tmp_path_factory.mktemp("competency") / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=CORPUS))
    return open_read_only(store_path)


def _term(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        raise TypeError("no boolean parameters")
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD_INTEGER)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return ox.Literal(str(value))


def run(store: ox.Store, name: str, **params: object) -> list[dict[str, str]]:
    """Run queries/<name>.rq with `params` pre-bound; each row maps variable name -> lexical value."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    solutions = store.query(
        text,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(key): _term(value) for key, value in params.items()},
    )
    names = [variable.value for variable in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for variable in names:
            term = solution[variable]
            if term is not None:
                row[variable] = term.value
        rows.append(row)
    return rows


def column(rows: list[dict[str, str]], name: str) -> list[str]:
    return [row[name] for row in rows if name in row]


# --- the files themselves -------------------------------------------------------------------


def test_there_are_at_least_15_queries() -> None:
    assert len(QUERY_FILES) >= 15


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_file_has_header_and_parses(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# question: ") and len(lines[0]) > len("# question: ") + 10
    assert lines[1].startswith("# 问题: ") and len(lines[1]) > len("# 问题: ") + 5
    assert lines[2].startswith("# parameters: ")
    body = "\n".join(lines[3:])
    assert "SELECT" in body and "PREFIX" in body
    # No predeclared prefixes here: an undeclared prefix or a syntax error raises SyntaxError.
    result = ox.Store().query(path.read_text(encoding="utf-8"))
    assert isinstance(result, ox.QuerySolutions)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_declared_parameters_are_used(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    declared = text.splitlines()[2].removeprefix("# parameters: ").strip()
    if declared == "none":
        return
    name = declared.split()[0]
    assert f"?{name}" in "\n".join(text.splitlines()[3:])


# --- states ---------------------------------------------------------------------------------


def test_states_by_sco_role(store: ox.Store) -> None:
    rows = run(store, "states-by-sco-role")
    by_role: dict[str, set[str]] = {}
    for row in rows:
        by_role.setdefault(row["role"].removeprefix(SCO), set()).add(row["iso3"])
    # csec-brochure: 十个成员国 / 两个观察员国 (阿富汗、蒙古国) / 十四个对话伙伴
    assert by_role["MemberStateRole"] == {
        "BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"
    }
    assert by_role["ObserverStateRole"] == {"AFG", "MNG"}
    assert len(by_role["DialoguePartnerRole"]) == 14
    assert {"TUR", "SAU", "EGY", "QAT", "KHM"} <= by_role["DialoguePartnerRole"]
    china = next(row for row in rows if row["iso3"] == "CHN")
    assert china["nameEn"] == "China" and china["nameZh"] == "中国"
    mongolia = next(row for row in rows if row["iso3"] == "MNG")
    assert mongolia["nameZh"] == "蒙古国"


def test_state_count_by_role(store: ox.Store) -> None:
    counts = {row["role"].removeprefix(SCO): int(row["states"]) for row in run(store, "state-count-by-role")}
    assert counts == {"MemberStateRole": 10, "ObserverStateRole": 2, "DialoguePartnerRole": 14}


# --- documents ------------------------------------------------------------------------------


def test_documents_adopted_in_2024(store: ox.Store) -> None:
    rows = run(store, "documents-adopted-in-year", year=2024)
    assert rows and all(row["date"].startswith("2024") for row in rows)
    titles = " ".join(column(rows, "titleZh"))
    # csec-brochure, "阶段性成果": five documents dated May and July 2024.
    for fragment in (
        "(2025-2027)年<上海合作组织成员国环保合作构想>落实措施计划",
        "(2024-2026)年联合行动计划",
        "关于解决环境问题的联合方法",
        "关于有效管理废弃物的声明",
        "政府间环境保护合作协定",
    ):
        assert fragment in titles
    plan = next(row for row in rows if "落实措施计划" in row.get("titleZh", ""))
    assert plan["date"].startswith("2024-05")
    # hog-24 communiqué: (2024年5月22日,阿斯塔纳)
    assert plan.get("placeZh") == "阿斯塔纳"


def test_documents_adopted_in_year_is_empty_for_a_year_without_documents(store: ox.Store) -> None:
    assert run(store, "documents-adopted-in-year", year=1990) == []


def test_documents_implementing_2018_concept(store: ox.Store) -> None:
    rows = run(store, "documents-implementing-2018-concept")
    assert rows
    # csec-brochure: 2018年6月《上海合作组织成员国环保合作构想》; green-development initiative:
    # 《上合组织成员国环保合作构想》(2018年6月,中国青岛)
    assert {row["conceptDate"] for row in rows} == {"2018-06"}
    assert {row["conceptPlace"] for row in rows} == {"Qingdao"}
    titles = column(rows, "titleZh")
    for period in ("2019-2021", "2022-2024", "2025-2027"):
        assert any(period in title and "落实措施计划" in title for title in titles), period
    kinds = {row["kind"].removeprefix(SCO) for row in rows if "落实措施计划" in row.get("titleZh", "")}
    assert kinds == {"Plan"}
    dates = {title[:11]: row["date"] for row in rows for title in [row.get("titleZh", "")]}
    assert dates["(2019-2021)"].startswith("2019-06")
    assert dates["(2022-2024)"].startswith("2021-09")
    assert dates["(2025-2027)"].startswith("2024-05")


def test_documents_by_kind(store: ox.Store) -> None:
    counts = {row["kind"].removeprefix(SCO): int(row["documents"]) for row in run(store, "documents-by-kind")}
    # At least the three implementation plans, the Green Belt joint action plan and the
    # digital-transformation action plan are plans; the five Tianjin declarations are statements.
    assert counts["Plan"] >= 5
    assert counts["Statement"] >= 5
    assert counts["Concept"] >= 1
    assert counts["Agreement"] >= 2
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


def test_cooperation_timeline(store: ox.Store) -> None:
    rows = run(store, "cooperation-timeline")
    dates = column(rows, "date")
    assert dates == sorted(dates)
    assert {row["type"] for row in rows} == {"meeting", "document"}
    by_item = {row["item"].removeprefix(RES): row for row in rows}
    hog = by_item["meeting/24th-meeting-of-the-council-of-heads-of-government"]
    assert hog["date"] == "2025-11-17" and hog["type"] == "meeting"
    concept = next(row for row in rows if row.get("labelZh") == "上海合作组织成员国环保合作构想")
    assert concept["date"] == "2018-06" and concept["type"] == "document"
    # the 2018 concept comes before its first implementation plan (June 2019)
    first_plan = next(row for row in rows if "(2019-2021)" in row.get("labelZh", ""))
    assert dates.index(concept["date"]) < dates.index(first_plan["date"])


# --- meetings -------------------------------------------------------------------------------


def test_environment_ministers_meetings(store: ox.Store) -> None:
    rows = run(store, "environment-ministers-meetings")
    assert [int(row["ordinal"]) for row in rows] == [1, 2, 3, 4, 5, 6]
    starts = [row.get("startDate") for row in rows]
    # csec-brochure: 2019年9月 first; 2021年7月、2022年5月、2023年4月 2nd-4th online;
    # 2024年5月 fifth; 2025年7月 sixth, in Tianjin.
    assert starts == ["2019-09", "2021-07", "2022-05", "2023-04", "2024-05", "2025-07"]
    online = [int(row["ordinal"]) for row in rows if row.get("mode") == SCHEMA + "OnlineEventAttendanceMode"]
    assert online == [2, 3, 4]
    assert rows[5].get("place") == "Tianjin"
    assert rows[5].get("mode") != SCHEMA + "OnlineEventAttendanceMode"


def test_hog_24_representatives(store: ox.Store) -> None:
    rows = run(store, "hog-24-representatives")
    # hog-24 communiqué: ten heads of delegation 出席会议, one per member state.
    assert len(rows) == 10
    assert sorted(column(rows, "iso3")) == ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
    by_zh = {row["nameZh"]: row for row in rows}
    assert set(by_zh) == {"图尔钦", "苏杰生", "阿雷夫", "别克捷诺夫", "李强", "卡瑟马利耶夫", "达尔", "米舒斯京", "拉苏尔佐达", "阿里波夫"}
    li = by_zh["李强"]
    assert li["iso3"] == "CHN" and li["nameEn"] == "Li Qiang"
    assert "国务院总理" in li["titleZh"] and "Premier" in li["titleEn"]
    assert by_zh["苏杰生"]["iso3"] == "IND" and "外交部长" in by_zh["苏杰生"]["titleZh"]
    assert by_zh["阿雷夫"]["titleEn"] == "First Vice President"
    assert "副总理兼外交部长" in by_zh["达尔"]["titleZh"]


def test_hog_24_guests_are_not_participants(store: ox.Store) -> None:
    # hog-24 communiqué: ten heads of delegation 出席会议; 叶尔梅克巴耶夫、沙尔舍耶夫、任鸿斌、谭炯 and
    # 卡塔尔首相兼外交大臣穆罕默德 列席会议, although the English says "attended" for both.
    # The two roles stay apart in every graph, the reasoner's included (sco:guest is not a
    # sub-property of sco:participant).
    solutions = store.query(
        """
        PREFIX sco: <https://w3id.org/sco-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?role ?nameZh WHERE {
          ?meeting sco:ordinal 24 ; sco:inSeries/rdfs:label ?series .
          FILTER(CONTAINS(STR(?series), "政府首脑"))
          ?meeting ?role ?who FILTER(?role IN (sco:participant, sco:guest))
          ?who a sco:Person ; rdfs:label ?nameZh FILTER(LANGMATCHES(LANG(?nameZh), "zh"))
        }
        """,
        use_default_graph_as_union=True,
    )
    roles: dict[str, set[str]] = {}
    for solution in solutions:
        roles.setdefault(solution["nameZh"].value, set()).add(solution["role"].value.removeprefix(SCO))
    participants = {name for name, found in roles.items() if "participant" in found}
    guests = {name for name, found in roles.items() if "guest" in found}
    assert participants == {"图尔钦", "苏杰生", "阿雷夫", "别克捷诺夫", "李强", "卡瑟马利耶夫", "达尔", "米舒斯京", "拉苏尔佐达", "阿里波夫"}
    assert {"叶尔梅克巴耶夫", "沙尔舍耶夫", "任鸿斌", "谭炯", "穆罕默德"} <= guests
    assert not participants & guests


def test_meeting_chair(store: ox.Store) -> None:
    rows = run(store, "meeting-chair")
    hog = [row for row in rows if row["meeting"] == RES + "meeting/24th-meeting-of-the-council-of-heads-of-government"]
    # 会议由俄罗斯联邦政府总理米舒斯京主持。
    assert len(hog) == 1
    assert hog[0]["chairZh"] == "米舒斯京"
    assert "Mishustin" in hog[0]["chairEn"]
    assert hog[0]["iso3"] == "RUS"
    assert hog[0]["ordinal"] == "24" and hog[0]["start"] == "2025-11-17"


def test_meetings_in_russia(store: ox.Store) -> None:
    rows = run(store, "meetings-in-country", country="RUS")
    assert rows
    assert {row["country"] for row in rows if "country" in row} <= {"RUS"}
    cities = set(column(rows, "cityLabelEn"))
    hog = next(row for row in rows if row["meeting"].endswith("24th-meeting-of-the-council-of-heads-of-government"))
    assert hog["cityLabelEn"] == "Moscow" and hog["start"] == "2025-11-17"
    # 上合组织成员国第二十四次经贸部长会议(2025年9月6日,符拉迪沃斯托克)
    trade = next(row for row in rows if "经贸部长会议" in row.get("labelZh", ""))
    assert trade["cityLabelEn"] == "Vladivostok" and trade["start"] == "2025-09-06"
    # no Chinese city turns up for Russia
    assert not cities & {"Tianjin", "Qingdao", "Beijing", "Shanghai"}


def test_meetings_in_china(store: ox.Store) -> None:
    rows = run(store, "meetings-in-country", country="CHN")
    env6 = [row for row in rows if "6th-meeting-of-the-heads-of-sco-environmental" in row["meeting"]]
    assert len(env6) == 1 and env6[0]["cityLabelEn"] == "Tianjin"
    assert not any("24th-meeting-of-the-council-of-heads-of-government" == row["meeting"].removeprefix(RES + "meeting/") for row in rows)


def test_meetings_in_year_2025(store: ox.Store) -> None:
    rows = run(store, "meetings-in-year", year=2025)
    assert rows and all(row["start"].startswith("2025") for row in rows)
    by_meeting = {row["meeting"].removeprefix(RES + "meeting/"): row for row in rows}
    hog = by_meeting["24th-meeting-of-the-council-of-heads-of-government"]
    # 2025年11月17日至18日 ... 在莫斯科举行
    assert (hog["start"], hog.get("end"), hog.get("place")) == ("2025-11-17", "2025-11-18", "Moscow")
    assert "6th-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies" in by_meeting
    assert "2nd-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies" not in by_meeting


def test_meetings_online(store: ox.Store) -> None:
    rows = run(store, "meetings-online")
    env = [row for row in rows if "环境部长会" in row.get("seriesZh", "")]
    # 2021年7月、2022年5月、2023年4月, 第二次至第四次 ... 以线上形式召开
    assert [(int(row["ordinal"]), row["start"]) for row in env] == [(2, "2021-07"), (3, "2022-05"), (4, "2023-04")]
    assert not any("24th-meeting-of-the-council-of-heads-of-government" in row["meeting"] for row in rows)


def test_meeting_series_overview(store: ox.Store) -> None:
    rows = run(store, "meeting-series-overview")
    env = next(row for row in rows if row.get("labelZh") == "上海合作组织成员国环境部长会")
    assert int(env["meetings"]) == 6
    assert (int(env["firstOrdinal"]), int(env["lastOrdinal"])) == (1, 6)
    counts = [int(row["meetings"]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    hog = next(row for row in rows if "政府首脑" in row.get("labelZh", "") and "lastOrdinal" in row)
    assert int(hog["lastOrdinal"]) == 24


# --- initiatives ----------------------------------------------------------------------------


def test_belt_and_road_projects(store: ox.Store) -> None:
    rows = run(store, "belt-and-road-projects-by-category")
    # 规划涉及 25 个重点项目 (table, 序号 1-25)
    assert [int(row["number"]) for row in rows] == list(range(1, 26))
    assert rows[0]["labelZh"] == "“一带一路”生态环保合作国际高层对话"
    assert rows[17]["labelZh"] == "中国—柬埔寨环保合作基地"
    assert rows[24]["labelZh"] == "中国-东盟环保技术和产业合作示范基地"


def test_belt_and_road_projects_policy_communication_category(store: ox.Store) -> None:
    rows = run(store, "belt-and-road-projects-by-category")
    # 规划涉及 25 个重点项目，包括政策沟通类 6 个，设施联通类 4 个，贸易畅通类 3 个，资金融通类 2 个，
    # 民心相通类 4个，能力建设类 6个 (the table's 类目 column, rows 1-25 in that order)
    assert len(rows) == 25
    by_category: dict[str, list[int]] = {}
    for row in rows:
        by_category.setdefault(row.get("categoryZh", ""), []).append(int(row["number"]))
    assert by_category == {
        "政策沟通": [1, 2, 3, 4, 5, 6],
        "设施联通": [7, 8, 9, 10],
        "贸易畅通": [11, 12, 13],
        "资金融通": [14, 15],
        "民心相通": [16, 17, 18, 19],
        "能力建设": [20, 21, 22, 23, 24, 25],
    }
    policy = [row for row in rows if row.get("categoryZh") == "政策沟通"]
    assert policy[0]["labelZh"] == "“一带一路”生态环保合作国际高层对话"
    assert len({row["category"] for row in policy}) == 1


def test_bases_and_platforms(store: ox.Store) -> None:
    rows = run(store, "bases-and-platforms")
    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row["type"].removeprefix(SCO), set()).add(row.get("labelZh", ""))
    # csec-brochure: 建设中国—上合组织生态环保创新基地; 上海合作组织环保信息共享平台
    assert "中国—上合组织生态环保创新基地" in by_type["Base"]
    assert "上海合作组织环保信息共享平台" in by_type["Platform"]
    # Belt and Road plan, projects 17, 18, 23, 25
    base = next(row for row in rows if row.get("labelZh") == "中国—上合组织生态环保创新基地")
    assert base["labelEn"] == "China-SCO Ecology and Environment Innovation Base"


def test_themed_years(store: ox.Store) -> None:
    rows = run(store, "themed-years")
    by_zh = {row["labelZh"]: row for row in rows if "labelZh" in row}
    # green-development initiative: 2024年“上合组织生态年”和2025年上合组织“可持续发展年”
    assert by_zh["上合组织生态年"]["year"] == "2024"
    assert by_zh["上合组织可持续发展年"]["year"] == "2025"
    assert by_zh["上合组织可持续发展年"]["labelEn"] == "SCO Year of Sustainable Development"
    assert len({row["themedYear"] for row in rows}) == len(rows)


# --- people, mentions, sources --------------------------------------------------------------


def test_persons_and_roles(store: ox.Store) -> None:
    rows = run(store, "persons-and-roles")
    by_zh = {row["nameZh"]: row for row in rows if "nameZh" in row}
    assert RES + "state/chn" in by_zh["李强"]["represented"].split()
    assert "国务院总理" in by_zh["李强"]["titleZh"]
    assert RES + "state/rus" in by_zh["米舒斯京"]["represented"].split()
    assert "Prime Minister" in by_zh["米舒斯京"]["titleEn"]
    # 上合组织秘书长叶尔梅克巴耶夫
    assert "秘书长" in by_zh["叶尔梅克巴耶夫"]["titleZh"]
    assert by_zh["叶尔梅克巴耶夫"]["represented"] == RES + "body/sco"
    # csec-brochure: 黄润秋部长
    assert "部长" in by_zh["黄润秋"]["titleZh"]
    assert len(rows) == len({row["person"] for row in rows})


def test_entity_mentions(store: ox.Store) -> None:
    entity = RES + "person/li-qiang"
    rows = run(store, "entity-mentions", entity=entity)
    assert rows
    assert {row["source"] for row in rows} == {RES + "source/hog-24-joint-communique-2025"}
    assert any("李强" in row["quote"] for row in rows)
    assert any("Li Qiang" in row["quote"] for row in rows)
    text = (CORPUS / "hog-24-joint-communique-2025.txt").read_text(encoding="utf-8")
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end
        assert text[start:end] in ("李强", "Li Qiang")


def test_entity_mentions_of_unknown_entity_is_empty(store: ox.Store) -> None:
    assert run(store, "entity-mentions", entity=RES + "person/nobody-at-all") == []


def test_sources_overview(store: ox.Store) -> None:
    rows = run(store, "sources-overview")
    by_id = {row["source"].removeprefix(RES + "source/"): row for row in rows}
    assert set(by_id) == {path.name.removesuffix(".txt") for path in CORPUS.glob("*.txt")}
    hog = by_id["hog-24-joint-communique-2025"]
    # 上海合作组织成员国政府首脑(总理)理事会第二十四次会议联合公报(2025-11-19)
    assert hog["titleZh"] == "上海合作组织成员国政府首脑(总理)理事会第二十四次会议联合公报"
    assert hog["issued"] == "2025-11-19"
    assert hog["layout"] == "bilingual-line-pairs"
    assert by_id["belt-and-road-ecological-cooperation-plan"]["titleZh"] == "“一带一路”生态环境保护合作规划"
    assert all(int(row["triples"]) > 0 for row in rows)


def test_csec_innovation_base_agreements(store: ox.Store) -> None:
    rows = run(store, "csec-innovation-base-agreements")
    by_date: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        by_date.setdefault(row["date"], set()).add((row["counterpartyZh"], row["counterpartyEn"]))
    # csec-brochure: 2023年11月，与上海市生态环境局签署基地战略框架协议;
    # 2024年10月，与山东省生态环境厅、青岛市人民政府签署基地战略框架协议
    assert by_date == {
        "2023-11": {("上海市生态环境局", "Shanghai Municipal Bureau of Ecology and Environment")},
        "2024-10": {
            ("山东省生态环境厅", "Department of Ecology and Environment of Shandong Province"),
            ("青岛市人民政府", "Qingdao Municipal Government"),
        },
    }
    assert len({row["agreement"] for row in rows}) == 2
    assert {(row["titleZh"], row["titleEn"]) for row in rows} == {
        ("基地战略框架协议", "strategic cooperation agreement for the China-SCO Ecology and Environment Innovation Base")
    }
