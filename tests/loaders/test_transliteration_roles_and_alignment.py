"""Persons, bodies, titles and translation pairing as the newest held-out documents phrase them:
transliterated names with less common characters, "X副部长A和中心主任B", a translation's own
rendering of a title, names a translation gives in the other order, and a document title opened
by the organisation that owns it."""
from __future__ import annotations

from scokg.loaders.body_names import body_names
from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Evidence, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.people import find_persons
from scokg.loaders.resolve import merge_conjunction_variants
from scokg.loaders.segments import Segment
from scokg.loaders.translation import match_translations

ZH = Evidence("synthetic", 0, 30, "依托甲平台，建立乙数据库。", "zh")
EN = Evidence("synthetic", 40, 90, "Establish a B Database on the basis of the A Platform.", "en")


def _ctx(text: str) -> SentenceContext:
    segment = Segment(text, tuple(range(len(text))), "zh")
    return SentenceContext("synthetic", segment, True, default_name_index().find(text, "zh"))


def _persons(text: str) -> dict[str, Observation]:
    return {o.names[0][0]: o for o in find_persons(_ctx(text), load_lexicon())}


def _values(obs: Observation, predicate: str) -> list:
    return [f.value for f in obs.facts if f.predicate == predicate]


def _named(kind: str, key: str, name: str, evidence: Evidence) -> Observation:
    obs = Observation(Ref(kind, key), "Platform", names=[(name, evidence.lang)])
    obs.spans.append(Span(0, len(name), name, evidence))
    return obs


# --- persons ---------------------------------------------------------------------------------


def test_names_written_with_less_common_transliteration_characters_are_persons() -> None:
    found = _persons("乌兹别克斯坦共和国总理茂连片诺夫、吉尔吉斯共和国总理卡连科出席会议。")
    assert set(found) == {"茂连片诺夫", "卡连科"}
    assert Ref("state", "UZB") in _values(found["茂连片诺夫"], "sco:represents")
    assert Ref("state", "KGZ") in _values(found["卡连科"], "sco:represents")


def test_a_bare_head_after_a_named_official_makes_an_office_not_the_first_employer() -> None:
    found = _persons("哈萨克斯坦生态部副部长萨连科和中心主任王立新出席开幕式。")
    assert set(found) == {"萨连科", "王立新"}
    assert Ref("state", "KAZ") in _values(found["萨连科"], "sco:represents")
    director = found["王立新"]
    assert _values(director, "schema:jobTitle") == ["主任", "Director"]
    assert _values(director, "sco:represents") == []  # not the ministry named for the first official


# --- bodies ----------------------------------------------------------------------------------


def test_well_known_ministries_and_banks_are_bodies() -> None:
    text = "项目由世界银行和亚洲开发银行资助，科学技术部参与实施。"
    found = {b.ref.key for b in body_names(text, "zh", tuple(default_name_index().find(text, "zh")))}
    assert {"world-bank", "adb", "most-china"} <= found


def test_organisational_activities_are_no_body() -> None:
    text = "会议就上合组织常设机构财务和组织活动问题通过了决议。"
    found = [b.text for b in body_names(text, "zh", tuple(default_name_index().find(text, "zh")))]
    assert found == ["上合组织"]


# --- translation -----------------------------------------------------------------------------


def test_a_translation_naming_two_things_in_the_other_order_pairs_them_by_their_heads() -> None:
    platform, database = _named("initiative", "zh:甲平台", "甲平台", ZH), _named("initiative", "zh:乙数据库", "乙数据库", ZH)
    en_database = _named("initiative", "en:b database", "B Database", EN)
    en_platform = _named("initiative", "en:a platform", "A Platform", EN)
    match_translations([platform, database], [en_database, en_platform])
    assert en_database.ref == database.ref
    assert en_platform.ref == platform.ref


def test_the_translation_s_rendering_of_a_title_is_the_english_title() -> None:
    person = Observation(Ref("person", "zh:赵明"), "Person", names=[("赵明", "zh")])
    person.spans.append(Span(0, 2, "赵明", ZH))
    person.add("schema:jobTitle", "副部长", ZH, "zh")
    person.add("schema:jobTitle", "Deputy Minister", ZH, "en")
    sentence = Evidence("synthetic", 40, 90, "Vice Minister Zhao Ming of the Ministry of Water opened the forum.", "en")
    body = Observation(Ref("body", "water-ministry"), "GovernmentAgency")
    body.spans.append(Span(0, 5, "Water", sentence))
    match_translations([person], [body])
    assert _values(person, "schema:jobTitle") == ["副部长", "Vice Minister"]


def test_a_translation_using_the_lexicon_s_title_keeps_it() -> None:
    person = Observation(Ref("person", "zh:赵明"), "Person", names=[("赵明", "zh")])
    person.add("schema:jobTitle", "Rotating Chairman", ZH, "en")
    body = Observation(Ref("body", "council"), "Council")
    body.spans.append(Span(0, 5, "Council", Evidence("synthetic", 40, 90, "The Rotating Chairman of the Council spoke.", "en")))
    match_translations([person], [body])
    assert _values(person, "schema:jobTitle") == ["Rotating Chairman"]


# --- resolution ------------------------------------------------------------------------------


def test_a_title_opened_by_its_owning_organisation_is_the_same_document() -> None:
    full = Observation(Ref("document", "zh:联合国可持续发展议程|2030"), "Document")
    short = Observation(Ref("document", "zh:可持续发展议程|2030"), "Document")
    charter, un_charter = Observation(Ref("document", "zh:宪章"), "Charter"), Observation(Ref("document", "zh:联合国宪章"), "Charter")
    merge_conjunction_variants([full, short, charter, un_charter])
    assert short.ref == full.ref
    assert un_charter.ref == Ref("document", "zh:联合国宪章")  # a bare head is no title of its own
