"""Observations of states, places and well-known bodies named in a sentence, and SCO role lists."""
from __future__ import annotations

import re

from .context import SentenceContext
from .lexicon import Lexicon
from .model import Observation, Ref

_KIND_CLASS = {"state": "State", "place": "Place", "body": "Body"}
_ZH_LIST_END = re.compile(r"[。；;]")


def find_known_names(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """One observation per dictionary name (the class of a body comes from the body list)."""
    bodies = {b.id: b for b in lexicon.bodies}
    result = []
    for name in ctx.names:
        sco_class = bodies[name.key].sco_class if name.kind == "body" else _KIND_CLASS[name.kind]
        result.append(ctx.observe(Ref(name.kind, name.key), sco_class, name.start, name.end))
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
