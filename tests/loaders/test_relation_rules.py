"""Relation rules added for issue 4: who carries out an initiative, which meeting or body a
meeting or body belongs to, who hosts or chairs, and what a whole source implies. Sentences are
made up for the tests; observations are built by hand as the extractors would build them."""
from __future__ import annotations

from pathlib import Path

from scokg.loaders.corpus import SourceMeta, SourceText
from scokg.loaders.corpus_links import link_corpus
from scokg.loaders.discourse import antecedent_ref, link_own_deeds, link_row_countries, link_table_rows, resolve_antecedents
from scokg.loaders.layout import Layout
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Evidence, Fact, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.resolve import Entity
from scokg.loaders.segments import paragraphs
from scokg.loaders.temporal import DateValue
from scokg.loaders.titles import document_ref
from sentence_support import context, facts, known, link, observe

CSEC = Ref("body", "csec")


def source(title: str | None = None, issuer_zh: str | None = None, issuer_en: str | None = None) -> SourceText:
    meta = SourceMeta(id="doc", title_zh=title, title_en=None, genre="brochure", issuer_zh=issuer_zh, issuer_en=issuer_en,
                      published=None, languages=("zh", "en"), primary_language="zh", layout=None)
    return SourceText(Path("doc.txt"), "", meta)


def span_obs(ref: Ref, sco_class: str, name: str, quote: str, lang: str = "zh", start: int = 0) -> Observation:
    evidence = Evidence("doc", start, start + len(quote), quote, lang)
    obs = Observation(ref, sco_class, names=[(name, lang)])
    at = start + quote.index(name)
    obs.spans.append(Span(at, at + len(name), name, evidence))
    return obs


# --------------------------------------------------------------------------- layout


def test_a_short_wrapped_line_ending_in_a_conjunction_runs_on_past_a_blank_line() -> None:
    text = "为落实《甲乙丙丁合作构想》《戊己\n庚辛合作纲要》和\n\n《某某合作计划》，编制\n本方案，推动区域生态环境保\n护合作，促进共同发展繁荣。\n"
    first = paragraphs(text, Layout.ZH_ONLY)[0].text
    assert first == "为落实《甲乙丙丁合作构想》《戊己庚辛合作纲要》和《某某合作计划》，编制本方案，推动区域生态环境保护合作，促进共同发展繁荣。"


def test_table_rows_implement_the_document_whose_title_ends_with_its_years() -> None:
    title = "某国—上海合作组织水资源合作行动方案（2027—2031年）"
    plan = span_obs(document_ref(title, "zh"), "Plan", title, title)
    row = span_obs(Ref("initiative", "zh:水文监测网络"), "Project", "水文监测网络", "水文监测网络", start=200)
    row.add("sco:projectNumber", 1, row.spans[0].evidence)
    link_table_rows(source(title=title), [plan, row], load_lexicon())
    assert facts([row], "sco:implements") == {(row.ref, plan.ref)}


def rows(*names: str) -> list[Observation]:
    found = []
    for number, name in enumerate(names, 1):
        row = span_obs(Ref("initiative", f"zh:{name}"), "Project", name, name, start=300 + 50 * number)
        row.add("sco:projectNumber", number, row.spans[0].evidence)
        found.append(row)
    return found


def test_a_table_row_carried_out_in_a_state_the_text_names() -> None:
    quote = "支持在吉尔吉斯斯坦实施伊塞克湖水质监测示范项目，推动技术合作。"
    table = rows("中国—吉尔吉斯斯坦伊塞克湖水质监测示范", "中国—中亚荒漠化监测网络")
    link_row_countries([span_obs(Ref("state", "KGZ"), "State", "吉尔吉斯斯坦", quote, start=10), *table])
    assert facts(table, "sco:country") == {(table[0].ref, Ref("state", "KGZ"))}
    subject = rows("中国—吉尔吉斯斯坦伊塞克湖水质监测示范")  # the state acts, nothing is placed in it
    link_row_countries([span_obs(Ref("state", "KGZ"), "State", "吉尔吉斯斯坦", "吉尔吉斯斯坦实施伊塞克湖水质监测示范项目。"), *subject])
    assert facts(subject, "sco:country") == set()
    twice = rows("甲方伊塞克湖水质监测示范", "乙方伊塞克湖水质监测示范")  # which row is meant is unclear
    link_row_countries([span_obs(Ref("state", "KGZ"), "State", "吉尔吉斯斯坦", quote, start=10), *twice])
    assert facts(twice, "sco:country") == set()


# --------------------------------------------------------------------------- carried out by


def test_initiatives_built_relying_on_a_body_founded_in_a_given_year() -> None:
    ctx = context("某国依托2016年成立的中国-上海合作组织环境保护合作中心，积极开展合作，建设上合组织环保信息共享平台，建设上合组织节水示范基地。")
    platform = observe(ctx, Ref("initiative", "zh:平台"), "Platform", "上合组织环保信息共享平台")
    base = observe(ctx, Ref("initiative", "zh:基地"), "Base", "上合组织节水示范基地")
    found = link(ctx, known(ctx) + [platform, base])
    assert facts(found, "sco:carriedOutBy") == {(platform.ref, CSEC), (base.ref, CSEC)}
    en = context("Relying on the China Center for SCO Environmental Cooperation, we are developing the SCO Water Saving Platform.", "en")
    water = observe(en, Ref("initiative", "zh:平台"), "Platform", "SCO Water Saving Platform")
    assert facts(link(en, known(en) + [water]), "sco:carriedOutBy") == {(water.ref, CSEC)}


def test_relying_on_a_body_reaches_no_clause_that_opens_with_another_agent() -> None:
    ctx = context("借助中国-上海合作组织环境保护合作中心，建设上合组织环保信息共享平台，联合国开发计划署建设上合组织节水示范基地。")
    platform = observe(ctx, Ref("initiative", "zh:平台"), "Platform", "上合组织环保信息共享平台")
    base = observe(ctx, Ref("initiative", "zh:基地"), "Base", "上合组织节水示范基地")
    found = link(ctx, known(ctx) + [platform, base])
    assert facts(found, "sco:carriedOutBy") == {(platform.ref, CSEC)}


def test_a_body_named_as_an_initiatives_managing_committee_carries_it_out() -> None:
    ctx = context("团长们欢迎上合组织节水园区库管理委员会的工作。")
    committee = observe(ctx, Ref("body", "zh:节水园区库管理委员会"), "Council", "上合组织节水园区库管理委员会")
    repository = observe(ctx, Ref("initiative", "zh:节水园区库"), "Initiative", "上合组织节水园区库")
    found = link(ctx, known(ctx) + [committee, repository])
    assert facts(found, "sco:carriedOutBy") == {(repository.ref, committee.ref)}


def test_a_body_undertaking_a_task_list_builds_the_initiatives_it_names() -> None:
    ctx = context("中国-上海合作组织环境保护合作中心于2016年成立，承担多边合作事务，包括政策对话、上合组织环保信息共享平台建设、人员交流等。")
    platform = observe(ctx, Ref("initiative", "zh:平台"), "Platform", "上合组织环保信息共享平台")
    assert facts(link(ctx, known(ctx) + [platform]), "sco:carriedOutBy") == {(platform.ref, CSEC)}
    unlisted = context("中国-上海合作组织环境保护合作中心于2016年成立，介绍了上合组织环保信息共享平台建设。")
    other = observe(unlisted, Ref("initiative", "zh:平台"), "Platform", "上合组织环保信息共享平台")
    assert facts(link(unlisted, known(unlisted) + [other]), "sco:carriedOutBy") == set()


def test_what_the_issuing_body_says_it_did_itself() -> None:
    issuer = "某国—上海合作组织节水合作中心"
    centre = span_obs(Ref("body", "zh:节水合作中心"), "Centre", issuer, issuer)
    quote = "- We launched the construction of the SCO Water Saving Platform in 2023."
    platform = span_obs(Ref("initiative", "zh:节水平台"), "Platform", "SCO Water Saving Platform", quote, "en", start=50)
    pledge = span_obs(Ref("initiative", "zh:节水基地"), "Base", "SCO Water Saving Base", "We will build the SCO Water Saving Base.", "en", start=150)
    zh = span_obs(Ref("initiative", "zh:节水平台"), "Platform", "上合组织节水平台", "2023年启动上合组织节水平台建设，2024年完成一期。", start=250)
    link_own_deeds(source(issuer_zh=issuer), [centre, platform, pledge, zh], default_name_index())
    assert facts([platform, pledge, zh], "sco:carriedOutBy") == {(platform.ref, centre.ref)}
    assert [f.evidence.lang for f in zh.facts if f.predicate == "sco:carriedOutBy"] == ["zh"]
    stranger = span_obs(Ref("initiative", "zh:节水平台"), "Platform", "SCO Water Saving Platform", quote, "en", start=50)
    link_own_deeds(source(issuer_zh="某国环境部"), [centre, stranger], default_name_index())
    assert facts([stranger], "sco:carriedOutBy") == set()  # the issuer is named nowhere


# --------------------------------------------------------------------------- meetings and bodies


def test_a_meeting_named_on_an_initiative_is_held_within_it() -> None:
    ctx = context("团长们注意到第三届“山地生态保护”国际行动十年高级别国际会议(2027年6月,杜尚别)的成果。")
    decade = observe(ctx, Ref("initiative", "zh:山地十年"), "Initiative", "“山地生态保护”国际行动十年")
    meeting = observe(ctx, Ref("meeting", "zh:山地会议#3"), "Conference", "第三届“山地生态保护”国际行动十年高级别国际会议")
    assert facts(link(ctx, known(ctx) + [decade, meeting]), "sco:heldWithin") == {(meeting.ref, decade.ref)}
    celebration = context("某国举行首个“国际节水日”庆祝活动。")
    day = observe(celebration, Ref("initiative", "zh:节水日"), "Initiative", "“国际节水日”")
    event = observe(celebration, Ref("meeting", "zh:庆祝活动"), "Meeting", "首个“国际节水日”庆祝活动")
    assert facts(link(celebration, known(celebration) + [day, event]), "sco:heldWithin") == set()


def test_a_meetings_resolution_establishing_a_day() -> None:
    ctx = context("团长们注意到某组织大会第12届会议(2027年10月3日)关于将5月8日设立为国际草原日的决议。")
    session = observe(ctx, Ref("meeting", "zh:大会#12"), "Conference", "某组织大会第12届会议")
    day = observe(ctx, Ref("initiative", "zh:国际草原日"), "Initiative", "国际草原日")
    assert facts(link(ctx, known(ctx) + [session, day]), "sco:establishedBy") == {(day.ref, session.ref)}


def test_a_body_setting_up_a_new_unit() -> None:
    ctx = context("蒙古国环境部将新设部长专家委员会。")
    ministry = observe(ctx, Ref("body", "zh:蒙古国环境部"), "GovernmentAgency", "蒙古国环境部")
    unit = observe(ctx, Ref("body", "zh:部长专家委员会"), "Council", "部长专家委员会")
    assert facts(link(ctx, known(ctx) + [ministry, unit]), "sco:partOf") == {(unit.ref, ministry.ref)}


def test_a_meeting_named_by_a_bare_body_head_is_a_meeting_of_the_body_named_before() -> None:
    first = context("团长们支持上合组织成员国节水特别工作组的工作。")
    group = observe(first, Ref("body", "zh:节水特别工作组"), "WorkingGroup", "上合组织成员国节水特别工作组")
    second = context("团长们注意到特别工作组会议成果。", start=len(first.text))
    meeting = observe(second, Ref("meeting", "zh:特别工作组会"), "Meeting", "特别工作组会议")
    found = link(first, known(first) + [group]) + link(second, known(second) + [meeting])
    assert facts(found, "sco:meetingOf") == {(meeting.ref, antecedent_ref("body", "特别工作组"))}
    resolve_antecedents(found)
    assert facts(found, "sco:meetingOf") == {(meeting.ref, group.ref)}


def test_a_minister_chairing_a_meeting_named_after_the_verb() -> None:
    ctx = context("3月5日，蒙古国环境部部长巴特主持召开部务会议，讨论年度计划。")
    ministry = observe(ctx, Ref("body", "zh:蒙古国环境部"), "GovernmentAgency", "蒙古国环境部")
    minister = observe(ctx, Ref("person", "zh:巴特"), "Person", "巴特")
    minister.add("schema:jobTitle", "部长", ctx.evidence(), "zh")
    minister.add("sco:represents", ministry.ref, ctx.evidence())
    meeting = observe(ctx, Ref("meeting", "zh:部务会"), "Meeting", "部务会议")
    found = link(ctx, known(ctx) + [ministry, minister, meeting])
    assert facts(found, "sco:chair") == {(meeting.ref, minister.ref)}


def test_a_state_qualifying_an_unnamed_unit_does_not_host() -> None:
    ctx = context("会议由上合组织轮值主席国印度的某某委员会主办，各国专家出席会议。")
    assert facts(link(ctx, known(ctx)), "sco:host") == set()
    named = context("会议由上合组织轮值主席国印度主办，各国专家出席会议。")
    assert facts(link(named, known(named)), "sco:host") == {(antecedent_ref("meeting", "会议"), Ref("state", "IND"))}


def test_a_clause_going_on_with_the_previous_subject_hosts() -> None:
    ctx = context("萨米表示，伊朗愿与邻国加强合作，并计划于2027年在德黑兰举办第三届防治荒漠化国际会议。")
    meeting = observe(ctx, Ref("meeting", "zh:荒漠化会议#3"), "Conference", "第三届防治荒漠化国际会议")
    found = link(ctx, known(ctx) + [meeting])
    assert facts(found, "sco:host") == {(meeting.ref, Ref("state", "IRN"))}
    alone = context("萨米表示，合作十分重要，并计划于2027年在德黑兰举办第三届防治荒漠化国际会议。")
    other = observe(alone, Ref("meeting", "zh:荒漠化会议#3"), "Conference", "第三届防治荒漠化国际会议")
    assert facts(link(alone, known(alone) + [other]), "sco:host") == set()


# --------------------------------------------------------------------------- the whole source


def entity(ref: Ref, sco_class: str, name: str, *facts_: tuple[str, object], source_id: str = "doc") -> Entity:
    found = Entity(ref, sco_class, labels={"zh": name})
    evidence = Evidence(source_id, 0, len(name), name, "zh")
    found.spans.append(Span(0, len(name), name, evidence))
    found.facts = [Fact(p, v, evidence) for p, v in facts_]
    return found


def test_a_sub_forum_named_after_a_forum_is_part_of_it() -> None:
    forum = entity(Ref("meeting", "zh:节水论坛#2"), "Forum", "上合组织国家节水论坛", ("schema:startDate", DateValue(2026, 5, 12)))
    earlier = entity(Ref("meeting", "zh:节水论坛#1"), "Forum", "上合组织国家节水论坛", ("schema:startDate", DateValue(2025, 5, 10)))
    sub = entity(Ref("meeting", "zh:分论坛"), "Forum", "上合组织国家节水论坛技术创新分论坛", ("schema:startDate", DateValue(2026, 5)))
    undated = entity(Ref("meeting", "zh:节水论坛@?"), "Forum", "上合组织国家节水论坛")
    link_corpus({e.ref: e for e in (forum, earlier, undated, sub)})
    assert sub.values("schema:superEvent") == [forum.ref]
    alone = entity(Ref("meeting", "zh:研讨会"), "Seminar", "上合组织国家节水论坛技术研讨会")
    link_corpus({e.ref: e for e in (forum, alone)})
    assert alone.values("schema:superEvent") == []


def test_an_implementing_plan_named_after_an_initiative_implements_it() -> None:
    programme = entity(Ref("initiative", "zh:节水使者计划"), "CooperationProgramme", "绿色节水使者计划")
    plan = entity(Ref("document", "zh:节水使者计划实施方案"), "Plan", "绿色节水使者计划实施方案")
    elsewhere = entity(Ref("document", "zh:另一方案"), "Plan", "蓝色海洋使者计划实施方案")
    link_corpus({e.ref: e for e in (programme, plan, elsewhere)})
    assert plan.values("sco:implements") == [programme.ref]
    assert elsewhere.values("sco:implements") == []
