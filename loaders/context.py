"""The sentence an extractor reads, with what it needs to cite it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .model import Evidence, Observation, Ref, Span
from .names import NameMatch
from .segments import Segment
from .temporal import DateMention, DateValue, find_dates


@dataclass
class SentenceContext:
    """One sentence of one source, its language, dates inherited from a heading line, the date
    the source was issued (which gives a year to a month and day written without one), and the
    observations of the sentence before it in the same language (what "该运动" refers to)."""

    source_id: str
    sentence: Segment
    primary: bool
    names: list[NameMatch]
    heading_dates: list[DateMention] = field(default_factory=list)
    current_meeting: Ref | None = None
    issued: DateValue | None = None
    previous: list[Observation] = field(default_factory=list)  # what the sentence before it named

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def lang(self) -> str:
        return self.sentence.lang

    def dates(self, text: str | None = None) -> list[DateMention]:
        """The dates in `text` (a part of the sentence; the whole sentence by default), a month
        and day without a year ("2月2日") taking the year of the source's issue date."""
        return find_dates(self.text if text is None else text, self.issued)

    def evidence(self) -> Evidence:
        """The sentence as evidence: one object, shared by every fact and mention read from it."""
        return self._evidence

    @cached_property
    def _evidence(self) -> Evidence:
        return Evidence(self.source_id, self.sentence.start, self.sentence.end, self.text, self.lang)

    def span(self, start: int, end: int) -> Span:
        """A mention of text[start:end], with source offsets."""
        source_start, source_end = self.sentence.source_span(start, end)
        return Span(source_start, source_end, self.text[start:end], self.evidence())

    def observe(self, ref: Ref, sco_class: str, start: int, end: int, name: str | None = None) -> Observation:
        """An observation of `ref` named by text[start:end] (or by `name`)."""
        obs = Observation(ref, sco_class, primary=self.primary)
        obs.names.append((name or self.text[start:end], self.lang))
        obs.spans.append(self.span(start, end))
        return obs

    def names_of(self, kind: str, start: int = 0, end: int | None = None) -> list[NameMatch]:
        stop = len(self.text) if end is None else end
        return [n for n in self.names if n.kind == kind and n.start >= start and n.end <= stop]
