"""Observations of the bodies a sentence names, with the country, place and parent their names give."""
from __future__ import annotations

import re
from dataclasses import replace

from .body_names import ORGANISATION, BodyName, body_names
from .context import SentenceContext
from .founding import founding
from .lexicon import Lexicon
from .model import Observation, Ref
from .phrases import bracketed_titles

_EN_CAPITALISED_RUN = re.compile(r"(?: [A-Z][\w'’\-]*)+")


def find_bodies(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """One observation per body name; a well-known body named inside another body's name is
    marked nested ("上合组织" in "上合组织银行联合体"), or left out when it only qualifies the
    name (`_qualifier`). A well-known body is part of the body the reference data says it
    belongs to; a founding the sentence tells gives a date and place. A body named inside a
    《title》 is part of the title's name, not a mention of the body."""
    parents = {b.id: b.part_of for b in lexicon.bodies}
    heads = {word for kinds in (lexicon.body_kinds, lexicon.initiative_kinds, lexicon.document_kinds) for kind in kinds for word in kind.en}
    found = body_names(ctx.text, ctx.lang, tuple(ctx.names))
    titles = bracketed_titles(ctx.text) if ctx.lang == "zh" else []
    result = []
    for body in found:
        if any(t.start < body.start and body.end < t.end for t in titles) or _qualifier(ctx, body, found, heads):
            continue
        if body.known and parents[body.ref.key]:
            body = replace(body, part_of=Ref("body", parents[body.ref.key]))
        obs = ctx.observe(body.ref, body.sco_class, body.start, body.end, name=body.text)
        obs.nested = body.known and _inside_another(body, found)
        evidence = ctx.evidence()
        if body.country:
            obs.add("sco:country", Ref("state", body.country), evidence)
        if body.place:
            obs.add("sco:place", Ref("place", body.place), evidence)
        if body.part_of:
            obs.add("sco:partOf", body.part_of, evidence)
        founded = founding(ctx, body, found, lexicon)
        if founded and founded.date:
            obs.add("schema:foundingDate", founded.date, evidence)
        if founded and founded.place and not body.place:
            obs.add("sco:place", Ref("place", founded.place), evidence)
        result.append(obs)
    return result


def _qualifier(ctx: SentenceContext, body: BodyName, found: list[BodyName], en_heads: set[str]) -> bool:
    """A well-known international organisation whose name only begins a longer proper name: of a
    body found by its head ("联合国" in "联合国人类住区规划署"), or, in English, capitalised words
    ending in a head word of a body, initiative or document ("United Nations Human Settlements
    Programme", "UN Charter"). It qualifies that name; it is not named."""
    if not body.known or body.sco_class != ORGANISATION:
        return False
    longer = [o for o in found if o.start == body.start and o.end > body.end]
    if longer and not any(o.known for o in longer):
        return True  # (inside a well-known body's name it stays, nested: "上合组织|地区反恐怖机构")
    following = _EN_CAPITALISED_RUN.match(ctx.text, body.end) if ctx.lang == "en" else None
    return following is not None and following.group(0).split()[-1].lower() in en_heads


def _inside_another(body: BodyName, found: list[BodyName]) -> bool:
    return any(o.start <= body.start and body.end <= o.end and (o.start, o.end) != (body.start, body.end) for o in found)
