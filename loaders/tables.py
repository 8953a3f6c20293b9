"""Tables laid out column by column (header, then one line per cell), as PDF text extraction leaves them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import MIN_TABLE_ROWS
from .lexicon import Lexicon
from .model import Evidence, Observation, Ref, Span
from .initiatives import initiative_ref
from .normalize import name_key

_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_CATEGORY_COUNT = re.compile(r"([\u4e00-\u9fff]{2,8})类\s*(\d+)\s*个")


@dataclass(frozen=True)
class Cell:
    line: int
    start: int
    text: str


@dataclass(frozen=True)
class ProjectTable:
    """A numbered list of named rows, with the category of each row where the text gives the counts."""

    line_range: range
    rows: tuple[tuple[int, Cell, str | None], ...]  # (row number, name cell, category)

    def observations(self, source_id: str, lexicon: Lexicon) -> list[Observation]:
        """One initiative per row, with its number and category."""
        result = []
        for number, cell, category in self.rows:
            name = cell.text
            evidence = Evidence(source_id, cell.start, cell.start + len(name), name, "zh")
            obs = Observation(initiative_ref(name, "zh"), lexicon.initiative_class(name, "zh") or "Project")
            obs.names.append((name, "zh"))
            obs.spans.append(Span(cell.start, cell.start + len(name), name, evidence))
            obs.add("sco:projectNumber", number, evidence)
            if category:
                obs.add("sco:category", Ref("category", name_key(category, "zh")), evidence)
                category_obs = Observation(Ref("category", name_key(category, "zh")), "Category")
                category_obs.names.append((category, "zh"))
                result.append(category_obs)
            result.append(obs)
        return result


def _cells(text: str) -> list[Cell]:
    cells, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            cells.append(Cell(number, offset + line.index(stripped), stripped))
        offset += len(line) + 1
    return cells


def find_table(text: str) -> ProjectTable | None:
    """Find the numbered column 1..N, the N name cells after it and the category column before it."""
    cells = _cells(text)
    numbers: list[int] = []
    for index, cell in enumerate(cells):
        match = _NUMBER.match(cell.text)
        if match and int(match.group(1)) == len(numbers) + 1:
            numbers.append(index)
        elif numbers and len(numbers) < MIN_TABLE_ROWS:
            numbers = []
        elif numbers:
            break
    if len(numbers) < MIN_TABLE_ROWS:
        return None
    count = len(numbers)
    after = cells[numbers[-1] + 1 :]
    names = after[-count:] if len(after) >= count else after
    categories = _categories(text, cells[: numbers[0]], count)
    rows = tuple(
        (i + 1, cell, categories[i] if categories else None) for i, cell in enumerate(names)
    )
    first_line = _table_start(cells[: numbers[0]], categories)
    return ProjectTable(range(first_line, cells[-1].line + 1), rows)


def _categories(text: str, before: list[Cell], count: int) -> list[str] | None:
    """Row categories, when the text states "<category>类 N 个" for each and the counts add up."""
    column = {cell.text for cell in before}
    counts = []
    for match in _CATEGORY_COUNT.finditer(text):
        words = match.group(1)
        name = next((words[i:] for i in range(len(words)) if words[i:] in column), None)
        if name:
            counts.append((name, int(match.group(2))))
    if not counts or sum(n for _, n in counts) != count:
        return None
    return [name for name, n in counts for _ in range(n)]


def _table_start(before: list[Cell], categories: list[str] | None) -> int:
    """The first line of the table: its header line above the category column (or the numbers)."""
    if not before:
        return 0
    if categories:
        first = next(i for i, cell in enumerate(before) if cell.text == categories[0])
        return before[max(0, first - 1)].line
    return before[-1].line
