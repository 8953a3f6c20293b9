"""Canned queries over real HTTP: `/queries/` and `/queries/<name>` on the corpus graph."""
from __future__ import annotations

import csv
import html
import http.client
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from scokg.graph.store import open_read_only

QUERIES = Path(__file__).parents[2] / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
RES = "https://w3id.org/sco-kg/resource/"
SRX = "{http://www.w3.org/2005/sparql-results#}"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON = {"Accept": "application/sparql-results+json"}
ADOPTED_2024 = (  # csec-brochure, "阶段性成果": five documents dated May and July 2024
    "(2025-2027)年<上海合作组织成员国环保合作构想>落实措施计划",
    "(2024-2026)年联合行动计划",
    "关于解决环境问题的联合方法",
    "关于有效管理废弃物的声明",
    "政府间环境保护合作协定",
)


def get(live_server, path: str, **kwargs) -> requests.Response:
    return requests.get(live_server.url + path, timeout=30, **kwargs)


def rows(response: requests.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def raw_status(live_server, path: str) -> int:
    """The status for `path` sent byte for byte (no client-side normalisation of `..` or escapes)."""
    host, port = urlsplit(live_server.url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        return connection.getresponse().status
    finally:
        connection.close()


# --- the list -----------------------------------------------------------------------------------


def test_index_json_lists_every_query_file(live_server) -> None:
    response = get(live_server, "/queries/", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    queries = {q["name"]: q for q in response.json()["queries"]}
    assert set(queries) == {path.stem for path in QUERY_FILES}
    adopted = queries["documents-adopted-in-year"]
    assert adopted["url"] == "/queries/documents-adopted-in-year"
    assert adopted["question_zh"] == "某一年通过或签署了哪些文件？文件类型、日期和地点是什么？"
    assert adopted["parameters"] == [
        {"name": "year", "type": "integer", "description": "xsd:gYear-like integer", "default": "2024"}
    ]
    assert queries["states-by-sco-role"]["parameters"] == []


def test_index_json_by_format_parameter(live_server) -> None:
    response = get(live_server, "/queries/?format=json", headers={"Accept": BROWSER})
    assert len(response.json()["queries"]) == len(QUERY_FILES)


def test_index_html_shows_both_questions_and_links(live_server) -> None:
    response = get(live_server, "/queries/", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    page = html.unescape(response.text)
    for path in QUERY_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].removeprefix("# question: ") in page
        assert lines[1].removeprefix("# 问题: ") in page
        assert f'href="/queries/{path.stem}"' in response.text
    assert "Accept" in response.headers["Vary"]


def test_queries_without_slash_redirects_to_the_list(live_server) -> None:
    response = get(live_server, "/queries", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.url.endswith("/queries/")


# --- every query, every format ------------------------------------------------------------------


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_in_every_format(live_server, path: Path) -> None:
    url = f"/queries/{path.stem}"
    as_json = get(live_server, url, headers=JSON)
    assert as_json.headers["Content-Type"] == "application/sparql-results+json"
    variables = as_json.json()["head"]["vars"]
    count = len(rows(as_json))
    assert variables

    as_xml = get(live_server, url, headers={"Accept": "application/sparql-results+xml"})
    assert as_xml.status_code == 200 and as_xml.headers["Content-Type"] == "application/sparql-results+xml"
    tree = ET.fromstring(as_xml.content)
    assert [v.get("name") for v in tree.iter(SRX + "variable")] == variables
    assert len(list(tree.iter(SRX + "result"))) == count

    as_csv = get(live_server, url, params={"format": "csv"})
    assert as_csv.status_code == 200 and as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8"))))
    assert table[0] == variables and len(table) == count + 1

    as_tsv = get(live_server, url, params={"format": "tsv"})
    assert as_tsv.status_code == 200 and as_tsv.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = as_tsv.content.decode("utf-8").splitlines()
    assert lines[0].split("\t") == [f"?{v}" for v in variables] and len(lines) == count + 1

    as_html = get(live_server, url, headers={"Accept": BROWSER})
    assert as_html.status_code == 200 and as_html.headers["Content-Type"].startswith("text/html")
    text = path.read_text(encoding="utf-8")
    page = html.unescape(as_html.text)
    assert text.splitlines()[0].removeprefix("# question: ") in page
    assert text.splitlines()[1].removeprefix("# 问题: ") in page
    assert "SELECT" in page and "Open in the editor" in page
    assert all(f"<th>{v}</th>" in as_html.text for v in variables)
    assert as_html.text.count("<tr>") == count + 1 or count == 0


def test_sparql_json_is_the_default_for_any_client(live_server) -> None:
    response = get(live_server, "/queries/states-by-sco-role", headers={"Accept": "*/*"})
    assert response.headers["Content-Type"] == "application/sparql-results+json"
    assert "Accept" in response.headers["Vary"]


def test_unavailable_format_is_406(live_server) -> None:
    assert get(live_server, "/queries/states-by-sco-role", params={"format": "turtle"}).status_code == 406
    assert get(live_server, "/queries/states-by-sco-role", headers={"Accept": "image/png"}).status_code == 406


# --- answers from the documents -----------------------------------------------------------------


def test_documents_adopted_in_2024(live_server) -> None:
    result = rows(get(live_server, "/queries/documents-adopted-in-year", params={"year": "2024"}, headers=JSON))
    assert result and all(row["date"].startswith("2024") for row in result)
    assert {row["year"] for row in result} == {"2024"}
    titles = " ".join(row.get("titleZh", "") for row in result)
    for fragment in ADOPTED_2024:
        assert fragment in titles
    plan = next(row for row in result if "落实措施计划" in row.get("titleZh", ""))
    # hog-24 communiqué: (2024年5月22日,阿斯塔纳)
    assert plan["date"] == "2024-05-22" and plan["placeZh"] == "阿斯塔纳"
    assert plan["document"].startswith(RES + "document/")


def test_default_parameter_is_the_header_example(live_server) -> None:
    url = "/queries/documents-adopted-in-year"
    assert rows(get(live_server, url, headers=JSON)) == rows(get(live_server, url, params={"year": "2024"}, headers=JSON))
    # an empty form field also means the default
    assert rows(get(live_server, url, params={"year": ""}, headers=JSON)) == rows(get(live_server, url, headers=JSON))


def test_year_without_documents_is_empty(live_server) -> None:
    assert rows(get(live_server, "/queries/documents-adopted-in-year", params={"year": "1990"}, headers=JSON)) == []


def test_meetings_in_russia_by_country_string(live_server) -> None:
    result = rows(get(live_server, "/queries/meetings-in-country", params={"country": "RUS"}, headers=JSON))
    hog = next(row for row in result if row["meeting"] == RES + "meeting/24th-meeting-of-the-council-of-heads-of-government")
    # 2025年11月17日至18日 ... 在莫斯科举行
    assert hog["cityLabelEn"] == "Moscow" and hog["start"] == "2025-11-17"
    assert not {row.get("cityLabelEn") for row in result} & {"Tianjin", "Qingdao"}


def test_entity_mentions_by_iri(live_server) -> None:
    result = rows(
        get(live_server, "/queries/entity-mentions", params={"entity": RES + "person/li-qiang"}, headers=JSON)
    )
    assert result and {row["source"] for row in result} == {RES + "source/hog-24-joint-communique-2025"}
    assert any("李强" in row["quote"] for row in result)


# --- the HTML page ------------------------------------------------------------------------------


def test_html_page_links_iris_locally_and_shows_language_tags(live_server) -> None:
    response = get(live_server, "/queries/documents-adopted-in-year", params={"year": "2024"}, headers={"Accept": BROWSER})
    page = response.text
    assert 'href="/resource/document/statement-of-the-council-of-sco-heads-of-state-on-effective-waste-management"' in page
    assert 'href="/resource/place/astana"' in page
    assert '<span lang="zh">上海合作组织成员国元首理事会关于有效管理废弃物的声明</span> <small class="lang-tag">@zh</small>' in page
    assert 'name="year" value="2024"' in page
    for alias in ("json", "xml", "csv", "tsv"):
        assert f'href="/queries/documents-adopted-in-year?year=2024&amp;format={alias}"' in page


def test_format_links_give_the_same_rows(live_server) -> None:
    page = get(live_server, "/queries/meetings-in-country", params={"country": "CHN"}, headers={"Accept": BROWSER}).text
    link = html.unescape(re.search(r'href="([^"]*format=json)"', page).group(1))
    linked = rows(get(live_server, link))
    direct = rows(get(live_server, "/queries/meetings-in-country", params={"country": "CHN"}, headers=JSON))
    assert linked == direct and linked


def test_editor_link_carries_the_query_with_its_parameters(live_server, corpus_store_path: Path) -> None:
    page = get(live_server, "/queries/documents-adopted-in-year", params={"year": "2024"}, headers={"Accept": BROWSER}).text
    href = html.unescape(re.search(r'href="(/sparql#query=[^"]*)"', page).group(1))
    (text,) = parse_qs(urlsplit(href).fragment)["query"]
    assert 'VALUES ?year { "2024"^^<http://www.w3.org/2001/XMLSchema#integer> }' in text
    # run as written, the editor's text answers like the canned query
    store = open_read_only(corpus_store_path)
    documents = {s["document"].value for s in store.query(text, use_default_graph_as_union=True)}
    canned = rows(get(live_server, "/queries/documents-adopted-in-year", params={"year": "2024"}, headers=JSON))
    assert documents == {row["document"] for row in canned} and len(documents) >= len(ADOPTED_2024)


def test_parameter_free_editor_link_is_the_file_text(live_server) -> None:
    page = get(live_server, "/queries/states-by-sco-role", headers={"Accept": BROWSER}).text
    href = html.unescape(re.search(r'href="(/sparql#query=[^"]*)"', page).group(1))
    assert parse_qs(urlsplit(href).fragment)["query"] == [(QUERIES / "states-by-sco-role.rq").read_text(encoding="utf-8")]


def test_bad_value_on_html_page_is_400_with_the_form(live_server) -> None:
    response = get(live_server, "/queries/documents-adopted-in-year", params={"year": "<b>x</b>"}, headers={"Accept": BROWSER})
    assert response.status_code == 400 and response.headers["Content-Type"].startswith("text/html")
    assert "parameter `year`" in response.text
    assert "<b>x</b>" not in response.text and "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<table" not in response.text


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "fragment"),
    [
        ("documents-adopted-in-year", {"year": "2024 } ; DROP ALL"}, "parameter `year`"),
        ("documents-adopted-in-year", {"year": "2024) || true || (1"}, "parameter `year`"),
        ("documents-adopted-in-year", {"year": "twenty"}, "parameter `year`"),
        ("entity-mentions", {"entity": "li-qiang"}, "parameter `entity`"),
        ("entity-mentions", {"entity": "javascript:alert(1)"}, "parameter `entity`"),
        ("entity-mentions", {"entity": RES + "person/x> . ?s ?p ?o . <" + RES + "y"}, "parameter `entity`"),
        ("documents-adopted-in-year", {"yaer": "2024"}, "`yaer`"),
        ("states-by-sco-role", {"role": "x", "limit": "3"}, "`limit`, `role`"),
        ("documents-adopted-in-year", [("year", "2024"), ("year", "2025")], "parameter `year`"),
    ],
)
def test_bad_parameters_are_400_naming_them(live_server, name: str, params, fragment: str) -> None:
    response = get(live_server, f"/queries/{name}", params=params, headers=JSON)
    assert response.status_code == 400
    assert fragment in response.text


@pytest.mark.parametrize(
    "country",
    ['"> . ?s ?p ?o', 'RUS" || true || "', "RUS\") } ; DROP ALL ; SELECT * { (\"", "RUS' } #"],
)
def test_injection_in_a_string_is_just_a_value(live_server, country: str) -> None:
    response = get(live_server, "/queries/meetings-in-country", params={"country": country}, headers=JSON)
    assert rows(response) == []


def test_store_is_untouched_after_injection_attempts(live_server) -> None:
    get(live_server, "/queries/meetings-in-country", params={"country": "RUS\" } ; DROP ALL ; #"}, headers=JSON)
    get(live_server, "/queries/documents-adopted-in-year", params={"year": "2024 } ; DROP ALL"}, headers=JSON)
    result = rows(get(live_server, "/queries/states-by-sco-role", headers=JSON))
    assert {row["iso3"] for row in result} >= {"KAZ", "CHN", "RUS"}


@pytest.mark.parametrize(
    "path",
    [
        "/queries/no-such-question",
        "/queries/..%2F..%2Fpyproject.toml",
        "/queries/..%2fserver%2fapp.py",
        "/queries/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/queries/..%5c..%5cpyproject.toml",
        "/queries/%2e%2e",
        "/queries/../pyproject.toml",
        "/queries/documents-adopted-in-year.rq",
        "/queries/__init__",
        "/queries/catalog",
    ],
)
def test_unknown_names_and_traversal_are_404(live_server, path: str) -> None:
    assert raw_status(live_server, path) == 404


def test_404_names_the_query(live_server) -> None:
    response = get(live_server, "/queries/no-such-question")
    assert response.status_code == 404 and "no-such-question" in response.text
