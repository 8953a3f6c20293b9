"""Relation rules: documents named
"above", bodies in charge of carrying out, launching or setting up an initiative, organs of an
organisation, speakers at a bare ceremony, origins of attendees, bare body heads before a
title, and meetings of a quoted programme. Sentences are made up for the tests."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.discourse import antecedent_ref, antecedents_ref, resolve_plural_antecedents
from scokg.loaders.model import Evidence, Observation, Ref, Span
from sentence_support import context, facts, known, link, observe

CSEC = Ref("body", "csec")
MONGOLIA, IRAN = Ref("state", "MNG"), Ref("state", "IRN")


def span_obs(ref: Ref, sco_class: str, name: str, quote: str, start: int = 0) -> Observation:
    evidence = Evidence("doc", start, start + len(quote), quote, "zh")
    obs = Observation(ref, sco_class, names=[(name, "zh")])
    at = start + quote.index(name)
    obs.spans.append(Span(at, at + len(name), name, evidence))
    return obs


def titled(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str, title: str) -> Observation:
    obs = observe(ctx, ref, sco_class, surface)
    obs.add("schema:jobTitle", title, ctx.evidence())
    return obs


# --------------------------------------------------------------------------- documents named above


def test_the_documents_named_above_are_implemented_by_the_plan_made_for_them() -> None:
    text = "《甲国乙国森林合作协定》和《甲国乙国林业合作纲要》为合作奠定了基础。\n\n为落实上述文件和《丙合作规划》，某部编制《丁合作计划》。"
    agreement = span_obs(Ref("document", "a"), "Agreement", "《甲国乙国森林合作协定》", text[:35])
    outline = span_obs(Ref("document", "b"), "Outline", "《甲国乙国林业合作纲要》", text[:35])
    sentence = text.index("为落实")
    ctx = context(text[sentence:], start=sentence)
    named = [observe(ctx, Ref("document", "c"), "Plan", "《丙合作规划》"), observe(ctx, Ref("document", "d"), "Plan", "《丁合作计划》")]
    link(ctx, named)
    assert facts(named, "sco:implements") == {(Ref("document", "d"), Ref("document", "c")), (Ref("document", "d"), antecedents_ref("document"))}
    found = [agreement, outline, *named]
    resolve_plural_antecedents(text, found)
    assert facts(found, "sco:implements") == {(Ref("document", "d"), r) for r in (Ref("document", k) for k in "abc")}


def test_documents_two_paragraphs_up_are_not_named_above() -> None:
    text = "《甲国乙国森林合作协定》为合作奠定了基础。\n\n各方交流了经验。\n\n为落实上述文件，某部编制《丁合作计划》。"
    far = span_obs(Ref("document", "a"), "Agreement", "《甲国乙国森林合作协定》", text[:22])
    sentence = text.index("为落实")
    ctx = context(text[sentence:], start=sentence)
    plan = observe(ctx, Ref("document", "d"), "Plan", "《丁合作计划》")
    link(ctx, [plan])
    resolve_plural_antecedents(text, [far, plan])
    assert facts([plan], "sco:implements") == set()


# --------------------------------------------------------------------------- carried out by


def test_a_body_in_charge_of_carrying_out_carries_out_the_document_named_before_it() -> None:
    ctx = context("某某部牵头建立《方案》实施协调机制，中国—上海合作组织环境保护合作中心负责具体组织实施，定期通报进展。")
    plan = observe(ctx, Ref("document", "plan"), "Plan", "《方案》")
    found = link(ctx, [plan, *known(ctx)])
    assert (plan.ref, CSEC) in facts(found, "sco:carriedOutBy")


def test_a_body_in_charge_of_the_head_word_carries_out_the_document_it_refers_back_to() -> None:
    ctx = context("蒙古国自然环境和旅游部负责协调规划的实施工作，每年提交报告。")
    ministry = observe(ctx, Ref("body", "mn-ministry"), "GovernmentAgency", "蒙古国自然环境和旅游部")
    found = link(ctx, [ministry, *known(ctx)])
    assert (antecedent_ref("document", "规划"), ministry.ref) in facts(found, "sco:carriedOutBy")


def test_the_body_before_carried_out_and_attributive_de_carries_out_what_follows() -> None:
    ctx = context("3月2日，由世界银行资助、蒙古国自然环境、绿色发展和旅游部实施的“乌兰巴托清洁空气”项目正式启动。")
    bank = observe(ctx, Ref("body", "wb"), "InternationalOrganisation", "世界银行")
    ministry = observe(ctx, Ref("body", "mn"), "GovernmentAgency", "蒙古国自然环境、绿色发展和旅游部")
    project = observe(ctx, Ref("initiative", "ub-air"), "Project", "“乌兰巴托清洁空气”项目")
    found = link(ctx, [bank, ministry, project])
    assert facts(found, "sco:carriedOutBy") == {(project.ref, ministry.ref)}


def test_a_body_launching_an_initiative_after_a_dateline_carries_it_out_but_not_a_phase_of_one() -> None:
    ctx = context("【某通讯社/4月3日】 4月2日，某某省林业局在某市启动“城市绿廊”项目，计划三年完成。")
    bureau = observe(ctx, Ref("body", "forestry"), "GovernmentAgency", "某某省林业局")
    project = observe(ctx, Ref("initiative", "green-corridor"), "Project", "“城市绿廊”项目")
    assert facts(link(ctx, [bureau, project]), "sco:carriedOutBy") == {(project.ref, bureau.ref)}
    ctx = context("4月2日，某某省林业局在某市启动“绿色城市”运动第三期。")
    bureau = observe(ctx, Ref("body", "forestry"), "GovernmentAgency", "某某省林业局")
    campaign = observe(ctx, Ref("initiative", "green-city"), "Programme", "“绿色城市”运动")
    assert facts(link(ctx, [bureau, campaign]), "sco:carriedOutBy") == set()


def test_a_body_opening_the_sentence_leads_the_building_of_an_initiative() -> None:
    ctx = context("中国—上海合作组织环境保护合作中心自2015年成立以来，承担具体工作，牵头建设上合组织生态数据平台。")
    platform = observe(ctx, Ref("initiative", "eco-data"), "Platform", "上合组织生态数据平台")
    assert (platform.ref, CSEC) in facts(link(ctx, [platform, *known(ctx)]), "sco:carriedOutBy")


def test_the_bodies_that_jointly_set_up_an_initiative_carry_it_out() -> None:
    ctx = context("各方欢迎上合组织银行联合体和上合组织实业家委员会共同建立的上合组织绿色投资平台。")
    platform = observe(ctx, Ref("initiative", "green-invest"), "Platform", "上合组织绿色投资平台")
    carried = facts(link(ctx, [platform, *known(ctx)]), "sco:carriedOutBy")
    assert carried == {(platform.ref, Ref("body", "sco-interbank-consortium")), (platform.ref, Ref("body", "sco-business-council"))}


def test_a_body_working_for_an_initiative_named_in_full_carries_it_out() -> None:
    ctx = context("各方肯定中国—上海合作组织环境保护合作中心为上合组织生态数据平台建设和运行所做工作。")
    platform = observe(ctx, Ref("initiative", "eco-data"), "Platform", "上合组织生态数据平台")
    assert (platform.ref, CSEC) in facts(link(ctx, [platform, *known(ctx)]), "sco:carriedOutBy")


# --------------------------------------------------------------------------- structure and meetings


def test_an_executive_committee_named_after_an_organisation_is_part_of_it() -> None:
    ctx = context("独立国家联合体执行委员会代表列席会议。")
    committee = observe(ctx, Ref("body", "cis-committee"), "Committee", "独立国家联合体执行委员会")
    assert (committee.ref, Ref("body", "cis")) in facts(link(ctx, [committee, *known(ctx)]), "sco:partOf")
    ctx = context("representatives of the Executive Committee of the Commonwealth of Independent States attended.", "en")
    committee = observe(ctx, Ref("body", "cis-committee"), "Committee", "Executive Committee of the Commonwealth of Independent States")
    assert (committee.ref, Ref("body", "cis")) in facts(link(ctx, [committee, *known(ctx)]), "sco:partOf")


def test_a_speaker_at_a_bare_opening_ceremony_takes_part_in_the_meeting_named_before() -> None:
    ctx = context("某某部部长伊万诺夫在开幕式上介绍了流域治理情况。")
    person = titled(ctx, Ref("person", "ivanov"), "Person", "伊万诺夫", "部长")
    found = link(ctx, [person])
    assert (antecedent_ref("meeting", "会"), person.ref) in facts(found, "sco:participant")


def test_states_attendees_come_from_take_part_only_through_representatives() -> None:
    ctx = context("来自蒙古国和伊朗的20余名技术人员参加了上合组织国家荒漠化防治研修班。")
    course = observe(ctx, Ref("meeting", "course"), "Workshop", "上合组织国家荒漠化防治研修班")
    assert facts(link(ctx, [course, *known(ctx)]), "sco:participant") == set()
    ctx = context("来自蒙古国和伊朗的代表参加了上合组织国家荒漠化防治研修班。")
    course = observe(ctx, Ref("meeting", "course"), "Workshop", "上合组织国家荒漠化防治研修班")
    assert facts(link(ctx, [course, *known(ctx)]), "sco:participant") == {(course.ref, MONGOLIA), (course.ref, IRAN)}


def test_a_bare_body_head_before_a_title_refers_back_to_a_body() -> None:
    ctx = context("蒙古国环境部副部长巴特尔和中心主任李明出席签字仪式。")
    ministry = observe(ctx, Ref("body", "mn-env"), "GovernmentAgency", "蒙古国环境部")
    first = titled(ctx, Ref("person", "bater"), "Person", "巴特尔", "副部长")
    second = titled(ctx, Ref("person", "li-ming"), "Person", "李明", "主任")
    found = link(ctx, [ministry, first, second, *known(ctx)])
    assert (second.ref, antecedent_ref("body", "中心")) in facts(found, "sco:represents")
    assert (first.ref, antecedent_ref("body", "中心")) not in facts(found, "sco:represents")


def test_a_meeting_named_after_a_quoted_programme_is_held_within_it_and_sited_itself() -> None:
    ctx = context("中国—上海合作组织环境保护合作中心在西安举办“绿色丝路使者计划”上合组织国家水资源管理研修班。")
    programme = observe(ctx, Ref("initiative", "envoys"), "CooperationProgramme", "绿色丝路使者计划")
    course = observe(ctx, Ref("meeting", "water-course"), "Workshop", "上合组织国家水资源管理研修班")
    found = link(ctx, [programme, course, *known(ctx)])
    assert (course.ref, programme.ref) in facts(found, "sco:heldWithin")
    assert [r for r, _ in facts(found, "sco:place")] == [course.ref]


def test_the_bodies_an_initiative_was_jointly_established_by_carry_it_out() -> None:
    ctx = context("The parties welcomed the SCO Green Investment Platform jointly established by the SCO Interbank Consortium and the SCO Business Council.", "en")
    platform = observe(ctx, Ref("initiative", "green-invest"), "Platform", "SCO Green Investment Platform")
    carried = facts(link(ctx, [platform, *known(ctx)]), "sco:carriedOutBy")
    assert carried == {(platform.ref, Ref("body", "sco-interbank-consortium")), (platform.ref, Ref("body", "sco-business-council"))}
