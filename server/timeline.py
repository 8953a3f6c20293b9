"""The timeline: dated meetings and documents, grouped by year."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Store

from scokg.ontology.namespaces import DCTERMS, PREFIXES, SCHEMA, SCO
from scokg.server.links import local_href

# A meeting is an instance of sco:Meeting or of a subclass, dated by schema:startDate; a document
# an instance of a subclass of sco:Document (or of sco:Document itself), dated by dcterms:date.
# One row per item: the earliest of its dates, one label per language.
_ITEMS = f"""
PREFIX sco: <{SCO}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
PREFIX schema: <{SCHEMA}>
PREFIX dcterms: <{DCTERMS}>
SELECT ?item ?kind (MIN(STR(?d)) AS ?date) (MIN(?en) AS ?labelEn) (MIN(?zh) AS ?labelZh) WHERE {{
  {{
    ?item a ?class ; schema:startDate ?d .
    ?class rdfs:subClassOf* sco:Meeting .
    BIND("meeting" AS ?kind)
  }} UNION {{
    ?item a ?class ; dcterms:date ?d .
    ?class rdfs:subClassOf* sco:Document .
    BIND("document" AS ?kind)
  }}
  OPTIONAL {{ ?item rdfs:label ?enLabel FILTER(LANGMATCHES(LANG(?enLabel), "en")) }}
  OPTIONAL {{ ?item rdfs:label ?zhLabel FILTER(LANGMATCHES(LANG(?zhLabel), "zh")) }}
  BIND(STR(?enLabel) AS ?en)
  BIND(STR(?zhLabel) AS ?zh)
}}
GROUP BY ?item ?kind
"""

_YEAR = re.compile(r"-?\d{4,}")  # xsd:date, xsd:gYearMonth and xsd:gYear all begin with the year


@dataclass(frozen=True)
class TimelineItem:
    """A dated meeting or document."""

    iri: str
    label: str  # English, else Chinese, else the IRI's last segment
    label_zh: str
    date: str  # lexical form, with the precision the source gives (2018, 2018-06, 2018-06-10)
    kind: str  # "meeting" or "document"


@dataclass(frozen=True)
class TimelineYear:
    """The meetings and documents of one year, by date."""

    year: int
    items: tuple[TimelineItem, ...]

    @property
    def meetings(self) -> int:
        """Number of meetings this year."""
        return sum(item.kind == "meeting" for item in self.items)

    @property
    def documents(self) -> int:
        """Number of documents this year."""
        return sum(item.kind == "document" for item in self.items)


def timeline(store: Store) -> tuple[TimelineYear, ...]:
    """Every dated meeting and document in the store, grouped by year, years in order."""
    by_year: dict[int, list[TimelineItem]] = {}
    for row in store.query(_ITEMS, use_default_graph_as_union=True):
        date = row["date"].value
        year = _YEAR.match(date)
        if year is None:  # a malformed date cannot be placed on the timeline
            continue
        iri = row["item"].value
        label_en = row["labelEn"].value if row["labelEn"] is not None else ""
        label_zh = row["labelZh"].value if row["labelZh"] is not None else ""
        label = label_en or label_zh or iri.rstrip("/").rsplit("/", 1)[-1]
        by_year.setdefault(int(year.group()), []).append(TimelineItem(iri, label, label_zh, date, row["kind"].value))
    return tuple(
        TimelineYear(year, tuple(sorted(items, key=lambda item: (item.date, item.kind, item.label, item.iri))))
        for year, items in sorted(by_year.items())
    )


def timeline_json(years: tuple[TimelineYear, ...], base_iri: str) -> dict[str, Any]:
    """The timeline as served at `/timeline.json`; `href` is the item's path on this server."""
    return {
        "years": [
            {
                "year": year.year,
                "meetings": year.meetings,
                "documents": year.documents,
                "items": [
                    {
                        "iri": item.iri,
                        "href": local_href(item.iri, base_iri),
                        "label": item.label,
                        "label_zh": item.label_zh,
                        "date": item.date,
                        "kind": item.kind,
                    }
                    for item in year.items
                ],
            }
            for year in years
        ]
    }
