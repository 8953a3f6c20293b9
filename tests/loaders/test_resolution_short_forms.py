"""Entity resolution within a document: short forms of names, spelling variants of body names,
bodies that are rows of a project table; states named inside known bodies' names, language
lists, compound roles and bodies inside titles. Sentences of our own."""
from __future__ import annotations

from scokg.loaders.bodies import find_bodies
from scokg.loaders.body_names import body_names
from scokg.loaders.context import SentenceContext
from scokg.loaders.known_names import find_known_names
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Evidence, Fact, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.normalize import shortens
from scokg.loaders.people import find_persons
from scokg.loaders.person_names import surname_match
from scokg.loaders.resolve import merge_short_forms, resolve
from scokg.loaders.segments import Segment


def _context(text: str, lang: str = "zh") -> SentenceContext:
    return SentenceContext("own", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang))


def _observation(ref: Ref, name: str, start: int, source: str = "doc", lang: str = "zh", cls: str = "Person") -> Observation:
    evidence = Evidence(source, start, start + len(name), name, lang)
    return Observation(ref, cls, names=[(name, lang)], spans=[Span(start, start + len(name), name, evidence)])


def _with(obs: Observation, predicate: str, value: object) -> Observation:
    obs.facts.append(Fact(predicate, value, obs.spans[0].evidence))
    return obs


# --- body names: one key for spelling variants ---------------------------------------------


def test_a_ministry_abbreviated_and_with_another_conjunction_resolves_to_its_full_name() -> None:
    full_text, short_text = "塔吉克斯坦环境与水利部部长出席了会议。", "塔环境和水利部发布了通知。"
    full = body_names(full_text, "zh", tuple(default_name_index().find(full_text, "zh")))
    short = body_names(short_text, "zh", tuple(default_name_index().find(short_text, "zh")))
    assert [b.text for b in full] == ["塔吉克斯坦环境与水利部"]
    assert [b.text for b in short] == ["塔环境和水利部"]
    minister = _with(_observation(Ref("person", "zh:某某"), "某某", 40), "sco:represents", short[0].ref)
    observations = [
        _observation(full[0].ref, full[0].text, 0, cls="GovernmentAgency"),
        _observation(short[0].ref, short[0].text, 30, cls="GovernmentAgency"),
        minister,
    ]
    entities = resolve(observations)
    assert full[0].ref in entities and short[0].ref not in entities
    assert ("塔环境和水利部", "zh") in entities[full[0].ref].alt_labels
    assert minister.facts[0].value == full[0].ref


# --- persons named by surname alone ---------------------------------------------------------


def test_surname_match_exact_variant_or_none() -> None:
    words = load_lexicon().person_names
    assert surname_match("卡里莫夫", "阿利舍尔·卡里莫夫", words) == "exact"
    assert surname_match("加里莫夫", "阿利舍尔·哈里莫夫", words) == "variant"
    assert surname_match("卡里诺夫", "阿利舍尔·卡里莫夫", words) is None  # 诺/莫 are no variants
    assert surname_match("卡里莫夫", "卡里莫夫", words) is None  # not a name of several parts


def test_a_surname_alone_is_the_one_full_name_of_the_document() -> None:
    full = _with(_observation(Ref("person", "zh:阿利舍尔卡里莫夫"), "阿利舍尔·卡里莫夫", 10), "sco:represents", Ref("state", "UZB"))
    short = _with(_observation(Ref("person", "zh:卡里莫夫"), "卡里莫夫", 90), "sco:represents", Ref("state", "UZB"))
    meeting = _with(_observation(Ref("meeting", "zh:会"), "工作会议", 80, cls="Meeting"), "sco:participant", Ref("person", "zh:卡里莫夫"))
    elsewhere = _observation(Ref("person", "zh:卡里莫夫"), "卡里莫夫", 5, source="other")
    merge_short_forms([full, short, meeting, elsewhere])
    assert short.ref == full.ref
    assert meeting.facts[0].value == full.ref
    assert elsewhere.ref == Ref("person", "zh:卡里莫夫")  # another document: another person maybe
    entities = resolve([_observation(full.ref, "阿利舍尔·卡里莫夫", 10), short])
    assert entities[full.ref].labels["zh"] == "阿利舍尔·卡里莫夫"
    assert ("卡里莫夫", "zh") in entities[full.ref].alt_labels


def test_a_surname_of_another_state_or_with_two_candidates_stays_apart() -> None:
    full = _with(_observation(Ref("person", "zh:阿利舍尔卡里莫夫"), "阿利舍尔·卡里莫夫", 10), "sco:represents", Ref("state", "UZB"))
    short = _with(_observation(Ref("person", "zh:卡里莫夫"), "卡里莫夫", 90), "sco:represents", Ref("state", "KAZ"))
    merge_short_forms([full, short])
    assert short.ref == Ref("person", "zh:卡里莫夫")
    first = _observation(Ref("person", "zh:阿利舍尔卡里莫夫"), "阿利舍尔·卡里莫夫", 10)
    second = _observation(Ref("person", "zh:鲁斯兰卡里莫夫"), "鲁斯兰·卡里莫夫", 40)
    alone = _observation(Ref("person", "zh:卡里莫夫"), "卡里莫夫", 90)
    merge_short_forms([first, second, alone])
    assert alone.ref == Ref("person", "zh:卡里莫夫")


def test_a_transliteration_variant_needs_the_same_ministry() -> None:
    ministry, other = Ref("body", "zh:乌兹别克斯坦水利部"), Ref("body", "zh:乌兹别克斯坦外交部")
    full = _with(_observation(Ref("person", "zh:阿利舍尔哈里莫夫"), "阿利舍尔·哈里莫夫", 10), "sco:represents", ministry)
    short = _with(_observation(Ref("person", "zh:加里莫夫"), "加里莫夫", 90), "sco:represents", ministry)
    merge_short_forms([full, short])
    assert short.ref == full.ref
    full = _with(_observation(Ref("person", "zh:阿利舍尔哈里莫夫"), "阿利舍尔·哈里莫夫", 10), "sco:represents", ministry)
    short = _with(_observation(Ref("person", "zh:加里莫夫"), "加里莫夫", 90), "sco:represents", other)
    merge_short_forms([full, short])
    assert short.ref == Ref("person", "zh:加里莫夫")


# --- documents named by a short title -------------------------------------------------------


def test_shortens_needs_the_same_year_and_the_words_in_order() -> None:
    assert shortens("2022年度水资源公报", "2022年蒙古国水资源状况公报")
    assert not shortens("2021年度水资源公报", "2022年蒙古国水资源状况公报")
    assert not shortens("水资源公报", "蒙古国水资源状况公报")  # no year to anchor it
    assert not shortens("2022年度资源水公报", "2022年蒙古国水资源状况公报")  # not in order


def test_a_later_short_title_is_the_full_title_named_before() -> None:
    full = _observation(Ref("document", "zh:蒙古国水资源状况公报|2022"), "2022年蒙古国水资源状况公报", 10, cls="Report")
    short = _observation(Ref("document", "zh:度水资源公报|2022"), "2022年度水资源公报", 70, cls="Report")
    merge_short_forms([full, short])
    assert short.ref == full.ref
    early = _observation(Ref("document", "zh:度水资源公报|2022"), "2022年度水资源公报", 5, cls="Report")
    merge_short_forms([full, early])
    assert early.ref == Ref("document", "zh:度水资源公报|2022")  # named before the full title


# --- a body that is a row of the project table ----------------------------------------------


def test_a_body_named_as_a_row_of_the_project_table_is_that_project() -> None:
    body = _observation(Ref("body", "zh:绿色矿业国际联盟"), "绿色矿业国际联盟", 30, cls="Alliance")
    row = _with(_observation(Ref("initiative", "zh:绿色矿业国际联盟"), "绿色矿业国际联盟", 900, cls="Project"), "sco:projectNumber", 4)
    entities = resolve([body, row])
    assert Ref("body", "zh:绿色矿业国际联盟") not in entities
    assert entities[Ref("initiative", "zh:绿色矿业国际联盟")].sco_class == "Project"


# --- states, languages, roles, titles -------------------------------------------------------


def test_a_known_body_of_a_state_names_the_state_too() -> None:
    found = {(o.ref, o.names[0][0]) for o in find_known_names(_context("中华人民共和国外交部发表声明。"), load_lexicon())}
    assert (Ref("state", "CHN"), "中华人民共和国") in found
    found = {o.ref for o in find_known_names(_context("中国-上海合作组织环境保护合作中心举办培训。"), load_lexicon())}
    assert Ref("state", "CHN") not in found  # a pairing of two parties, not the state's own body
    text = "A spokesperson of the Ministry of Foreign Affairs of the People's Republic of China spoke."
    found = {(o.ref, o.names[0][0]) for o in find_known_names(_context(text, "en"), load_lexicon())}
    assert (Ref("state", "CHN"), "People's Republic of China") in found


def test_a_well_known_global_initiative_is_found_by_its_name() -> None:
    for text, lang in (("各方愿为落实联合国可持续发展目标作出贡献。", "zh"), ("Both sides will work towards the UN Sustainable Development Goals.", "en")):
        found = [o for o in find_known_names(_context(text, lang), load_lexicon()) if o.ref.kind == "initiative"]
        assert [(o.ref.key, o.sco_class) for o in found] == [("un-sustainable-development-goals", "Initiative")]


def test_a_state_adjective_listed_with_a_language_names_a_language() -> None:
    index = default_name_index()
    assert not index.find("Reports are published in Kazakh, Russian and English.", "en")
    assert [m.key for m in index.find("The Russian Prime Minister opened the forum.", "en")] == ["RUS"]


def test_a_body_named_by_a_parliament_word() -> None:
    found = body_names("蒙古国国家大呼拉尔通过了预算。", "zh", tuple(default_name_index().find("蒙古国国家大呼拉尔通过了预算。", "zh")))
    assert [(b.text, b.country) for b in found] == [("蒙古国国家大呼拉尔", "MNG")]


def test_two_offices_joined_by_jian_make_one_compound_role() -> None:
    text = "塔吉克斯坦副总理兼环境部部长阿卜杜洛·拉希莫夫出席了会议。"
    person = next(o for o in find_persons(_context(text), load_lexicon()) if o.names[0][0] == "阿卜杜洛·拉希莫夫")
    titles = [f.value for f in person.facts if f.predicate == "schema:jobTitle"]
    assert titles == ["副总理兼环境部部长", "Deputy Prime Minister and Minister"]


def test_a_body_inside_a_bracketed_title_is_not_a_mention_of_it() -> None:
    refs = {o.ref for o in find_bodies(_context("各方重申遵守《联合国气候变化框架公约》。"), load_lexicon())}
    assert Ref("body", "united-nations") not in refs
    refs = {o.ref for o in find_bodies(_context("各方支持联合国发挥核心作用。"), load_lexicon())}
    assert Ref("body", "united-nations") in refs
