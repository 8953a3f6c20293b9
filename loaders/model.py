"""Plain dataclasses passed between the loader stages (no RDF until `emit`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .temporal import DateValue


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence of a source document a fact or mention was read from."""

    source_id: str
    start: int
    end: int
    quote: str
    lang: str


@dataclass(frozen=True, slots=True)
class Span:
    """Where a name of an entity occurs: source offsets of the surface text, and its sentence."""

    start: int
    end: int
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an entity by kind and resolution key (not yet an IRI)."""

    kind: str
    key: str


Value = Union[Ref, DateValue, int, str, bool]


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement about an entity: a predicate (CURIE) and a value, with its evidence."""

    predicate: str
    value: Value
    evidence: Evidence | None
    lang: str | None = None  # for string values


@dataclass(slots=True)
class Observation:
    """What one passage of one document says about one entity."""

    ref: Ref
    sco_class: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (text, lang)
    spans: list[Span] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    primary: bool = True  # False when read from the translation of a primary-language passage
    nested: bool = False  # named inside another name (a title within a title)

    def add(self, predicate: str, value: Value, evidence: Evidence | None, lang: str | None = None) -> None:
        self.facts.append(Fact(predicate, value, evidence, lang))
