"""Observations of the states and places named in a sentence, and SCO role lists."""
from __future__ import annotations

import re

from .body_names import body_names
from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref

_KIND_CLASS = {"state": "State", "place": "Place"}
_ZH_LIST_END = re.compile(r"[。；;]")


def find_known_names(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """One observation per state or place name; one named inside a body's name ("俄罗斯能源部")
    is marked nested. Bodies are observed by `bodies.find_bodies`."""
    bodies = [(b.start, b.end) for b in body_names(ctx.text, ctx.lang, tuple(ctx.names))]
    result = []
    for name in ctx.names:
        if name.kind not in _KIND_CLASS:
            continue
        obs = ctx.observe(Ref(name.kind, name.key), _KIND_CLASS[name.kind], name.start, name.end)
        obs.nested = any(start <= name.start and name.end <= end for start, end in bodies)
        result.append(obs)
    return result


def find_role_lists(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """"十个成员国：A、B…" / "10 Member States— A, B…": every state listed after a role word has that role."""
    result = []
    text = ctx.text
    for role in lexicon.state_roles:
        words = role.zh if ctx.lang == "zh" else role.en
        pattern = "|".join(re.escape(w) for w in words)
        for match in re.finditer(rf"(?:{pattern})\s*[：:—–\-]+", text, flags=0 if ctx.lang == "zh" else re.IGNORECASE):
            end_match = _ZH_LIST_END.search(text, match.end())
            end = end_match.start() if end_match else len(text)
            for name in ctx.names_of("state", match.end(), end):
                obs = ctx.observe(Ref("state", name.key), "State", name.start, name.end)
                obs.add("sco:scoRole", Ref("role", role.sco_class), ctx.evidence())
                result.append(obs)
    return result
