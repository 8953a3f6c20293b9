"""Names that stop where names stop: no fragments of sentences as initiatives or documents, and
the kinds their heads, quotes and tables give them.

Corpus assertions quote the sentence they rest on; sentences of our own use other names, to show
that each rule is general.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.loaders.context import SentenceContext
from scokg.loaders.initiatives import find_initiatives, initiative_ref
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Observation
from scokg.loaders.names import default_name_index
from scokg.loaders.phrases import zh_name_start
from scokg.loaders.pipeline import load_corpus
from scokg.loaders.segments import Segment
from scokg.loaders.titles import find_documents

CORPUS = Path(__file__).parents[2] / "corpus"


@pytest.fixture(scope="module")
def entities():
    return load_corpus(CORPUS, "https://w3id.org/sco-kg/").entities


def _context(text: str, lang: str = "zh") -> SentenceContext:
    sentence = Segment(text, tuple(range(len(text))), lang)
    return SentenceContext("ours", sentence, True, default_name_index().find(text, lang))


def _initiatives(text: str, lang: str = "zh") -> list[tuple[str, str]]:
    return [(o.names[0][0], o.sco_class) for o in find_initiatives(_context(text, lang), load_lexicon())]


def _documents(text: str, lang: str = "zh") -> list[Observation]:
    return find_documents(_context(text, lang), load_lexicon())


def _labels(entities, kind: str) -> set[str]:
    return {label for e in entities.values() if e.ref.kind == kind for label in e.labels.values()}


# --- where a Chinese name starts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "conjunctions", "name"),
    [
        ("推动设立专门的资源开发和环境保护基金", False, "资源开发和环境保护基金"),
        ("推动设立专门的资源开发和环境保护基金", True, "环境保护基金"),
        ("推动将生态环保合作作为南南合作基金", False, "南南合作基金"),
        ("“绿色城市”项目由全球环境基金", False, "全球环境基金"),
        ("“由此及彼”基金", True, "“由此及彼”基金"),  # words inside quotes are part of the name
    ],
)
def test_a_name_starts_after_the_last_particle_verb_or_conjunction(text: str, conjunctions: bool, name: str) -> None:
    assert text[zh_name_start(text, 0, len(text), conjunctions) :] == name


# --- initiatives -----------------------------------------------------------------------------------


def test_no_fragment_of_the_corpus_is_an_initiative(entities) -> None:
    # br-plan: "推动设立专门的资源开发和环境保护基金"; "推动将生态环保合作作为南南合作基金等资金机制支持的重要内容";
    # bulletin: "“绿色城市”项目由全球环境基金资助"; "国家“生态”项目也已成为…"; hog-24:
    # "支持上合组织实业家委员会作为成员国实业界对话平台"
    labels = _labels(entities, "initiative")
    for fragment in ("的资源开发和环境保护基金", "环保合作作为南南合作基金", "项目由全球环境基金", "生态", "绿色城市"):
        assert fragment not in labels
    assert not any("作为" in label for label in labels)
    assert {"南南合作基金", "国家“生态”项目", "“绿色城市”项目"} <= labels
    assert not [e for e in entities.values() if e.ref.kind == "initiative" and "全球环境基金" in e.labels.values()]


def test_fund_names_need_a_proper_name_or_to_stand_as_an_instance() -> None:
    assert _initiatives("推动设立专门的水资源保护和荒漠化防治基金。") == []
    assert _initiatives("推动将水资源合作作为北北合作基金等资金机制支持的重要内容。") == [("北北合作基金", "Fund")]
    assert _initiatives("以塔什干水资源基金启动为契机。") == [("塔什干水资源基金", "Fund")]


def test_a_quoted_name_with_its_head_and_a_national_prefix_is_the_name() -> None:
    found = find_initiatives(_context("国家“清洁河流”项目由多方资助,“蓝色城市”计划也已启动。"), load_lexicon())
    assert [(o.names, o.sco_class) for o in found] == [
        ([("国家“清洁河流”项目", "zh"), ("清洁河流", "zh")], "Project"),
        ([("“蓝色城市”计划", "zh"), ("蓝色城市", "zh")], "CooperationProgramme"),
    ]
    assert found[0].ref == initiative_ref("清洁河流", "zh")


def test_a_named_platform_does_not_reach_over_a_verb() -> None:
    assert _initiatives("支持上合组织青年理事会作为成员国青年对话平台。") == []
    assert _initiatives("各方欢迎建立上合组织水信息共享平台。") == [("上合组织水信息共享平台", "Platform")]
    # "A和B等": the name is the last item of the list
    assert _initiatives("统筹利用中国—上海合作组织环境保护合作中心年度经费和北北合作援助基金等资金渠道。") == [
        ("北北合作援助基金", "Fund")
    ]


def test_a_political_initiative_is_an_initiative_and_a_slogan_before_倡议_is_a_text() -> None:
    assert _initiatives("各方支持“大丝路伙伴关系”倡议。") == [("“大丝路伙伴关系”倡议", "Initiative")]
    text = "部长在论坛上发布“共建水资源伙伴关系,共促可持续发展”倡议。"
    assert _initiatives(text) == []
    [document] = _documents(text)
    assert document.sco_class == "InitiativeText"
    assert document.names == [("“共建水资源伙伴关系,共促可持续发展”倡议", "zh")]


def test_an_english_initiative_named_by_its_head_and_a_title_case_phrase() -> None:
    [document] = _documents("The minister announced the initiative to Co-Build Clean Water Partnerships for Greater Resilience.", "en")
    assert document.names == [("initiative to Co-Build Clean Water Partnerships for Greater Resilience", "en")]
    assert document.sco_class == "InitiativeText"


def test_a_quoted_short_name_inside_a_title_is_no_initiative() -> None:
    assert _initiatives("各方通过了《上合组织“蓝色之带”纲要》。") == []


def test_kinds_of_initiatives_in_the_corpus(entities) -> None:
    # br-plan key-project table: "17 澜沧江—湄公河环境合作平台", "18 中国—柬埔寨环保合作基地": rows of a
    # project table are projects; "（以下简称“一带一路”）倡议", hog-24 "“大欧亚伙伴关系”倡议": political
    # initiatives, of no narrower kind
    def class_of(label: str) -> str:
        return next(e.sco_class for e in entities.values() if e.ref.kind == "initiative" and label in e.labels.values())

    assert class_of("澜沧江—湄公河环境合作平台") == "Project"
    assert class_of("中国—柬埔寨环保合作基地") == "Project"
    assert class_of("“大欧亚伙伴关系”倡议") == "Initiative"
    # "“一带一路”生态环保大数据服务平台建设" (table) and "…大数据服务平台" (text) are one project
    platform = [e for e in entities.values() if e.ref.kind == "initiative" and "大数据服务平台" in e.labels.get("zh", "")]
    assert len(platform) == 1 and platform[0].sco_class == "Project"


# --- documents --------------------------------------------------------------------------------------


def test_a_chapter_or_unit_title_is_no_document(entities) -> None:
    # bulletin: "—《主要经济行为对环境的影响及缓解措施》章节中增加了新单元《生产和消费废物》"
    assert "主要经济行为对环境的影响及缓解措施" not in _labels(entities, "document")
    assert _documents("报告《水与气候》章节中增加了新单元《水资源利用计划》。") == []


def test_quoted_and_year_marked_titles_outside_brackets() -> None:
    found = _documents("推动落实“塔什干全球水资源框架”,加速落实2040年水资源可持续利用议程。")
    assert [(o.names[0][0], o.sco_class) for o in found] == [
        ("塔什干全球水资源框架", "Framework"),
        ("2040年水资源可持续利用议程", "Document"),
    ]
    [plan] = _documents("政府批准了2031-2033年奥什市、贾拉拉巴德州的水环境改善计划,并由总理签署。")
    assert plan.names == [("2031-2033年奥什市、贾拉拉巴德州的水环境改善计划", "zh")]
    assert _documents("2031年7月4日理事会以决议形式批准了报告。") == []
    assert _documents("塔方介绍了2030-2031年担任主席国期间的优先事项和计划开展的活动。") == []


def test_a_quoted_undertaking_is_no_document() -> None:
    assert _documents("各方支持“全球雪豹保护计划”。") == []


def test_a_heading_line_that_is_a_title_names_the_document() -> None:
    [title] = _documents("上海合作组织成员国外长理事会第九次会议联合公报(2031-06-04)")
    assert title.names == [("上海合作组织成员国外长理事会第九次会议联合公报", "zh")] and title.sco_class == "Communique"
    assert _documents("三、重点任务") == []


def test_an_implementation_roadmap_names_the_plan_it_implements() -> None:
    found = _documents("各方强调落实《上合组织成员国水资源领域合作发展规划实施路线图》。")
    assert [o.names[0][0] for o in found] == ["上合组织成员国水资源领域合作发展规划实施路线图", "上合组织成员国水资源领域合作发展规划"]
    assert ("sco:implements", found[1].ref) in [(f.predicate, f.value) for f in found[0].facts]



def test_a_report_on_implementing_a_document_does_not_implement_it() -> None:
    found = _documents("各方注意到《秘书处关于落实〈上合组织交通领域合作纲要〉情况的报告》。")
    report, outline = found
    assert report.sco_class == "Report" and outline.names[0][0] == "上合组织交通领域合作纲要"
    assert "sco:implements" not in [f.predicate for f in report.facts]

def test_documents_of_the_corpus_outside_brackets(entities) -> None:
    # green-development: "推动落实“昆明—蒙特利尔全球生物多样性框架”"; "加速落实2030年可持续发展议程";
    # hog-24: "…联合国大会通过“人工智能为中亚地区可持续发展创造新机遇方面的作用”的决议"; "以及上合组织2026年预算"
    labels = _labels(entities, "document")
    assert {"昆明—蒙特利尔全球生物多样性框架", "2030年可持续发展议程", "人工智能为中亚地区可持续发展创造新机遇方面的作用", "上合组织2026年预算"} <= labels
    health = next(e for e in entities.values() if e.ref.kind == "document" and e.labels.get("zh") == "上合组织成员国卫生领域合作主要措施计划(2025-2027年)")
    assert health.sco_class == "Plan"
