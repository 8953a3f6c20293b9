"""Links across the sentences of one document, made once it has been read.

- A bare head that refers back ("会上", "论坛由…主办", "根据该构想") is linked while reading to an
  antecedent reference; here it becomes the last thing of that kind the document named before
  (in the same language, in an earlier sentence) whose name ends with the head; "上述文件" (the
  documents above) becomes every document named from the paragraph before up to the sentence.
- A short name read as one ("环境信息共享平台" in a body's task list) is the one thing of that
  kind the document names in full that it abbreviates (`abbreviates`); it becomes an alias.
- A quotation's attribution line ("——2014年9月13日，…第14次会议") makes the persons of the quoted
  passage participants of the meeting it names.
- In a document issued by a national government agency, a government agency named without a
  state ("外交部") belongs to the issuer's state.
- A programme a table row's name names by a special part of it ("<programme>计划水环境专题") is
  mentioned there.
- The rows of a document's project table implement that document (its own title, named in the text);
  "在乌兹别克斯坦实施咸海生态修复示范项目" gives the country of the one row whose name ends with
  the words the text uses ("中国—乌兹别克斯坦咸海生态修复示范").
- A document issued by a meeting (the sidecar's issuer names a meeting the text names) was adopted there.
- In a document issued by a body, what the issuer says it did itself ("We launched the construction
  of <initiative>", "2024年启动<initiative>建设" with no subject) is carried out by the issuer.
- The one city the document's address lines name ("地址：<city>市…区…号", "Address: …, <city>") is the
  place of its issuer, a well-known body the text names, unless the text places it already.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .corpus import SourceText
from .gazetteer import load_gazetteer
from .initiatives import initiative_ref, programmes_of_parts
from .lexicon import Lexicon
from .model import Evidence, Fact, Observation, Ref, Span
from .names import NameIndex
from .titles import document_ref

ANTECEDENT = "antecedent"
ANTECEDENTS = "antecedents"
SHORT_NAME = "short-name"
# Abbreviations a full name may use where a short name writes out (part of) the words
_ZH_EXPANSIONS = (("环保", "环境保护"),)
SHARED_ENDING = 4  # characters a short name ends with alike: its head and the words before it ("共享平台")
MIN_SHORT_NAME = SHARED_ENDING + 2  # a short name has words of its own before that ending
GENERIC_HEADS = ("会", "会议", "meeting")
_ATTRIBUTION = re.compile(r"^\s*[—–-]{1,2}")
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
_ZH_CARRIED_OUT_IN = re.compile(r"^(?:实施|建设|开展|推进)([\u4e00-\u9fff]{4,24}?)(?:项目)?(?=[，。；,;、]|$)")
_BULLET = r"^[\s\-–—•·◆]*"
_EN_OWN_DEED = re.compile(_BULLET + r"We\s+(?!will\b|should\b|must\b|reaffirm\b)", re.IGNORECASE)  # "We launched …", not a pledge
_ZH_OWN_LAUNCH = re.compile(_BULLET + r"(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?[，,]?)?(?:启动|开展)$")
_ZH_CONSTRUCTION = re.compile(r"^[”\"]?建设")
_TRAILING_PARENTHESIS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")  # "…行动方案（2026—2030年）"
_ADDRESS_LINE = re.compile(r"(?:地址|Address)\s*[:：]\s*[^\n:：]*[^\s:：]", re.IGNORECASE)  # up to the next field or line end
_CJK = re.compile(r"[\u4e00-\u9fff]")


def antecedent_ref(kind: str, head: str) -> Ref:
    """A stand-in for the last `kind` named before whose name ends with `head` (any, for a generic head)."""
    return Ref(ANTECEDENT, f"{kind}:{head.lower()}")


def antecedents_ref(kind: str) -> Ref:
    """A stand-in for every `kind` named above ("上述文件"): in the paragraph before and in this one."""
    return Ref(ANTECEDENTS, kind)


def short_name_ref(kind: str, name: str) -> Ref:
    """A stand-in for the one `kind` of the document whose full name `name` abbreviates."""
    return Ref(SHORT_NAME, f"{kind}:{name}")


def link_document(source: SourceText, observations: list[Observation], names: NameIndex, lexicon: Lexicon) -> None:
    """Apply the document-level links to the observations of one source, in reading order."""
    resolve_antecedents(observations)
    resolve_plural_antecedents(source.text, observations)
    resolve_short_names(observations)
    link_attributions(source.text, observations)
    link_issuer_country(source, observations, names, lexicon)
    link_table_rows(source, observations, lexicon)
    link_row_programmes(observations)
    link_row_countries(observations)
    link_issuing_meeting(source, observations, lexicon)
    link_own_deeds(source, observations, names)
    link_issuer_address(source, observations, names)


# --------------------------------------------------------------------------------- antecedents


def _evidence(obs: Observation) -> Evidence | None:
    if obs.spans:
        return obs.spans[0].evidence
    return next((f.evidence for f in obs.facts if f.evidence), None)


def _matches_head(obs: Observation, head: str) -> bool:
    if head in GENERIC_HEADS:
        return True
    return any(text.strip().lower().endswith(head) if lang == "zh" else head in text.lower() for text, lang in obs.names)


def resolve_antecedents(observations: list[Observation]) -> None:
    """Replace antecedent references (subjects and fact values) by what they refer back to; an
    observation whose antecedent cannot be found is dropped, and so is a fact pointing to one."""
    named: list[tuple[Observation, Evidence]] = []
    resolved: dict[int, Ref | None] = {}
    for obs in observations:
        evidence = _evidence(obs)
        if obs.ref.kind == ANTECEDENT:
            resolved[id(obs)] = _antecedent(obs.ref, evidence, named)
        for fact in obs.facts:
            if isinstance(fact.value, Ref) and fact.value.kind == ANTECEDENT:
                resolved[id(fact)] = _antecedent(fact.value, fact.evidence, named)
        if obs.ref.kind != ANTECEDENT and obs.names and obs.spans and evidence and not obs.nested:
            named.append((obs, evidence))
    kept = []
    for obs in observations:
        if obs.ref.kind == ANTECEDENT:
            target = resolved.get(id(obs))
            if target is None:
                continue
            obs.ref = target
        obs.facts = [
            replace(f, value=resolved[id(f)]) if id(f) in resolved else f
            for f in obs.facts
            if id(f) not in resolved or resolved[id(f)] is not None
        ]
        kept.append(obs)
    observations[:] = kept


def _antecedent(ref: Ref, evidence: Evidence | None, named: list[tuple[Observation, Evidence]]) -> Ref | None:
    kind, _, head = ref.key.partition(":")
    if evidence is None:
        return None
    for obs, seen in reversed(named):
        if obs.ref.kind == kind and seen.lang == evidence.lang and seen.start < evidence.start and _matches_head(obs, head):
            return obs.ref
    return None


def resolve_plural_antecedents(text: str, observations: list[Observation]) -> None:
    """Replace each fact pointing to `antecedents_ref(kind)` by one fact per `kind` named (in the
    same language, not inside another name) from the start of the paragraph before the fact's
    sentence up to that sentence; drop it when there is none."""
    for obs in observations:
        facts = []
        for fact in obs.facts:
            if not (isinstance(fact.value, Ref) and fact.value.kind == ANTECEDENTS):
                facts.append(fact)
                continue
            if fact.evidence is None:
                continue
            start = _previous_paragraph_start(text, fact.evidence.start)
            named = dict.fromkeys(
                o.ref for o in observations
                if o.ref.kind == fact.value.key and o.spans and not o.nested and o.ref != obs.ref
                and o.spans[0].evidence.lang == fact.evidence.lang and start <= o.spans[0].start < fact.evidence.start
            )
            facts.extend(replace(fact, value=ref) for ref in named)
        obs.facts = facts


def _previous_paragraph_start(text: str, position: int) -> int:
    """Where the paragraph before the one holding `position` starts."""
    breaks = [m.end() for m in _BLANK_LINE.finditer(text, 0, position)]
    return breaks[-2] if len(breaks) >= 2 else 0


# --------------------------------------------------------------------------------- short names


def abbreviates(short: str, full: str) -> bool:
    """Whether the Chinese name `short` is a short form of `full`: shorter, ending alike in its
    last SHARED_ENDING characters, its characters in `full` in the same order (Chinese short
    forms drop characters: "环保" for "环境保护"), `full`'s abbreviations written out first."""
    if not MIN_SHORT_NAME <= len(short) < len(full) or short[-SHARED_ENDING:] != full[-SHARED_ENDING:]:
        return False
    for abbreviation, words in _ZH_EXPANSIONS:
        full = full.replace(abbreviation, words)
    remaining = iter(full)
    return all(char in remaining for char in short)


def resolve_short_names(observations: list[Observation]) -> None:
    """Give each short-name stand-in the reference of the one thing of its kind the document
    names in full (in the same language) that it abbreviates; drop it when there is none or more."""
    kept = []
    for obs in observations:
        if obs.ref.kind == SHORT_NAME:
            kind, _, short = obs.ref.key.partition(":")
            fulls = {
                o.ref for o in observations
                if o.ref.kind == kind and o.spans and not o.nested
                and any(lang == "zh" and abbreviates(short, text) for text, lang in o.names)
            }
            if len(fulls) != 1:
                continue
            obs.ref = fulls.pop()
        kept.append(obs)
    observations[:] = kept


# --------------------------------------------------------------------------------- attributions


def link_attributions(text: str, observations: list[Observation]) -> None:
    """"——<date>，<meeting>" under a quotation: the persons quoted above took part in that meeting.

    The quoted passage is the text before the attribution line in its paragraph, or the paragraph
    before when the line starts one.
    """
    for meeting in [o for o in observations if o.ref.kind == "meeting" and o.spans and o.primary]:
        evidence = meeting.spans[0].evidence
        if not _ATTRIBUTION.match(evidence.quote):
            continue
        start, end = _quoted_passage(text, evidence.start)
        persons = [o.ref for o in observations if o.ref.kind == "person" and o.spans and start <= o.spans[0].start < end]
        for person in dict.fromkeys(persons):
            meeting.add("sco:participant", person, evidence)


def _quoted_passage(text: str, line_start: int) -> tuple[int, int]:
    """[start, end) of the passage an attribution line at `line_start` refers to."""
    paragraph_start = max((m.end() for m in _BLANK_LINE.finditer(text, 0, line_start)), default=0)
    if text[paragraph_start:line_start].strip():
        return paragraph_start, line_start
    before = text[:paragraph_start].rstrip()
    previous_start = max((m.end() for m in _BLANK_LINE.finditer(before)), default=0)
    return previous_start, len(before)


# --------------------------------------------------------------------------------- issuer's state


def link_issuer_country(source: SourceText, observations: list[Observation], names: NameIndex, lexicon: Lexicon) -> None:
    """Government agencies named without a state, in a document issued by a national agency, are
    that state's ("外交部" in a plan of China's Ministry of Environmental Protection)."""
    country = _issuer_country(source, names, lexicon)
    if country is None:
        return
    for obs in observations:
        if obs.ref.kind != "body" or obs.sco_class != "GovernmentAgency" or not obs.spans or not obs.primary:
            continue
        if not obs.ref.key.startswith(("zh:", "en:")) or any(f.predicate in ("sco:country", "sco:partOf") for f in obs.facts):
            continue  # a well-known body's country is reference data; a unit of another body is not the state's
        if any(m.kind == "state" for text, lang in obs.names for m in names.find(text, lang)):
            continue
        obs.add("sco:country", Ref("state", country), obs.spans[0].evidence)


def _issuer_country(source: SourceText, names: NameIndex, lexicon: Lexicon) -> str | None:
    """The state of the issuer when the issuer is a known national government agency."""
    bodies = lexicon.bodies_by_id
    for text, lang in ((source.meta.issuer_zh, "zh"), (source.meta.issuer_en, "en")):
        if not text:
            continue
        for match in names.find(text, lang):
            body = bodies.get(match.key) if match.kind == "body" else None
            if body and (match.start, match.end) == (0, len(text)) and body.sco_class == "GovernmentAgency" and body.country:
                return body.country.upper()
    return None


# --------------------------------------------------------------------------------- project tables


def _own_document(source: SourceText, observations: list[Observation], lexicon: Lexicon) -> Ref | None:
    """The document itself, when the text names it by the title its sidecar gives."""
    title = source.meta.title_zh or source.meta.title_en
    if not title:
        return None
    lang = "zh" if source.meta.title_zh else "en"
    if lexicon.document_class(_TRAILING_PARENTHESIS.sub("", title), lang) is None:
        return None
    own = document_ref(title, lang)
    return own if any(o.ref == own and o.spans for o in observations) else None


def link_row_programmes(observations: list[Observation]) -> None:
    """"绿色丝路使者计划水环境专题" as a table row: the row's name mentions the programme it is a
    special part of."""
    rows = [o for o in observations if o.ref.kind == "initiative" and o.spans and any(f.predicate == "sco:projectNumber" for f in o.facts)]
    for row in rows:
        span = row.spans[0]
        for start, end in programmes_of_parts(span.text):
            name = span.text[start:end]
            obs = Observation(initiative_ref(name, "zh"), "CooperationProgramme", names=[(name, "zh")], primary=row.primary, nested=True)
            obs.spans.append(Span(span.start + start, span.start + end, name, span.evidence))
            observations.append(obs)


def link_row_countries(observations: list[Observation]) -> None:
    """"在<state>实施<words>项目": the country of the one table row whose name ends with those words."""
    rows = [o for o in observations if o.ref.kind == "initiative" and any(f.predicate == "sco:projectNumber" for f in o.facts)]
    for state in (o for o in observations if o.ref.kind == "state" and o.spans):
        for span in (s for s in state.spans if s.evidence.lang == "zh"):
            quote = span.evidence.quote
            at = quote.find(span.text)
            if at < 1 or quote[at - 1] != "在":
                continue
            words = _ZH_CARRIED_OUT_IN.match(quote[at + len(span.text) :])
            named = [r for r in rows if words and any(n.endswith(words.group(1)) for n, lang in r.names if lang == "zh")]
            if len(named) == 1 and not any(f.predicate == "sco:country" for f in named[0].facts):
                named[0].add("sco:country", state.ref, span.evidence)


def link_issuing_meeting(source: SourceText, observations: list[Observation], lexicon: Lexicon) -> None:
    """"<initiative>…2024年7月8日于青岛", issued by a forum: the document was adopted at that forum."""
    own = _own_document(source, observations, lexicon)
    issuers = {text for text in (source.meta.issuer_zh, source.meta.issuer_en) if text}
    meeting = next((o.ref for o in observations if o.ref.kind == "meeting" and o.primary and any(n in issuers for n, _ in o.names)), None)
    if own is None or meeting is None:
        return
    mentions = [o for o in observations if o.ref == own and o.spans and o.primary]
    if mentions and not any(f.predicate == "sco:adoptedAt" for o in mentions for f in o.facts):
        mentions[0].add("sco:adoptedAt", meeting, mentions[0].spans[0].evidence)


def link_table_rows(source: SourceText, observations: list[Observation], lexicon: Lexicon) -> None:
    """Each numbered row of the document's project table implements the document itself, when the
    text names the document by its own title."""
    own = _own_document(source, observations, lexicon)
    if own is None:
        return
    for obs in observations:
        fact = next((f for f in obs.facts if f.predicate == "sco:projectNumber"), None)
        if obs.ref.kind == "initiative" and fact is not None:
            obs.facts.append(Fact("sco:implements", own, fact.evidence))



# --------------------------------------------------------------------------------- issuer's own deeds


def _issuer_body(source: SourceText, observations: list[Observation], names: NameIndex) -> Ref | None:
    """The body the sidecar names as issuer: a body the text names by that very name, else a known
    body whose name is the whole issuer text."""
    issuers = {(re.sub(r"\s+", "", text) if lang == "zh" else text.strip(), lang) for text, lang in ((source.meta.issuer_zh, "zh"), (source.meta.issuer_en, "en")) if text}
    for obs in (o for o in observations if o.ref.kind == "body"):
        if any((re.sub(r"\s+", "", n) if lang == "zh" else n.strip(), lang) in issuers for n, lang in obs.names):
            return obs.ref
    for text, lang in issuers:
        whole = [m for m in names.find(text, lang) if m.kind == "body" and (m.start, m.end) == (0, len(text))]
        if whole:
            return Ref("body", whole[0].key)
    return None


def _own_deed(name: str, evidence: Evidence) -> bool:
    """The sentence says the issuer did it: an English one opening with "We", or a Chinese one with
    no subject opening with "启动" right before the initiative's name and "建设" after it."""
    if evidence.lang != "zh":
        return bool(_EN_OWN_DEED.match(evidence.quote))
    at = evidence.quote.find(name)
    return at >= 0 and bool(_ZH_OWN_LAUNCH.match(evidence.quote[:at]) and _ZH_CONSTRUCTION.match(evidence.quote[at + len(name) :]))


def link_own_deeds(source: SourceText, observations: list[Observation], names: NameIndex) -> None:
    """"We launched the construction of <initiative>" in a body's own document: the body carries it out."""
    issuer = _issuer_body(source, observations, names)
    if issuer is None:
        return
    for obs in (o for o in observations if o.ref.kind == "initiative" and o.spans and not o.nested):
        span = obs.spans[0]
        if _own_deed(span.text, span.evidence):
            obs.add("sco:carriedOutBy", issuer, span.evidence)


# --------------------------------------------------------------------------------- issuer's address


def link_issuer_address(source: SourceText, observations: list[Observation], names: NameIndex) -> None:
    """"地址：<city>市…" in a document of a well-known body: the one city its address lines name
    is the issuer's place, unless the text already places the issuer."""
    issuer = _issuer_body(source, observations, names)
    if issuer is None or issuer.key.startswith(("zh:", "en:")):
        return
    mentions = [o for o in observations if o.ref == issuer and o.spans and o.primary]
    if not mentions or any(f.predicate == "sco:place" for o in observations if o.ref == issuer for f in o.facts):
        return
    addresses = _address_cities(source, names)
    if len({city for city, _ in addresses}) == 1:
        city, evidence = addresses[0]
        mentions[0].add("sco:place", city, evidence)


def _address_cities(source: SourceText, names: NameIndex) -> list[tuple[Ref, Evidence]]:
    """The gazetteer cities each address line of the text names, with the line as evidence."""
    gazetteer = load_gazetteer()
    found = []
    for line in _ADDRESS_LINE.finditer(source.text):
        lang = "zh" if _CJK.search(line.group(0)) else "en"
        evidence = Evidence(source.id, line.start(), line.end(), line.group(0), lang)
        for match in names.find(line.group(0), lang):
            place = gazetteer.place_by_name(match.key) if match.kind == "place" else None
            if place is not None and place.kind == "city":
                found.append((Ref("place", match.key), evidence))
    return found
