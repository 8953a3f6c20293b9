"""Rules added in round 2 of issue 4: a ministry named after "<state>的", an issuer's place from
its address line, and the documents listed right after "<meeting>通过的各项文件". Sentences
are made up for the tests; observations are built by hand as the extractors would build them."""
from __future__ import annotations

from pathlib import Path

from scokg.loaders.bodies import find_bodies
from scokg.loaders.body_names import body_names
from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus import SourceMeta, SourceText
from scokg.loaders.discourse import link_issuer_address
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Evidence, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.normalize import name_key
from scokg.loaders.segments import Segment

ADOPTED = "sco:adoptedAt"


def context(text: str, lang: str = "zh", previous: list[Observation] | None = None) -> SentenceContext:
    return SentenceContext("doc", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang), previous=previous or [])


def observe(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str) -> Observation:
    index = ctx.text.index(surface)
    return ctx.observe(ref, sco_class, index, index + len(surface))


def facts(found: list[Observation], predicate: str) -> set[tuple[Ref, object]]:
    return {(o.ref, f.value) for o in found for f in o.facts if f.predicate == predicate}


# --------------------------------------------------------------------------- "<state>的<ministry>"


def _bodies(text: str) -> dict[str, object]:
    return {b.text: b for b in body_names(text, "zh", tuple(default_name_index().find(text, "zh")))}


def test_a_ministry_named_after_state_de_is_that_states_and_keyed_as_if_named_with_it() -> None:
    owned = _bodies("论坛由轮值主席国吉尔吉斯斯坦的自然资源、生态和技术监督部承办。")["自然资源、生态和技术监督部"]
    direct = _bodies("吉尔吉斯斯坦自然资源、生态和技术监督部部长出席论坛。")["吉尔吉斯斯坦自然资源、生态和技术监督部"]
    assert owned.country == direct.country == "KGZ"
    assert owned.ref == direct.ref == Ref("body", name_key("吉尔吉斯斯坦自然资源、生态和技术监督部", "zh"))
    assert owned.sco_class == "GovernmentAgency"


def test_state_de_anchors_only_a_ministry_with_a_name_of_its_own() -> None:
    assert _bodies("会议由蒙古国的相关部门承办。") == {}  # a kind of body, not a name
    assert _bodies("专家介绍了乌兹别克斯坦的水利、能源和交通等领域。") == {}  # no head at all
    without_state = _bodies("会议由轮值主席国的自然资源、生态和技术监督部承办。")
    assert "自然资源、生态和技术监督部" not in without_state  # an enumeration needs an anchor


def test_the_ministry_after_state_de_hosts_the_meeting_not_the_state() -> None:
    ctx = context("上合组织成员国林业部门负责人会议筹备会由轮值主席国吉尔吉斯斯坦的自然资源、生态和技术监督部主办。")
    meeting = observe(ctx, Ref("meeting", "prep"), "Meeting", "上合组织成员国林业部门负责人会议筹备会")
    states = [ctx.observe(Ref(n.kind, n.key), "State", n.start, n.end) for n in ctx.names if n.kind == "state"]
    found = [meeting, *states, *find_bodies(ctx, load_lexicon())]
    link_sentence(ctx, found, load_lexicon())
    ministry = Ref("body", name_key("吉尔吉斯斯坦自然资源、生态和技术监督部", "zh"))
    assert facts(found, "sco:host") == {(Ref("meeting", "prep"), ministry)}


# --------------------------------------------------------------------------- the issuer's address


def _source(text: str, issuer_zh: str | None) -> SourceText:
    meta = SourceMeta(id="doc", title_zh=None, title_en=None, genre="bulletin", issuer_zh=issuer_zh, issuer_en=None,
                      published=None, languages=("zh",), primary_language="zh", layout=None)
    return SourceText(Path("doc.txt"), text, meta)


def _named(ref: Ref, sco_class: str, name: str, text: str) -> Observation:
    at = text.index(name)
    evidence = Evidence("doc", at, at + len(name), name, "zh")
    return Observation(ref, sco_class, names=[(name, "zh")], spans=[Span(at, at + len(name), name, evidence)])


SECRETARIAT = Ref("body", "sco-secretariat")


def test_the_one_city_of_the_address_lines_is_the_issuers_place() -> None:
    text = "上合组织秘书处发布年度简报。\n\n电话：000-1234   传真：000-5678\n地址：比什凯克市列宁大街12号\n"
    found = [_named(SECRETARIAT, "Secretariat", "上合组织秘书处", text)]
    link_issuer_address(_source(text, "上合组织秘书处"), found, default_name_index())
    place = [f for f in found[0].facts if f.predicate == "sco:place"]
    assert [f.value for f in place] == [Ref("place", "Bishkek")]
    assert place[0].evidence.quote == "地址：比什凯克市列宁大街12号"
    assert text[place[0].evidence.start : place[0].evidence.end] == place[0].evidence.quote


def test_an_english_address_line_gives_the_city_too() -> None:
    text = "上合组织秘书处发布年度简报。\nAddress: 7 Abai Avenue, Almaty 050000, Kazakhstan\n"
    found = [_named(SECRETARIAT, "Secretariat", "上合组织秘书处", text)]
    link_issuer_address(_source(text, "上合组织秘书处"), found, default_name_index())
    assert facts(found, "sco:place") == {(SECRETARIAT, Ref("place", "Almaty"))}


def test_no_place_from_addresses_that_disagree_or_for_an_issuer_not_well_known_or_already_placed() -> None:
    names = default_name_index()
    two = "上合组织秘书处发布年度简报。\n地址：比什凯克市列宁大街12号\n地址：杜尚别市鲁达基大街5号\n"
    found = [_named(SECRETARIAT, "Secretariat", "上合组织秘书处", two)]
    link_issuer_address(_source(two, "上合组织秘书处"), found, names)
    assert facts(found, "sco:place") == set()
    unknown = "某某研究中心发布年度简报。\n地址：比什凯克市列宁大街12号\n"
    local = _named(Ref("body", "zh:某某研究中心"), "Centre", "某某研究中心", unknown)
    link_issuer_address(_source(unknown, "某某研究中心"), [local], names)
    assert local.facts == []
    placed = "上合组织秘书处发布年度简报。\n地址：比什凯克市列宁大街12号\n"
    secretariat = _named(SECRETARIAT, "Secretariat", "上合组织秘书处", placed)
    secretariat.add("sco:place", Ref("place", "Dushanbe"), secretariat.spans[0].evidence)
    link_issuer_address(_source(placed, "上合组织秘书处"), [secretariat], names)
    assert facts([secretariat], "sco:place") == {(SECRETARIAT, Ref("place", "Dushanbe"))}


# --------------------------------------------------------------------------- documents adopted at a meeting


SUMMIT = Ref("meeting", "summit")
A, B, C = Ref("document", "a"), Ref("document", "b"), Ref("document", "c")


def test_the_documents_listed_right_after_meeting_tongguo_de_wenjian_were_adopted_there() -> None:
    ctx = context("与会各方表示，应认真落实上合组织比什凯克峰会通过的各项文件，重点是依托《甲乙合作纲要》和《丙丁行动计划》推进合作，并参考《戊己报告》。")
    found = [
        observe(ctx, SUMMIT, "Summit", "上合组织比什凯克峰会"),
        observe(ctx, A, "Programme", "《甲乙合作纲要》"),
        observe(ctx, B, "Plan", "《丙丁行动计划》"),
        observe(ctx, C, "Report", "《戊己报告》"),
    ]
    link_sentence(ctx, found, load_lexicon())
    assert facts(found, ADOPTED) == {(A, SUMMIT), (B, SUMMIT)}  # not the report, two clauses on


def test_documents_far_from_the_phrase_or_without_it_are_not_adopted_there() -> None:
    ctx = context("上合组织比什凯克峰会期间，各方讨论了合作前景，认为应加强协调，并研究《甲乙合作纲要》。")
    found = [observe(ctx, SUMMIT, "Summit", "上合组织比什凯克峰会"), observe(ctx, A, "Programme", "《甲乙合作纲要》")]
    link_sentence(ctx, found, load_lexicon())
    assert facts(found, ADOPTED) == set()


def test_a_phrase_ending_its_sentence_lists_the_documents_of_the_next_sentence() -> None:
    first = context("与会各方表示，应认真落实上合组织比什凯克峰会通过的各项文件。")
    summit = observe(first, SUMMIT, "Summit", "上合组织比什凯克峰会")
    second = context("首要任务是依托《甲乙合作纲要》和《丙丁行动计划》开展工作，同时参考《戊己报告》。", previous=[summit])
    found = [observe(second, A, "Programme", "《甲乙合作纲要》"), observe(second, B, "Plan", "《丙丁行动计划》"), observe(second, C, "Report", "《戊己报告》")]
    link_sentence(second, found, load_lexicon())
    assert facts(found, ADOPTED) == {(A, SUMMIT), (B, SUMMIT)}


def test_an_english_phrase_ending_its_sentence_lists_the_documents_of_the_next_one() -> None:
    first = context("The parties stressed the need to implement the documents adopted at the Bishkek Summit.", "en")
    summit = observe(first, SUMMIT, "Summit", "Bishkek Summit")
    text = 'The priority is practical work based on the "Alpha Cooperation Programme" and the "Beta Action Plan", while the "Gamma Report" is noted.'
    second = context(text, "en", previous=[summit])
    found = [observe(second, A, "Programme", "Alpha Cooperation Programme"), observe(second, B, "Plan", "Beta Action Plan"), observe(second, C, "Report", "Gamma Report")]
    link_sentence(second, found, load_lexicon())
    assert facts(found, ADOPTED) == {(A, SUMMIT), (B, SUMMIT)}
    unrelated = context("The parties discussed the Bishkek Summit and its documents adopted in advance.", "en")
    other = context(text, "en", previous=[observe(unrelated, SUMMIT, "Summit", "Bishkek Summit")])
    found = [observe(other, A, "Programme", "Alpha Cooperation Programme")]
    link_sentence(other, found, load_lexicon())
    assert facts(found, ADOPTED) == set()
