"""Relations drawn from what the whole corpus says about documents and meetings (after resolution).

- A document issued by a council, dated and placed by the text ("《上合组织成员国元首理事会关于…的
  声明》(2025年9月1日,天津)", or "…天津宣言" with the place in its title), was adopted at the one
  meeting of that council held there on that day.
- A document adopted at a meeting that the corpus gives no date or place of its own is dated and
  placed by that meeting: its day, or the month or year its days share, and its city.
- A person working for a body of a state ("中华人民共和国国务院总理李强") belongs to that state.
- The states taking part (themselves or through the persons representing them) in a meeting of
  a council of the member states ("…成员国政府首脑(总理)理事会第二十四次会议") are member states.
"""
from __future__ import annotations

import re

from .model import Evidence, Fact, Ref
from .resolve import Entity
from .temporal import DateValue

_MEMBER_STATES = re.compile(r"成员国|member states", re.IGNORECASE)
MEMBER_ROLE = Ref("role", "MemberStateRole")
MEMBER_ROLES = frozenset({MEMBER_ROLE, Ref("role", "FoundingMemberRole")})


def link_corpus(entities: dict[Ref, Entity]) -> None:
    """Add the facts that need what the whole corpus says (see the module docstring)."""
    _adopted_by_council(entities)
    _dated_by_meeting(entities)
    _persons_states(entities)
    _member_participants(entities)


def _first(entity: Entity, predicate: str) -> Fact | None:
    return next((f for f in entity.facts if f.predicate == predicate), None)


def _within(date: DateValue, start: DateValue, end: DateValue | None) -> bool:
    """The date falls in the meeting's days, at the precision both give."""
    def key(value: DateValue, last: bool) -> tuple[int, int, int]:
        return value.year, value.month or (12 if last else 1), value.day or (31 if last else 1)
    low, high = key(start, False), key(end or start, True)
    return low <= key(date, False) and key(date, True) <= high


def _adopted_by_council(entities: dict[Ref, Entity]) -> None:
    meetings_of: dict[Ref, list[Entity]] = {}
    for entity in entities.values():
        for body in entity.values("sco:meetingOf") if entity.ref.kind == "meeting" else ():
            meetings_of.setdefault(body, []).append(entity)
    for document in (e for e in entities.values() if e.ref.kind == "document" and not e.values("sco:adoptedAt")):
        date_fact, place_fact = _first(document, "dcterms:date"), _first(document, "sco:place")
        if place_fact is None:
            continue
        candidates = {
            m.ref: m for council in document.values("sco:issuedBy") for m in meetings_of.get(council, [])
            if place_fact.value in m.values("sco:place")
            and (date_fact is None or any(_within(date_fact.value, s, m.value("schema:endDate")) for s in m.values("schema:startDate")))
        }
        if len(candidates) == 1:
            evidence = (date_fact or place_fact).evidence
            document.facts.append(Fact("sco:adoptedAt", next(iter(candidates)), evidence))


def _shared_date(start: DateValue, end: DateValue | None) -> DateValue:
    """The start date, or the month or year a range of days shares."""
    if end is None or end == start:
        return start
    if start.year != end.year:
        return DateValue(start.year)
    if start.month != end.month:
        return DateValue(start.year)
    return DateValue(start.year, start.month)


def _dated_by_meeting(entities: dict[Ref, Entity]) -> None:
    """Date and place an adopted document by its meeting in the adopting source, unless the corpus
    gives the document another date or place."""
    for document in (e for e in entities.values() if e.ref.kind == "document"):
        for adopted in [f for f in document.facts if f.predicate == "sco:adoptedAt" and f.evidence]:
            meeting = entities.get(adopted.value)
            if meeting is None:
                continue
            start = meeting.value("schema:startDate")
            if start is not None:
                _add_in_source(document, "dcterms:date", _shared_date(start, meeting.value("schema:endDate")), adopted.evidence)
            place = meeting.value("sco:place")
            if place is not None:
                _add_in_source(document, "sco:place", place, adopted.evidence)


def _add_in_source(entity: Entity, predicate: str, value: object, evidence: Evidence) -> None:
    """Add the fact in the evidence's source when the corpus gives no other value for it and
    that source none at all."""
    known = set(entity.values(predicate))
    in_source = any(f.predicate == predicate and f.evidence and f.evidence.source_id == evidence.source_id for f in entity.facts)
    if not in_source and known <= {value}:
        entity.facts.append(Fact(predicate, value, evidence))


def _persons_states(entities: dict[Ref, Entity]) -> None:
    """A person representing no state but a body of one gets that state as country."""
    for person in (e for e in entities.values() if e.ref.kind == "person"):
        represented = [f for f in person.facts if f.predicate == "sco:represents"]
        if not represented or any(f.value.kind == "state" for f in represented) or person.values("sco:country"):
            continue
        for fact in represented:
            body = entities.get(fact.value)
            country = body.value("sco:country") if body else None
            if country is not None and fact.evidence is not None:
                person.facts.append(Fact("sco:country", country, fact.evidence))
                break


def _member_participants(entities: dict[Ref, Entity]) -> None:
    for meeting in (e for e in entities.values() if e.ref.kind == "meeting"):
        councils = [entities[b] for b in meeting.values("sco:meetingOf") if b in entities]
        if not any(_MEMBER_STATES.search(label) for council in councils for label in _names(council)):
            continue
        for fact in (f for f in meeting.facts if f.predicate == "sco:participant" and f.evidence):
            participant = entities.get(fact.value)
            states = [fact.value] if fact.value.kind == "state" else _states_of(participant)
            for state in (entities.get(s) for s in states if s.kind == "state"):
                if state is not None:
                    _give_member_role(state, fact.evidence)


def _names(entity: Entity) -> list[str]:
    return [*entity.labels.values(), *(text for text, _ in entity.alt_labels)]


def _states_of(person: Entity | None) -> list[Ref]:
    if person is None:
        return []
    return [*person.values("sco:represents"), *person.values("sco:country")]


def _give_member_role(state: Entity, evidence: Evidence) -> None:
    """Member status from this source, unless the corpus gives the state another status (a
    founding member keeps that more specific status)."""
    roles = set(state.values("sco:scoRole"))
    if roles - MEMBER_ROLES:
        return
    if not any(f.predicate == "sco:scoRole" and f.evidence and f.evidence.source_id == evidence.source_id for f in state.facts):
        state.facts.append(Fact("sco:scoRole", next(iter(roles), MEMBER_ROLE), evidence))
