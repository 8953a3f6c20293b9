"""Rules added in round 3 of issue 4: a short name in a body's task list ("…数据交换平台建设")
stands for the one facility the document names in full, and a quoted short name before a
framework word ("在“蓝色之链”框架内") for the one document or initiative of the corpus titled by
it. Sentences and documents are made up for the tests; observations are built by hand as the
extractors would build them."""
from __future__ import annotations

from pathlib import Path

from scokg.loaders.context import SentenceContext
from scokg.loaders.corpus_links import link_corpus, short_name_target
from scokg.loaders.discourse import SHORT_NAME, abbreviates, resolve_short_names, short_name_ref
from scokg.loaders.implementation import FRAMEWORK_NAME
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Evidence, Observation, Ref, Span
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.resolve import Entity
from scokg.loaders.segments import Segment

CARRIED_OUT = "sco:carriedOutBy"
CENTRE = Ref("body", "zh:水资源合作中心")
PLATFORM = Ref("initiative", "zh:水资源数据交换平台")


def context(text: str, lang: str = "zh") -> SentenceContext:
    return SentenceContext("doc", Segment(text, tuple(range(len(text))), lang), True, default_name_index().find(text, lang))


def observe(ctx: SentenceContext, ref: Ref, sco_class: str, surface: str) -> Observation:
    index = ctx.text.index(surface)
    return ctx.observe(ref, sco_class, index, index + len(surface))


# --------------------------------------------------------------------------- task lists


TASKS = "水资源合作中心于2019年成立，负责区域水资源合作事务，包括政策对话、水资源数据共享平台建设和人员培训等。"


def test_a_facility_item_of_a_task_list_is_a_short_name_carried_out_by_the_opening_body() -> None:
    ctx = context(TASKS)
    found = [observe(ctx, CENTRE, "Centre", "水资源合作中心")]
    link_sentence(ctx, found, load_lexicon())
    short = [o for o in found if o.ref.kind == SHORT_NAME]
    assert [o.ref for o in short] == [short_name_ref("initiative", "水资源数据共享平台")]
    assert short[0].spans[0].text == "水资源数据共享平台"
    assert [(f.predicate, f.value) for f in short[0].facts] == [(CARRIED_OUT, CENTRE)]


def test_no_short_name_for_items_of_no_facility_or_read_already_or_without_an_opening_body() -> None:
    text = "水资源合作中心于2019年成立，负责区域水资源合作事务，包括政策对话建设、上合组织水资源数据交换平台建设等。"
    ctx = context(text)
    platform = observe(ctx, PLATFORM, "Platform", "上合组织水资源数据交换平台")
    found = [observe(ctx, CENTRE, "Centre", "水资源合作中心"), platform]
    link_sentence(ctx, found, load_lexicon())
    assert not [o for o in found if o.ref.kind == SHORT_NAME]
    assert (CARRIED_OUT, CENTRE) in {(f.predicate, f.value) for f in platform.facts}  # the rule already there
    ctx = context("据介绍，负责区域水资源合作事务，包括水资源数据共享平台建设等。")
    found = []
    link_sentence(ctx, found, load_lexicon())
    assert found == []


def test_a_short_name_abbreviates_a_full_name_ending_alike_with_its_characters_in_order() -> None:
    assert abbreviates("环境数据交换平台", "上合组织环保数据交换平台")  # 环保 written out as 环境保护
    assert abbreviates("数据交换平台", "上合组织环保数据交换平台")
    assert not abbreviates("环境数据共享平台", "上合组织环保数据交换平台")  # another ending
    assert not abbreviates("交换平台", "上合组织环保数据交换平台")  # too short to be a name
    assert not abbreviates("换数据交换平台", "上合组织环保数据交换平台")  # not in order
    assert not abbreviates("上合组织环保数据交换平台", "上合组织环保数据交换平台")  # not shorter


def _short(ctx: SentenceContext, surface: str) -> Observation:
    obs = observe(ctx, short_name_ref("initiative", surface), "Initiative", surface)
    obs.add(CARRIED_OUT, CENTRE, ctx.evidence())
    return obs


def test_a_short_name_takes_the_reference_of_the_one_facility_it_abbreviates() -> None:
    ctx = context(TASKS)
    short = _short(ctx, "水资源数据共享平台")
    full = context("欢迎访问上合组织水资源数据共享平台网站。")
    platform = observe(full, Ref("initiative", "zh:水资源数据共享平台"), "Platform", "上合组织水资源数据共享平台")
    observations = [short, platform]
    resolve_short_names(observations)
    assert observations == [short, platform]
    assert short.ref == platform.ref
    assert short.facts[0].value == CENTRE


def test_a_short_name_fitting_no_facility_or_two_is_dropped() -> None:
    ctx = context(TASKS)
    other = context("上合组织水资源数据共享平台和中国水资源数据共享平台同时上线。")
    first = observe(other, Ref("initiative", "a"), "Platform", "上合组织水资源数据共享平台")
    second = observe(other, Ref("initiative", "b"), "Platform", "中国水资源数据共享平台")
    observations = [_short(ctx, "水资源数据共享平台"), first, second]
    resolve_short_names(observations)
    assert observations == [first, second]
    observations = [_short(ctx, "水资源数据共享平台")]
    resolve_short_names(observations)
    assert observations == []


# --------------------------------------------------------------------------- framework names


def test_a_quoted_name_read_as_nothing_before_a_framework_word_is_a_framework_short_name() -> None:
    ctx = context("部长表示，愿在“蓝色之链”框架内加强湿地保护合作，并推进“清洁水源”计划。")
    found: list[Observation] = []
    link_sentence(ctx, found, load_lexicon())
    assert [(o.ref, o.spans[0].text) for o in found] == [(Ref(FRAMEWORK_NAME, "zh:蓝色之链"), "蓝色之链")]
    ctx = context('Both sides will work within the framework of the "Blue Chain" on wetlands.', "en")
    found = []
    link_sentence(ctx, found, load_lexicon())
    assert [o.ref for o in found] == [Ref(FRAMEWORK_NAME, "en:Blue Chain")]


def test_a_quoted_name_read_already_is_no_framework_short_name() -> None:
    ctx = context("双方在“上合组织湿地年”框架内举办了系列活动。")
    year = observe(ctx, Ref("initiative", "zh:湿地年"), "ThemedYear", "上合组织湿地年")
    found = [year]
    link_sentence(ctx, found, load_lexicon())
    assert [o.ref.kind for o in found] == ["initiative"]


def _entity(ref: Ref, sco_class: str, zh: str, *aliases: str) -> Entity:
    entity = Entity(ref, sco_class, labels={"zh": zh}, alt_labels=[(a, "zh") for a in aliases])
    entity.spans.append(_span("other", zh))
    return entity


def _span(source: str, text: str) -> Span:
    quote = f"各方支持“{text}”框架内的合作。" if "“" not in text else f"各方支持《{text}》。"
    start = quote.index(text)
    return Span(start, start + len(text), text, Evidence(source, 0, len(quote), quote, "zh"))


def _stand_in(short: str) -> Entity:
    entity = Entity(Ref(FRAMEWORK_NAME, f"zh:{short}"), "Document", labels={"zh": short})
    entity.spans.append(_span("bulletin", short))
    return entity


def test_the_framework_short_name_moves_to_the_one_title_quoting_it_and_becomes_an_alias() -> None:
    programme = _entity(Ref("document", "zh:蓝色之链纲要"), "Programme", "上海合作组织“蓝色之链”纲要", "上合组织“蓝色之链”纲要")
    plan = _entity(Ref("document", "zh:落实蓝色之链纲要行动计划"), "Plan", "落实<上合组织“蓝色之链”纲要>行动计划")
    stand_in = _stand_in("蓝色之链")
    entities = {e.ref: e for e in (programme, plan, stand_in)}
    link_corpus(entities)
    assert stand_in.ref not in entities
    assert [s.text for s in programme.spans if s.evidence.source_id == "bulletin"] == ["蓝色之链"]
    assert ("蓝色之链", "zh") in programme.alt_labels
    assert programme.name_sources[("蓝色之链", "zh")] == {"bulletin"}
    assert "bulletin" in programme.sources and "bulletin" not in plan.sources


def test_a_framework_short_name_fitting_several_things_or_none_is_dropped() -> None:
    programme = _entity(Ref("document", "zh:蓝色之链纲要"), "Programme", "上海合作组织“蓝色之链”纲要")
    initiative = _entity(Ref("initiative", "zh:蓝色之链"), "Initiative", "“蓝色之链”倡议", "蓝色之链")
    stand_ins = [_stand_in("蓝色之链"), _stand_in("红色之链")]
    entities = {e.ref: e for e in (programme, initiative, *stand_ins)}
    link_corpus(entities)
    assert set(entities) == {programme.ref, initiative.ref}
    assert all(s.evidence.source_id == "other" for e in (programme, initiative) for s in e.spans)


def test_only_the_organisation_and_a_kind_word_may_stand_around_the_quoted_name() -> None:
    lexicon = load_lexicon()
    wider = _entity(Ref("document", "zh:蓝色之链湿地合作纲要"), "Programme", "上合组织“蓝色之链”湿地合作纲要")
    assert short_name_target("蓝色之链", "zh", [wider], lexicon) is None
    named = _entity(Ref("document", "zh:蓝色之链纲要"), "Programme", "上合组织“蓝色之链”纲要")
    assert short_name_target("蓝色之链", "zh", [wider, named], lexicon) is named


SIDECAR = """id: {id}
title:
  zh: {title}
genre: {genre}
issuer:
  zh: 上海合作组织秘书处
published: "2023-06"
languages: [zh]
primary_language: zh
layout: zh-only
"""


def test_over_the_loader_a_bulletin_mentions_the_programme_another_document_titles(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("2023年6月，各方通过了《上海合作组织“蓝色之链”纲要》，决定加强湿地保护合作。\n", encoding="utf-8")
    (tmp_path / "plan.meta.yaml").write_text(SIDECAR.format(id="plan", title="湿地合作文件", genre="plan"), encoding="utf-8")
    (tmp_path / "news.txt").write_text("蒙古国环境部部长表示，蒙方支持在“蓝色之链”框架内开展湿地修复合作。\n", encoding="utf-8")
    (tmp_path / "news.meta.yaml").write_text(SIDECAR.format(id="news", title="环保动态", genre="bulletin"), encoding="utf-8")
    load = load_corpus(tmp_path, "https://example.org/kg/")
    programmes = [e for e in load.entities.values() if e.ref.kind == "document" and "蓝色之链" in e.labels.get("zh", "")]
    assert len(programmes) == 1
    news = [s for s in programmes[0].spans if s.evidence.source_id == "news"]
    assert [s.text for s in news] == ["蓝色之链"]
    assert "在“蓝色之链”框架内" in news[0].evidence.quote
    assert not [e for e in load.entities.values() if e.ref.kind == FRAMEWORK_NAME]
