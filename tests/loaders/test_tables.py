"""Column-by-column tables: row numbers, names and category cells that span several rows."""
from __future__ import annotations

from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.model import Ref
from scokg.loaders.tables import find_table

NAMES = ["滨湖湿地修复示范", "山区水源涵养林建设", "城市空气质量联合监测", "工业园区废气治理试点", "农村垃圾分类示范", "电子废物回收网络", "旧电池安全处置中心"]


def _table(prose: str, columns: list[list[str]]) -> str:
    """Prose, then one cell per line (blank lines between), column after column."""
    cells = [cell for column in columns for cell in column]
    return prose + "\n\n" + "\n\n".join(cells) + "\n"


NUMBERS = ["编号", *(str(n) for n in range(1, len(NAMES) + 1))]
NAME_COLUMN = ["工程名称", *NAMES]
CATEGORY_COLUMN = ["领域", "水资源", "大气治理", "固体废物"]
# the counts break across lines as in PDF text, and one is written in Chinese numerals
PROSE = "附表列出 7 项工程，其中水资\n源类 2 个，大气\n治理类两个，固体废物类\n3 个。\n\n附表"


def _categories(text: str) -> dict[int, str | None]:
    table = find_table(text)
    assert table is not None
    return {number: category.text if category else None for number, _, category in table.rows}


def test_a_category_covers_the_number_of_rows_the_text_gives_it() -> None:
    text = _table(PROSE, [CATEGORY_COLUMN, NUMBERS, NAME_COLUMN])
    assert _categories(text) == {1: "水资源", 2: "水资源", 3: "大气治理", 4: "大气治理", 5: "固体废物", 6: "固体废物", 7: "固体废物"}


def test_the_category_column_may_stand_between_the_numbers_and_the_names() -> None:
    text = _table(PROSE, [NUMBERS, CATEGORY_COLUMN, NAME_COLUMN])
    assert _categories(text) == {1: "水资源", 2: "水资源", 3: "大气治理", 4: "大气治理", 5: "固体废物", 6: "固体废物", 7: "固体废物"}


def test_no_categories_when_the_counts_do_not_add_up_to_the_rows() -> None:
    prose = PROSE.replace("3 个", "4 个")
    text = _table(prose, [CATEGORY_COLUMN, NUMBERS, NAME_COLUMN])
    assert set(_categories(text).values()) == {None}


def test_no_categories_when_the_text_states_no_counts() -> None:
    text = _table("附表列出若干工程。", [CATEGORY_COLUMN, NUMBERS, NAME_COLUMN])
    assert set(_categories(text).values()) == {None}
    assert [cell.text for _, cell, _ in find_table(text).rows] == NAMES


def test_the_table_starts_at_the_category_header() -> None:
    text = _table(PROSE, [CATEGORY_COLUMN, NUMBERS, NAME_COLUMN])
    table = find_table(text)
    lines = text.split("\n")
    assert lines[table.line_range.start] == "领域"
    assert lines[table.line_range.stop - 1] == NAMES[-1]


def test_observations_carry_number_and_category_with_offsets() -> None:
    text = _table(PROSE, [CATEGORY_COLUMN, NUMBERS, NAME_COLUMN])
    observations = find_table(text).observations("synthetic", load_lexicon())
    categories = [o for o in observations if o.ref.kind == "category"]
    assert [o.names for o in categories] == [[("水资源", "zh")], [("大气治理", "zh")], [("固体废物", "zh")]]
    for obs in observations:
        for span in obs.spans:
            assert text[span.start : span.end] == span.text
    rows = {o.names[0][0]: o for o in observations if o.ref.kind == "initiative"}
    assert len(rows) == 7
    facts = {f.predicate: f.value for f in rows["农村垃圾分类示范"].facts}
    assert facts["sco:projectNumber"] == 5
    assert facts["sco:category"] == categories[2].ref
    assert isinstance(facts["sco:category"], Ref)
