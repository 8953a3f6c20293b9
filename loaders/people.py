"""Persons: "<state><title><name>", "<name><title>" and "<Title> <Name> of <state>" with role and state."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import NameMatch
from .normalize import name_key

_ZH_NAME = r"((?:[\u4e00-\u9fff]{1,8}[·•]){0,3}[\u4e00-\u9fff]{2,7}?)(?=[、，,。；;]|出席|主持|列席|和|以及|表示|指出|在|会见|发布|提出|承诺|称|曾|多次|强调|发来|向|致|$)"
_NOT_A_NAME = re.compile(r"^[国兼会并在轮的期级]|[的会国期]")
_ZH_FILLER = r"[\u4e00-\u9fff]{0,12}?"
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
    titles = sorted(lexicon.person_titles, key=lambda t: len(t[0]), reverse=True)
    title_alternation = "|".join(re.escape(t[0]) for t in titles)
    by_zh = {t[0]: t for t in titles}
    result: list[Observation] = []
    taken: list[tuple[int, int]] = []
    affiliations = [n for n in ctx.names if n.kind in ("state", "body")]
    for affiliation in affiliations:
        pattern = re.compile(rf"{_ZH_FILLER}({title_alternation}){_ZH_NAME}")
        match = pattern.match(text, affiliation.end)
        if not match or _NOT_A_NAME.search(match.group(2)) or any(ctx.names_of(k, match.start(2), match.end(2)) for k in ("state", "place", "body")):
            continue
        result.append(_person(ctx, match.start(2), match.end(2), by_zh[match.group(1)], affiliation))
        taken.append((match.start(2), match.end(2)))
    for title in _ZH_NAME_FIRST_TITLES:
        for match in re.finditer(rf"(?:^|(?<=[，,。、；：\s“]))([\u4e00-\u9fff]{{2,3}}){title}(?![会级])", text):
            if any(s <= match.start(1) < e for s, e in taken) or _NOT_A_NAME.search(match.group(1)) or ctx.names_of("state", match.start(1), match.end(1)):
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
