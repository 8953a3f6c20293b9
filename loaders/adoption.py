"""What a meeting adopted or established, as one sentence says it."""
from __future__ import annotations

import re

from .alternation import alternation
from .clauses import Placed, agents, clause_spans, placed
from .agreements import load_signing_words
from .context import SentenceContext
from .cues import RelationCues
from .discourse import antecedent_ref
from .lexicon import Lexicon
from .model import Observation, Ref
from .subjects import leading_head, sentence_start, subject_meeting_end

_ZH_ADOPTION_ADVERBS = r"(?:一致|共同|正式|审议并|讨论并)?"
_ZH_ESTABLISH = re.compile(r"(?:宣布|确定|决定)(?:将)?\s*(?:19|20)\d{2}\s*年为")
_EN_ESTABLISH = re.compile(r"\b(?:announced|declared|proclaimed)\s+(?:19|20)\d{2}\s+as\b", re.IGNORECASE)
# "<meeting>(2025年11月6日)关于将9月22日设立为<initiative>的决议": the meeting's resolution establishes it
_ZH_RESOLVED = re.compile(r"^\s*(?:[（(][^（）()]*[）)])?\s*关于(?:将)?[^，。；,;]{0,20}?(?:设立|设|定|确定|宣布)为[“\"]?$")
_ZH_RESOLUTION = re.compile(r"^[”\"]?的(?:决议|决定)")
_DURING = {
    "zh": re.compile(r"\s*(?P<meeting>[^，,。；;]+?)期间\s*[，,]"),
    "en": re.compile(r"\s*during\s+(?P<meeting>[^,;.]+?)\s*,", re.IGNORECASE),
}
_EN_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_ADOPTION_REACH = 12  # characters between an adoption verb and the document's title
_CONJUNCTION = re.compile(r"[》”\"\s]*(?:[（(][^（）()]*[）)])?\s*(?:[，,、]?\s*(?:并且|并|和|及|以及|and))\s*", re.IGNORECASE)
_MAX_OUTCOME_HEAD = 4  # "联合公报", "联合声明": a document named after its meeting
_ZH_DOCUMENTS_OF = r"(?:上)?(?:{verbs})(?:了)?的[\u4e00-\u9fff]{{0,4}}?文件"  # "<meeting>通过的各项文件"
_EN_DOCUMENTS_OF = r"\bdocuments\s+(?:{verbs})\s+(?:at|by|during)\s+(?:the\s+)?$"  # "the documents adopted at <meeting>"
_SECOND_PREDICATE = re.compile(r"(?:[，,]|,\s*and)\s*$")  # "…，批准了", "…, and approved"
_SENTENCE_REST = re.compile(r"^[\s。.；;！!]*$")
_LISTED = re.compile(r"^[》”\"\s]*(?:[（(][^（）()]*[）)])?\s*(?:[，,、]|[，,]?\s*(?:并且|并|和|及|以及|与|and))\s*(?:the\s+)?[《“\"]?$", re.IGNORECASE)


def link_adoption(ctx: SentenceContext, found: list[Observation], meetings: list[Placed], target: Ref | None, lexicon: Lexicon, cues: RelationCues) -> None:
    """A document right after an adoption verb is adopted at the meeting that is the verb's subject:

    - a meeting named right before the verb ("…高级别会议(2025年5月29日至31日,杜尚别)通过的《X》",
      "The 1st Forum adopted X");
    - a bare head right before it ("欢迎会议通过《X》"): the last meeting named before it in the
      sentence, else the one it refers back to;
    - the sentence's opening head, with no one else acting before the document ("会议通过《A》，
      并签署《B》"; not "会上指出，…总统批准了《X》");
    - the delegations opening the sentence, right before the verb ("各代表团团长批准了《X》") or
      opening its second predicate ("各代表团团长指出…，批准了《X》"): the document's own meeting;
    - else the one meeting the sentence names (outside titles), with no one acting in between;
    not a body ending right before the verb ("联合国大会通过…的决议").
    A document joined to the one before ("通过《A》并签署《B》", "批准了《A》以及B") shares its
    adopter; one named after a meeting ("…第二十四次会议联合公报") is that meeting's outcome; the
    documents listed right after "<meeting>通过的各项文件" were adopted there.
    "会议宣布2025年为“…年”": the meeting opening the sentence established the themed year;
    "<meeting>关于将9月22日设立为<initiative>的决议": the meeting's resolution established it.
    """
    verbs = lexicon.adoption_verbs_zh if ctx.lang == "zh" else lexicon.adoption_verbs_en
    documents = [p for p in placed(ctx, found, ("document",)) if not p.obs.nested]
    outside = [m for m in meetings if not any(d.start <= m.start and m.end <= d.end for d in documents)]
    opening = sentence_start(ctx)
    actors = agents(ctx, found)
    evidence = ctx.evidence()
    bodies = placed(ctx, found, ("body", "state"))
    previous: tuple[Placed, Ref] | None = None
    for doc in documents:
        verb = _adoption_verb(ctx, doc, verbs)
        between = ctx.text[previous[0].end : verb if verb is not None else doc.start] if previous else ""
        meeting: Ref | None
        if previous and _CONJUNCTION.fullmatch(between):
            meeting = previous[1]  # "通过《A》并签署《B》", "批准了《A》以及B": the same subject
        elif verb is not None:
            meeting = _adopter(ctx, verb, doc, outside, opening, target, actors, bodies, cues)
        else:
            meeting = _named_after(ctx, doc, meetings, lexicon)
        if meeting is not None:
            doc.obs.add("sco:adoptedAt", meeting, evidence)
            previous = (doc, meeting)
    subject_end = subject_meeting_end(ctx, meetings, cues)
    establish = (_ZH_ESTABLISH if ctx.lang == "zh" else _EN_ESTABLISH).search(ctx.text)
    if establish and subject_end is not None and 0 <= establish.start() - subject_end <= 2 and target:
        for initiative in placed(ctx, found, ("initiative",)):
            if initiative.start >= establish.start():
                initiative.obs.add("sco:establishedBy", target, evidence)
    _documents_listed_after(ctx, documents, outside, verbs)
    if ctx.lang == "zh":
        _resolutions(ctx, found, outside)


def _documents_listed_after(ctx: SentenceContext, documents: list[Placed], meetings: list[Placed], verbs: tuple[str, ...]) -> None:
    """"落实<meeting>通过的各项文件，重点是依托《A》和《B》…", "the documents adopted at
    <meeting>. … based on "A" and "B"": the list of documents named right after the phrase (in
    its clause or the next, or in the first clause of the next sentence when the phrase ends its
    own) was adopted at that meeting. A bare meeting name that stands for a whole series loses
    the link in resolution."""
    clauses = clause_spans(ctx.text, ctx.lang)
    listed: list[tuple[Ref, list[Placed]]] = []
    for meeting in meetings:
        end = _documents_phrase_end(ctx.text, meeting.start, meeting.end, ctx.lang, verbs)
        if end is None:
            continue
        reach = next((i + 1 for i, (s, e) in enumerate(clauses) if s < end <= e), 0)
        limit = clauses[min(reach, len(clauses) - 1)][1] if clauses else 0
        later = [m for m in meetings if m.start >= end]
        after = [d for d in documents if end <= d.start < limit and not (later and later[0].start < d.start)]
        listed.append((meeting.obs.ref, _list_from(ctx, after)))
    previous = _phrase_ending_previous(ctx, verbs)
    if previous is not None and clauses:
        listed.append((previous, _list_from(ctx, [d for d in documents if d.start < clauses[0][1]])))
    for meeting_ref, docs in listed:
        for doc in docs:
            if not any(f.predicate == "sco:adoptedAt" for f in doc.obs.facts):
                doc.obs.add("sco:adoptedAt", meeting_ref, ctx.evidence())


def _documents_phrase_end(text: str, start: int, end: int, lang: str, verbs: tuple[str, ...]) -> int | None:
    """Where "<meeting>通过的各项文件" / "documents adopted at <meeting>" ends, for the meeting
    named at text[start:end]; None when the meeting is not named in such a phrase."""
    alternatives = alternation(verbs)
    if lang == "zh":
        match = re.match(_ZH_DOCUMENTS_OF.format(verbs=alternatives), text[end:])
        return end + match.end() if match else None
    return end if re.search(_EN_DOCUMENTS_OF.format(verbs=alternatives), text[:start], re.IGNORECASE) else None


def _phrase_ending_previous(ctx: SentenceContext, verbs: tuple[str, ...]) -> Ref | None:
    """The meeting of a "documents adopted at <meeting>" phrase ending the sentence before."""
    for obs in (o for o in ctx.previous if o.ref.kind == "meeting"):
        for span in (s for s in obs.spans if s.evidence.lang == ctx.lang):
            quote = span.evidence.quote
            at = quote.rfind(span.text)
            end = _documents_phrase_end(quote, at, at + len(span.text), ctx.lang, verbs) if at >= 0 else None
            if end is not None and _SENTENCE_REST.match(quote[end:]):
                return obs.ref
    return None


def _list_from(ctx: SentenceContext, documents: list[Placed]) -> list[Placed]:
    """The first of `documents` and those joined to it as one list ("《A》和《B》", ""A" and "B"")."""
    result: list[Placed] = []
    for doc in documents:
        if result and not _LISTED.match(ctx.text[result[-1].end : doc.start]):
            break
        result.append(doc)
    return result


def _resolutions(ctx: SentenceContext, found: list[Observation], meetings: list[Placed]) -> None:
    """"<meeting>(…)关于将<day>设立为<initiative>的决议": the initiative was established by the meeting."""
    for initiative in placed(ctx, found, ("initiative",)):
        if not _ZH_RESOLUTION.match(ctx.text[initiative.end :]):
            continue
        before = [m for m in meetings if m.end <= initiative.start and _ZH_RESOLVED.match(ctx.text[m.end : initiative.start])]
        if before:
            initiative.obs.add("sco:establishedBy", before[-1].obs.ref, ctx.evidence())




def _adoption_verb(ctx: SentenceContext, doc: Placed, verbs: tuple[str, ...]) -> int | None:
    """Where the adoption verb before the document starts (None when there is none, or the
    adoption is only noted: "注意到通过了《X》")."""
    window_start = max(0, doc.start - _ADOPTION_REACH)
    before = ctx.text[window_start : doc.start]
    if re.search(r"注意到|noted", before):
        return None
    positions = [window_start + before.rfind(v) for v in verbs if v in before]
    return max(positions) if positions else None


def _named_after(ctx: SentenceContext, doc: Placed, meetings: list[Placed], lexicon: Lexicon) -> Ref | None:
    """"…第二十四次会议联合公报", "Joint Statement of the 6th Meeting": a meeting's own outcome
    (not a draft: "讨论了《…联合声明》草案")."""
    if re.match(r"[》”\"]?\s*(?:草案|draft)", ctx.text[doc.end :], re.IGNORECASE) or re.search(r"\bdraft\s+(?:of\s+)?(?:the\s+)?$", ctx.text[: doc.start], re.IGNORECASE):
        return None
    for meeting in meetings:
        if ctx.lang == "zh" and doc.start <= meeting.start <= doc.start + 1:
            rest = ctx.text[meeting.end : doc.end].strip("》” ")
            if 0 < len(rest) <= _MAX_OUTCOME_HEAD and lexicon.document_class(rest, "zh"):
                return meeting.obs.ref
        if ctx.lang != "zh" and doc.start < meeting.start and meeting.end <= doc.end + 1:
            head = ctx.text[doc.start : meeting.start]
            if re.fullmatch(r"(?:the\s+)?(?:joint\s+)?[a-zé]+\s+of\s+(?:the\s+)?", head, re.IGNORECASE) and lexicon.document_class(head, "en"):
                return meeting.obs.ref
    return None


def _adopter(
    ctx: SentenceContext, verb: int, doc: Placed, meetings: list[Placed], opening: int, target: Ref | None,
    actors: list[Placed], bodies: list[Placed], cues: RelationCues,
) -> Ref | None:
    text = ctx.text
    during = _signed_during(ctx, opening, verb, meetings, cues)
    if during is not None:
        return during
    subject = re.sub(r"[（(][^（）()]*[）)]\s*$", "", text[:verb]).rstrip()
    subject = re.sub(r"(?:的|已|已经|正式|共同|一致|成功|均)$", "", subject)
    if any(b.end == len(subject) for b in bodies):
        return None  # "联合国大会通过…的决议": a body, not a meeting, adopted it
    named = [m for m in meetings if m.end <= verb and subject.endswith(text[m.start : m.end].rstrip())]
    if named:
        return named[-1].obs.ref
    heads = cues.get("meeting_heads", ctx.lang)
    head = next((h for h in heads if re.search(rf"(?:^|[^\w]){re.escape(h)}$" if ctx.lang != "zh" else rf"{re.escape(h)}$", subject, re.IGNORECASE)), None)
    if head is not None and not (leading_head(ctx, opening, cues) and subject.strip() == text[opening:verb].strip()):
        earlier = [m for m in meetings if m.end <= verb]
        return earlier[-1].obs.ref if earlier else antecedent_ref("meeting", head)
    if leading_head(ctx, opening, cues):
        return target if not any(opening <= a.start < doc.start for a in actors) else None
    delegations = rf"(?:{alternation(cues.get('meeting_subjects', ctx.lang))})"
    if ctx.current_meeting and re.fullmatch(rf"{delegations}{_ZH_ADOPTION_ADVERBS}", text[opening:verb].strip(), re.IGNORECASE):
        return ctx.current_meeting
    if ctx.current_meeting and _second_predicate(ctx, opening, verb, delegations, actors):
        return ctx.current_meeting  # "各代表团团长指出《A》已完成，批准了《B》"
    if len(meetings) == 1 and meetings[0].end <= doc.start and not any(meetings[0].end <= a.start < doc.start for a in actors):
        return meetings[0].obs.ref
    return None


def _signed_during(ctx: SentenceContext, opening: int, verb: int, meetings: list[Placed], cues: RelationCues) -> Ref | None:
    """"论坛期间，A与B签署了《X》", "During the forum, A and B signed X": a document signed during
    the meeting that opens the sentence (named, or by its bare head) was signed at it."""
    if not ctx.text.startswith(load_signing_words().verbs.get(ctx.lang, ()), verb):
        return None
    during = _DURING[ctx.lang].match(ctx.text, opening, verb)
    if during is None:
        return None
    start, end = during.span("meeting")
    named = [m for m in meetings if (m.start, m.end) == (start, end)]
    if named:
        return named[0].obs.ref
    said = _EN_ARTICLE.sub("", during.group("meeting")).lower()
    head = next((h for h in cues.get("meeting_heads", ctx.lang) if said == h.lower()), None)
    return antecedent_ref("meeting", head) if head is not None else None


def _second_predicate(ctx: SentenceContext, opening: int, verb: int, delegations: str, actors: list[Placed]) -> bool:
    """The verb opens the second predicate of the delegations opening the sentence ("各代表团团长
    指出…，批准了《X》", "The heads of delegations noted …, and approved X"), with no one else
    named as acting in between."""
    between = ctx.text[opening:verb]
    return (
        re.match(delegations, between.strip(), re.IGNORECASE) is not None
        and _SECOND_PREDICATE.search(between) is not None
        and not any(opening <= a.start < verb for a in actors)
    )

