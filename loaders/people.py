"""Persons: "<state><title><name>", "<name><title>" and "<Title> <Name> of <state>" with role and state."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import EMPLOYER_KINDS, NameMatch
from .normalize import name_key
from .phrases import ZH_NOT_A_NAME, zh_titled_names

_ZH_NAME_FIRST_TITLES = ("主席", "部长", "总统", "总理")
_EN_NAME = r"((?:[A-Z][a-z]+\.?|[A-Z]\.)(?:\s+(?:bin|al-|de|van)?\s*[A-Z][\w\-]+)*)"
_EN_STATE_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?")


def find_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    return _zh_persons(ctx, lexicon) if ctx.lang == "zh" else _en_persons(ctx, lexicon)


def _person(ctx: SentenceContext, start: int, end: int, titles: tuple[str, str], affiliation: NameMatch | None) -> Observation:
    name = ctx.text[start:end]
    obs = ctx.observe(Ref("person", name_key(name, ctx.lang)), "Person", start, end)
    evidence = ctx.evidence()
    obs.add("schema:jobTitle", titles[0], evidence, "zh")
    obs.add("schema:jobTitle", titles[1], evidence, "en")
    if affiliation is not None:
        obs.add("sco:represents", Ref(affiliation.kind, affiliation.key), evidence)
    return obs


def _zh_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    by_zh = {t[0]: t for t in lexicon.person_titles}
    result: list[Observation] = []
    taken: list[tuple[int, int]] = []
    employers = {n.end: n for n in ctx.names if n.kind in EMPLOYER_KINDS}
    for titled in zh_titled_names(text, list(employers), list(by_zh)):
        name = titled.name
        if any(ctx.names_of(k, name.start, name.end) for k in ("state", "place", "body")):
            continue
        result.append(_person(ctx, name.start, name.end, by_zh[titled.title], employers[titled.employer_end]))
        taken.append((name.start, name.end))
    for title in _ZH_NAME_FIRST_TITLES:
        for match in re.finditer(rf"(?:^|(?<=[，,。、；：\s“]))([\u4e00-\u9fff]{{2,3}}){title}(?![会级])", text):
            if any(s <= match.start(1) < e for s, e in taken) or ZH_NOT_A_NAME.search(match.group(1)) or ctx.names_of("state", match.start(1), match.end(1)):
                continue
            result.append(_person(ctx, match.start(1), match.end(1), by_zh[title], None))
    return result


def _en_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    text = ctx.text
    titles = sorted(lexicon.person_titles, key=lambda t: len(t[1]), reverse=True)
    alternation = "|".join(re.escape(t[1]) for t in titles)
    by_en = {t[1]: t for t in titles}
    result: list[Observation] = []
    for match in re.finditer(rf"\b({alternation})\s+{_EN_NAME}", text):
        name_start, name_end = match.start(2), match.end(2)
        name = text[name_start:name_end]
        if ctx.names_of("state", name_start, name_end) or name.split()[0] in ("of", "The", "Minister"):
            continue
        affiliation = _en_affiliation(ctx, match.start(1), name_end)
        result.append(_person(ctx, name_start, name_end, by_en[match.group(1)], affiliation))
    return result


def _en_affiliation(ctx: SentenceContext, title_start: int, name_end: int) -> NameMatch | None:
    """"… of the Republic of Belarus" after the name, or "Russian Prime Minister …" / "SCO …" before the title."""
    after = _EN_STATE_AFTER.match(ctx.text[name_end:])
    if after:
        start = name_end + after.end()
        following = [n for n in ctx.names if n.start == start and n.kind in ("state", "body")]
        if following:
            return following[0]
    before = [n for n in ctx.names if n.kind in ("state", "body") and 0 <= title_start - n.end <= 40 and "," not in ctx.text[n.end : title_start]]
    return before[-1] if before else None
