"""Where things are and whose persons are: a table row's trailing place, "在<place>建设/举行…",
"<state>举行<meeting>", a speaker's side or own leader, and a person's state across the corpus.

Sentence-level tests build the observations of a sentence by hand (as the extractors would) so
that they check the rules alone; the last tests read the real corpus."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from scokg.loaders.affiliation import link_affiliations
from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus_links import link_corpus
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Evidence, Fact, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.resolve import Entity
from scokg.loaders.segments import Segment
from scokg.loaders.tables import Cell, ProjectTable, trailing_place

BASE = "https://w3id.org/sco-kg/"


# --------------------------------------------------------------------------- helpers


def context(text: str) -> SentenceContext:
    return SentenceContext("doc", Segment(text, tuple(range(len(text))), "zh"), True, default_name_index().find(text, "zh"))


def observe(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str) -> Observation:
    start = ctx.text.index(surface)
    return ctx.observe(ref, sco_class, start, start + len(surface))


def known(ctx: SentenceContext) -> list[Observation]:
    """Observations of the states and places the sentence names."""
    classes = {"state": "State", "place": "City"}
    return [ctx.observe(Ref(n.kind, n.key), classes[n.kind], n.start, n.end) for n in ctx.names if n.kind in classes]


def values(obs: Observation | Entity, predicate: str) -> list:
    return [f.value for f in obs.facts if f.predicate == predicate]


def linked(text: str, kind: str, sco_class: str, surface: str) -> Observation:
    """The observation named `surface` after linking the sentence's affiliations."""
    ctx = context(text)
    thing = observe(ctx, Ref(kind, f"zh:{surface}"), sco_class, surface)
    link_affiliations(ctx, known(ctx) + [thing], load_lexicon())
    return thing


def sentence(source: str, text: str) -> Evidence:
    return Evidence(source, 0, len(text), text, "zh")


def person(key: str, name: str, source: str, text: str, facts: tuple[tuple[str, Ref], ...] = ()) -> Entity:
    """A person entity named `name` in the sentence `text` of `source`."""
    evidence = sentence(source, text)
    start = text.index(name)
    entity = Entity(Ref("person", key), "Person", labels={"zh": name})
    entity.spans.append(Span(start, start + len(name), name, evidence))
    entity.facts.extend(Fact(predicate, value, evidence) for predicate, value in facts)
    return entity


def linked_corpus(*given: Entity) -> dict[Ref, Entity]:
    entities = {e.ref: e for e in given}
    link_corpus(entities)
    return entities


# --------------------------------------------------------------------------- tables


def test_a_row_name_ending_in_a_place_in_parentheses_is_set_there() -> None:
    assert trailing_place("“一带一路”环保技术交流与转移中心（深圳）") == "Shenzhen"
    assert trailing_place("上合组织国家生态环境大数据中心(西安)") == "Xi'an"
    assert trailing_place("生态环保合作示范项目（试行）") is None
    assert trailing_place("中国—柬埔寨环保合作基地") is None


def test_a_table_row_observation_carries_its_trailing_place() -> None:
    name = "“一带一路”环保技术交流与转移中心（深圳）"
    table = ProjectTable(range(0, 1), ((1, Cell(0, 0, name), None),))
    (row,) = [o for o in table.observations("doc", load_lexicon()) if o.ref.kind == "initiative"]
    assert values(row, "sco:place") == [Ref("place", "Shenzhen")]
    found = ProjectTable(range(0, 1), ((1, Cell(0, 0, "中国—柬埔寨环保合作基地"), None),)).observations("doc", load_lexicon())
    (plain,) = [o for o in found if o.ref.kind == "initiative"]
    assert values(plain, "sco:place") == []
    # the states a row's name names are mentioned there, nested in the row's name
    assert sorted((o.ref.key, o.nested) for o in found if o.ref.kind == "state") == [("CHN", True), ("KHM", True)]


# --------------------------------------------------------------------------- sentences


def test_what_is_built_in_a_city_is_placed_there() -> None:
    base = linked("在青岛建设中国—上合组织生态环保创新基地，与中亚国家共建荒漠化监测合作网络。", "initiative", "Base", "中国—上合组织生态环保创新基地")
    assert values(base, "sco:place") == [Ref("place", "Qingdao")]
    built = linked("2024年5月，在和田建成中国—上合组织防沙治沙技术示范基地", "initiative", "Base", "中国—上合组织防沙治沙技术示范基地")
    assert values(built, "sco:place") == [Ref("place", "Hotan")]


def test_a_project_carried_out_in_a_state_is_in_that_state() -> None:
    project = linked("支持在乌兹别克斯坦实施咸海生态修复示范项目，推动固体废物管理技术合作。", "initiative", "Project", "咸海生态修复示范项目")
    assert values(project, "sco:country") == [Ref("state", "UZB")]
    assert values(project, "sco:place") == []


def test_a_meeting_held_at_a_city_is_placed_there() -> None:
    text = "埃及将在2022年11月于沙姆沙伊赫举行的《联合国气候变化框架公约》第二十七次缔约方大会成果基础上推进落实。"
    meeting = linked(text, "meeting", "Conference", "《联合国气候变化框架公约》第二十七次缔约方大会")
    assert values(meeting, "sco:place") == [Ref("place", "Sharm El-Sheikh")]


def test_a_city_that_only_qualifies_a_name_places_nothing() -> None:
    base = linked("青岛的中国—上合组织生态环保创新基地已投入使用。", "initiative", "Base", "中国—上合组织生态环保创新基地")
    assert values(base, "sco:place") == []


def test_a_state_opening_a_clause_holds_the_meeting_it_names_next() -> None:
    briefing = linked("2021年1月15日，塔吉克斯坦举行担任上合组织轮值主席国吹风会。", "meeting", "Meeting", "担任上合组织轮值主席国吹风会")
    assert values(briefing, "sco:country") == [Ref("state", "TJK")]
    reported = linked("会议期间，代表们听取了塔吉克斯坦举行担任上合组织轮值主席国吹风会的情况。", "meeting", "Meeting", "担任上合组织轮值主席国吹风会")
    assert values(reported, "sco:country") == []


# --------------------------------------------------------------------------- persons across the corpus


def test_a_leader_named_by_a_speaker_is_of_the_speakers_state() -> None:
    malik = person("zh:马利克·阿明·阿斯拉姆", "马利克·阿明·阿斯拉姆", "bulletin", "巴基斯坦总理气候变化特别助理马利克·阿明·阿斯拉姆表示，政府正在采取行动。", (("sco:represents", Ref("state", "PAK")),))
    khan = person("zh:伊姆兰·汗", "伊姆兰·汗", "bulletin", "马利克指出：“伊姆兰·汗总理领导的政府意识到这片生态脆弱地区面临的严峻挑战。”")
    guest = person("zh:托卡耶夫", "托卡耶夫", "bulletin", "马利克指出：“托卡耶夫总统出席了会议。”")
    linked_corpus(malik, khan, guest)
    assert values(khan, "sco:country") == [Ref("state", "PAK")]
    assert values(guest, "sco:country") == []  # named by the speaker, but not as leading


def test_a_speaker_announcing_what_a_side_will_do_is_of_that_state() -> None:
    huang = person("zh:黄润秋", "黄润秋", "brochure", "黄润秋部长在论坛上发布倡议，指出“中方将建立中国—上合组织生态环保创新基地”。")
    host = person("zh:拉夫罗夫", "拉夫罗夫", "brochure", "会见时，部长拉夫罗夫听取介绍，黄润秋指出“中方将加强合作”。")
    linked_corpus(huang, host)
    assert values(huang, "sco:country") == [Ref("state", "CHN")]
    assert values(host, "sco:country") == []  # not the speaker: he does not open the sentence


def test_a_persons_one_state_holds_in_every_source_naming_them() -> None:
    xi = person("zh:习近平", "习近平", "plan", "中国国家主席习近平多次强调。", (("sco:represents", Ref("state", "CHN")),))
    evidence = sentence("brochure", "习近平主席向论坛致贺信。")
    xi.spans.append(Span(0, 3, "习近平", evidence))
    linked_corpus(xi)
    assert {(f.value, f.evidence.source_id) for f in xi.facts if f.predicate == "sco:country"} == {(Ref("state", "CHN"), "brochure")}


def test_a_person_the_corpus_gives_two_states_gets_none_elsewhere() -> None:
    both = person("zh:某某", "某某", "a", "某某部长表示。", (("sco:represents", Ref("state", "CHN")), ("sco:country", Ref("state", "RUS"))))
    both.spans.append(Span(0, 2, "某某", sentence("b", "某某部长出席。")))
    linked_corpus(both)
    assert not [f for f in both.facts if f.evidence and f.evidence.source_id == "b"]


def test_a_governments_meeting_is_in_the_state_of_who_attends_it() -> None:
    text = "在2月2日召开的政府例行工作会议上，哈生态、地质和自然资源部部长马赫祖穆·米尔扎哈利耶夫介绍了计划。"
    minister = person("zh:马赫祖穆·米尔扎哈利耶夫", "马赫祖穆·米尔扎哈利耶夫", "bulletin", text, (("sco:country", Ref("state", "KAZ")),))
    evidence = sentence("bulletin", text)
    meeting = Entity(Ref("meeting", "zh:政府例行工作会议"), "Meeting", labels={"zh": "政府例行工作会议"})
    meeting.facts.append(Fact("sco:participant", minister.ref, evidence))
    forum = Entity(Ref("meeting", "zh:青年论坛"), "Forum", labels={"zh": "青年论坛"})
    forum.facts.append(Fact("sco:participant", minister.ref, evidence))
    linked_corpus(minister, meeting, forum)
    assert values(meeting, "sco:country") == [Ref("state", "KAZ")]
    assert values(forum, "sco:country") == []  # not a state's own meeting by its name


def _body(key: str, name: str, evidence: Evidence, start: int) -> Entity:
    body = Entity(Ref("body", key), "Centre", labels={"zh": name})
    body.spans.append(Span(start, start + len(name), name, evidence))
    return body


def test_an_address_line_places_the_body_described_before_it() -> None:
    about = Evidence("bulletin", 100, 130, "中国-上海合作组织环境保护合作中心于2014年成立，是生态环境部直属事业单位。", "zh")
    centre = _body("csec", "中国-上海合作组织环境保护合作中心", about, 100)
    ministry = _body("mee-china", "生态环境部", about, 124)  # named inside the sentence, not opening it
    address = Evidence("bulletin", 300, 316, "地址：北京市西城区后英房胡同5号", "zh")
    beijing = Entity(Ref("place", "Beijing"), "City", labels={"zh": "北京"})
    beijing.spans.append(Span(303, 306, "北京市", address))
    xicheng = Entity(Ref("place", "Xicheng District"), "Region", labels={"zh": "西城区"})
    xicheng.spans.append(Span(306, 309, "西城区", address))
    linked_corpus(centre, ministry, beijing, xicheng)
    assert values(centre, "sco:place") == [Ref("place", "Beijing")]  # the city, not the district
    assert values(ministry, "sco:place") == []


# --------------------------------------------------------------------------- the corpus


def _objects(store_path: Path, subject_pattern: str, predicate: str, graph: str) -> set[str]:
    store = Store.read_only(str(store_path))
    query = f"""SELECT ?o WHERE {{ GRAPH <{BASE}resource/source/{graph}> {{ ?s <{BASE}ontology#{predicate}> ?o }}
                FILTER(CONTAINS(STR(?s), "{subject_pattern}")) }}"""
    return {row["o"].value for row in store.query(query)}


def test_the_corpus_places_the_shenzhen_centre_and_states_its_persons(corpus_store_path: Path) -> None:
    assert _objects(corpus_store_path, "zhuan-yi-zhong-xin", "place", "belt-and-road-ecological-cooperation-plan") == {f"{BASE}resource/place/shenzhen"}
    assert f"{BASE}resource/state/chn" in _objects(corpus_store_path, "person/xi-jinping", "country", "csec-brochure")
    assert f"{BASE}resource/state/pak" in _objects(corpus_store_path, "person/yi-mu-lan-han", "country", "sco-environment-bulletin-2021-01")
