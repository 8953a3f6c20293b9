"""Read one source document into observations: layout → passages → sentences → extractors."""
from __future__ import annotations

import re
from typing import Callable

from .alignment import AlignedPair, align
from .context import SentenceContext
from .corpus import SourceText
from .layout import Layout, detect_layout
from .lexicon import Lexicon
from .linking import link_sentence
from .model import Observation, Ref
from .names import NameIndex
from .segments import Segment, paragraphs, sentences
from .tables import find_table
from .temporal import DateMention, find_dates
from .translation import match_translations

Extractor = Callable[[SentenceContext, Lexicon], list[Observation]]
_DATE_ONLY_REST = re.compile(r"^[\s,，.。:：\-—–]*$")


def document_layout(source: SourceText) -> Layout:
    """The sidecar's layout if it gives one, else the detected layout."""
    return source.meta.layout or detect_layout(source.text)


def read_source_text(
    source: SourceText, names: NameIndex, lexicon: Lexicon, extractors: list[Extractor]
) -> list[Observation]:
    """All observations one document makes, translations matched to their primary-language originals."""
    layout = document_layout(source)
    table = find_table(source.text) if layout is Layout.ZH_ONLY_TABLE else None
    paras = paragraphs(source.text, layout, skip_lines=table.line_range if table else None)
    passages = align(paras) if layout.bilingual else [AlignedPair(p, None) for p in paras]
    primary_lang = source.meta.primary_language
    heading_dates: dict[str, list[DateMention]] = {"zh": [], "en": []}
    current_meeting: list[Ref] = []
    observations: list[Observation] = []
    for pair in passages:
        sides: dict[str, list[Observation]] = {}
        for segment in (pair.zh, pair.en):
            if segment is None:
                continue
            primary = segment.lang == primary_lang or (pair.zh is None or pair.en is None)
            found = _read_paragraph(source.id, segment, primary, names, lexicon, extractors, heading_dates, current_meeting)
            sides[segment.lang] = found
            heading_dates[segment.lang] = _date_heading(segment)
        if "zh" in sides and "en" in sides:
            primary_side, secondary_side = (sides["zh"], sides["en"]) if primary_lang == "zh" else (sides["en"], sides["zh"])
            match_translations(primary_side, secondary_side)
        for found in sides.values():
            observations.extend(found)
    if table:
        observations.extend(table.observations(source.id, lexicon))
    return observations


def _read_paragraph(
    source_id: str,
    segment: Segment,
    primary: bool,
    names: NameIndex,
    lexicon: Lexicon,
    extractors: list[Extractor],
    heading_dates: dict[str, list[DateMention]],
    current_meeting: list[Ref],
) -> list[Observation]:
    found: list[Observation] = []
    for sentence in sentences(segment):
        ctx = SentenceContext(
            source_id,
            sentence,
            primary,
            names.find(sentence.text, sentence.lang),
            heading_dates=heading_dates[segment.lang],
            current_meeting=current_meeting[0] if current_meeting else None,
        )
        in_sentence: list[Observation] = []
        for extract in extractors:
            in_sentence.extend(extract(ctx, lexicon))
        link_sentence(ctx, in_sentence, lexicon)
        if not current_meeting and primary:
            current_meeting.extend(o.ref for o in in_sentence if o.ref.kind == "meeting")
        found.extend(in_sentence)
    return found


def _date_heading(segment: Segment) -> list[DateMention]:
    """The dates of a paragraph that holds nothing but dates (a timeline heading)."""
    dates = find_dates(segment.text)
    if not dates:
        return []
    rest = segment.text
    for date in reversed(dates):
        rest = rest[: date.start] + rest[date.end :]
    return dates if _DATE_ONLY_REST.match(rest) else []
