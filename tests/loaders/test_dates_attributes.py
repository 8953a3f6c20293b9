"""Date attributes: founding dates, document dates, year-less dates and how agreeing dates merge.

Synthetic sentences of our own check each rule alone; the corpus graph checks the dates the
documents give (tests/gold records the same values by hand).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from scokg.loaders.bodies import find_bodies
from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Evidence, Fact, Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.resolve import resolve
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue, find_dates
from scokg.loaders.titles import find_documents

BASE = "https://w3id.org/sco-kg/"


def _context(text: str, lang: str = "zh") -> SentenceContext:
    return SentenceContext("synthetic", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang))


def _dates(text: str, issued: DateValue | None = None) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.value.lexical(), m.end_value.lexical() if m.end_value else None) for m in find_dates(text, issued)]


# --- year-less dates take the year of the document -----------------------------------------


def test_a_month_and_day_without_a_year_take_the_year_of_the_issue() -> None:
    issue = DateValue(2023, 4)
    assert _dates("3月2日，第四次筹备专家会以视频方式召开。", issue) == [("3月2日", "2023-03-02", None)]
    assert _dates("On 5 March the forum opened.", issue) == [("5 March", "2023-03-05", None)]
    assert _dates("The meeting of March 17–18 adopted a plan.", issue) == [("March 17–18", "2023-03-17", "2023-03-18")]


def test_a_month_later_than_the_issue_belongs_to_the_year_before() -> None:
    issue = DateValue(2021, 2)
    assert _dates("12月28日，部务会议审议了报告。", issue) == [("12月28日", "2020-12-28", None)]
    assert _dates("会议于12月30日至1月2日举行。", issue) == [("12月30日至1月2日", "2020-12-30", "2021-01-02")]


def test_a_range_across_months_without_a_year() -> None:
    issue = DateValue(2026, 12, 1)
    assert _dates("峰会于11月30日至12月1日在比什凯克举行。", issue) == [("11月30日至12月1日", "2026-11-30", "2026-12-01")]
    assert _dates("held from 30 November to 1 December in Bishkek", issue) == [
        ("30 November to 1 December", "2026-11-30", "2026-12-01")]


def test_year_less_dates_need_the_date_of_the_document() -> None:
    assert _dates("3月2日，第四次筹备专家会以视频方式召开。") == []
    assert _dates("Member states may 5 times a year report.", DateValue(2023, 4)) == []


def test_a_written_year_wins_over_the_issue_year() -> None:
    assert _dates("2019年3月2日，会议召开。", DateValue(2023, 4)) == [("2019年3月2日", "2019-03-02", None)]


def test_ranges_with_their_years_across_months() -> None:
    assert _dates("峰会于2026年11月30日至12月1日举行。") == [("2026年11月30日至12月1日", "2026-11-30", "2026-12-01")]
    assert _dates("from 30 November to 1 December 2026") == [("30 November to 1 December 2026", "2026-11-30", "2026-12-01")]
    assert _dates("March 17-22, 2026, Dushanbe") == [("March 17-22, 2026", "2026-03-17", "2026-03-22")]


def test_a_date_refines_the_coarser_forms_it_falls_in() -> None:
    assert DateValue(2001, 6, 15).refines(DateValue(2001))
    assert DateValue(2014, 6).refines(DateValue(2014, 6))
    assert not DateValue(2014).refines(DateValue(2014, 6))
    assert not DateValue(2015, 6).refines(DateValue(2014))


# --- founding dates ------------------------------------------------------------------------


def _founding_dates(text: str, lang: str = "zh") -> dict[str, str]:
    found = find_bodies(_context(text, lang), load_lexicon())
    return {o.names[0][0]: f.value.lexical() for o in found for f in o.facts if f.predicate == "schema:foundingDate"}


def test_a_date_alone_in_the_clause_before_a_founded_body_is_its_founding_date() -> None:
    found = _founding_dates("2016 年，中国—上海合作组织环境保护合作中心成立，承担具体工作。")
    assert set(found.values()) == {"2016"}


def test_an_english_sentence_opening_with_the_date_of_a_founding() -> None:
    found = _founding_dates("In June 2016, the China Center for SCO Environmental Cooperation was established in Beijing.", "en")
    assert set(found.values()) == {"2016-06"}


def test_a_date_in_an_earlier_clause_about_something_else_is_no_founding_date() -> None:
    assert _founding_dates("2016 年，部长会议召开，会上中国—上海合作组织环境保护合作中心成立。") == {}


# --- document dates from the clause that adopts or issues them ------------------------------


def _document_dates(text: str) -> dict[str, str]:
    found = find_documents(_context(text), load_lexicon())
    return {o.names[0][0]: f.value.lexical() for o in found for f in o.facts if f.predicate == "dcterms:date"}


def test_a_document_is_dated_by_the_clause_that_adopts_or_issues_it() -> None:
    assert _document_dates("2019年修订的《水法典》提出了新要求。") == {"水法典": "2019"}
    assert _document_dates("2022年底，蒙古国发布了《2021年国家环境状况报告》。") == {"2021年国家环境状况报告": "2022"}
    assert _document_dates("2023年5月12日理事会以决议形式批准的外长理事会《关于加强合作的建议》。") == {"关于加强合作的建议": "2023-05-12"}


def test_a_date_of_another_clause_does_not_date_the_document() -> None:
    assert _document_dates("2019年以来，各方继续落实《水法典》。") == {}
    assert _document_dates("2019年会议召开，各方通过了《合作纲要》。") == {}
    assert _document_dates("会议(2025年5月29日至31日,杜尚别)通过的《杜尚别宣言》。") == {}


# --- agreeing dates merge to the most precise one ------------------------------------------


def _observation(source: str, predicate: str, value: DateValue, primary: bool = True) -> Observation:
    evidence = Evidence(source, 0, 1, "…", "zh")
    return Observation(Ref("body", "test-centre"), "Body", names=[("中心", "zh")],
                       facts=[Fact(predicate, value, evidence)], primary=primary)


def _values(observations: list[Observation], predicate: str) -> list[tuple[str, str]]:
    entity = resolve(observations)[Ref("body", "test-centre")]
    return sorted((f.evidence.source_id, f.value.lexical()) for f in entity.facts if f.predicate == predicate)


def test_a_founding_date_keeps_the_most_precise_value_each_document_gives() -> None:
    found = _values([
        _observation("a", "schema:foundingDate", DateValue(2014)),
        _observation("a", "schema:foundingDate", DateValue(2014, 6)),
        _observation("b", "schema:foundingDate", DateValue(2014)),
    ], "schema:foundingDate")
    assert found == [("a", "2014-06"), ("b", "2014")]


def test_agreeing_dates_keep_the_most_precise_even_from_a_translation() -> None:
    found = _values([
        _observation("a", "dcterms:date", DateValue(2024, 5)),
        _observation("b", "dcterms:date", DateValue(2024, 5, 22), primary=False),
    ], "dcterms:date")
    assert found == [("b", "2024-05-22")]


def test_conflicting_dates_keep_the_primary_reading() -> None:
    found = _values([
        _observation("a", "dcterms:date", DateValue(2015, 3), primary=False),
        _observation("b", "dcterms:date", DateValue(2014)),
    ], "dcterms:date")
    assert found == [("b", "2014")]


# --- the corpus graph ----------------------------------------------------------------------


def _graph_dates(store: Store, subject: str, predicate: str, source: str) -> set[str]:
    rows = store.query(
        f"SELECT ?d WHERE {{ GRAPH <{BASE}resource/source/{source}> {{ <{BASE}resource/{subject}> <{predicate}> ?d }} }}")
    return {row["d"].value for row in rows}


@pytest.fixture(scope="module")
def corpus_store(corpus_store_path: Path) -> Store:
    return Store.read_only(str(corpus_store_path))


FOUNDING = "https://schema.org/foundingDate"
DATE = "http://purl.org/dc/terms/date"


def _titled_dates(store: Store, title: str, source: str) -> set[str]:
    """The dates `source` gives the document titled `title` (in Chinese)."""
    rows = store.query(
        f'SELECT ?d WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> "{title}"@zh . '
        f'GRAPH <{BASE}resource/source/{source}> {{ ?s <{DATE}> ?d }} }}', use_default_graph_as_union=True)
    return {row["d"].value for row in rows}


def test_the_corpus_founding_dates_are_as_precise_as_each_document(corpus_store: Store) -> None:
    assert _graph_dates(corpus_store, "body/sco", FOUNDING, "csec-brochure") == {"2001-06-15"}
    assert _graph_dates(corpus_store, "body/csec", FOUNDING, "csec-brochure") == {"2014-06"}
    assert _graph_dates(corpus_store, "body/csec", FOUNDING, "sco-environment-bulletin-2021-01") == {"2014"}


@pytest.mark.parametrize(("title", "expected"), [
    ("生态法典", "2021"),
    ("2019年俄罗斯环境保护报告", "2020"),
])
def test_the_bulletin_dates_documents_by_the_clause_issuing_them(corpus_store: Store, title: str, expected: str) -> None:
    assert _titled_dates(corpus_store, title, "sco-environment-bulletin-2021-01") == {expected}


def test_the_communique_dates_a_resolution_by_its_adoption(corpus_store: Store) -> None:
    assert _titled_dates(corpus_store, "关于完善上合组织运作机制的建议", "hog-24-joint-communique-2025") == {"2024-07-04"}
