"""Relation rules: hosts named before a time and a
place, bare attendance verbs, a state closing an English body's name, and a document's issuer
named in its title. Sentences are made up; observations the extractors would make are built by
hand where the dictionaries do not know the names."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.model import Observation, Ref
from scokg.loaders.titles import document_ref
from sentence_support import context, facts, known, link, observe

FORUM = Ref("meeting", "zh:草原论坛")
FIRST_MEETING = Ref("meeting", "zh:第一次专家会议")
SECRETARIAT = Ref("body", "sco-secretariat")


# --------------------------------------------------------------------------- hosts


def test_a_state_hosts_the_meeting_it_will_hold_at_a_date_in_a_named_city() -> None:
    ctx = context("部长表示，蒙古国将于2030年9月在乌兰巴托举办首届上合组织国家草原论坛，邀请各方参加。")
    found = known(ctx) + [observe(ctx, FORUM, "Forum", "首届上合组织国家草原论坛")]
    assert facts(link(ctx, found), "sco:host") == {(FORUM, Ref("state", "MNG"))}


def test_a_body_hosts_the_event_it_holds_in_a_named_city() -> None:
    ctx = context("上合组织秘书处在北京成功举办“清洁河流”主题开放日活动。")
    event = Ref("meeting", "zh:清洁河流主题开放日活动")
    found = known(ctx) + [observe(ctx, event, "Meeting", "“清洁河流”主题开放日活动")]
    assert facts(link(ctx, found), "sco:host") == {(event, SECRETARIAT)}


def test_two_states_joined_before_the_verb_co_host_after_a_date_a_city_and_a_manner_word() -> None:
    ctx = context("中国和哈萨克斯坦将于2030年在阿斯塔纳共同举办上合组织国家草原论坛。")
    found = known(ctx) + [observe(ctx, FORUM, "Forum", "上合组织国家草原论坛")]
    assert facts(link(ctx, found), "sco:host") == {(FORUM, Ref("state", "CHN")), (FORUM, Ref("state", "KAZ"))}


def test_a_host_may_plan_its_meeting_for_next_year() -> None:
    ctx = context("塔吉克斯坦计划明年在杜尚别举办上合组织国家草原论坛。")
    found = known(ctx) + [observe(ctx, FORUM, "Forum", "上合组织国家草原论坛")]
    assert facts(link(ctx, found), "sco:host") == {(FORUM, Ref("state", "TJK"))}


def test_a_state_that_only_welcomes_another_states_meeting_does_not_host_it() -> None:
    ctx = context("蒙古国欢迎哈萨克斯坦将于2030年在阿斯塔纳举办上合组织国家草原论坛。")
    found = known(ctx) + [observe(ctx, FORUM, "Forum", "上合组织国家草原论坛")]
    assert facts(link(ctx, found), "sco:host") == {(FORUM, Ref("state", "KAZ"))}


MINISTRY = Ref("body", "en:ministry-of-water-resources")
INSTITUTE = Ref("body", "en:steppe-research-institute")


def english_bodies(ctx: SentenceContext) -> list[Observation]:
    return known(ctx) + [
        observe(ctx, MINISTRY, "GovernmentAgency", "Ministry of Water Resources"),
        observe(ctx, INSTITUTE, "ResearchInstitute", "Steppe Research Institute"),
    ]


def test_a_state_closing_an_english_ministry_name_is_no_co_host_and_the_list_runs_over_commas() -> None:
    ctx = context(
        "The forum was co-hosted by the Ministry of Water Resources of the Republic of Kazakhstan, "
        "the Steppe Research Institute and the SCO Secretariat.", "en"
    )
    hosts = {value for _, value in facts(link(ctx, english_bodies(ctx)), "sco:host")}
    assert hosts == {MINISTRY, INSTITUTE, SECRETARIAT}


def test_an_english_host_list_ends_at_a_clause_that_does_not_open_with_an_agent() -> None:
    ctx = context(
        "The forum was hosted by the Steppe Research Institute, was opened by the Ministry of Water Resources "
        "and ended with a visit.", "en"
    )
    hosts = {value for _, value in facts(link(ctx, english_bodies(ctx)), "sco:host")}
    assert hosts == {INSTITUTE}


# --------------------------------------------------------------------------- bare attendance


def minister(ctx: SentenceContext) -> Observation:
    return observe(ctx, Ref("person", "zh:张明远"), "Person", "张明远")


def test_attending_the_opening_ceremony_is_taking_part_in_the_meeting_of_the_sentence_before() -> None:
    before = [Observation(FORUM, "Forum")]
    ctx = context("某国水利部部长张明远出席开幕式并致辞。", previous=before, current=FIRST_MEETING)
    person = minister(ctx)
    found = link(ctx, known(ctx) + [person])
    assert facts(found, "sco:participant") == {(FORUM, person.ref)}


def test_attending_and_speaking_with_no_meeting_before_links_nothing() -> None:
    ctx = context("某国水利部部长张明远出席并致辞。", previous=[], current=FIRST_MEETING)
    found = link(ctx, known(ctx) + [minister(ctx)])
    assert facts(found, "sco:participant") == set()


def test_taking_part_in_the_event_goes_to_the_one_meeting_named_just_before() -> None:
    before = [Observation(FORUM, "Forum")]
    ctx = context("各国使馆和上合组织秘书处代表约80人参加活动。", previous=before, current=FIRST_MEETING)
    found = link(ctx, known(ctx))
    assert facts(found, "sco:participant") == {(FORUM, SECRETARIAT)}


def test_a_bare_attendance_verb_after_two_meetings_is_left_unlinked() -> None:
    before = [Observation(FORUM, "Forum"), Observation(Ref("meeting", "zh:水论坛"), "Forum")]
    ctx = context("上合组织秘书处代表参加活动。", previous=before, current=FIRST_MEETING)
    assert facts(link(ctx, known(ctx)), "sco:participant") == set()


# --------------------------------------------------------------------------- issuers


def test_the_council_issuing_a_statement_is_named_in_its_title() -> None:
    title = "《上合组织成员国元首理事会关于加强水资源合作的声明》"
    ctx = context(f"{title}提出加强跨界河流监测合作。")
    statement = observe(ctx, document_ref(title.strip("《》"), "zh"), "Statement", title)
    found = link(ctx, [statement])  # the body finder leaves names inside a 《title》 alone
    council = Ref("body", "sco-heads-of-state-council")
    assert facts(found, "sco:issuedBy") == {(statement.ref, council)}
    issuers = [o for o in found if o.ref == council]
    assert len(issuers) == 1 and issuers[0].nested and issuers[0].spans[0].text == "上合组织成员国元首理事会"


def test_attending_the_opening_ceremony_in_english_goes_to_the_meeting_of_the_sentence_before() -> None:
    before = [Observation(FORUM, "Forum")]
    ctx = context("John Example, Minister of Water of the Republic of Kazakhstan, attended the opening ceremony and delivered a speech.",
                  "en", previous=before, current=FIRST_MEETING)
    person = observe(ctx, Ref("person", "en:john-example"), "Person", "John Example")
    found = link(ctx, known(ctx) + [person])
    assert facts(found, "sco:participant") == {(FORUM, person.ref)}


def test_attending_the_opening_ceremony_in_english_with_no_meeting_before_links_nothing() -> None:
    ctx = context("John Example attended the opening ceremony.", "en", previous=[], current=FIRST_MEETING)
    found = link(ctx, known(ctx) + [observe(ctx, Ref("person", "en:john-example"), "Person", "John Example")])
    assert facts(found, "sco:participant") == set()
