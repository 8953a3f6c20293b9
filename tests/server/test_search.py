"""`/search` over real HTTP on the corpus graph, plus the in-process speed of the label index."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import requests

from scokg.build import build_graph
from scokg.graph.store import open_read_only
from scokg.server.search import LabelIndex, MatchKind, match_kind, normalise
from scokg.settings import Settings
from support import CORPUS, start_live_server

RES = "https://w3id.org/sco-kg/resource/"
SCO = "https://w3id.org/sco-kg/ontology#"
KAZ = RES + "state/kaz"
HOG_24 = RES + "meeting/24th-meeting-of-the-council-of-heads-of-government"
WASTE_STATEMENT = RES + "document/statement-of-the-council-of-sco-heads-of-state-on-effective-waste-management"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def search(url: str, q: str, **params: str) -> dict:
    response = requests.get(url + "/search", params={"q": q, **params}, headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def iris(body: dict) -> list[str]:
    return [hit["iri"] for hit in body["results"]]


# --- what is found ------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["kazakh", "KAZAKH", "Kazakh", "  kazakh  ", "ｋａｚａｋｈ"])
def test_kazakh_finds_kazakhstan_first(live_server, q: str) -> None:
    body = search(live_server.url, q)
    assert body["query"] == q.strip()
    first = body["results"][0]
    assert first["iri"] == KAZ
    assert first["path"] == "/resource/state/kaz"
    assert (first["label_en"], first["label_zh"]) == ("Kazakhstan", "哈萨克斯坦")
    assert SCO + "State" in first["types"] and SCO + "MemberState" in first["types"]
    assert first["matched"] == {"label": "Kazakhstan", "lang": "en", "property": "rdfs:label", "kind": "prefix"}


def test_chinese_name_finds_kazakhstan_first(live_server) -> None:
    body = search(live_server.url, "哈萨克")
    assert body["results"][0]["iri"] == KAZ
    assert body["results"][0]["matched"]["label"] == "哈萨克斯坦"
    # 绿色哈萨克斯坦 (green-development initiative) contains the text but does not start with it
    later = [hit for hit in body["results"][1:] if hit["matched"]["label"] == "绿色哈萨克斯坦"]
    assert later and later[0]["matched"]["kind"] == "substring"


def test_exact_label_is_an_exact_match(live_server) -> None:
    body = search(live_server.url, "republic of kazakhstan")
    assert body["results"][0]["iri"] == KAZ
    assert body["results"][0]["matched"] == {
        "label": "Republic of Kazakhstan", "lang": "en", "property": "skos:altLabel", "kind": "exact"
    }


@pytest.mark.parametrize("q", ["政府首脑(总理)理事会第二十四次", "政府首脑（总理）理事会第二十四次"])
def test_part_of_a_chinese_meeting_name(live_server, q: str) -> None:
    # hog-24 communiqué: 上海合作组织成员国政府首脑(总理)理事会第二十四次会议; full-width brackets are NFKC-equal
    body = search(live_server.url, q)
    assert body["results"][0]["iri"] == HOG_24
    assert body["results"][0]["label_en"] == "24th Meeting of the Council of Heads of Government"


def test_part_of_a_chinese_document_name(live_server) -> None:
    # csec-brochure: 《上海合作组织成员国元首理事会关于有效管理废弃物的声明》
    body = search(live_server.url, "有效管理废弃物")
    assert body["results"][0]["iri"] == WASTE_STATEMENT
    assert body["results"][0]["label_zh"] == "上海合作组织成员国元首理事会关于有效管理废弃物的声明"
    assert SCO + "Statement" in body["results"][0]["types"]


def test_part_of_an_english_document_name_is_case_insensitive(live_server) -> None:
    body = search(live_server.url, "EFFECTIVE WASTE")
    assert WASTE_STATEMENT in iris(body)


@pytest.mark.parametrize("q", ["green", "sco", "上合组织", "meeting", "环境部长会"])
def test_results_are_ranked(live_server, q: str) -> None:
    results = search(live_server.url, q, limit="100")["results"]
    assert results
    order = [MatchKind[hit["matched"]["kind"].upper().replace("-", "_")] for hit in results]
    assert order == sorted(order)
    for hit, kind in zip(results, order):
        assert match_kind(normalise(hit["matched"]["label"]), normalise(q)) is kind
    for before, after in zip(results, results[1:]):
        if before["matched"]["kind"] == after["matched"]["kind"]:
            assert len(normalise(before["matched"]["label"])) <= len(normalise(after["matched"]["label"]))
    assert len(set(iris({"results": results}))) == len(results)


def test_ties_go_to_the_more_important_type(live_server) -> None:
    # the 1st forum and its series share the label; meetings rank before series
    results = search(live_server.url, "green development forum of sco countries")["results"]
    exact = [hit["iri"] for hit in results if hit["matched"]["kind"] == "exact"]
    assert exact[:2] == [
        RES + "meeting/1st-green-development-forum-of-shanghai-cooperation-organisation-sco-countries",
        RES + "series/green-development-forum-of-shanghai-cooperation-organisation-sco-countries",
    ]


def test_only_resources_are_found(live_server) -> None:
    # ontology classes have labels too ("Member state"), but search finds entities
    assert all(iri.startswith(RES) for iri in iris(search(live_server.url, "member state", limit="100")))


@pytest.mark.parametrize("q", ["zzqqxx", '") } ; DROP ALL ; #', "<script>", "%", ".*"])
def test_no_match_or_injection_is_an_empty_list(live_server, q: str) -> None:
    assert search(live_server.url, q)["results"] == []


# --- limits and bad input -----------------------------------------------------------------------


def test_limit_defaults_to_20_and_goes_to_100(live_server) -> None:
    assert len(search(live_server.url, "sco")["results"]) == 20
    assert search(live_server.url, "sco")["limit"] == 20
    assert len(search(live_server.url, "sco", limit="5")["results"]) == 5
    assert 20 < len(search(live_server.url, "sco", limit="100")["results"]) <= 100
    assert search(live_server.url, "sco", limit="5")["results"] == search(live_server.url, "sco", limit="100")["results"][:5]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1e2", "５", "20.0"])
def test_bad_limit_is_400_naming_limit(live_server, limit: str) -> None:
    response = requests.get(live_server.url + "/search", params={"q": "sco", "limit": limit}, timeout=30)
    assert response.status_code == 400 and "`limit`" in response.text


def test_overlong_query_is_400_naming_q(live_server) -> None:
    response = requests.get(live_server.url + "/search", params={"q": "x" * 201}, timeout=30)
    assert response.status_code == 400 and "`q`" in response.text


def test_empty_query_gives_no_results(live_server) -> None:
    assert search(live_server.url, "") == {"query": "", "limit": 20, "results": []}
    assert search(live_server.url, "   ")["results"] == []


# --- HTML ---------------------------------------------------------------------------------------


def test_html_results(live_server) -> None:
    response = requests.get(live_server.url + "/search", params={"q": "kazakh"}, headers={"Accept": BROWSER}, timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    page = response.text
    assert '<a href="/resource/state/kaz">Kazakhstan · <span lang="zh">哈萨克斯坦</span></a>' in page
    assert ">MemberState<" in page and "rdfs:label" in page
    assert 'value="kazakh"' in page
    assert "Accept" in response.headers["Vary"]


def test_html_empty_query_shows_just_the_form(live_server) -> None:
    page = requests.get(live_server.url + "/search", headers={"Accept": BROWSER}, timeout=30).text
    assert 'class="search-form"' in page and "search-results" not in page and "Nothing found" not in page


def test_html_escapes_the_query(live_server) -> None:
    page = requests.get(
        live_server.url + "/search", params={"q": '<script>alert("x")</script>'}, headers={"Accept": BROWSER}, timeout=30
    ).text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_format_json_wins_over_a_browser_accept(live_server) -> None:
    response = requests.get(
        live_server.url + "/search", params={"q": "kazakh", "format": "json"}, headers={"Accept": BROWSER}, timeout=30
    )
    assert response.json()["results"][0]["iri"] == KAZ


# --- speed and freshness ------------------------------------------------------------------------


def test_search_is_well_under_50_ms_in_process(corpus_store_path: Path) -> None:
    index = LabelIndex.from_store(open_read_only(corpus_store_path), RES)
    for q in ("a", "sco", "kazakh", "上合组织", "政府首脑(总理)理事会第二十四次"):
        best = min(_seconds(lambda: index.search(q, 100)) for _ in range(5))
        assert best < 0.010, (q, best)


def _seconds(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def test_labels_are_refetched_after_a_rebuild(tmp_path: Path) -> None:
    # first a store from the Belt and Road plan alone, then from the whole corpus
    partial = tmp_path / "corpus"
    partial.mkdir()
    for path in CORPUS.glob("belt-and-road-ecological-cooperation-plan.*"):
        shutil.copy(path, partial / path.name)
    store_path = tmp_path / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=partial))
    server, http = start_live_server(Settings(store_path=store_path))
    try:
        assert search(server.url, "有效管理废弃物")["results"] == []
        build_graph(Settings(store_path=store_path, corpus_dir=CORPUS))
        assert search(server.url, "有效管理废弃物")["results"][0]["iri"] == WASTE_STATEMENT
    finally:
        http.shutdown()
