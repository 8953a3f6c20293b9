"""Layout detection, paragraph joining with offsets, and zh/en alignment."""
from __future__ import annotations

import pytest

from scokg.loaders.alignment import align
from scokg.loaders.layout import Layout, UnknownLayoutError, detect_layout
from scokg.loaders.segments import paragraphs, sentences

PAIRS = "第三次会议在杜尚别举行。\nThe 3rd meeting was held in Dushanbe.\n会议通过了《联合声明》。\nThe meeting adopted the Joint Statement.\n2023年5月\nMay 2023\n"
BLOCKS = "论坛倡导各方：\n1. 加强合作。\n2. 交流经验。\n\nThe forum calls on all parties to:\n1. Strengthen cooperation.\n2. Exchange experience.\n"
WRAPPED = "为进一步落实《推动共建丝绸\n之路的愿景与行动》，加强合作，\n发挥生态环保作用。\n一、重要意义\n中国高度重视绿色建设。\n"
TABLE = "规划涉及 6 个重点项目。\n\n序号\n\n1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n项目名称\n\n甲项目\n\n乙项目\n\n丙项目\n\n丁项目\n\n戊项目\n\n己项目\n"


@pytest.mark.parametrize(
    ("text", "layout"),
    [(PAIRS, Layout.BILINGUAL_LINE_PAIRS), (BLOCKS, Layout.ZH_BLOCK_EN_BLOCK), (WRAPPED, Layout.ZH_ONLY), (TABLE, Layout.ZH_ONLY_TABLE)],
)
def test_detect_layout(text: str, layout: Layout) -> None:
    assert detect_layout(text) is layout


def test_english_only_or_empty_text_is_an_unknown_layout() -> None:
    with pytest.raises(UnknownLayoutError):
        detect_layout("Only English here.\nAnd more English.\n")
    with pytest.raises(UnknownLayoutError):
        detect_layout("12345\n\n")


def test_wrapped_chinese_lines_join_and_keep_source_offsets() -> None:
    paras = paragraphs(WRAPPED, Layout.ZH_ONLY)
    assert [p.text for p in paras][:2] == ["为进一步落实《推动共建丝绸之路的愿景与行动》，加强合作，发挥生态环保作用。", "一、重要意义"]
    first = paras[0]
    start, end = first.source_span(first.text.index("《"), first.text.index("》") + 1)
    assert WRAPPED[start:end].replace("\n", "") == "《推动共建丝绸之路的愿景与行动》"


def test_sentences_split_without_breaking_initials() -> None:
    para = paragraphs("External Affairs Minister S. Jaishankar attended. The meeting closed.\n会上，他发言。\n", Layout.BILINGUAL_LINE_PAIRS)[0]
    assert [s.text for s in sentences(para)] == ["External Affairs Minister S. Jaishankar attended.", "The meeting closed."]


def test_alignment_pairs_translations_in_both_layouts() -> None:
    pairs = align(paragraphs(PAIRS, Layout.BILINGUAL_LINE_PAIRS))
    assert [(p.zh.text[:4], p.en.text[:7]) for p in pairs] == [("第三次会", "The 3rd"), ("会议通过", "The mee"), ("2023", "May 202")]
    blocks = align(paragraphs(BLOCKS, Layout.ZH_BLOCK_EN_BLOCK))
    assert [(p.zh.text[:2], p.en.text[:2]) for p in blocks if p.zh and p.en] == [("论坛", "Th"), ("1.", "1."), ("2.", "2.")]
