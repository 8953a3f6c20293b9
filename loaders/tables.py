"""Tables laid out column by column (header, then one line per cell), as PDF text extraction leaves them.

A category cell that spans several rows appears once in its column, so the column alone cannot
say which rows it covers. The text around such a table states the counts ("政策沟通类 6 个，设施
联通类 4 个…"); in column order, each category then covers as many consecutive rows as the text
gives it, and the counts must add up to the number of rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import load_gazetteer
from .initiatives import initiative_ref
from .layout import MIN_TABLE_ROWS
from .lexicon import Lexicon
from .model import Evidence, Observation, Ref, Span
from .names import default_name_index
from .normalize import name_key
from .ordinals import chinese_numeral_to_int

_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_WHITESPACE = re.compile(r"\s+")
# "<category>类 6 个", "<category>类项目六项", "<category> 6 项": what follows the category's name
_COUNT_AFTER_NAME = r"类?(?:项目)?([0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?:个|项)"
# "…转移中心（深圳）": a row's name may end with the place the project is set in, in parentheses
_TRAILING_PARENTHESIS = re.compile(r"[（(]([^（()）]{1,12})[）)]\s*$")


@dataclass(frozen=True)
class Cell:
    line: int
    start: int
    text: str

    def evidence(self, source_id: str) -> Evidence:
        return Evidence(source_id, self.start, self.start + len(self.text), self.text, "zh")

    def span(self, source_id: str) -> Span:
        return Span(self.start, self.start + len(self.text), self.text, self.evidence(source_id))


@dataclass(frozen=True)
class ProjectTable:
    """A numbered list of named rows, with the category cell of each row where the text gives the counts."""

    line_range: range
    rows: tuple[tuple[int, Cell, Cell | None], ...]  # (row number, name cell, category cell)

    def observations(self, source_id: str, lexicon: Lexicon) -> list[Observation]:
        """One initiative per row, with its number and category, and the states its name names;
        one category per category cell."""
        result: list[Observation] = []
        categories: dict[Cell, Ref] = {}
        for number, cell, category_cell in self.rows:
            name = cell.text
            evidence = cell.evidence(source_id)
            obs = Observation(initiative_ref(name, "zh"), lexicon.initiative_class(name, "zh") or "Project")
            obs.names.append((name, "zh"))
            obs.spans.append(cell.span(source_id))
            obs.add("sco:projectNumber", number, evidence)
            place = trailing_place(name) or named_place(name)
            if place is not None:
                obs.add("sco:place", Ref("place", place), evidence)
            if category_cell is not None:
                if category_cell not in categories:
                    categories[category_cell] = _category_ref(category_cell)
                    result.append(_category_observation(category_cell, source_id))
                obs.add("sco:category", categories[category_cell], evidence)
            result.append(obs)
            result.extend(_states_named(cell, source_id))
        return result


def _states_named(cell: Cell, source_id: str) -> list[Observation]:
    """The states a row's name names ("中国—柬埔寨环保合作基地"), nested in it."""
    result = []
    for match in default_name_index().find(cell.text, "zh"):
        if match.kind == "state":
            obs = Observation(Ref("state", match.key), "State", names=[(match.text, "zh")], nested=True)
            obs.spans.append(Span(cell.start + match.start, cell.start + match.end, match.text, cell.evidence(source_id)))
            result.append(obs)
    return result


def trailing_place(name: str) -> str | None:
    """The gazetteer key of a place a row's name ends with in parentheses ("…中心（深圳）" → Shenzhen)."""
    match = _TRAILING_PARENTHESIS.search(name)
    if match is None:
        return None
    place = load_gazetteer().place_by_name(match.group(1).strip())
    return place.en if place is not None else None


def named_place(name: str) -> str | None:
    """The gazetteer key of the one place a row's name names ("<city>工业园区清洁生产示范"), a
    project set there; None when it names none or several."""
    places = {m.key for m in default_name_index().find(name, "zh") if m.kind == "place"}
    return next(iter(places)) if len(places) == 1 else None


def _category_ref(cell: Cell) -> Ref:
    return Ref("category", name_key(cell.text, "zh"))


def _category_observation(cell: Cell, source_id: str) -> Observation:
    obs = Observation(_category_ref(cell), "Category")
    obs.names.append((cell.text, "zh"))
    obs.spans.append(cell.span(source_id))
    return obs


def _cells(text: str) -> list[Cell]:
    cells, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            cells.append(Cell(number, offset + line.index(stripped), stripped))
        offset += len(line) + 1
    return cells


def _number_column(cells: list[Cell]) -> list[int]:
    """Indexes of the first run of cells numbered 1, 2, 3… at least MIN_TABLE_ROWS long."""
    numbers: list[int] = []
    for index, cell in enumerate(cells):
        match = _NUMBER.match(cell.text)
        if match and int(match.group(1)) == len(numbers) + 1:
            numbers.append(index)
        elif numbers and len(numbers) < MIN_TABLE_ROWS:
            numbers = []
        elif numbers:
            break
    return numbers if len(numbers) >= MIN_TABLE_ROWS else []


def find_table(text: str) -> ProjectTable | None:
    """Find the numbered column 1..N, the N name cells after it and a category column beside it.

    The category column is looked for just before the number column, else between the number
    column and the name column; in both places its own header cell and the next column's header
    cell stand around it.
    """
    cells = _cells(text)
    numbers = _number_column(cells)
    if not numbers:
        return None
    count = len(numbers)
    before = cells[: numbers[0]]
    after = cells[numbers[-1] + 1 :]
    names = after[-count:] if len(after) >= count else after
    compact = _WHITESPACE.sub("", text)
    category_cells = _category_column(compact, before, count) or _category_column(compact, after[: len(after) - len(names)], count)
    rows = tuple(
        (i + 1, cell, category_cells[i] if category_cells else None) for i, cell in enumerate(names)
    )
    first_line = _table_start(before, category_cells)
    return ProjectTable(range(first_line, cells[-1].line + 1), rows)


def _stated_count(compact: str, category: str) -> int | None:
    """The number of rows the text (whitespace removed) gives `category`, as in "政策沟通类 6 个"."""
    match = re.search(re.escape(_WHITESPACE.sub("", category)) + _COUNT_AFTER_NAME, compact)
    if match is None:
        return None
    digits = match.group(1)
    return int(digits) if digits.isdigit() else chinese_numeral_to_int(digits)


def _category_column(compact: str, cells: list[Cell], count: int) -> list[Cell] | None:
    """The category cell of each of `count` rows, from the last run of cells in `cells` with stated counts.

    The run may be followed by one header cell (of the next column); its counts must add up to
    `count`, each category covering that many consecutive rows in column order.
    """
    run: list[tuple[Cell, int]] = []
    for position, cell in enumerate(reversed(cells)):
        stated = _stated_count(compact, cell.text)
        if stated is not None:
            run.append((cell, stated))
        elif run or position > 0:
            break
    if not run or sum(n for _, n in run) != count:
        return None
    return [cell for cell, n in reversed(run) for _ in range(n)]


def _table_start(before: list[Cell], category_cells: list[Cell] | None) -> int:
    """The first line of the table: the header line above the category column, or the number column's header."""
    if not before:
        return 0
    if category_cells and category_cells[0] in before:
        first = before.index(category_cells[0])
        return before[max(0, first - 1)].line
    return before[-1].line
