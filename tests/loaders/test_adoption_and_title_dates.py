"""Rules on what a meeting adopted and when a title or themed year is dated: the
delegations' second predicate, a signing date written
after a title, a year designated as a themed year. Sentences of our own; each assertion names a
real value."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.initiatives import find_initiatives
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import find_documents

COUNCIL_MEETING = Ref("meeting", "zh:第三十二次政府首脑理事会会议")
FORUM = Ref("meeting", "zh:第二届额尔齐斯河论坛")  # a meeting the sentence refers back to


def _context(text: str, current: Ref | None = None) -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), "zh")
    return SentenceContext("own", segment, True, default_name_index().find(text, "zh"), current_meeting=current, issued=DateValue(2033, 5))


def _known(ctx: SentenceContext) -> list[Observation]:
    bodies = {b.id: b.sco_class for b in load_lexicon().bodies}
    classes = {"state": "State", "place": "City"}
    return [ctx.observe(Ref(n.kind, n.key), bodies.get(n.key) or classes[n.kind], n.start, n.end) for n in ctx.names]


def _adopted(ctx: SentenceContext) -> dict[str, list[object]]:
    found = _known(ctx) + find_documents(ctx, load_lexicon())
    link_sentence(ctx, found, load_lexicon())
    return {o.names[0][0]: [f.value for f in o.facts if f.predicate == "sco:adoptedAt"] for o in found if o.ref.kind == "document"}


def test_the_delegations_approve_in_their_second_predicate() -> None:
    ctx = _context("各代表团团长满意地指出《上合组织成员国水资源合作计划》已顺利实施,批准了《上合组织成员国水资源合作路线图》。", COUNCIL_MEETING)
    adopted = _adopted(ctx)
    assert adopted["上合组织成员国水资源合作路线图"] == [COUNCIL_MEETING]


def test_a_document_signed_by_a_state_after_the_meeting_opened_is_not_adopted_there() -> None:
    ctx = _context("会上，各方指出，哈萨克斯坦总统批准了《哈萨克斯坦绿色经济构想》。", FORUM)
    assert _adopted(ctx)["哈萨克斯坦绿色经济构想"] == []


def test_a_signing_year_written_after_the_title_dates_it() -> None:
    found = {o.names[0][0]: o for o in find_documents(_context("各代表团团长欢迎《上合组织成员国政府间荒漠化防治合作协定》于2032年签署。"), load_lexicon())}
    dates = [f.value for f in found["上合组织成员国政府间荒漠化防治合作协定"].facts if f.predicate == "dcterms:date"]
    assert dates == [DateValue(2032)]


def test_a_year_designated_as_a_themed_year_dates_it() -> None:
    found = {o.names[0][0]: o for o in find_initiatives(_context("各方支持关于将2034年定为“上合组织湿地保护年”的倡议。"), load_lexicon())}
    year = found["上合组织湿地保护年"]
    assert year.sco_class == "ThemedYear"
    assert [f.value for f in year.facts if f.predicate == "schema:startDate"] == [DateValue(2034)]
