"""Paragraphs and sentences with their character offsets in the source text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .layout import Layout, line_language

_ZH_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十百]+[章节部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|【|\d{1,2}[.、．]\D)"
)
SHORT_LINE_RATIO = 0.75
LINE_WINDOW = 3
_ZH_PARAGRAPH_END = re.compile(r"[。！？；：][”」』]?$")
# A line ending in a conjunction, a list separator or an opening bracket runs on, however short;
# so does one ending in a dotted foreign name, which the wrap may have cut ("马克萨特·朱马利|耶夫"),
# in a name's middle dot or in a hyphen joining two words ("巴特-|额尔登", "中国-|上海合作组织").
_ZH_RUNS_ON = re.compile(r"(?:[和及与、，,《“（(]|以及|并|[·•‧・][\u3400-\u9fff]*|[\u3400-\u9fff][-‐－])$")
_ZH_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”」』\"]?|$)")
_EN_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“(]?[A-Z0-9])")
_EN_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bNo|\bMr|\bMrs|\bDr|\bSt|\bJan|\bFeb|\bAug|\bSept?|\bOct|\bNov|\bDec|\betc|\bvs|\bi\.e|\be\.g)\.$")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff，。、；：“”（）《》])\s+(?=[\u3400-\u9fff，。、；：“”（）《》])")


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence: normalised text plus, per character, its offset in the source."""

    text: str
    offsets: tuple[int, ...]
    lang: str

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    @cached_property
    def positions(self) -> dict[int, int]:
        """The position in `text` of each source offset (the first, where an offset repeats)."""
        positions: dict[int, int] = {}
        for index, offset in enumerate(self.offsets):
            positions.setdefault(offset, index)
        return positions

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` to offsets in the source text."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def slice(self, start: int, end: int) -> "Segment":
        return Segment(self.text[start:end], self.offsets[start:end], self.lang)

    def stripped(self) -> "Segment":
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return self.slice(left, right) if right > left else self


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) pairs for every line of `text`."""
    result, offset = [], 0
    for line in text.split("\n"):
        result.append((offset, line))
        offset += len(line) + 1
    return result


def _segment_from_line(offset: int, line: str, lang: str) -> Segment:
    return Segment(line, tuple(range(offset, offset + len(line))), lang).stripped()


def _join(parts: list[Segment], lang: str) -> Segment:
    """Join wrapped lines; Chinese lines join without a space, and spaces between CJK characters go."""
    text_chars: list[str] = []
    offsets: list[int] = []
    for part in parts:
        if text_chars and lang == "en":
            text_chars.append(" ")
            offsets.append(part.offsets[0] - 1)
        text_chars.extend(part.text)
        offsets.extend(part.offsets)
    joined = Segment("".join(text_chars), tuple(offsets), lang)
    if lang != "zh":
        return joined
    keep = [True] * len(joined.text)
    for match in _SPACE_BETWEEN_CJK.finditer(joined.text):
        for i in range(match.start(), match.end()):
            keep[i] = False
    return Segment(
        "".join(c for c, k in zip(joined.text, keep) if k),
        tuple(o for o, k in zip(joined.offsets, keep) if k),
        lang,
    )


def paragraphs(text: str, layout: Layout, skip_lines: range | None = None) -> list[Segment]:
    """Split a document into paragraphs as its layout lays them out.

    Bilingual layouts put one paragraph per line. Chinese-only layouts wrap lines
    (sometimes with blank lines mid-sentence), so lines are joined until a
    sentence end or a heading.
    """
    lines = [
        (offset, line)
        for number, (offset, line) in enumerate(_lines(text))
        if not (skip_lines and number in skip_lines)
    ]
    if layout.bilingual:
        result = []
        for offset, line in lines:
            lang = line_language(line)
            if lang and line.strip():
                result.append(_segment_from_line(offset, line, lang))
        return result
    return _wrapped_paragraphs(lines)


def _local_line_lengths(lines: list[str]) -> list[float]:
    """Median length of the non-blank lines around each line (columns differ in width)."""
    lengths = [len(line.strip()) for line in lines]
    typical = []
    for i in range(len(lines)):
        window = sorted(n for n in lengths[max(0, i - LINE_WINDOW) : i + LINE_WINDOW + 1] if n)
        typical.append(window[len(window) // 2] if window else 0.0)
    return typical


def _wrapped_paragraphs(lines: list[tuple[int, str]]) -> list[Segment]:
    """Join hard-wrapped lines: a paragraph ends at a sentence end or a short last line (not one
    ending in a conjunction or a list separator: "…计划》和" goes on after a blank line)."""
    texts = [line for _, line in lines if line.strip()]
    typical = iter(_local_line_lengths(texts))
    result: list[Segment] = []
    current: list[Segment] = []

    def flush() -> None:
        if current:
            result.append(_join(current, "zh"))
            current.clear()

    for offset, line in lines:
        if not line.strip():
            continue
        short_line = SHORT_LINE_RATIO * next(typical)
        lang = line_language(line) or "zh"
        segment = _segment_from_line(offset, line, lang)
        starts_new = (
            lang != "zh"
            or _ZH_HEADING.match(line) is not None
            or line.startswith((" ", "\u3000"))
        )
        if starts_new:
            flush()
        if lang != "zh":
            result.append(segment)
            continue
        current.append(segment)
        if _ZH_PARAGRAPH_END.search(segment.text) or (len(segment.text) < short_line and not _ZH_RUNS_ON.search(segment.text)):
            flush()
    flush()
    return result


def sentences(paragraph: Segment) -> list[Segment]:
    """Split a paragraph into sentences (Chinese at 。！？; English at a stop before a capital)."""
    if paragraph.lang == "zh":
        spans = [(m.start(), m.end()) for m in _ZH_SENTENCE.finditer(paragraph.text) if m.end() > m.start()]
    else:
        spans, start = [], 0
        for match in _EN_SENTENCE_BREAK.finditer(paragraph.text):
            if _EN_ABBREVIATION.search(paragraph.text[start : match.start()]):
                continue
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(paragraph.text)))
    result = []
    for start, end in spans:
        piece = paragraph.slice(start, end).stripped()
        if piece.text.strip():
            result.append(piece)
    return result
