"""Home page and timeline over real HTTP: counts, labels and dates as the corpus gives them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from pyoxigraph import Literal, NamedNode, Quad, Store

from scokg.graph.stats import class_counts, graph_sizes
from scokg.graph.store import build_store
from scokg.ontology.namespaces import RDF, RDFS, SCHEMA, SCO, XSD, graph_namespace
from scokg.queries.catalog import load_catalog
from scokg.server.pages import EXAMPLE_QUERIES
from scokg.settings import Settings

RESOURCE = "https://w3id.org/sco-kg/resource/"

# The ten member states listed by the brochure (csec-brochure.txt, "Currently, the SCO countries
# includes 10 Member States— the Republic of Belarus, ..."), by ISO 3166 alpha-3 code.
BROCHURE_MEMBER_STATES = {"blr", "ind", "irn", "kaz", "chn", "kgz", "pak", "rus", "tjk", "uzb"}

# The Meetings of the Heads of SCO Environmental Ministries and Agencies, as the brochure dates
# them (lines 200-224: September 2019; July 2021, May 2022, April 2023 online; May 2024; July 2025).
ENVIRONMENT_MINISTERS = {
    "1st": "2019-09",
    "2nd": "2021-07",
    "3rd": "2022-05",
    "4th": "2023-04",
    "5th": "2024-05",
    "6th": "2025-07",
}

CONCEPTION_2018 = RESOURCE + "document/conception-of-environmental-cooperation-among-the-sco-member-states"


@pytest.fixture(scope="module")
def store(corpus_store_path: Path) -> Store:
    """The corpus store, opened read-only beside the server's handle."""
    return Store.read_only(str(corpus_store_path.resolve()))


@pytest.fixture(scope="module")
def home(live_server) -> str:
    response = requests.get(live_server.url + "/", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text


@pytest.fixture(scope="module")
def timeline(live_server) -> dict:
    response = requests.get(live_server.url + "/timeline.json", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def counts_on_page(html: str, element: str) -> dict[str, int]:
    """Class -> instances, from the home page's `data-class`/`data-count` attributes.

    `element` is ``tr`` for the main classes, ``li`` for their subclasses.
    """
    pattern = rf'<{element} data-class="(\w+)" data-count="(\d+)"'
    return {name: int(count) for name, count in re.findall(pattern, html)}


def count(store: Store, query: str) -> int:
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


def test_home_counts_the_ten_member_states_the_brochure_lists(home, store):
    rows = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{SCO.MemberState.value}> }}", use_default_graph_as_union=True)
    member_states = {row["s"].value for row in rows}
    assert member_states == {RESOURCE + "state/" + code for code in BROCHURE_MEMBER_STATES}
    assert counts_on_page(home, "li")["MemberState"] == dict(class_counts(store))["MemberState"] == 10
    assert "member state" in home and "成员国" in home


@pytest.mark.parametrize("main, path", [
    ("Meeting", "a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"),
    ("Document", "a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"),
    ("State", "a"),
])
def test_main_class_totals_include_their_subclasses(home, store, main, path):
    expected = count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s {path} <{SCO[main].value}> }}")
    assert counts_on_page(home, "tr")[main] == expected > 0


def test_subclass_counts_are_the_stats_counts(home, store):
    shown = counts_on_page(home, "li")
    assert {"MemberState", "ObserverState", "DialoguePartnerState", "MinisterialMeeting", "Concept"} <= set(shown)
    stats = dict(class_counts(store))
    assert shown == {name: stats.get(name, 0) for name in shown}
    assert set(shown).isdisjoint(counts_on_page(home, "tr"))


def test_home_shows_triples_per_named_graph(home, store):
    shown = {iri: int(n) for iri, n in re.findall(r'data-graph="([^"]+)" data-triples="(\d+)"', home)}
    assert shown == dict(graph_sizes(store))
    assert shown[RESOURCE + "source/csec-brochure"] > 0
    assert "上海合作组织环境保护合作" in home  # the brochure graph's Chinese title


def test_home_has_search_box_examples_and_data_links(home):
    assert re.search(r'<form[^>]*action="/search"[^>]*>\s*<label[^>]*>[^<]*</label>\s*<input[^>]*name="q"', home)
    linked = re.findall(r'href="/queries/([a-z0-9-]+)"', home)
    assert linked == list(EXAMPLE_QUERIES)
    catalog = load_catalog()
    for name in linked:
        assert catalog[name].question_en in home
        assert catalog[name].question_zh in home
    for href in ("/downloads", "/.well-known/void", "/ontology", "/downloads/sco-kg.ttl", "/timeline"):
        assert f'href="{href}"' in home


def test_timeline_has_the_2018_conception(timeline):
    years = [year["year"] for year in timeline["years"]]
    assert years == sorted(years)
    year_2018 = next(year for year in timeline["years"] if year["year"] == 2018)
    conception = next(item for item in year_2018["items"] if item["iri"] == CONCEPTION_2018)
    assert conception == {
        "iri": CONCEPTION_2018,
        "href": "/resource/document/conception-of-environmental-cooperation-among-the-sco-member-states",
        "label": "Conception of Environmental Cooperation among the SCO Member States",
        "label_zh": conception["label_zh"],
        "date": "2018-06",
        "kind": "document",
    }
    assert "构想" in conception["label_zh"]


def test_timeline_places_the_environment_ministers_meetings_in_their_years(timeline):
    items = {item["iri"]: (year["year"], item) for year in timeline["years"] for item in year["items"]}
    for ordinal, date in ENVIRONMENT_MINISTERS.items():
        iri = RESOURCE + f"meeting/{ordinal}-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies"
        year, item = items[iri]
        assert (year, item["date"], item["kind"]) == (int(date[:4]), date, "meeting")
        assert item["href"] == iri.removeprefix("https://w3id.org/sco-kg")


def test_timeline_counts_match_sparql(timeline, store):
    for year in timeline["years"]:
        assert year["meetings"] == sum(item["kind"] == "meeting" for item in year["items"])
        assert year["documents"] == sum(item["kind"] == "document" for item in year["items"])
        assert [item["date"] for item in year["items"]] == sorted(item["date"] for item in year["items"])
        assert all(item["date"].startswith(str(year["year"])) for item in year["items"])
    meetings_2024 = count(store, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?m a/<{RDFS.subClassOf.value}>* <{SCO.Meeting.value}> ; <{SCHEMA.startDate.value}> ?d
          FILTER(STRSTARTS(STR(?d), "2024"))
        }}""")
    year_2024 = next(year for year in timeline["years"] if year["year"] == 2024)
    assert year_2024["meetings"] == meetings_2024 > 0
    total_documents = count(store, f"""
        SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{
          ?d a/<{RDFS.subClassOf.value}>* <{SCO.Document.value}> ; <http://purl.org/dc/terms/date> ?date
        }}""")
    assert sum(year["documents"] for year in timeline["years"]) == total_documents > 0


def test_timeline_page_has_the_chart_the_script_and_a_table(live_server, timeline):
    response = requests.get(live_server.url + "/timeline", timeout=30)
    assert response.status_code == 200
    html = response.text
    assert '<div class="timeline-chart" data-timeline-url="/timeline.json"></div>' in html
    assert '<script src="/static/js/timeline.js"></script>' in html
    shown = re.findall(r'<tbody data-year="(\d+)" data-meetings="(\d+)" data-documents="(\d+)">', html)
    assert shown == [(str(y["year"]), str(y["meetings"]), str(y["documents"])) for y in timeline["years"]]
    assert 'href="/resource/meeting/6th-meeting-of-the-heads-of-sco-environmental-ministries-and-agencies"' in html


@pytest.fixture()
def hostile_server(tmp_path: Path, live_server_factory) -> str:
    """A server on a store whose labels carry markup, under another base IRI."""
    base = "https://example.org/kg/"
    meeting = NamedNode(base + "resource/meeting/x")
    graph = graph_namespace(base).reference
    build_store(tmp_path / "store", [
        Quad(meeting, RDF.type, SCO.Meeting, graph),
        Quad(meeting, SCHEMA.startDate, Literal("2019", datatype=XSD.gYear), graph),
        Quad(meeting, RDFS.label, Literal('<script>alert("x")</script>', language="en"), graph),
        Quad(graph, RDFS.label, Literal("<b>graph</b>", language="en"), graph),
    ])
    return live_server_factory(Settings(store_path=tmp_path / "store", base_iri=base)).url


def test_pages_escape_labels_and_link_under_the_configured_base(hostile_server):
    timeline = requests.get(hostile_server + "/timeline.json", timeout=30).json()
    assert timeline["years"][0]["items"][0]["href"] == "/resource/meeting/x"
    assert timeline["years"][0]["items"][0]["label"] == '<script>alert("x")</script>'
    for path in ("/timeline", "/"):
        html = requests.get(hostile_server + path, timeout=30).text
        assert "<script>alert" not in html and "<b>graph</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in requests.get(hostile_server + "/timeline", timeout=30).text
    assert "&lt;b&gt;graph&lt;/b&gt;" in requests.get(hostile_server + "/", timeout=30).text
