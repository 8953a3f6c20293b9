"""Observations of the states, places and well-known initiatives named in a sentence, and SCO role lists."""
from __future__ import annotations

import re

from .alternation import alternation
from .body_names import body_names
from .context import SentenceContext
from .gazetteer import StateRecord, load_gazetteer
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import NameMatch

_KIND_CLASS = {"state": "State", "place": "Place"}
_ZH_LIST_END = re.compile(r"[。；;]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_LIST_SEPARATOR = re.compile(r"、|以及|和|及")
_EN_LIST_SEPARATOR = re.compile(r",\s+and\s+|,\s+|\s+and\s+")
_EN_APPOSITION = re.compile(r",\s+(?:an?|the)\s+(?:SCO\s+|Shanghai Cooperation Organi[sz]ation\s+)?")  # "Mongolia, an SCO observer state"


def find_known_names(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """One observation per state, place or well-known initiative name; one named inside a body's
    name ("俄罗斯能源部") is marked nested. Bodies are observed by `bodies.find_bodies`."""
    bodies = [(b.start, b.end) for b in body_names(ctx.text, ctx.lang, tuple(ctx.names))]
    classes = {**_KIND_CLASS, **{i.id: i.sco_class for i in lexicon.known_initiatives}}
    result = []
    for name in ctx.names:
        sco_class = classes.get(name.key if name.kind == "initiative" else name.kind)
        if sco_class is None:
            continue
        obs = ctx.observe(Ref(name.kind, name.key), sco_class, name.start, name.end)
        obs.nested = any(start <= name.start and name.end <= end for start, end in bodies)
        result.append(obs)
    return result + _states_of_known_bodies(ctx, lexicon)


def _states_of_known_bodies(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """A well-known body of a state named by a name that holds the state's ("中华人民共和国国务院",
    "State Council of the People's Republic of China") names that state too (nested); a name
    pairing the state with another party ("中国-上海合作组织…") does not."""
    gazetteer = load_gazetteer()
    known = lexicon.bodies_by_id
    result = []
    for name in ctx.names:
        country = known[name.key].country if name.key in known else None
        state = gazetteer.state_by_code(country or "") if name.kind == "body" else None
        span = _state_in_name(name.text, state, ctx.lang) if state else None
        if span is not None:
            obs = ctx.observe(Ref("state", state.alpha3), "State", name.start + span[0], name.start + span[1])
            obs.nested = True
            result.append(obs)
    return result


def _state_in_name(text: str, state: StateRecord, lang: str) -> tuple[int, int] | None:
    """Where a body's name holds its state's name: at its start, right before the rest of the
    name (Chinese), or at its end after "of" (English)."""
    if lang == "zh":
        for name in sorted(state.all_zh_names, key=len, reverse=True):
            if text.startswith(name) and _CJK.match(text[len(name) : len(name) + 1]):
                return 0, len(name)
        return None
    for name in sorted(state.all_en_names, key=len, reverse=True):
        match = re.search(rf"\bof\s+(?:the\s+)?({re.escape(name)})$", text)
        if match:
            return match.span(1)
    return None


def find_role_lists(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """"十个成员国：A、B…" / "10 Member States— A, B…": every state listed after a role word has
    that role; so have the states a role word stands in apposition to: right after it
    ("上合组织对话伙伴阿塞拜疆、柬埔寨和尼泊尔", "the SCO dialogue partners Azerbaijan, Cambodia
    and Nepal") or, in English, right before ", an SCO observer state"."""
    result = []
    text = ctx.text
    flags = 0 if ctx.lang == "zh" else re.IGNORECASE
    for role in lexicon.state_roles:
        words = role.zh if ctx.lang == "zh" else role.en
        pattern = alternation(words, longest_first=True)
        named = []
        for match in re.finditer(rf"(?:{pattern})\s*[：:—–\-]+", text, flags=flags):
            end_match = _ZH_LIST_END.search(text, match.end())
            end = end_match.start() if end_match else len(text)
            named += ctx.names_of("state", match.end(), end)
        for match in re.finditer(rf"\b(?:{pattern})\b" if ctx.lang == "en" else pattern, text, flags=flags):
            named += _states_listed_from(ctx, match.end())
        if ctx.lang == "en":
            named += [n for n in ctx.names_of("state") if _in_apposition(text, n.end, pattern)]
        for name in named:
            obs = ctx.observe(Ref("state", name.key), "State", name.start, name.end)
            obs.add("sco:scoRole", Ref("role", role.sco_class), ctx.evidence())
            result.append(obs)
    return result


def _in_apposition(text: str, position: int, role_words: str) -> bool:
    """", an SCO observer state" follows `position`."""
    apposition = _EN_APPOSITION.match(text, position)
    return apposition is not None and re.match(rf"(?:{role_words})\b", text[apposition.end() :], re.IGNORECASE) is not None


def _states_listed_from(ctx: SentenceContext, position: int) -> list[NameMatch]:
    """The states named one after another from `position` on ("阿塞拜疆、柬埔寨和尼泊尔",
    " Azerbaijan, Cambodia and Nepal"), joined only by list separators."""
    states = {n.start: n for n in ctx.names_of("state")}
    separator = _ZH_LIST_SEPARATOR if ctx.lang == "zh" else _EN_LIST_SEPARATOR
    first = re.match(r"\s*", ctx.text[position:]).end() if ctx.lang == "en" else 0
    result, cursor = [], position + first
    while cursor in states:
        name = states[cursor]
        result.append(name)
        joined = separator.match(ctx.text, name.end)
        if joined is None:
            break
        cursor = joined.end()
    return result
