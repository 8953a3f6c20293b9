"""Meeting series: where a text names a series, which names are editions, and how they resolve.

Corpus assertions quote the sentence they rest on; sentences of our own use other names, places
and bodies, to show that each rule is general.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.meetings import find_meetings
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.resolve import resolve
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue

CORPUS = Path(__file__).parents[2] / "corpus"
BASE = "https://w3id.org/sco-kg/"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS, BASE)


@pytest.fixture(scope="module")
def entities(corpus):
    return corpus.entities


def _context(text: str, lang: str, source: str = "ours") -> SentenceContext:
    sentence = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext(source, sentence, True, default_name_index().find(text, lang))


def _read(text: str, lang: str = "zh", source: str = "ours") -> list[Observation]:
    return find_meetings(_context(text, lang, source), load_lexicon())


def _kinds(found: list[Observation]) -> list[tuple[str, str]]:
    return [(o.ref.kind, o.spans[0].text) for o in found]


def _source_text(document: str) -> str:
    return (CORPUS / f"{document}.txt").read_text(encoding="utf-8")


# --- mentions in the corpus --------------------------------------------------------------------


def test_the_environment_ministers_series_is_mentioned_with_quotes_and_offsets(entities) -> None:
    # csec-brochure: "- 2019年9月, 上合组织成员国环境部长会议机制正式建立";
    # bulletin 2021-01: "在担任主席国期间，塔方将主办第二次上合组织成员国环境部长会议。"
    series = entities[Ref("series", "zh:环境部长会")]
    assert {s.evidence.source_id for s in series.spans} >= {"csec-brochure", "sco-environment-bulletin-2021-01"}
    for span in series.spans:
        assert _source_text(span.evidence.source_id)[span.start : span.end].replace("\n", "") == span.text
        assert span.text in span.evidence.quote.replace("\n", "")
    assert "上合组织成员国环境部长会议" in {s.text for s in series.spans if s.evidence.source_id == "sco-environment-bulletin-2021-01"}
    assert series.value("schema:startDate") == DateValue(2019, 9)
    assert series.labels["zh"] == "上海合作组织成员国环境部长会"
    assert series.labels["en"] == "Meeting of the Heads of SCO Environmental Ministries and Agencies"


def test_series_resources_carry_mentions_in_the_graph(corpus) -> None:
    mentioned = {str(q.subject.value) for q in corpus.quads if q.predicate.value.endswith("#hasMention")}
    assert BASE + "resource/series/meeting-of-the-heads-of-sco-environmental-ministries-and-agencies" in mentioned
    assert BASE + "resource/series/sco-sustainable-development-forum" in mentioned


def test_recurring_events_named_without_an_edition_are_series_not_meetings(entities) -> None:
    # hog-24: "每年举办“上合组织投资”论坛的建议"; "强调每年在中华人民共和国昆明市…举行上合组织马拉松比赛";
    # "在上合组织成员国反垄断部门负责人会议框架内开展活动"; "上合组织成员国卫生防疫部门负责人会议机制";
    # br-plan: "欧亚经济论坛、中非合作论坛、中阿合作论坛、亚信等合作机制"
    for key in ("zh:投资论坛", "zh:马拉松比赛", "zh:反垄断部门负责人会", "zh:卫生防疫部门负责人会", "zh:欧亚经济论坛"):
        assert entities[Ref("series", key)].spans, key
        assert not [ref for ref in entities if ref.kind == "meeting" and ref.key.startswith(f"{key}@")], key
    # … but a cooperation forum listed among the mechanisms is a standing body
    assert not [ref for ref in entities if ref.kind in ("series", "meeting") and ref.key.startswith("zh:中非合作论坛")]
    marathon = entities[Ref("series", "zh:马拉松比赛")]
    assert marathon.labels == {"zh": "上合组织马拉松比赛", "en": "SCO Marathon"}


def test_one_name_with_several_dated_editions_names_the_series_and_each_edition(entities) -> None:
    # hog-24: "上合组织可持续发展论坛(2025年4月17日,鄂木斯克;2025年11月17日,莫斯科)"
    series = Ref("series", "zh:可持续发展论坛")
    assert entities[series].spans
    editions = {e.value("schema:startDate") for e in entities.values() if e.ref.kind == "meeting" and e.value("sco:inSeries") == series}
    assert editions == {DateValue(2025, 4, 17), DateValue(2025, 11, 17)}


def test_a_bare_name_in_a_text_on_several_editions_is_the_series(entities) -> None:
    # csec-brochure heading: "支持上合组织成员国环境部长会及专家会 *… Supporting the Meeting of the Heads
    # of SCO Environmental Ministries and Agencies and Expert Meetings*" beside six numbered editions
    assert not [ref for ref in entities if ref.kind == "meeting" and ref.key.startswith("zh:环境部长会@")]
    assert not [ref for ref in entities if ref.kind == "meeting" and ref.key.startswith("en:")]
    assert "上合组织成员国环境部长会" in {s.text for s in entities[Ref("series", "zh:环境部长会")].spans}


def test_a_bare_name_after_one_edition_in_its_text_is_that_edition(entities) -> None:
    # hog-24: "2025年8月31日至9月1日在天津举行的上合组织成员国元首理事会会议以及“上合组织+”会议…";
    # later "必须有效实施上合组织峰会通过的各项文件"
    tianjin = entities[Ref("meeting", "zh:元首理事会会@2025-08-31")]
    assert "上合组织峰会" in {text for text, _ in tianjin.alt_labels} | set(tianjin.labels.values())
    assert Ref("meeting", "zh:元首理事会会@?") not in entities
    assert tianjin.sco_class == "Summit"
    plus = [e for e in entities.values() if e.ref.kind == "meeting" and "“上合组织+”会议" in e.labels.values()]
    assert [e.value("schema:startDate") for e in plus] == [DateValue(2025, 8, 31)]  # the date both names share


# --- sentences of our own ------------------------------------------------------------------------


def test_an_edition_numbered_two_or_more_mentions_its_series() -> None:
    found = _read("2031年5月,第三次上合组织成员国水资源部长会议在奥什举行。")
    assert _kinds(found) == [("meeting", "第三次上合组织成员国水资源部长会议"), ("series", "上合组织成员国水资源部长会议")]
    assert found[1].ref == Ref("series", "zh:水资源部长会")
    english = _read("The 3rd Meeting of SCO Water Ministers was held in Osh in May 2031.", "en")
    assert _kinds(english) == [("meeting", "3rd Meeting of SCO Water Ministers"), ("series", "Meeting of SCO Water Ministers")]


def test_a_first_edition_a_generic_name_or_a_name_in_a_title_mentions_no_series() -> None:
    assert _kinds(_read("2030年,首届上合组织水论坛在塔什干举行。")) == [("meeting", "首届上合组织水论坛")]
    assert [k for k, _ in _kinds(_read("第四届国际高级别会议将于2032年举行。"))] == ["meeting"]
    assert [k for k, _ in _kinds(_read("各方签署《第三次上合组织成员国水资源部长会议联合声明》。"))] == ["meeting"]


def test_recurrence_cues_make_a_bare_name_the_series() -> None:
    for text, name in [
        ("各方支持每年举办上合组织青年水论坛。", "上合组织青年水论坛"),
        ("上合组织成员国水资源部门专家会议机制发挥了重要作用。", "上合组织成员国水资源部门专家会议"),
        ("各方愿在上合组织成员国水资源部门负责人会议框架内开展合作。", "上合组织成员国水资源部门负责人会议"),
        ("自2027年起,成功举办三届塔什干绿色技术大赛。", "塔什干绿色技术大赛"),
        ("中方将于2027年至2029年举办上合组织国家水资源管理研修班。", "上合组织国家水资源管理研修班"),
    ]:
        assert _kinds(_read(text)) == [("series", name)], text
    english = _read("The SCO Water Forum was launched in 2027.", "en")
    assert _kinds(english) == [("series", "SCO Water Forum")]
    assert english[0].facts[-1].value == DateValue(2027)


def test_a_meeting_held_within_the_framework_of_an_event_leaves_the_event_a_meeting() -> None:
    found = _read("各方支持在联合国水峰会框架内举办上合组织水问题特别会议。")
    assert [o.ref.kind for o in found] == ["meeting", "meeting"]


def test_names_of_kind_words_only_name_no_meeting_but_an_organisations_name_does() -> None:
    assert _read("各方注意到关于举行部长级会议的倡议。") == []
    assert _kinds(_read("各方注意到关于举行上合组织公开赛的倡议。")) == [("meeting", "上合组织公开赛")]
    assert _kinds(_read("各方注意到举行上合组织成员国港口和物流中心负责人会议的倡议。")) == [("meeting", "上合组织成员国港口和物流中心负责人会议")]


def test_heads_of_state_meetings_are_summits_and_a_generic_head_takes_a_kind_inside_the_name() -> None:
    found = _read("2031年6月3日,上海合作组织成员国元首理事会第七次会议在比什凯克举行。")
    assert found[0].sco_class == "Summit"
    assert _read("2030年,塔什干水论坛周年会议在塔什干举行。")[0].sco_class == "Forum"


def test_short_names_and_bare_names_resolve_within_their_document() -> None:
    # a text of our own naming the water ministers' meetings, its 6th by a short name and all of
    # them by a count; another text names the series bare beside one edition
    observations = (
        _read("2027年5月,上合组织成员国水资源部长会议机制正式建立。", source="a")
        + _read("截至2031年已召开六次部长会,其中第六次部长会于2031年7月在奥什举行。", source="a")
        + _read("2029年,第三次上合组织成员国水资源部长会议在杜尚别举行。", source="b")
        + _read("2030年,第四次上合组织成员国水资源部长会议在塔什干举行。", source="b")
        + _read("各方支持上合组织成员国水资源部长会议的工作。", source="b")
        + _read("2032年,上合组织青年水论坛在阿拉木图举行。", source="c")
        + _read("上合组织青年水论坛通过了倡议。", source="c")
    )
    entities = resolve(observations)
    series = entities[Ref("series", "zh:水资源部长会")]
    assert {s.text for s in series.spans} >= {"上合组织成员国水资源部长会议", "部长会", "上合组织成员国水资源部长会议"}
    assert series.value("schema:startDate") == DateValue(2027, 5)
    sixth = entities[Ref("meeting", "zh:水资源部长会#6")]
    assert sixth.value("schema:startDate") == DateValue(2031, 7)
    assert "第六次部长会" in {text for text, _ in sixth.alt_labels}
    assert Ref("series", "zh:部长会") not in entities
    assert not [ref for ref in entities if ref.key.startswith("zh:水资源部长会@")]
    youth = entities[Ref("meeting", "zh:青年水论坛@2032")]
    assert len(youth.spans) == 2 and Ref("meeting", "zh:青年水论坛@?") not in entities


def test_a_translation_naming_another_kind_of_event_gives_the_series_no_name() -> None:
    zh = _read("2031年7月,上合组织水论坛技术分论坛暨水信息平台专家研讨会在奥什举行。")
    assert zh[0].sco_class == "Forum" and zh[0].ref == Ref("meeting", "zh:水信息平台专家研讨会@2031-07")
    en = _read("In July 2031, SCO Water Forum Parallel Sub-forum was held in Osh.", "en")
    en[0].ref, en[0].primary = zh[0].ref, False
    en[0].facts = [f for f in en[0].facts if f.predicate != "sco:inSeries"]
    entities = resolve(zh + en + _read("各方定期组织召开上合组织水信息平台专家研讨会。"))
    series = entities[Ref("series", "zh:水信息平台专家研讨会")]
    assert "en" not in series.labels
    assert entities[zh[0].ref].labels["en"] == "SCO Water Forum Parallel Sub-forum"
