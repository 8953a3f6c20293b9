"""Observations of the bodies a sentence names, with the country, place and parent their names give."""
from __future__ import annotations

from dataclasses import replace

from .body_names import BodyName, body_names
from .context import SentenceContext
from .founding import founding
from .lexicon import Lexicon
from .model import Observation, Ref
from .phrases import bracketed_titles


def find_bodies(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """One observation per body name; a well-known body named inside another body's name is
    marked nested ("上合组织" in "上合组织大学"). A well-known body is part of the body the
    reference data says it belongs to; a founding the sentence tells gives a date and place. A
    body named inside a 《title》 is part of the title's name, not a mention of the body."""
    parents = {b.id: b.part_of for b in lexicon.bodies}
    found = body_names(ctx.text, ctx.lang, tuple(ctx.names))
    titles = bracketed_titles(ctx.text) if ctx.lang == "zh" else []
    result = []
    for body in found:
        if any(t.start < body.start and body.end < t.end for t in titles):
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


def _inside_another(body: BodyName, found: list[BodyName]) -> bool:
    return any(o.start <= body.start and body.end <= o.end and (o.start, o.end) != (body.start, body.end) for o in found)
