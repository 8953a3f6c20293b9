"""Document titles: 《…》 in Chinese, quoted or title-case phrases in English, with date and place."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .normalize import name_key
from .phrases import Phrase, bracketed_titles, inner_titles, parenthetical_after, title_case_phrases
from .temporal import find_dates

_EN_QUOTED = re.compile(r"[\"“]([^\"“”]{6,300})[\"”]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
MIN_EN_TITLE_WORDS = 3


def document_ref(title: str, lang: str) -> Ref:
    return Ref("document", name_key(title, lang))


def find_documents(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Every document title in the sentence, with its kind, date, place and the titles it implements."""
    phrases = bracketed_titles(ctx.text) if ctx.lang == "zh" else _en_titles(ctx.text, lexicon)
    observations: list[Observation] = []
    nested: list[Observation] = []
    for phrase in phrases:
        title = phrase.text.strip()
        sco_class = lexicon.document_class(title, ctx.lang)
        if not sco_class:
            continue
        obs = ctx.observe(document_ref(title, ctx.lang), sco_class, phrase.start, phrase.end, name=title)
        _add_date_and_place(ctx, obs, phrase)
        for inner in inner_titles(title) if ctx.lang == "zh" else ():
            inner_class = lexicon.document_class(inner, ctx.lang)
            if inner_class:
                inner_obs = ctx.observe(document_ref(inner, ctx.lang), inner_class, phrase.start, phrase.end, name=inner)
                inner_obs.nested = True
                nested.append(inner_obs)
                obs.add("sco:implements", inner_obs.ref, ctx.evidence())
        observations.append(obs)
    return observations + nested


def _en_titles(text: str, lexicon: Lexicon) -> list[Phrase]:
    quoted = [Phrase(m.start(1), m.end(1), m.group(1)) for m in _EN_QUOTED.finditer(text)]
    covered = [(p.start, p.end) for p in quoted]
    phrases = list(quoted)
    for phrase in title_case_phrases(text):
        if any(s <= phrase.start < e for s, e in covered):
            continue
        words = phrase.text.split()
        if len(words) >= MIN_EN_TITLE_WORDS and lexicon.document_class(phrase.text, "en"):
            stripped = _LEADING_ARTICLE.sub("", phrase.text)
            offset = len(phrase.text) - len(stripped)
            phrases.append(Phrase(phrase.start + offset, phrase.end, stripped))
    return sorted(phrases, key=lambda p: p.start)


def _add_date_and_place(ctx: SentenceContext, obs: Observation, phrase: Phrase) -> None:
    """Date and place from a parenthesis after the title, else from a date heading above it."""
    closing = phrase.end
    if ctx.lang == "en" and ctx.text[phrase.end : phrase.end + 1] in ("\"", "”"):
        closing = phrase.end + 1
    parenthesis = parenthetical_after(ctx.text, closing)
    dates = find_dates(parenthesis.text) if parenthesis else []
    if dates:
        obs.add("dcterms:date", dates[0].value, ctx.evidence())
        for place in ctx.names_of("place", parenthesis.start, parenthesis.end):
            obs.add("sco:place", Ref("place", place.key), ctx.evidence())
    elif ctx.heading_dates and _is_whole_sentence(ctx, phrase):
        obs.add("dcterms:date", ctx.heading_dates[0].value, ctx.evidence())


def _is_whole_sentence(ctx: SentenceContext, phrase: Phrase) -> bool:
    """The title is the whole line (a timeline entry under a date line)."""
    rest = (ctx.text[: phrase.start] + ctx.text[phrase.end :]).strip(" 《》\"“”")
    return len(rest) <= 2
