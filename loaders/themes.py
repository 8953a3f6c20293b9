"""Themes: the SKOS scheme from reference data, and subjects of things whose names carry a theme keyword."""
from __future__ import annotations

from .gazetteer import Gazetteer
from .model import Fact, Ref
from .resolve import Entity

TAGGED_KINDS = ("document", "meeting", "initiative", "series")


def theme_entities(gazetteer: Gazetteer) -> dict[Ref, Entity]:
    """One skos:Concept per theme, in the theme scheme, with broader links."""
    entities = {}
    for theme in gazetteer.themes:
        ref = Ref("theme", theme.slug)
        entity = Entity(ref, "Theme", labels={"en": theme.en, "zh": theme.zh}, slug=theme.slug)
        entity.facts.append(Fact("skos:definition", theme.definition_en, None, "en"))
        entity.facts.append(Fact("skos:definition", theme.definition_zh, None, "zh"))
        entity.facts.append(Fact("skos:inScheme", Ref("role", "ThemeScheme"), None))
        if theme.broader:
            entity.facts.append(Fact("skos:broader", Ref("theme", theme.broader), None))
        entities[ref] = entity
    return entities


def tag_themes(entities: dict[Ref, Entity], gazetteer: Gazetteer) -> None:
    """dcterms:subject for every document, meeting, initiative or series whose label has a theme keyword."""
    for entity in entities.values():
        if entity.ref.kind not in TAGGED_KINDS:
            continue
        zh = entity.labels.get("zh", "")
        en = entity.labels.get("en", "").lower()
        for theme in gazetteer.themes:
            if any(k in zh for k in theme.keywords_zh) or any(k in en for k in theme.keywords_en):
                evidence = entity.spans[0].evidence if entity.spans else None
                entity.facts.append(Fact("dcterms:subject", Ref("theme", theme.slug), evidence))
