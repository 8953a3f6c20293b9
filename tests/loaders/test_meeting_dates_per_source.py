"""A document adopted at a meeting is dated by the days one sentence of the adopting source gives
the meeting: an end said elsewhere in the source, with another start, is not
paired with the start. Observations are built by hand with sentences of our own, resolved as the
pipeline resolves them, then linked over the corpus."""
from __future__ import annotations

from scokg.loaders.corpus_links import link_corpus
from scokg.loaders.model import Evidence, Fact, Observation, Ref, Value
from scokg.loaders.resolve import resolve
from scokg.loaders.temporal import DateValue

MEETING = Ref("meeting", "zh:草原保护部长会议")
DECLARATION = Ref("document", "zh:草原保护宣言")
CHENGDU = Ref("place", "Chengdu")
NEWS, REPORT = "r5-news", "r5-report"
ADOPTED = "会议通过了《草原保护宣言》。"


def said(source: str, quote: str, *facts: tuple[str, Value]) -> Observation:
    """What one sentence of a source says about the meeting."""
    evidence = Evidence(source, 0, len(quote), quote, "zh")
    return Observation(MEETING, "Meeting", [("草原保护部长会议", "zh")], facts=[Fact(p, v, evidence) for p, v in facts])


def declaration_date(*meeting: Observation, source: str = NEWS) -> list[DateValue]:
    """The dates the declaration adopted at the meeting (in `source`) gets once linked."""
    evidence = Evidence(source, 100, 100 + len(ADOPTED), ADOPTED, "zh")
    declaration = Observation(DECLARATION, "Declaration", [("草原保护宣言", "zh")], facts=[Fact("sco:adoptedAt", MEETING, evidence)])
    entities = resolve([*meeting, declaration])
    link_corpus(entities)
    return entities[DECLARATION].values("dcterms:date")


def start(day: int, month: int = 5) -> tuple[str, DateValue]:
    return "schema:startDate", DateValue(2030, month, day)


def end(day: int, month: int = 5) -> tuple[str, DateValue]:
    return "schema:endDate", DateValue(2030, month, day)


def test_a_range_of_days_in_one_sentence_dates_the_document_by_their_month() -> None:
    meeting = said(NEWS, "草原保护部长会议于2030年5月10日至12日举行。", start(10), end(12))
    assert declaration_date(meeting) == [DateValue(2030, 5)]


def test_an_end_said_with_another_start_is_not_paired_with_the_start() -> None:
    opened = said(NEWS, "2030年5月10日，草原保护部长会议开幕。", start(10))
    planned = said(NEWS, "草原保护部长会议原定于2030年6月28日至7月2日举行。", start(28, 6), end(2, 7))
    assert declaration_date(opened, planned) == [DateValue(2030, 5, 10)]


def test_a_range_said_again_after_its_start_alone_still_pairs() -> None:
    opened = said(NEWS, "2030年5月10日，草原保护部长会议开幕。", start(10))
    held = said(NEWS, "草原保护部长会议于2030年5月10日至12日举行。", start(10), end(12))
    assert declaration_date(opened, held) == [DateValue(2030, 5)]


def test_the_end_is_found_by_its_sentence_not_next_to_the_start() -> None:
    """Resolution groups facts by predicate: a place read first in another source stands between
    the adopting source's start and end."""
    elsewhere = said(REPORT, "2030年5月10日，草原保护部长会议在成都开幕。", start(10), ("sco:place", CHENGDU))
    held = said(NEWS, "草原保护部长会议于2030年5月10日至12日在成都举行。", start(10), end(12), ("sco:place", CHENGDU))
    assert declaration_date(elsewhere, held) == [DateValue(2030, 5)]


def test_a_start_alone_dates_the_document_by_its_day() -> None:
    meeting = said(NEWS, "2030年5月10日，草原保护部长会议在成都开幕。", start(10))
    assert declaration_date(meeting) == [DateValue(2030, 5, 10)]
