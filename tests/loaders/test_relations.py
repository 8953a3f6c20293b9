"""Relations the loaders link: who attends, chairs and hosts a meeting, which body a meeting or a
person belongs to, what implements what, what a meeting adopted, and what the whole corpus
implies (adoption by a council's meeting, dating by the meeting, SCO membership).

Sentence-level tests build the observations of a sentence by hand (as the extractors would) so
that they check the linking rules alone; the last tests read the real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from scokg.loaders.clauses import agents, clause_spans
from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus import SourceMeta, SourceText
from scokg.loaders.corpus_links import link_corpus
from scokg.loaders.discourse import (
    ANTECEDENT, antecedent_ref, link_attributions, link_issuer_country, link_issuing_meeting, link_table_rows, resolve_antecedents,
)
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Evidence, Fact, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.resolve import Entity
from scokg.loaders.segments import Segment
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import document_ref
from scokg.loaders.translation import match_translations

HOG = Ref("meeting", "zh:政府首脑总理理事会会#24")


# --------------------------------------------------------------------------- helpers


def context(text: str, lang: str = "zh", meeting: Ref | None = None, start: int = 0) -> SentenceContext:
    sentence = Segment(text, tuple(range(start, start + len(text))), lang)
    return SentenceContext("doc", sentence, True, default_name_index().find(text, lang), current_meeting=meeting)


def observe(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str, occurrence: int = 0, name: str | None = None) -> Observation:
    """An observation of `ref` named by the `occurrence`-th `surface` of the sentence."""
    index = -1
    for _ in range(occurrence + 1):
        index = ctx.text.index(surface, index + 1)
    return ctx.observe(ref, sco_class, index, index + len(surface), name=name)


def known(ctx: SentenceContext) -> list[Observation]:
    """Observations of the dictionary names of the sentence (states, places, well-known bodies)."""
    bodies = {b.id: b.sco_class for b in load_lexicon().bodies}
    classes = {"state": "State", "place": "City"}
    return [ctx.observe(Ref(n.kind, n.key), bodies.get(n.key) or classes[n.kind], n.start, n.end) for n in ctx.names]


def person(ctx: SentenceContext, name: str, title: str, employer: Ref | None = None) -> Observation:
    obs = observe(ctx, Ref("person", f"zh:{name}"), "Person", name)
    obs.add("schema:jobTitle", title, ctx.evidence(), "zh")
    if employer is not None:
        obs.add("sco:represents", employer, ctx.evidence())
    return obs


def link(ctx: SentenceContext, found: list[Observation]) -> list[Observation]:
    link_sentence(ctx, found, load_lexicon())
    return found


def facts(found: list[Observation], predicate: str, subject: Ref | None = None) -> set[tuple[Ref, object]]:
    return {(o.ref, f.value) for o in found for f in o.facts if f.predicate == predicate and (subject is None or o.ref == subject)}


def values(found: list[Observation], predicate: str, subject: Ref) -> set[object]:
    return {value for _, value in facts(found, predicate, subject)}


def antecedent(head: str) -> Ref:
    return antecedent_ref("meeting", head)


# --------------------------------------------------------------------------- clauses and agents


def test_clauses_end_at_punctuation_outside_brackets_and_quotes() -> None:
    text = "各代表团团长注意到《关于A、B，C的声明》(2025年9月1日,天津),支持“甲，乙”倡议。"
    clauses = [text[s:e] for s, e in clause_spans(text, "zh")]
    assert clauses == ["各代表团团长注意到《关于A、B，C的声明》(2025年9月1日,天津)", "支持“甲，乙”倡议"]


def test_a_name_that_qualifies_another_is_no_agent() -> None:
    ctx = context("会议由上合组织轮值主席国乌兹别克斯坦主办，来自上合组织成员国的代表与会。")
    found = known(ctx)
    acting = [(a.obs.ref.key, a.start) for a in agents(ctx, found)]
    assert acting == [("UZB", 12)]  # the SCO only qualifies the chair state and the member states


# --------------------------------------------------------------------------- attendance, chair, host


def test_guests_listed_over_comma_separated_clauses_but_not_their_employers() -> None:
    ctx = context("卡塔尔首相穆罕默德,蒙古国总理赞登沙特尔,以及巴林和埃及代表列席会议。", meeting=HOG)
    found = known(ctx) + [person(ctx, "穆罕默德", "首相", Ref("state", "QAT")), person(ctx, "赞登沙特尔", "总理", Ref("state", "MNG"))]
    link(ctx, found)
    assert values(found, "sco:guest", HOG) == {Ref("person", "zh:穆罕默德"), Ref("person", "zh:赞登沙特尔"), Ref("state", "BHR"), Ref("state", "EGY")}
    assert facts(found, "sco:participant") == set()


def test_host_chair_and_participants_each_from_their_own_clause() -> None:
    ctx = context("会议由上合组织轮值主席国乌兹别克斯坦主办，国家委员会主席阿齐兹主持会议，上合组织秘书处代表出席会议。")
    committee = observe(ctx, Ref("body", "zh:国家委员会"), "Council", "国家委员会")
    found = known(ctx) + [committee, person(ctx, "阿齐兹", "主席")]
    link(ctx, found)
    meeting = antecedent("会议")
    assert values(found, "sco:host", meeting) == {Ref("state", "UZB")}
    assert values(found, "sco:chair", meeting) == {Ref("person", "zh:阿齐兹")}
    assert values(found, "sco:participant", meeting) == {Ref("person", "zh:阿齐兹"), Ref("body", "sco-secretariat")}
    person_obs = next(o for o in found if o.ref == Ref("person", "zh:阿齐兹"))
    assert Ref("body", "zh:国家委员会") in person_obs_values(person_obs, "sco:represents")


def person_obs_values(obs: Observation, predicate: str) -> list[object]:
    return [f.value for f in obs.facts if f.predicate == predicate]


def test_a_future_chair_chairs_the_meeting_named_before_and_does_not_yet_take_part() -> None:
    ctx = context("会议商定第四次上合组织成员国环境部长会将于2023年4月举行，由部长亚达夫主持。")
    meeting = observe(ctx, Ref("meeting", "zh:环境部长会#4"), "MinisterialMeeting", "第四次上合组织成员国环境部长会")
    found = link(ctx, known(ctx) + [meeting, person(ctx, "亚达夫", "部长")])
    assert facts(found, "sco:chair") == {(Ref("meeting", "zh:环境部长会#4"), Ref("person", "zh:亚达夫"))}
    assert facts(found, "sco:participant") == set()


@pytest.mark.parametrize("text", [
    "值得注意的是，上合组织计划举办100多场活动。",  # no meeting is hosted
    "各代表团团长注意到关于2026年在俄罗斯举行由上合组织有关成员国参加并向各国开放的国际体育赛事的倡议。",
])
def test_no_host_or_attendee_without_a_meeting_or_an_actor(text: str) -> None:
    found = link(context(text, meeting=HOG), known(context(text)))
    assert facts(found, "sco:host") == facts(found, "sco:participant") == set()


def test_who_speaks_at_a_meeting_takes_part_in_it() -> None:
    ctx = context("会上，塔吉克斯坦外交部介绍了担任主席国期间的优先事项。")
    found = link(ctx, known(ctx) + [observe(ctx, Ref("body", "zh:塔吉克斯坦外交部"), "GovernmentAgency", "塔吉克斯坦外交部")])
    assert values(found, "sco:participant", antecedent("会")) == {Ref("body", "zh:塔吉克斯坦外交部")}


def test_a_state_announcing_at_the_meeting_of_the_opening_clause_takes_part() -> None:
    ctx = context("2022年11月上海合作组织成员国政府首脑（总理）理事会第21次会议以视频方式举行，中方宣布将在乌鲁木齐设立中心。")
    meeting = observe(ctx, Ref("meeting", "zh:政府首脑总理理事会会#21"), "Meeting", "上海合作组织成员国政府首脑（总理）理事会第21次会议")
    found = link(ctx, known(ctx) + [meeting])
    assert values(found, "sco:participant", meeting.ref) == {Ref("state", "CHN")}
    assert values(found, "sco:meetingOf", meeting.ref) == {Ref("body", "sco-heads-of-government-council")}


def test_names_quoted_by_a_speaker_are_not_speakers() -> None:
    ctx = context("黄润秋部长在上合组织国家绿色发展论坛上发布“共建上合组织绿色发展伙伴关系”倡议，指出合作的意义。")
    forum = observe(ctx, Ref("meeting", "zh:绿色发展论坛@?"), "Forum", "上合组织国家绿色发展论坛")
    found = link(ctx, known(ctx) + [forum, person(ctx, "黄润秋", "部长")])
    assert values(found, "sco:participant", forum.ref) == {Ref("person", "zh:黄润秋")}


# --------------------------------------------------------------------------- adoption


def test_the_delegations_approve_at_the_documents_own_meeting() -> None:
    ctx = context("各代表团团长批准了《上合组织成员国2026-2028年社会发展与保障领域合作路线图》。", meeting=HOG)
    roadmap = observe(ctx, Ref("document", "zh:路线图"), "Roadmap", "上合组织成员国2026-2028年社会发展与保障领域合作路线图")
    found = link(ctx, known(ctx) + [roadmap])
    assert values(found, "sco:adoptedAt", roadmap.ref) == {HOG}


def test_an_adoption_only_noted_links_nothing() -> None:
    ctx = context("团长们注意到通过了《上合组织成员国相关部门关于加强投资合作的声明》(2025年9月1日,天津)。", meeting=HOG)
    found = link(ctx, known(ctx) + [observe(ctx, Ref("document", "zh:声明"), "Statement", "上合组织成员国相关部门关于加强投资合作的声明")])
    assert facts(found, "sco:adoptedAt") == set()


def test_a_bare_head_before_the_verb_is_the_meeting_named_before_it() -> None:
    text = "各代表团团长注意到上合组织成员国第七次环境部长会(2026年6月11日,乔尔蓬阿塔)成果,欢迎会议通过《防治荒漠化合作构想》并签署《第七次环境部长会联合声明》。"
    ctx = context(text, meeting=HOG)
    meeting = observe(ctx, Ref("meeting", "zh:环境部长会#7"), "MinisterialMeeting", "上合组织成员国第七次环境部长会")
    concept = observe(ctx, Ref("document", "zh:构想"), "Concept", "防治荒漠化合作构想")
    statement = observe(ctx, Ref("document", "zh:联合声明"), "Statement", "第七次环境部长会联合声明")
    inner = observe(ctx, Ref("meeting", "zh:环境部长会#7"), "MinisterialMeeting", "第七次环境部长会", occurrence=1)
    found = link(ctx, known(ctx) + [meeting, concept, statement, inner])
    assert facts(found, "sco:adoptedAt") == {(concept.ref, meeting.ref), (statement.ref, meeting.ref)}


def test_a_president_approving_at_a_briefing_is_no_adoption_by_the_briefing() -> None:
    ctx = context("会上指出，为实现这些目标，塔吉克斯坦总统拉赫蒙批准了《上海合作组织轮值主席国构想》。")
    found = known(ctx) + [person(ctx, "拉赫蒙", "总统", Ref("state", "TJK")),
                          observe(ctx, Ref("document", "zh:构想"), "Concept", "上海合作组织轮值主席国构想")]
    assert facts(link(ctx, found), "sco:adoptedAt") == set()


def test_a_document_joined_to_an_adopted_one_is_adopted_with_it() -> None:
    ctx = context("各代表团团长批准了《上合组织秘书处关于举行活动和会议的报告》以及上合组织2026年预算。", meeting=HOG)
    report = observe(ctx, Ref("document", "zh:报告"), "Report", "《上合组织秘书处关于举行活动和会议的报告》")
    budget = observe(ctx, Ref("document", "zh:预算"), "Document", "上合组织2026年预算")
    found = link(ctx, known(ctx) + [report, budget])
    assert facts(found, "sco:adoptedAt") == {(report.ref, HOG), (budget.ref, HOG)}


def test_a_meetings_joint_statement_is_its_outcome_but_not_a_draft_of_it() -> None:
    ctx = context("上海合作组织成员国政府首脑(总理)理事会第二十四次会议联合公报")
    communique = observe(ctx, Ref("document", "zh:公报"), "Communique", ctx.text)
    meeting = observe(ctx, HOG, "Meeting", "上海合作组织成员国政府首脑(总理)理事会第二十四次会议")
    assert facts(link(ctx, [communique, meeting]), "sco:adoptedAt") == {(communique.ref, HOG)}
    draft = context("会议讨论了《第三次上合组织成员国环境部长会议联合声明》草案。")
    statement = observe(draft, Ref("document", "zh:联合声明"), "Statement", "《第三次上合组织成员国环境部长会议联合声明》")
    third = observe(draft, Ref("meeting", "zh:环境部长会#3"), "MinisterialMeeting", "第三次上合组织成员国环境部长会议")
    assert facts(link(draft, known(draft) + [statement, third]), "sco:adoptedAt") == set()


def test_a_resolution_of_a_body_is_no_meetings_adoption() -> None:
    ctx = context("各代表团团长对联合国大会通过“人工智能促进可持续发展”的决议表示欢迎。", meeting=HOG)
    assembly = observe(ctx, Ref("body", "zh:联合国大会"), "InternationalOrganisation", "联合国大会")
    resolution = observe(ctx, Ref("document", "zh:决议"), "Resolution", "“人工智能促进可持续发展”的决议")
    assert facts(link(ctx, known(ctx) + [assembly, resolution]), "sco:adoptedAt") == set()


def test_a_minister_convening_an_unnamed_meeting_chairs_no_known_meeting() -> None:
    ctx = context("3月5日，白俄罗斯自然资源与环境保护部部长马斯利亚克主持召开部务会议。", meeting=HOG)
    ministry = observe(ctx, Ref("body", "zh:环保部"), "GovernmentAgency", "白俄罗斯自然资源与环境保护部")
    found = link(ctx, known(ctx) + [ministry, person(ctx, "马斯利亚克", "部长")])
    assert facts(found, "sco:chair") == set()


def test_a_meeting_announcing_a_themed_year_establishes_it() -> None:
    ctx = context("会议宣布2025年为“上合组织可持续发展年”。")
    year = observe(ctx, Ref("initiative", "zh:可持续发展年"), "ThemedYear", "上合组织可持续发展年")
    assert facts(link(ctx, known(ctx) + [year]), "sco:establishedBy") == {(year.ref, antecedent("会议"))}
    other = context("各代表团团长注意到联合国宣布2025年为“国际冰川保护年”。", meeting=HOG)
    glacier = observe(other, Ref("initiative", "zh:国际冰川保护年"), "ThemedYear", "国际冰川保护年")
    assert facts(link(other, known(other) + [glacier]), "sco:establishedBy") == set()


# --------------------------------------------------------------------------- affiliation


@pytest.mark.parametrize(("name", "lang", "body"), [
    ("上海合作组织成员国政府首脑(总理)理事会第二十四次会议", "zh", "sco-heads-of-government-council"),  # ASCII brackets
    ("上合组织成员国元首理事会（峰会）纪念会议", "zh", "sco-heads-of-state-council"),
    ("联合国教科文组织大会第43届会议", "zh", "unesco-general-conference"),
    ("14th Meeting of the Council of Heads of State of the SCO Member States", "en", "sco-heads-of-state-council"),
    ("上合组织峰会", "zh", None),  # the organisation itself holds no sessions
    ("上合组织成员国元首理事会关于气候的论坛", "zh", None),  # more than a session of the council
])
def test_a_meeting_named_after_a_body_is_a_meeting_of_it(name: str, lang: str, body: str | None) -> None:
    text = f"{name} was held." if lang == "en" else f"{name}举行。"
    ctx = context(text, lang)
    meeting = observe(ctx, Ref("meeting", "m"), "Meeting", name)
    found = link(ctx, [meeting])
    assert values(found, "sco:meetingOf", meeting.ref) == ({Ref("body", body)} if body else set())


def test_a_translation_naming_another_council_gives_way_to_its_original() -> None:
    zh = context("上合组织成员国元首理事会第14次会议")
    original = observe(zh, Ref("meeting", "zh:元首理事会会#14"), "Summit", "上合组织成员国元首理事会第14次会议")
    original.add("sco:ordinal", 14, zh.evidence())
    original.add("sco:meetingOf", Ref("body", "sco-heads-of-state-council"), zh.evidence())
    en = context("the 14th Meeting of the Council of Heads of Government", "en")
    translation = observe(en, Ref("meeting", "en:meeting council heads government#14"), "Meeting", "14th Meeting of the Council of Heads of Government")
    translation.add("sco:ordinal", 14, en.evidence())
    translation.add("sco:meetingOf", Ref("body", "sco-heads-of-government-council"), en.evidence())
    match_translations([original], [translation])
    assert translation.ref == original.ref
    assert person_obs_values(translation, "sco:meetingOf") == []


def test_a_state_as_a_councils_chair_but_not_the_rotating_chair_of_the_sco() -> None:
    ctx = context("俄罗斯联邦作为上合组织成员国政府首脑（总理）理事会主席取得的成果。")
    found = link(ctx, known(ctx))
    assert facts(found, "sco:chair") == {(Ref("body", "sco-heads-of-government-council"), Ref("state", "RUS"))}
    other = context("各代表团团长表示将支持吉尔吉斯共和国作为上合组织轮值主席国的工作。")
    assert facts(link(other, known(other)), "sco:chair") == set()


def test_venue_body_and_country_of_meetings() -> None:
    ctx = context("团长们注意到在“斯科尔科沃”创新中心举行的上合组织科技园区库管理委员会会议成果。")
    centre = observe(ctx, Ref("body", "zh:斯科尔科沃创新中心"), "Centre", "“斯科尔科沃”创新中心")
    meeting = observe(ctx, Ref("meeting", "zh:管理委员会会@?"), "Meeting", "上合组织科技园区库管理委员会会议")
    found = link(ctx, known(ctx) + [centre, meeting])
    assert values(found, "sco:venue", meeting.ref) == {centre.ref}
    nxt = context("上合组织成员国政府首脑(总理)理事会下次会议将于2026年在塔吉克斯坦共和国举行。")
    following = observe(nxt, Ref("meeting", "next"), "Meeting", "上合组织成员国政府首脑(总理)理事会下次会议")
    found = link(nxt, known(nxt) + [following])
    assert values(found, "sco:country", following.ref) == {Ref("state", "TJK")}
    assert values(found, "sco:meetingOf", following.ref) == {Ref("body", "sco-heads-of-government-council")}
    fair = context("成员国愿利用俄罗斯国际工业展览会平台开展合作。")
    expo = observe(fair, Ref("meeting", "expo"), "Meeting", "俄罗斯国际工业展览会")
    assert values(link(fair, known(fair) + [expo]), "sco:country", expo.ref) == {Ref("state", "RUS")}


def test_council_documents_are_issued_by_the_council_and_placed_by_their_title() -> None:
    text = "依托《上合组织成员国元首理事会天津宣言》和《上合组织未来10年发展战略》开展工作。"
    ctx = context(text)
    declaration = observe(ctx, Ref("document", "zh:天津宣言"), "Declaration", "上合组织成员国元首理事会天津宣言")
    strategy = observe(ctx, Ref("document", "zh:发展战略"), "Strategy", "上合组织未来10年发展战略")
    found = link(ctx, known(ctx) + [declaration, strategy])
    assert values(found, "sco:issuedBy", declaration.ref) == {Ref("body", "sco-heads-of-state-council")}
    assert values(found, "sco:place", declaration.ref) == {Ref("place", "Tianjin")}
    assert values(found, "sco:issuedBy", strategy.ref) == set()


def test_a_person_works_for_the_body_named_before_the_title_not_for_one_inside_it() -> None:
    ctx = context("上合组织地区反恐怖机构执行委员会主任沙尔舍耶夫列席会议。", meeting=HOG)
    committee = observe(ctx, Ref("body", "zh:执行委员会"), "Council", "上合组织地区反恐怖机构执行委员会")
    director = person(ctx, "沙尔舍耶夫", "主任", Ref("body", "sco-rats"))  # the name the title follows
    found = link(ctx, known(ctx) + [committee, director])
    assert person_obs_values(director, "sco:represents") == [committee.ref]
    assert values(found, "sco:guest", HOG) == {director.ref}
    unrelated = context("各代表团团长注意到在上合组织框架内举办以钦吉斯·艾特玛托夫命名的论坛的倡议。")
    writer = observe(unrelated, Ref("person", "zh:艾特玛托夫"), "Person", "钦吉斯·艾特玛托夫")
    link(unrelated, known(unrelated) + [writer])
    assert person_obs_values(writer, "sco:represents") == []


def test_a_unit_under_a_body_is_part_of_it() -> None:
    ctx = context("中国-上海合作组织环境保护合作中心于2014年成立，是生态环境部直属正局级事业单位。")
    found = link(ctx, known(ctx))
    assert facts(found, "sco:partOf") >= {(Ref("body", "csec"), Ref("body", "mee-china"))}
    bare = context("中心是中国科学院新疆生态与地理研究所下属的国际合作机构。")
    institute = observe(bare, Ref("body", "zh:研究所"), "Body", "中国科学院新疆生态与地理研究所")
    found = link(bare, known(bare) + [institute])
    assert (antecedent_ref("body", "中心"), institute.ref) in facts(found, "sco:partOf")


def test_a_meeting_named_after_two_parties_is_attended_by_both() -> None:
    ctx = context("各代表团团长注意到上合组织-阿盟“气候变化与可持续能源”高级别会议(2025年10月3日,阿斯塔纳)成果。")
    meeting = observe(ctx, Ref("meeting", "joint"), "Conference", "上合组织-阿盟“气候变化与可持续能源”高级别会议")
    found = link(ctx, known(ctx) + [meeting])
    assert values(found, "sco:participant", meeting.ref) == {Ref("body", "sco"), Ref("body", "arab-league")}


# --------------------------------------------------------------------------- implementation


def test_documents_drawn_up_to_implement_others_implement_them() -> None:
    ctx = context("为进一步落实《上合组织成员国环保合作构想》和《上合组织绿色之带纲要》，加强合作，生态环境部编制《生态环境保护合作行动方案》。")
    concept = observe(ctx, Ref("document", "zh:构想"), "Concept", "上合组织成员国环保合作构想")
    programme = observe(ctx, Ref("document", "zh:纲要"), "Programme", "上合组织绿色之带纲要")
    plan = observe(ctx, Ref("document", "zh:方案"), "Plan", "生态环境保护合作行动方案")
    found = link(ctx, known(ctx) + [concept, programme, plan])
    assert facts(found, "sco:implements") == {(plan.ref, concept.ref), (plan.ref, programme.ref)}


def test_support_is_no_implementation() -> None:
    ctx = context("各代表团团长支持继续落实《上合组织成员国环保合作构想》和《行动计划》。")
    found = known(ctx) + [observe(ctx, Ref("document", "zh:构想"), "Concept", "上合组织成员国环保合作构想"),
                          observe(ctx, Ref("document", "zh:计划"), "Plan", "行动计划")]
    assert facts(link(ctx, found), "sco:implements") == set()


def test_plans_made_according_to_this_concept_implement_the_concept_named_before() -> None:
    first = context("总统拉赫蒙批准了《上海合作组织轮值主席国构想》。")
    concept = observe(first, Ref("document", "zh:构想"), "Concept", "上海合作组织轮值主席国构想")
    second = context("根据该构想，制定了《重大活动计划》和《国内活动计划》。", start=len(first.text))
    major = observe(second, Ref("document", "zh:重大活动计划"), "Plan", "重大活动计划")
    domestic = observe(second, Ref("document", "zh:国内活动计划"), "Plan", "国内活动计划")
    found = link(first, [concept]) + link(second, [major, domestic])
    resolve_antecedents(found)
    assert facts(found, "sco:implements") == {(major.ref, concept.ref), (domestic.ref, concept.ref)}


def test_bodies_carrying_out_a_project_and_a_platform_built_relying_on_a_centre() -> None:
    ctx = context("“绿色城市”项目由全球环境基金资助、联合国开发计划署与白俄罗斯自然资源与环保部主导实施。")
    project = observe(ctx, Ref("initiative", "zh:绿色城市"), "Project", "“绿色城市”项目")
    ministry = observe(ctx, Ref("body", "zh:白俄罗斯自然资源与环保部"), "GovernmentAgency", "白俄罗斯自然资源与环保部")
    found = link(ctx, known(ctx) + [project, ministry])
    assert values(found, "sco:carriedOutBy", project.ref) == {Ref("body", "undp"), ministry.ref}  # GEF only funds it
    quote = context("借助中国-上海合作组织环境保护合作中心，加快上合组织环保信息共享平台建设。")
    platform = observe(quote, Ref("initiative", "zh:平台"), "Platform", "上合组织环保信息共享平台")
    found = link(quote, known(quote) + [platform])
    assert values(found, "sco:carriedOutBy", platform.ref) == {Ref("body", "csec")}


def test_meetings_held_within_a_themed_year_or_to_commemorate_a_decade() -> None:
    ctx = context("团长们注意到“上合组织可持续发展年”框架内举办的活动成果，包括上合组织可持续发展论坛(2025年4月17日,鄂木斯克)。")
    year = observe(ctx, Ref("initiative", "zh:可持续发展年"), "ThemedYear", "上合组织可持续发展年")
    forum = observe(ctx, Ref("meeting", "zh:可持续发展论坛@2025-04-17"), "Forum", "上合组织可持续发展论坛")
    assert facts(link(ctx, known(ctx) + [year, forum]), "sco:heldWithin") == {(forum.ref, year.ref)}
    decade = context("团长们注意到,为纪念“水促进可持续发展”国际行动十年将举行第四届国际高级别会议(2026年5月,杜尚别)。")
    water = observe(decade, Ref("initiative", "zh:十年"), "Initiative", "“水促进可持续发展”国际行动十年")
    meeting = observe(decade, Ref("meeting", "zh:高级别会#4"), "Meeting", "第四届国际高级别会议")
    assert facts(link(decade, known(decade) + [water, meeting]), "sco:heldWithin") == {(meeting.ref, water.ref)}


# --------------------------------------------------------------------------- one document


def _span_obs(ref: Ref, sco_class: str, name: str, start: int, lang: str = "zh", quote: str | None = None) -> Observation:
    evidence = Evidence("doc", start, start + len(quote or name), quote or name, lang)
    obs = Observation(ref, sco_class, names=[(name, lang)])
    obs.spans.append(Span(start, start + len(name), name, evidence))
    return obs


def test_an_antecedent_is_the_last_thing_of_its_head_named_before_in_the_same_language() -> None:
    forum = _span_obs(Ref("meeting", "zh:论坛@?"), "Forum", "上合组织国家绿色发展论坛", 0)
    english = _span_obs(Ref("meeting", "zh:论坛@?"), "Forum", "Green Development Forum", 20, lang="en")
    summit = _span_obs(Ref("meeting", "zh:峰会@?"), "Summit", "阿斯塔纳峰会", 40)
    later = Observation(antecedent("论坛"), "Meeting")
    later.add("sco:participant", Ref("person", "zh:黄润秋"), Evidence("doc", 60, 80, "论坛期间，黄润秋…", "zh"))
    lost = Observation(antecedent("研讨会"), "Meeting")
    lost.add("sco:participant", Ref("person", "zh:黄润秋"), Evidence("doc", 60, 80, "研讨会上…", "zh"))
    found = [forum, english, summit, later, lost]
    resolve_antecedents(found)
    assert later.ref == forum.ref and lost not in found
    assert not any(o.ref.kind == ANTECEDENT for o in found)


def test_the_persons_of_a_quotation_take_part_in_the_meeting_of_its_attribution_line() -> None:
    text = "引言\n\n习近平主席提出“加快平台建设”。\n——2014年9月13日，上海合作组织成员国元首理事会第14次会议\n\n下一段"
    xi = _span_obs(Ref("person", "zh:习近平"), "Person", "习近平", text.index("习近平"))
    line = text[text.index("——") : text.index("\n\n下一段")]
    meeting = _span_obs(Ref("meeting", "zh:元首理事会会#14"), "Summit", "上海合作组织成员国元首理事会第14次会议", text.index("上海合作组织成员国"), quote=line)
    meeting.spans[0] = Span(meeting.spans[0].start, meeting.spans[0].end, meeting.spans[0].text, Evidence("doc", text.index("——"), len(text), line, "zh"))
    link_attributions(text, [xi, meeting])
    assert person_obs_values(meeting, "sco:participant") == [xi.ref]


def _source(title: str = "“一带一路”生态环境保护合作规划", issuer: str = "环境保护部") -> SourceText:
    meta = SourceMeta(id="doc", title_zh=title, title_en=None, genre="plan", issuer_zh=issuer, issuer_en=None,
                      published=None, languages=("zh",), primary_language="zh", layout=None)
    return SourceText(Path("doc.txt"), "", meta)


def test_bare_agencies_in_a_document_of_a_national_agency_belong_to_its_state() -> None:
    commerce = _span_obs(Ref("body", "zh:商务部"), "GovernmentAgency", "商务部", 0)
    foreign = _span_obs(Ref("body", "zh:塔吉克斯坦外交部"), "GovernmentAgency", "塔吉克斯坦外交部", 10)
    nuclear = _span_obs(Ref("body", "zh:核能署"), "GovernmentAgency", "核能署", 20)
    nuclear.add("sco:partOf", Ref("body", "oecd"), None)
    link_issuer_country(_source(), [commerce, foreign, nuclear], default_name_index(), load_lexicon())
    assert person_obs_values(commerce, "sco:country") == [Ref("state", "CHN")]
    assert person_obs_values(foreign, "sco:country") == person_obs_values(nuclear, "sco:country") == []
    other = _span_obs(Ref("body", "zh:商务部"), "GovernmentAgency", "商务部", 0)
    link_issuer_country(_source(issuer="中国-上海合作组织环境保护合作中心"), [other], default_name_index(), load_lexicon())
    assert person_obs_values(other, "sco:country") == []  # a centre speaks for no state's ministries


def test_a_document_issued_by_a_meeting_was_adopted_there() -> None:
    source = _source(title="“共建绿色发展伙伴关系,共促可持续发展”倡议", issuer="上海合作组织国家绿色发展论坛")
    forum = _span_obs(Ref("meeting", "zh:绿色发展论坛@2024-07-08"), "Forum", "上海合作组织国家绿色发展论坛", 10)
    own = _span_obs(document_ref("“共建绿色发展伙伴关系,共促可持续发展”倡议", "zh"), "InitiativeText", "“共建绿色发展伙伴关系,共促可持续发展”倡议", 0)
    link_issuing_meeting(source, [own, forum], load_lexicon())
    assert person_obs_values(own, "sco:adoptedAt") == [forum.ref]


def test_the_rows_of_a_project_table_implement_the_document_itself() -> None:
    plan = _span_obs(document_ref("“一带一路”生态环境保护合作规划", "zh"), "Plan", "“一带一路”生态环境保护合作规划", 0)
    row = _span_obs(Ref("initiative", "zh:联盟"), "Project", "“一带一路”绿色发展国际联盟", 100)
    row.add("sco:projectNumber", 1, row.spans[0].evidence)
    free = _span_obs(Ref("initiative", "zh:基金"), "Fund", "绿色发展基金", 50)
    link_table_rows(_source(), [plan, row, free], load_lexicon())
    assert person_obs_values(row, "sco:implements") == [plan.ref]
    assert person_obs_values(free, "sco:implements") == []
    unnamed = _span_obs(Ref("initiative", "zh:联盟"), "Project", "“一带一路”绿色发展国际联盟", 100)
    unnamed.add("sco:projectNumber", 1, unnamed.spans[0].evidence)
    link_table_rows(_source(), [unnamed], load_lexicon())  # the text never names the plan
    assert person_obs_values(unnamed, "sco:implements") == []


# --------------------------------------------------------------------------- the whole corpus


def _entity(ref: Ref, sco_class: str, label: str, *facts: tuple[str, object], source: str = "doc") -> Entity:
    entity = Entity(ref, sco_class, labels={"zh": label})
    evidence = Evidence(source, 0, 10, label, "zh")
    entity.facts = [Fact(p, v, evidence) for p, v in facts]
    return entity


def _index(*entities: Entity) -> dict[Ref, Entity]:
    return {e.ref: e for e in entities}


COUNCIL = Ref("body", "sco-heads-of-state-council")
TIANJIN, DAY = Ref("place", "Tianjin"), DateValue(2025, 9, 1)


def test_a_council_document_of_the_day_and_city_of_a_council_meeting_was_adopted_there() -> None:
    meeting = _entity(Ref("meeting", "m"), "Summit", "上合组织成员国元首理事会会议", ("sco:meetingOf", COUNCIL),
                      ("schema:startDate", DateValue(2025, 8, 31)), ("schema:endDate", DateValue(2025, 9, 1)), ("sco:place", TIANJIN))
    statement = _entity(Ref("document", "s"), "Statement", "上合组织成员国元首理事会关于能源的声明",
                        ("sco:issuedBy", COUNCIL), ("dcterms:date", DAY), ("sco:place", TIANJIN))
    roadmap = _entity(Ref("document", "r"), "Roadmap", "能源合作路线图", ("dcterms:date", DAY), ("sco:place", TIANJIN))
    entities = _index(meeting, statement, roadmap)
    link_corpus(entities)
    assert statement.values("sco:adoptedAt") == [meeting.ref]
    assert roadmap.values("sco:adoptedAt") == []  # not the council's: the text does not say where


def test_a_council_document_matching_two_meetings_is_not_linked() -> None:
    first = _entity(Ref("meeting", "a"), "Summit", "会议", ("sco:meetingOf", COUNCIL), ("schema:startDate", DAY), ("sco:place", TIANJIN))
    second = _entity(Ref("meeting", "b"), "Summit", "会议", ("sco:meetingOf", COUNCIL), ("sco:place", TIANJIN), ("schema:startDate", DateValue(2018, 6, 9)))
    declaration = _entity(Ref("document", "d"), "Declaration", "上合组织成员国元首理事会天津宣言", ("sco:issuedBy", COUNCIL), ("sco:place", TIANJIN))
    link_corpus(_index(first, second, declaration))
    assert declaration.values("sco:adoptedAt") == []


@pytest.mark.parametrize(("start", "end", "expected"), [
    (DateValue(2025, 11, 17), DateValue(2025, 11, 18), "2025-11"),
    (DateValue(2025, 5, 29), None, "2025-05-29"),
    (DateValue(2025, 11, 30), DateValue(2025, 12, 1), "2025"),
])
def test_an_adopted_document_without_a_date_is_dated_and_placed_by_its_meeting(start, end, expected) -> None:
    dates = [("schema:startDate", start)] + ([("schema:endDate", end)] if end else [])
    meeting = _entity(Ref("meeting", "m"), "Meeting", "会议", *dates, ("sco:place", Ref("place", "Moscow")))
    report = _entity(Ref("document", "r"), "Report", "报告", ("sco:adoptedAt", meeting.ref))
    link_corpus(_index(meeting, report))
    assert [d.lexical() for d in report.values("dcterms:date")] == [expected]
    assert report.values("sco:place") == [Ref("place", "Moscow")]
    dated = _entity(Ref("document", "d"), "Report", "报告", ("sco:adoptedAt", meeting.ref), ("dcterms:date", DateValue(2020)))
    link_corpus(_index(meeting, dated))
    assert dated.values("dcterms:date") == [DateValue(2020)]


def test_participants_of_a_council_of_member_states_are_member_states() -> None:
    council = _entity(Ref("body", "sco-heads-of-government-council"), "Council", "上海合作组织成员国政府首脑（总理）理事会")
    state_council = _entity(Ref("body", "state-council-china"), "GovernmentAgency", "国务院")
    state_council.facts.append(Fact("sco:country", Ref("state", "CHN"), None))
    premier = _entity(Ref("person", "li"), "Person", "李强", ("sco:represents", state_council.ref))
    turchin = _entity(Ref("person", "t"), "Person", "图尔钦", ("sco:represents", Ref("state", "BLR")))
    guest = _entity(Ref("person", "g"), "Person", "穆罕默德", ("sco:represents", Ref("state", "QAT")))
    meeting = _entity(HOG, "Meeting", "第二十四次会议", ("sco:meetingOf", council.ref), ("sco:participant", premier.ref),
                      ("sco:participant", turchin.ref), ("sco:guest", guest.ref))
    states = [_entity(Ref("state", code), "State", code) for code in ("CHN", "BLR", "QAT")]
    states[1].facts.append(Fact("sco:scoRole", Ref("role", "FoundingMemberRole"), Evidence("other", 0, 1, "x", "zh")))
    entities = _index(council, state_council, premier, turchin, guest, meeting, *states)
    link_corpus(entities)
    assert premier.values("sco:country") == [Ref("state", "CHN")]
    assert entities[Ref("state", "CHN")].values("sco:scoRole") == [Ref("role", "MemberStateRole")]
    assert entities[Ref("state", "BLR")].values("sco:scoRole") == [Ref("role", "FoundingMemberRole")] * 2  # kept, now also here
    assert entities[Ref("state", "QAT")].values("sco:scoRole") == []


def test_no_member_status_from_a_meeting_of_no_council() -> None:
    forum = _entity(Ref("meeting", "f"), "Forum", "上合组织成员国论坛", ("sco:participant", Ref("state", "UZB")))
    uzbekistan = _entity(Ref("state", "UZB"), "State", "乌兹别克斯坦")
    link_corpus(_index(forum, uzbekistan))
    assert uzbekistan.values("sco:scoRole") == []


# --------------------------------------------------------------------------- the corpus graph


SCO = "https://w3id.org/sco-kg/ontology#"


def _select(store: Store, query: str) -> list[tuple[str, ...]]:
    prefixed = f"PREFIX sco: <{SCO}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + query
    return [tuple(term.value for term in row) for row in store.query(prefixed, use_default_graph_as_union=True)]


@pytest.fixture(scope="module")
def corpus(corpus_store_path: Path) -> Store:
    return Store.read_only(str(corpus_store_path))


def test_the_belt_and_road_plan_is_implemented_by_its_25_key_projects(corpus: Store) -> None:
    rows = _select(corpus, """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?plan rdfs:label "“一带一路”生态环境保护合作规划"@zh . ?p sco:implements ?plan ; sco:projectNumber ?k }""")
    assert rows == [("25",)]


def test_the_24th_meeting_is_a_meeting_of_its_council_whose_chair_is_russia(corpus: Store) -> None:
    rows = _select(corpus, """SELECT DISTINCT ?council WHERE {
        ?m sco:ordinal 24 ; sco:meetingOf ?council ; sco:place/rdfs:label "Moscow"@en }""")
    assert rows == [("https://w3id.org/sco-kg/resource/body/sco-heads-of-government-council",)]
    chair = _select(corpus, "SELECT ?s WHERE { <https://w3id.org/sco-kg/resource/body/sco-heads-of-government-council> sco:chair ?s }")
    assert chair == [("https://w3id.org/sco-kg/resource/state/rus",)]


def test_the_heads_of_state_statements_of_tianjin_were_adopted_at_the_tianjin_meeting(corpus: Store) -> None:
    rows = _select(corpus, """SELECT DISTINCT ?doc ?m WHERE {
        ?doc sco:issuedBy <https://w3id.org/sco-kg/resource/body/sco-heads-of-state-council> ; sco:adoptedAt ?m .
        ?m sco:place/rdfs:label "Tianjin"@en }""")
    assert len({doc for doc, _ in rows}) >= 5 and len({m for _, m in rows}) == 1


def test_the_communique_makes_its_attendees_member_states(corpus: Store) -> None:
    graph = "https://w3id.org/sco-kg/resource/source/hog-24-joint-communique-2025"
    rows = _select(corpus, f"""SELECT ?code WHERE {{ GRAPH <{graph}> {{ ?s sco:scoRole sco:MemberStateRole }}
        ?s sco:iso3166Alpha3 ?code }}""")
    codes = {code for (code,) in rows}
    assert {"BLR", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"} <= codes
    assert not codes & {"QAT", "MNG", "BHR", "EGY", "KWT", "TKM"}  # guests
