"""Read one source document into observations: layout → passages → sentences → extractors."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .alignment import AlignedPair, align
from .context import SentenceContext
from .corpus import SourceText
from .errors import CorpusProblem
from .layout import Layout, detect_layout, script_counts
from .lexicon import Lexicon
from .linking import link_sentence
from .model import Observation, Ref
from .names import NameIndex
from .segments import Segment, paragraphs, sentences
from .tables import ProjectTable, find_table
from .temporal import DateMention, DateValue, find_dates, parse_date
from .translation import match_translations

Extractor = Callable[[SentenceContext, Lexicon], list[Observation]]
_PARENTHESIS_ONLY = re.compile(r"^\s*[（(][^（）()]*[）)]\s*[。.；;]?\s*$")
_DATE_ONLY_REST = re.compile(r"^[\s,，.。:：\-—–]*$")
_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
_SENTENCE_END = {"zh": re.compile(r"[。！？；!?;][”’」』）)\"']*$"), "en": re.compile(r"[.!?;][”’)\"']*$")}
MAX_LINES_SHOWN = 10
NEWS_GENRES = frozenset({"bulletin"})


def document_layout(source: SourceText) -> Layout:
    """The sidecar's layout if it gives one, else the detected layout."""
    return source.meta.layout or detect_layout(source.text)


def read_source_text(
    source: SourceText, names: NameIndex, lexicon: Lexicon, extractors: list[Extractor]
) -> list[Observation]:
    """All observations one document makes, translations matched to their primary-language originals."""
    passages, table = _passages(source)
    primary_lang = source.meta.primary_language
    state = _ReadingState(_news_issue_date(source))
    observations: list[Observation] = []
    for pair in passages:
        sides: dict[str, list[Observation]] = {}
        for segment in (pair.zh, pair.en):
            if segment is None:
                continue
            primary = segment.lang == primary_lang or (pair.zh is None or pair.en is None)
            found = _read_paragraph(source.id, segment, primary, names, lexicon, extractors, state)
            sides[segment.lang] = found
            state.heading_dates[segment.lang] = _date_heading(segment)
        if "zh" in sides and "en" in sides:
            primary_side, secondary_side = (sides["zh"], sides["en"]) if primary_lang == "zh" else (sides["en"], sides["zh"])
            match_translations(primary_side, secondary_side)
        for found in sides.values():
            observations.extend(found)
    if table:
        rows = table.observations(source.id, lexicon)
        _read_as_projects(observations, rows)
        observations.extend(rows)
    return observations


def _read_as_projects(observations: list[Observation], rows: list[Observation]) -> None:
    """A meeting or series the text names by the name of a row of the document's project table
    ("每年举办<X>研修班" with "<X>研修班" a key project) is that project: the table says what it is."""
    projects = {text: row for row in rows if row.ref.kind == "initiative" for text, _ in row.names}
    for obs in observations:
        row = next((projects[text] for text, _ in obs.names if text in projects), None)
        if row is not None and obs.ref.kind in ("meeting", "series"):
            obs.ref, obs.sco_class, obs.facts = row.ref, row.sco_class, []


def _news_issue_date(source: SourceText) -> DateValue | None:
    """The issue date of a news bulletin, whose items report the weeks before it: a month and day
    written there without a year ("2月2日") take its year. Other genres may name days of other
    years without one, so they get none."""
    if source.meta.genre not in NEWS_GENRES or not source.meta.published:
        return None
    return parse_date(source.meta.published)


@dataclass
class _ReadingState:
    """What the sentences read so far pass on: the document's issue date, the dates of the last
    date-only heading and the observations of the last sentence (per language), and the first
    meeting the document names."""

    issued: DateValue | None
    heading_dates: dict[str, list[DateMention]] = field(default_factory=lambda: {"zh": [], "en": []})
    previous: dict[str, list[Observation]] = field(default_factory=lambda: {"zh": [], "en": []})
    current_meeting: list[Ref] = field(default_factory=list)


def _passages(source: SourceText) -> tuple[list[AlignedPair], ProjectTable | None]:
    """The document's paragraphs, zh and en paired where the layout is bilingual, and its table."""
    layout = document_layout(source)
    table = find_table(source.text) if layout is Layout.ZH_ONLY_TABLE else None
    paras = paragraphs(source.text, layout, skip_lines=table.line_range if table else None)
    passages = align(paras) if layout.bilingual else [AlignedPair(p, None) for p in paras]
    return passages, table


def alignment_problems(source: SourceText) -> list[CorpusProblem]:
    """Paragraphs of a bilingual document that the alignment leaves without a translation.

    A paragraph left unpaired counts when it is prose in one language (it ends as a sentence
    and is not a heading written in both scripts): then the two sides do not match, as when a
    line-pairs text lacks one translation line. One problem per language, at the first such
    line, naming every line; the document still loads and these paragraphs are read alone.
    """
    if not document_layout(source).bilingual:
        return []
    passages, _ = _passages(source)
    counts = Counter(segment.lang for pair in passages for segment in (pair.zh, pair.en) if segment)
    problems = []
    for lang, other in (("zh", "en"), ("en", "zh")):
        alone = [
            own for pair in passages
            if (own := getattr(pair, lang)) is not None and getattr(pair, other) is None and _is_prose(own)
        ]
        if not alone:
            continue
        lines = [source.text.count("\n", 0, segment.start) + 1 for segment in alone]
        shown = ", ".join(map(str, lines[:MAX_LINES_SHOWN])) + (", ..." if len(lines) > MAX_LINES_SHOWN else "")
        problems.append(CorpusProblem(source.path, lines[0], (
            f"{len(alone)} {_LANGUAGE_NAMES[lang]} paragraph(s) without an {_LANGUAGE_NAMES[other]} counterpart "
            f"(line{'s' if len(lines) > 1 else ''} {shown}; the text has {counts['zh']} Chinese and {counts['en']} English paragraphs); "
            "they are read without their translation"
        )))
    return problems


def _is_prose(segment: Segment) -> bool:
    """A paragraph that ends as a sentence and is written in its own language only."""
    text = segment.text.strip()
    cjk, latin = script_counts(text)
    own_script = cjk == 0 if segment.lang == "en" else latin < cjk
    return own_script and bool(_SENTENCE_END[segment.lang].search(text))


def _read_paragraph(
    source_id: str,
    segment: Segment,
    primary: bool,
    names: NameIndex,
    lexicon: Lexicon,
    extractors: list[Extractor],
    state: _ReadingState,
) -> list[Observation]:
    found: list[Observation] = []
    for sentence in _sentences(segment):
        ctx = SentenceContext(
            source_id,
            sentence,
            primary,
            names.find(sentence.text, sentence.lang),
            heading_dates=state.heading_dates[segment.lang],
            current_meeting=state.current_meeting[0] if state.current_meeting else None,
            issued=state.issued,
            previous=state.previous[segment.lang],
        )
        in_sentence: list[Observation] = []
        for extract in extractors:
            in_sentence.extend(extract(ctx, lexicon))
        link_sentence(ctx, in_sentence, lexicon)
        if not state.current_meeting and primary:
            state.current_meeting.extend(o.ref for o in in_sentence if o.ref.kind == "meeting")
        state.previous[segment.lang] = in_sentence
        found.extend(in_sentence)
    return found


def _sentences(paragraph: Segment) -> list[Segment]:
    """The paragraph's sentences; a parenthesis standing alone after a full stop ("…会议成果。
    (2025年10月22日,视频方式)。") belongs to the sentence before it."""
    result: list[Segment] = []
    for sentence in sentences(paragraph):
        if result and _PARENTHESIS_ONLY.match(sentence.text):
            before = result[-1]
            result[-1] = Segment(before.text + sentence.text, before.offsets + sentence.offsets, sentence.lang)
        else:
            result.append(sentence)
    return result


def _date_heading(segment: Segment) -> list[DateMention]:
    """The dates of a paragraph that holds nothing but dates (a timeline heading)."""
    dates = find_dates(segment.text)
    if not dates:
        return []
    rest = segment.text
    for date in reversed(dates):
        rest = rest[: date.start] + rest[date.end :]
    return dates if _DATE_ONLY_REST.match(rest) else []
