"""Relations drawn from what the whole corpus says about documents and meetings (after resolution).

- A document issued by a council, dated and placed by the text ("《上合组织成员国元首理事会关于…的
  声明》(2025年9月1日,天津)", or "…天津宣言" with the place in its title), was adopted at the one
  meeting of that council held there on that day.
- A document adopted at a meeting that the corpus gives no date or place of its own is dated and
  placed by that meeting: its day, or the month or year its days share (as one sentence of the
  adopting source gives them), and its city.
- A person working for a body of a state ("中华人民共和国国务院总理李强") belongs to that state.
- A person of no known state who speaks for a state's side ("黄润秋部长…指出“中方将建立…”") belongs
  to it; one a speaker names as leading ("马利克指出：“伊姆兰·汗总理领导的政府…") is of the
  speaker's state.
- A person the corpus gives one state for is of that state in every source that names them.
- A meeting of a government or a ministry named without its state ("政府例行工作会议", "部务会议")
  is in the one state of the persons chairing or taking part in it.
- The city of a contact block's address ("地址：北京市西城区…") is the place of the body the
  description before it is about: the last body opening a sentence before the address.
- The states taking part (themselves or through the persons representing them) in a meeting of
  a council of the member states ("…成员国政府首脑(总理)理事会第二十四次会议") are member states.
- A document named by an initiative's name and an implementing plan's head ("<initiative>实施方案")
  implements that initiative, when the same source names it.
- A meeting named by another meeting's full name and then a sub-event word ("<forum>…分论坛",
  "<forum> Parallel Sub-forum") is part of that meeting: the one of that name the same source
  names on days the sub-event's date allows.
- A quoted short name before a framework word ("在“绿色之带”框架内") names the one document or
  initiative of the corpus called by it: named so, or titled by it in quotes between at most the
  organisation's name and a kind word ("《上海合作组织“绿色之带”纲要》"). The mention moves to it
  and the short name becomes an alias; a short name that fits no one thing, or several, is dropped.
- An untitled signing ("白俄罗斯与…中心签署谅解备忘录", a headline) between parties that an
  agreement the same source names also has (a state standing for its own body that signed) on
  no other date is that agreement told again, not a second one: it is dropped.
"""
from __future__ import annotations

import re

from .cues import load_relation_cues
from .gazetteer import load_gazetteer
from .implementation import FRAMEWORK_NAME
from .lexicon import Lexicon, load_lexicon
from .model import Evidence, Fact, Ref, Span
from .normalize import name_key
from .resolve import Entity
from .temporal import DateValue, find_dates

_MEMBER_STATES = re.compile(r"成员国|member states", re.IGNORECASE)
MEMBER_ROLE = Ref("role", "MemberStateRole")
MEMBER_ROLES = frozenset({MEMBER_ROLE, Ref("role", "FoundingMemberRole")})
_LEADS = re.compile(r"^[\u4e00-\u9fff]{0,4}?领导")  # "<name>总理领导的政府", "在<name>总理领导下"
_SPEAKER_GAP = 10  # characters between a speaker's name and the speech verb ("马利克对首席部长说")
_OWN_SIDE = re.compile(r"“[^“”]*?([\u4e00-\u9fff])方(?:将|愿|会)")  # "“中方将建立…": the speaker's side will act
_NAME_PARTS = re.compile(r"[·•]")
_SENTENCE_OPENING = re.compile(r"^[\s\d年月日，,]*$")  # what may stand before a sentence's subject
_DOMESTIC_MEETING = re.compile(r"政府|内阁|部务|Government|Cabinet|Ministry", re.IGNORECASE)  # a state's own meeting
_ZH_IMPLEMENTING_HEAD = re.compile(r"(?:实施|落实)(?:方案|行动计划|计划|路线图)$")
_SUB_EVENT = re.compile(r"分论坛|平行论坛|边会|sub-forum|side event", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:地址|Address)\s*[:：][^:：]*$", re.IGNORECASE)  # a place inside an address line
# A title made of a quoted name, the organisation's name before it and a kind word after it
_QUOTED_TITLE = {
    "zh": re.compile(r"^(?:上海合作组织|上合组织)?“([^“”]+)”([\u4e00-\u9fff]+)$"),
    "en": re.compile(r"^(?:(?:the\s+)?(?:SCO|Shanghai Cooperation Organi[sz]ation)\s+)?[“\"]([^“”\"]+)[”\"]\s+([A-Za-z]+)$", re.IGNORECASE),
}
_NAMED_BY_SHORT_NAME = ("document", "initiative")


def link_corpus(entities: dict[Ref, Entity]) -> None:
    """Add the facts that need what the whole corpus says (see the module docstring)."""
    _framework_names(entities)
    _adopted_by_council(entities)
    _dated_by_meeting(entities)
    _signings_told_twice(entities)
    _persons_states(entities)
    _speakers_states(entities)
    _member_participants(entities)
    _addresses(entities)
    _domestic_meetings(entities)
    _sub_events(entities)
    _implementing_plans(entities)
    _persons_states_elsewhere(entities)  # last: a state the source does not give proves no membership


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


def _dates_as_said_in(meeting: Entity, source_id: str) -> tuple[DateValue | None, DateValue | None]:
    """The meeting's start and end as `source_id` gives them (another text may be coarser), else
    none: a date read in another source is not this source's to write. An end counts only when
    read with the start (`_read_with`): an end said elsewhere in the source went with another start."""
    said = [f for f in meeting.facts if f.evidence and f.evidence.source_id == source_id]
    starts = [f for f in said if f.predicate == "schema:startDate"]
    if not starts:
        return None, None
    ends = [f for f in said if f.predicate == "schema:endDate"]
    for start in starts:
        end = next((f.value for f in ends if _read_with(f, start)), None)
        if end is not None:
            return start.value, end
    return starts[0].value, None


def _sentence_date_holding(meeting: Entity, sentence: str) -> DateValue | None:
    """The first date of the sentence that holds every day the corpus gives the meeting
    ("2033年11月，…会议在卡拉奇举行，会议批准了《X》", the meeting held on 24-25 November)."""
    days = [*meeting.values("schema:startDate"), *meeting.values("schema:endDate")]
    if not days:
        return None
    said = [d.value for d in find_dates(sentence) if not d.is_range]
    return next((d for d in said if all(_within(day, d, d) for day in days)), None)


def _read_with(end: Fact, start: Fact) -> bool:
    """The end was read with the start: both from one sentence, or from a sentence that gives
    this very range (resolution keeps one fact per value and source, so a range said again after
    its start alone keeps the start from the first sentence and the end from the second)."""
    if end.evidence == start.evidence:
        return True
    said = find_dates(end.evidence.quote, start.value) if end.evidence else []
    return any(m.value == start.value and m.end_value == end.value for m in said)


def _dated_by_meeting(entities: dict[Ref, Entity]) -> None:
    """Date and place an adopted document by its meeting in the adopting source, unless the corpus
    gives the document another date or place. A source that gives the meeting no date of its own
    dates the document only by a date of the adopting sentence that holds the meeting's days,
    after every source that dates the meeting itself (a day there refines this coarser date)."""
    adoptions = [
        (document, adopted.evidence, entities[adopted.value])
        for document in entities.values() if document.ref.kind == "document"
        for adopted in document.facts if adopted.predicate == "sco:adoptedAt" and adopted.evidence and adopted.value in entities
    ]
    for document, evidence, meeting in adoptions:
        start, end = _dates_as_said_in(meeting, evidence.source_id)
        if start is not None:
            _add_in_source(document, "dcterms:date", _shared_date(start, end), evidence)
        place = meeting.value("sco:place")
        if place is not None:
            _add_in_source(document, "sco:place", place, evidence)
    for document, evidence, meeting in adoptions:
        if _dates_as_said_in(meeting, evidence.source_id)[0] is None:
            date = _sentence_date_holding(meeting, evidence.quote)
            if date is not None:
                _add_said_date(document, date, evidence)


def _add_said_date(document: Entity, date: DateValue, evidence: Evidence) -> None:
    """Add the date the evidence's sentence gives when that source dates the document by no other
    and every date the corpus gives it falls within this one."""
    known = document.values("dcterms:date")
    in_source = any(f.predicate == "dcterms:date" and f.evidence and f.evidence.source_id == evidence.source_id for f in document.facts)
    if not in_source and all(isinstance(k, DateValue) and _within(k, date, date) for k in known):
        document.facts.append(Fact("dcterms:date", date, evidence))


def _signings_told_twice(entities: dict[Ref, Entity]) -> None:
    """Drop the facts of an untitled signing that a named agreement of the same source tells
    (module docstring); an untitled agreement left with no party is dropped."""
    agreements = [e for e in entities.values() if e.ref.kind == "document" and e.sco_class == "Agreement"]
    for told in [a for a in agreements if not a.spans]:
        for evidence in {f.evidence for f in told.facts if f.predicate == "sco:party" and f.evidence}:
            parties = {f.value for f in told.facts if f.predicate == "sco:party" and f.evidence == evidence}
            dates = {f.value for f in told.facts if f.predicate == "dcterms:date" and f.evidence == evidence}
            if any(a.spans and _tells(entities, a, evidence.source_id, parties, dates) for a in agreements):
                told.facts = [f for f in told.facts if f.evidence != evidence]
        if not told.values("sco:party"):
            del entities[told.ref]


def _tells(entities: dict[Ref, Entity], named: Entity, source_id: str, parties: set[Ref], dates: set[DateValue]) -> bool:
    """`named` was signed, as `source_id` says, by every one of `parties` (itself or, for a state,
    a body of it) on no other date."""
    said = [f for f in named.facts if f.evidence and f.evidence.source_id == source_id]
    signed = {f.value for f in said if f.predicate == "sco:party"}
    named_dates = {f.value for f in said if f.predicate == "dcterms:date"}
    if dates and named_dates and not dates & named_dates:
        return False
    countries = {c for p in signed if p in entities for c in entities[p].values("sco:country")}
    return bool(signed) and all(p in signed or (p.kind == "state" and p in countries) for p in parties)


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


def _person_states(person: Entity) -> set[Ref]:
    return {v for v in [*person.values("sco:represents"), *person.values("sco:country")] if v.kind == "state"}


def _speakers_states(entities: dict[Ref, Entity]) -> None:
    """Persons of no known state: one opening a sentence whose quoted words speak for a state's
    side ("…指出“中方将…”") is of that state; one named as leading in the words of a speaker of a
    known state is of the speaker's state."""
    persons = [e for e in entities.values() if e.ref.kind == "person"]
    verbs = (*load_relation_cues().get("speech_verbs", "zh"), "说")
    speech = "|".join(map(re.escape, verbs))
    gazetteer = load_gazetteer()
    for person in (p for p in persons if not _person_states(p)):
        for span in (s for s in person.spans if s.evidence.lang == "zh"):
            quote = span.evidence.quote
            at = quote.find(span.text)
            if at < 0:
                continue
            own = _OWN_SIDE.search(quote, at + len(span.text)) if _SENTENCE_OPENING.match(quote[:at]) else None
            state = gazetteer.state_by_abbreviation(own.group(1)) if own and re.search(speech, quote[at : own.start()]) else None
            if state is not None:
                person.facts.append(Fact("sco:country", Ref("state", state.alpha3), span.evidence))
                break
            speaker = _speaker_state(quote, at, persons, person, speech) if _LEADS.match(quote[at + len(span.text) :]) else None
            if speaker is not None:
                person.facts.append(Fact("sco:country", speaker, span.evidence))
                break


def _speaker_state(quote: str, at: int, persons: list[Entity], person: Entity, speech: str) -> Ref | None:
    """The one state of the speaker whose name stands before quote[at], followed by a speech verb."""
    best: tuple[int, Ref] | None = None
    for other in persons:
        states = _person_states(other)
        if other is person or len(states) != 1:
            continue
        for form in _name_forms(other):
            for match in re.finditer(re.escape(form) + rf"[^，。；“”,;]{{0,{_SPEAKER_GAP}}}?(?:{speech})", quote[:at]):
                if best is None or match.start() > best[0]:
                    best = (match.start(), next(iter(states)))
    return best[1] if best else None


def _name_forms(person: Entity) -> set[str]:
    """The names a text may call a person by: full names and each part of a dotted name
    ("马利克" for 马利克·阿明·阿斯拉姆)."""
    names = {*person.labels.values(), *(text for text, _ in person.alt_labels), *(s.text for s in person.spans)}
    parts = {part for n in names if _NAME_PARTS.search(n) for part in _NAME_PARTS.split(n)}
    return {n.strip() for n in names | parts if len(n.strip()) >= 2}


def _persons_states_elsewhere(entities: dict[Ref, Entity]) -> None:
    """A person the corpus gives exactly one state for is of that state in each source naming them."""
    for person in (e for e in entities.values() if e.ref.kind == "person"):
        states = _person_states(person)
        if len(states) != 1:
            continue
        state = next(iter(states))
        stated = {f.evidence.source_id for f in person.facts if f.evidence and f.value == state}
        for span in person.spans:
            if span.evidence.source_id not in stated:
                person.facts.append(Fact("sco:country", state, span.evidence))
                stated.add(span.evidence.source_id)


def _domestic_meetings(entities: dict[Ref, Entity]) -> None:
    """A government's or ministry's meeting with no country or place is in the one state of the
    persons chairing or attending it, in each source that says who did."""
    for meeting in (e for e in entities.values() if e.ref.kind == "meeting"):
        if meeting.values("sco:country") or meeting.values("sco:place") or not any(_DOMESTIC_MEETING.search(n) for n in _names(meeting)):
            continue
        attended = [f for f in meeting.facts if f.predicate in ("sco:chair", "sco:participant") and f.value.kind == "person" and f.evidence]
        for source in {f.evidence.source_id for f in attended}:
            facts = [f for f in attended if f.evidence.source_id == source]
            states = {s for f in facts for s in _person_states(entities[f.value])} if all(f.value in entities for f in facts) else set()
            if len(states) == 1:
                meeting.facts.append(Fact("sco:country", next(iter(states)), facts[0].evidence))


def _addresses(entities: dict[Ref, Entity]) -> None:
    """The city an address line names is the place of the last body opening a sentence before it,
    in the same source, unless that source already places the body."""
    cities = {p.en for p in load_gazetteer().places if p.kind == "city"}
    bodies = [e for e in entities.values() if e.ref.kind == "body"]
    for city in (e for e in entities.values() if e.ref.kind == "place" and e.ref.key in cities):
        for span in city.spans:
            quote = span.evidence.quote
            at = quote.find(span.text)
            if at < 0 or not _ADDRESS.search(quote[:at]):
                continue
            body = _last_sentence_subject(bodies, span)
            placed = body is not None and any(
                f.predicate == "sco:place" and f.evidence and f.evidence.source_id == span.evidence.source_id for f in body.facts
            )
            if body is not None and not placed:
                body.facts.append(Fact("sco:place", city.ref, span.evidence))


def _last_sentence_subject(bodies: list[Entity], before: Span) -> Entity | None:
    """The body whose name opens the last sentence before `before` (same source) that a body opens."""
    source = before.evidence.source_id
    opening = [
        (s.start, b) for b in bodies for s in b.spans
        if s.evidence.source_id == source and s.start == s.evidence.start and s.start < before.evidence.start
    ]
    return max(opening, key=lambda item: item[0])[1] if opening else None


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


def _sub_events(entities: dict[Ref, Entity]) -> None:
    """"<forum name>…分论坛": part of the meeting of that name in the same source, on compatible days."""
    meetings = [e for e in entities.values() if e.ref.kind == "meeting"]
    by_source: dict[str, list[tuple[Entity, set[str]]]] = {}  # each source's meetings (in entity order) and their names
    for meeting in meetings:
        names = {s.text for s in meeting.spans} | set(meeting.labels.values())
        for source in dict.fromkeys(s.evidence.source_id for s in meeting.spans):
            by_source.setdefault(source, []).append((meeting, names))
    for sub in meetings:
        if sub.values("schema:superEvent"):
            continue
        tried: set[tuple[str, str]] = set()  # the same name in the same source finds the same parents
        for span in sub.spans:
            name, source = span.text, span.evidence.source_id
            if (name, source) in tried:
                continue
            tried.add((name, source))
            parents = _named_parents(sub, name, by_source.get(source, []))
            if len(parents) == 1:
                sub.facts.append(Fact("schema:superEvent", parents[0].ref, span.evidence))
                break


def _named_parents(sub: Entity, name: str, meetings: list[tuple[Entity, set[str]]]) -> list[Entity]:
    """The `meetings` (of the source `name` is read in, with their names) whose full name opens
    `name` before a sub-event word."""
    found = []
    for other, names in meetings:
        if other is sub:
            continue
        opening = [n for n in names if len(n) < len(name) and name.startswith(n) and _SUB_EVENT.search(name[len(n) :])]
        if opening and _compatible_days(sub, other):
            found.append(other)
    dated = [m for m in found if m.value("schema:startDate") is not None]
    return dated or found


def _compatible_days(sub: Entity, parent: Entity) -> bool:
    """The sub-event's date (at its precision) falls in the parent's days, or either has no date."""
    date, start = sub.value("schema:startDate"), parent.value("schema:startDate")
    if date is None or start is None:
        return True
    return _within(date, start, parent.value("schema:endDate")) or _within(start, date, sub.value("schema:endDate"))


def _implementing_plans(entities: dict[Ref, Entity]) -> None:
    """"绿色丝路使者计划实施方案": implements the initiative of that name (compared by resolution key)
    named in the same source."""
    initiatives = [e for e in entities.values() if e.ref.kind == "initiative"]
    for document in (e for e in entities.values() if e.ref.kind == "document"):
        for span in (s for s in document.spans if s.evidence.lang == "zh"):
            head = _ZH_IMPLEMENTING_HEAD.search(span.text)
            name = span.text[: head.start()] if head else ""
            source = span.evidence.source_id
            key = name_key(name, "zh") if name else None
            named = [
                i for i in initiatives
                if key in {name_key(n, "zh") for n in _names(i) + [s.text for s in i.spans]} and source in {s.evidence.source_id for s in i.spans}
            ] if key else []
            if len(named) == 1 and named[0].ref not in document.values("sco:implements"):
                document.facts.append(Fact("sco:implements", named[0].ref, span.evidence))


def _framework_names(entities: dict[Ref, Entity]) -> None:
    """Move each framework short name's mentions to the one document or initiative it names
    (`short_name_target`), the name becoming an alias there; remove every stand-in."""
    stand_ins = [entities.pop(ref) for ref in [r for r in entities if r.kind == FRAMEWORK_NAME]]
    lexicon = load_lexicon()
    for stand_in in stand_ins:
        lang, _, short = stand_in.ref.key.partition(":")
        target = short_name_target(short, lang, [e for e in entities.values() if e.ref.kind in _NAMED_BY_SHORT_NAME], lexicon)
        if target is None:
            continue
        target.spans.extend(stand_in.spans)
        target.facts.extend(stand_in.facts)
        if target.labels.get(lang) != short and (short, lang) not in target.alt_labels:
            target.alt_labels.append((short, lang))
        target.name_sources.setdefault((short, lang), set()).update(s.evidence.source_id for s in stand_in.spans)


def short_name_target(short: str, lang: str, candidates: list[Entity], lexicon: Lexicon) -> Entity | None:
    """The one candidate named `short` in `lang`, or titled by it in quotes with at most the
    organisation's name before and a kind word after (None when no one or several are)."""
    kind_words = {word.casefold() for kinds in (lexicon.document_kinds, lexicon.initiative_kinds) for k in kinds for word in getattr(k, lang)}
    found = []
    for entity in candidates:
        names = [text for text, name_lang in [*((t, l) for l, t in entity.labels.items()), *entity.alt_labels] if name_lang == lang]
        titled = (_QUOTED_TITLE[lang].match(name.strip()) for name in names)
        if short in names or any(m and m.group(1) == short and m.group(2).casefold() in kind_words for m in titled):
            found.append(entity)
    return found[0] if len(found) == 1 else None
