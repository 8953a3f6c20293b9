"""Agreements signed with counterparties: "[X]与A、B签署…协议" and "X signed a … agreement with A and B".

An agreement gets its title, its date (the last date before the signing verb, else a date heading),
its parties (the signer and every counterparty) and, when its title names or refers back to an
initiative, the initiative it is about. Only a titled agreement (in 《》 or quotes, or an English
title in capitals) is a document the text names: an untitled one ("签署基地战略框架协议", "signed a
cooperation agreement on …") is recorded with its descriptive words as label, its date and parties,
but without a mention, so it is the record of a signing between its parties, not a named document. The signer is the sentence's subject when that names a
body or state, else the issuer of the source document: Chinese leaves out the subject of a
document's own record ("2023年11月，与A签署…协议").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .alternation import alternation
from .context import SentenceContext
from .corpus import SourceMeta
from .initiatives import find_initiatives
from .lexicon import DATA_DIR, Lexicon, read_data_file
from .model import Observation, Ref
from .names import NameIndex, NameMatch
from .normalize import name_key
from .phrases import Phrase, bracketed_titles
from .temporal import DateValue, find_dates
from .titles import document_ref

AGREEMENT = "Agreement"
PARTY_KINDS = ("state", "body")
_CLAUSE_BREAK = {"zh": re.compile(r"[，,。；;：:！？!?]"), "en": re.compile(r"[,;:!?]")}
_LIST_SEPARATOR = {"zh": re.compile(r"、|以及|及|和|与"), "en": re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")}
_HEAD_FINAL = ("zh",)  # languages whose body names end with their head word
_ZH_CONNECTIVES = ("与", "同", "跟")  # "和" is tried last: it also joins the items of a list
_ZH_LIST_CONNECTIVE = "和"
_ZH_ADVERBS = re.compile(r"(?:分别|先后|共同|正式|成功|顺利|已经|已|还|也)+$")
_LEADING_WORDS = {"zh": re.compile(r"[\s，,、]*(?:在|于)?"), "en": re.compile(r"(?:[\s,]|\b(?:in|on|at|since|by|the)\b)+", re.IGNORECASE)}
_TRAILING = re.compile(r"[\s,，、]+$")
_EN_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
_EN_CLAUSE_END = r"(?=\s*(?:[.;]|,\s+(?!and\b|the\b)[a-z]|$))"


@dataclass(frozen=True)
class SigningWords:
    """Signing verbs and back-referring initiative heads, per language (lexicon.yaml `signing`)."""

    verbs: dict[str, tuple[str, ...]]
    back_references: dict[str, tuple[str, ...]]


@lru_cache(maxsize=None)
def load_signing_words(data_dir: Path = DATA_DIR) -> SigningWords:
    """Read the `signing` section of `lexicon.yaml`."""
    data = read_data_file(data_dir / "lexicon.yaml")["signing"]
    return SigningWords(
        verbs={lang: tuple(words) for lang, words in data["verbs"].items()},
        back_references={lang: tuple(words) for lang, words in data["back_references"].items()},
    )


@dataclass(frozen=True)
class Signer:
    """A body that signs when a sentence names no subject: the source document's issuer."""

    ref: Ref
    sco_class: str
    names: tuple[tuple[str, str], ...] = ()  # (text, lang), for an issuer that is no known body


def issuer_signer(meta: SourceMeta, names: NameIndex, lexicon: Lexicon) -> Signer | None:
    """The sidecar's issuer as a signer: a known body when its whole name is one, else a body named by it."""
    given = [(text, lang) for text, lang in ((meta.issuer_zh, "zh"), (meta.issuer_en, "en")) if text]
    known = lexicon.bodies_by_id
    for text, lang in given:
        for match in names.find(text, lang):
            if match.kind == "body" and (match.start, match.end) == (0, len(text)):
                return Signer(Ref("body", match.key), known[match.key].sco_class)
    for text, lang in given:
        sco_class = lexicon.body_class(text, lang)
        if sco_class:
            return Signer(Ref("body", name_key(text, lang)), sco_class, tuple(given))
    return None


@dataclass(frozen=True)
class Signing:
    """One signing clause: where its subject, counterparties and title are in the sentence."""

    subject: tuple[int, int]
    parties: tuple[tuple[int, int], ...]
    title: Phrase
    bracketed: bool
    verb_start: int


class AgreementFinder:
    """The agreement extractor for one source document.

    It remembers the initiatives the document has named so far, so that a title which refers
    back to one by its head word (基地战略框架协议: "the base's framework agreement") is linked
    to the last initiative of that head the document named.
    """

    def __init__(self, issuer: Signer | None, words: SigningWords | None = None) -> None:
        self.issuer = issuer
        self.words = words or load_signing_words()
        self._named: dict[str, list[tuple[str, Ref, int]]] = {}

    @classmethod
    def for_source(cls, meta: SourceMeta, names: NameIndex, lexicon: Lexicon) -> "AgreementFinder":
        """A finder whose default signer is the issuer named in `meta`."""
        return cls(issuer_signer(meta, names, lexicon))

    def __call__(self, ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
        initiatives = find_initiatives(ctx, lexicon)
        named = self._named.setdefault(ctx.lang, [])
        named.extend((obs.names[0][0], obs.ref, obs.spans[0].start) for obs in initiatives if obs.names and obs.spans)
        found: list[Observation] = []
        for signing in find_signings(ctx, lexicon, self.words):
            found.extend(self._observe(ctx, lexicon, signing, initiatives))
        return found

    def _observe(self, ctx: SentenceContext, lexicon: Lexicon, signing: Signing, initiatives: list[Observation]) -> list[Observation]:
        """The signer's and counterparties' observations, then the agreement's."""
        evidence = ctx.evidence()
        found: list[Observation] = []
        signer = self._signer(ctx, lexicon, signing.subject, found)
        parties = [signer] if signer else []
        for start, end in signing.parties:
            ref = _party(ctx, lexicon, start, end, found)
            if ref is not None and ref not in parties:
                parties.append(ref)
        title = signing.title
        date = _date(ctx, signing.verb_start)
        if signing.bracketed:
            ref = document_ref(title.text, ctx.lang)
        else:
            date_key = date.lexical() if date else "?"
            ref = Ref("document", f"{name_key(title.text, ctx.lang)}@{date_key}+{'+'.join(sorted(p.key for p in parties))}")
        if _is_titled(ctx.text, title, signing.bracketed, ctx.lang):
            agreement = ctx.observe(ref, AGREEMENT, title.start, title.end, name=title.text)
        else:
            agreement = Observation(ref, AGREEMENT, names=[(title.text, ctx.lang)], primary=ctx.primary)
        if date is not None:
            agreement.add("dcterms:date", date, evidence)
        for party in parties:
            agreement.add("sco:party", party, evidence)
        about = self._initiative(ctx, title, initiatives)
        if about is not None:
            agreement.add("sco:about", about, evidence)
        found.append(agreement)
        return found

    def _signer(self, ctx: SentenceContext, lexicon: Lexicon, subject: tuple[int, int], found: list[Observation]) -> Ref | None:
        """The named subject if it is a party, else the issuer (observed, so translations can pair it)."""
        start, end = subject
        named = _party(ctx, lexicon, start, end, found) if start < end else None
        if named is not None:
            return named
        if self.issuer is None:
            return None
        found.append(Observation(self.issuer.ref, self.issuer.sco_class, names=list(self.issuer.names), primary=ctx.primary))
        return self.issuer.ref

    def _initiative(self, ctx: SentenceContext, title: Phrase, initiatives: list[Observation]) -> Ref | None:
        """An initiative named inside the title, else the last one named before that the title's head refers back to."""
        start, end = ctx.sentence.source_span(title.start, title.end)
        for obs in initiatives:
            if obs.spans and start <= obs.spans[0].start and obs.spans[0].end <= end:
                return obs.ref
        earlier = [(name, ref) for name, ref, at in self._named.get(ctx.lang, []) if at < start]
        for head in self.words.back_references.get(ctx.lang, ()):
            if _refers_back(title.text, head, ctx.lang):
                for name, ref in reversed(earlier):
                    if name.lower().endswith(head) and len(name) > len(head):
                        return ref
        return None


def _is_titled(text: str, title: Phrase, bracketed: bool, lang: str) -> bool:
    """The agreement is named by a title: 《…》, quotes around it, or (English) a capitalised first word."""
    if bracketed or text[title.start - 1 : title.start] in ("“", '"', "「"):
        return True
    return lang == "en" and title.text[:1].isupper()


def find_signings(ctx: SentenceContext, lexicon: Lexicon, words: SigningWords) -> list[Signing]:
    """Every clause of the sentence that says someone signed an agreement with someone."""
    heads = _agreement_heads(lexicon, ctx.lang)
    verbs = words.verbs.get(ctx.lang, ())
    if not heads or not verbs:
        return []
    return _zh_signings(ctx, lexicon, verbs, heads) if ctx.lang == "zh" else _en_signings(ctx, lexicon, verbs, heads)


def _agreement_heads(lexicon: Lexicon, lang: str) -> tuple[str, ...]:
    words = [w for kind in lexicon.document_kinds if kind.sco_class == AGREEMENT for w in (kind.zh if lang == "zh" else kind.en)]
    return tuple(sorted(words, key=len, reverse=True))


def _zh_signings(ctx: SentenceContext, lexicon: Lexicon, verbs: tuple[str, ...], heads: tuple[str, ...]) -> list[Signing]:
    """"[主语]与A、B签署…协议": the counterparties between the connective and the verb."""
    text = ctx.text
    found = []
    for verb in re.finditer(rf"(?:{alternation(verbs)})(?:了|的)?", text):
        title = _zh_title(text, verb.end(), heads)
        if title is None:
            continue
        clause = _clause_start(text, verb.start(), "zh")
        adverbs = _ZH_ADVERBS.search(text, clause, verb.start())
        parties_end = _before_place(ctx, clause, adverbs.start() if adverbs else verb.start())
        split = _zh_connective(ctx, lexicon, clause, parties_end)
        if split is not None:
            subject, parties = split
            found.append(Signing(subject, parties, title[0], title[1], verb.start()))
    return found


def _before_place(ctx: SentenceContext, start: int, end: int) -> int:
    """Where the counterparties end when a place follows them ("…中心在戈梅利签署"): at the 在 of
    a place or state name ending at `end`, else `end`."""
    for name in ctx.names:
        if name.kind in ("place", "state") and name.end == end and name.start > start and ctx.text[name.start - 1] == "在":
            return name.start - 1
    return end


def _zh_title(text: str, start: int, heads: tuple[str, ...]) -> tuple[Phrase, bool] | None:
    """The agreement's title right after the verb: a 《…》 title ending in an agreement head, or the words up to one."""
    if text.startswith("《", start):
        for phrase in bracketed_titles(text):
            if phrase.start == start and phrase.text.endswith(heads):
                return phrase, True
        return None
    match = _zh_title_pattern(heads).match(text, start)
    return (Phrase(match.start(), match.end(), match.group(0)), False) if match else None


@lru_cache(maxsize=None)
def _zh_title_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"[^，,。；;、《》\s]{{0,30}}?(?:{'|'.join(map(re.escape, heads))})")


def _zh_connective(
    ctx: SentenceContext, lexicon: Lexicon, start: int, end: int
) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]] | None:
    """Subject and counterparties either side of the first connective whose left side can be the subject."""
    text = ctx.text
    candidates = [i for i in range(start, end) if text[i] in _ZH_CONNECTIVES]
    candidates += [i for i in range(start, end) if text[i] == _ZH_LIST_CONNECTIVE]
    options = []
    for index in candidates:
        parties = _party_spans(ctx, lexicon, index + 1, end)
        if not parties:
            continue
        subject = _trim_subject(ctx, start, index)
        words = text[subject[0] : subject[1]]
        if not words or _is_head(words, lexicon, "zh") or _is_party(ctx, lexicon, *subject):
            return subject, parties
        options.append((subject, parties))
    return options[0] if options else None


def _en_signings(ctx: SentenceContext, lexicon: Lexicon, verbs: tuple[str, ...], heads: tuple[str, ...]) -> list[Signing]:
    """"X signed a … agreement with A and B" and "X signed with A and B a … agreement"."""
    found = []
    for pattern in _en_patterns(verbs, heads):
        for match in pattern.finditer(ctx.text):
            parties = _party_spans(ctx, lexicon, match.start("parties"), match.end("parties"))
            if not parties:
                continue
            title = Phrase(match.start("title"), match.end("title"), match.group("title"))
            subject = _trim_subject(ctx, _clause_start(ctx.text, match.start(), "en"), match.start())
            found.append(Signing(subject, parties, title, False, match.start()))
    return found


@lru_cache(maxsize=None)
def _en_patterns(verbs: tuple[str, ...], heads: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    verb = f"(?i:{'|'.join(map(re.escape, verbs))})"
    head = rf"(?i:\b(?:{'|'.join(map(re.escape, heads))})\b)"
    title_first = re.compile(
        rf"\b{verb}\s+(?:(?:an?|the)\s+)?(?P<title>[^,;.]*?{head}[^,;.]*?)\s+with\s+(?P<parties>[^;]+?){_EN_CLAUSE_END}"
    )
    parties_first = re.compile(
        rf"\b{verb}\s+with\s+(?P<parties>[^;]+?)\s+(?:an?|the)\s+(?P<title>[^,;.]*?{head}(?:\s+(?:of|on|for)\s+[^,;.]+)?)"
    )
    return title_first, parties_first


def _clause_start(text: str, before: int, lang: str) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK[lang].finditer(text, 0, before)]
    return breaks[-1] if breaks else 0


def _trim_subject(ctx: SentenceContext, start: int, end: int) -> tuple[int, int]:
    """The subject's words: after the last date of the clause, without leading prepositions."""
    dates = find_dates(ctx.text[start:end])
    if dates:
        start += dates[-1].end
    lead = _LEADING_WORDS[ctx.lang].match(ctx.text, start, end)
    if lead:
        start = lead.end()
    trail = _TRAILING.search(ctx.text, start, end)
    return start, trail.start() if trail else end


def _party_spans(ctx: SentenceContext, lexicon: Lexicon, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The names of a list of parties, cut at the list's separators.

    A name may hold the list's own words ("Bureau of Ecology and Environment", "住房和城乡建设部"),
    so pieces are joined around the head that makes a name: English names lead with it
    ("Department of Ecology" + "Environment of Shandong Province"), so a piece that names no
    party continues the name before it; Chinese names end with it, so such a piece begins the
    next name ("住房" + "城乡建设部").
    """
    pieces, position = [], start
    for separator in _LIST_SEPARATOR[ctx.lang].finditer(ctx.text, start, end):
        pieces.append((position, separator.start()))
        position = separator.end()
    pieces.append((position, end))
    items: list[tuple[int, int]] = []
    pending: int | None = None
    for piece_start, piece_end in pieces:
        if ctx.lang in _HEAD_FINAL:
            name_start = piece_start if pending is None else pending
            if _is_party(ctx, lexicon, name_start, piece_end):
                items.append((name_start, piece_end))
                pending = None
            else:
                pending = name_start
        elif _is_party(ctx, lexicon, piece_start, piece_end):
            items.append((piece_start, piece_end))
        elif items:
            items[-1] = (items[-1][0], piece_end)
    return tuple(items)


def _name_span(ctx: SentenceContext, start: int, end: int) -> tuple[int, int]:
    """A party's name without surrounding spaces and a leading English article."""
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    article = _EN_ARTICLE.match(text, start, end) if ctx.lang == "en" else None
    return (article.end(), end) if article else (start, end)


def _known(ctx: SentenceContext, start: int, end: int) -> NameMatch | None:
    """The state or body whose dictionary name is exactly text[start:end]."""
    start, end = _name_span(ctx, start, end)
    return next((n for n in ctx.names if n.kind in PARTY_KINDS and (n.start, n.end) == (start, end)), None)


def _is_head(text: str, lexicon: Lexicon, lang: str) -> bool:
    """A bare body head ("中心", "the Ministry"): a reference, not a name."""
    word = text.strip()
    article = _EN_ARTICLE.match(word) if lang == "en" else None
    word = word[article.end() :].lower() if article else word.lower()
    return any(word in (kind.zh if lang == "zh" else kind.en) for kind in lexicon.body_kinds)


def _is_party(ctx: SentenceContext, lexicon: Lexicon, start: int, end: int) -> bool:
    """text[start:end] names a known state or body, or a body by its head word."""
    if _known(ctx, start, end):
        return True
    name_start, name_end = _name_span(ctx, start, end)
    name = ctx.text[name_start:name_end]
    return bool(name) and not _is_head(name, lexicon, ctx.lang) and lexicon.body_class(name, ctx.lang) is not None


def _party(ctx: SentenceContext, lexicon: Lexicon, start: int, end: int, found: list[Observation]) -> Ref | None:
    """The party text[start:end] names; a body named by its head word is observed into `found`."""
    known = _known(ctx, start, end)
    if known is not None:
        return Ref(known.kind, known.key)  # observed by the dictionary extractor
    if not _is_party(ctx, lexicon, start, end):
        return None
    name_start, name_end = _name_span(ctx, start, end)
    name = ctx.text[name_start:name_end]
    obs = ctx.observe(Ref("body", name_key(name, ctx.lang)), lexicon.body_class(name, ctx.lang) or "Body", name_start, name_end)
    found.append(obs)
    return obs.ref


def _date(ctx: SentenceContext, before: int) -> DateValue | None:
    """The last date before the signing verb, else the date heading above the sentence."""
    dates = [d for d in find_dates(ctx.text) if d.start < before]
    if dates:
        return dates[-1].value
    return ctx.heading_dates[0].value if ctx.heading_dates else None


def _refers_back(title: str, head: str, lang: str) -> bool:
    """The title starts with the bare head (基地…协议) or says "the <head>"."""
    if lang == "zh":
        return title.startswith(head)
    return re.search(rf"\bthe {re.escape(head)}\b", title, re.IGNORECASE) is not None
