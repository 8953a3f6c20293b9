"""Layout detection: which of the known layouts a document's lines follow."""
from __future__ import annotations

import re
from enum import Enum

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_TABLE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
MIN_TABLE_ROWS = 5


class Layout(str, Enum):
    """The layouts the loaders know."""

    BILINGUAL_LINE_PAIRS = "bilingual-line-pairs"  # zh paragraph, then its en paragraph, interleaved
    ZH_BLOCK_EN_BLOCK = "zh-block-en-block"  # the whole zh text, then the whole en text
    ZH_ONLY = "zh-only"
    ZH_ONLY_TABLE = "zh-only-table"  # zh only, ending in a table laid out column by column

    @property
    def bilingual(self) -> bool:
        return self in (Layout.BILINGUAL_LINE_PAIRS, Layout.ZH_BLOCK_EN_BLOCK)


class UnknownLayoutError(ValueError):
    """The text follows none of the known layouts."""


def script_counts(text: str) -> tuple[int, int]:
    """How many Chinese characters and how many Latin letters `text` holds."""
    return len(_CJK.findall(text)), len(_LATIN.findall(text))


def line_language(line: str) -> str | None:
    """'zh', 'en' or None (no letters) for one line; a Chinese character weighs as two letters."""
    chinese, latin = script_counts(line)
    cjk = chinese * 2
    if cjk == 0 and latin < 2:
        return None
    return "zh" if cjk >= latin else "en"


def has_number_column(lines: list[str]) -> bool:
    """True when the lines hold a run of consecutive row numbers 1..N (a table column)."""
    expected = 1
    for line in lines:
        if not line.strip():
            continue
        if _TABLE_NUMBER.match(line) and int(line) == expected:
            expected += 1
            if expected > MIN_TABLE_ROWS:
                return True
        elif expected > 1:
            expected = 1
    return False


def detect_layout(text: str) -> Layout:
    """Classify a document by the languages of its lines and their order."""
    languages = [lang for lang in map(line_language, text.splitlines()) if lang]
    if not languages:
        raise UnknownLayoutError("no Chinese or English text found")
    zh_lines = languages.count("zh")
    en_lines = languages.count("en")
    if zh_lines == 0:
        raise UnknownLayoutError("English-only text is not a supported layout")
    if en_lines <= max(2, 0.05 * len(languages)):
        return Layout.ZH_ONLY_TABLE if has_number_column(text.splitlines()) else Layout.ZH_ONLY
    switches = sum(1 for a, b in zip(languages, languages[1:]) if a != b)
    return Layout.ZH_BLOCK_EN_BLOCK if switches <= 3 else Layout.BILINGUAL_LINE_PAIRS
