"""The fixed query mix of the serving benchmark, as the same request to `scokg serve` and to Oxigraph.

Each workload is one request repeated; for scokg it goes where a user of this project would send
it (`/sparql`, a `/resource/...` page, a `/queries/<name>` canned query), for Oxigraph server to
`/query` with the SPARQL text that returns the same data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from scokg.queries.catalog import load_catalog
from scokg.server.canned import editor_text

from loadgen import Call

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
CANNED_QUERY = "meetings-in-country"  # a canned query with a parameter, run with its default
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sco: <https://w3id.org/sco-kg/ontology#>
PREFIX schema: <https://schema.org/>
"""


@dataclass(frozen=True)
class Workload:
    """One entry of the mix: what it exercises and the request each server gets."""

    name: str
    description: str
    scokg: Call
    oxigraph: Call
    comparable: bool = True  # both answers are the same kind of document, so their sizes must match


def sparql(name: str, path: str, query: str, accept: str) -> Call:
    """A SPARQL protocol POST with the query as an `application/sparql-query` body."""
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    return Call(name, path, "POST", body=query.encode("utf-8"), headers=headers)


def workloads(base_iri: str, meeting_iri: str) -> list[Workload]:
    """The mix over a graph whose resources are under `base_iri`; `meeting_iri` is one meeting in it."""
    kaz = f"{base_iri}resource/state/kaz"
    queries = {
        "point-lookup": ("all statements about …/state/kaz", f"SELECT ?p ?o WHERE {{ <{kaz}> ?p ?o }}"),
        "label-search": (
            "labels containing 'environment' (FILTER CONTAINS)",
            PREFIXES + 'SELECT ?s ?label WHERE { ?s rdfs:label ?label '
            'FILTER(CONTAINS(LCASE(STR(?label)), "environment")) } LIMIT 100',
        ),
        "join": (
            "meetings with their series and places",
            PREFIXES + """SELECT ?meeting ?date ?seriesLabel ?placeLabel WHERE {
  ?meeting sco:inSeries ?series ; sco:place ?place .
  OPTIONAL { ?meeting schema:startDate ?date }
  ?series rdfs:label ?seriesLabel FILTER(LANG(?seriesLabel) = "en")
  ?place rdfs:label ?placeLabel FILTER(LANG(?placeLabel) = "en")
}""",
        ),
        "aggregation": (
            "instances per class (COUNT DISTINCT, GROUP BY)",
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
        ),
        "order-paging": (
            "English labels, ORDER BY, LIMIT 20 OFFSET 40",
            PREFIXES + 'SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER(LANG(?label) = "en") } '
            "ORDER BY ?label ?s LIMIT 20 OFFSET 40",
        ),
    }
    mix = [
        Workload(name, description, sparql(name, "/sparql", text, SPARQL_JSON), sparql(name, "/query", text, SPARQL_JSON))
        for name, (description, text) in queries.items()
    ]
    neighbourhood = PREFIXES + f"""CONSTRUCT {{ ?m ?p ?o . ?o rdfs:label ?ol . ?s ?q ?m . ?s rdfs:label ?sl }}
WHERE {{ VALUES ?m {{ <{meeting_iri}> }}
  {{ ?m ?p ?o OPTIONAL {{ ?o rdfs:label ?ol }} }} UNION {{ ?s ?q ?m OPTIONAL {{ ?s rdfs:label ?sl }} }} }}"""
    mix.append(Workload(
        "construct", "CONSTRUCT the neighbourhood of a meeting, with labels",
        sparql("construct", "/sparql", neighbourhood, N_TRIPLES), sparql("construct", "/query", neighbourhood, N_TRIPLES),
    ))
    mix.append(Workload(
        "entity-page", "scokg: /resource/state/kaz as HTML; Oxigraph: the same description as CONSTRUCT",
        Call("entity-page", "/resource/state/kaz", headers={"Accept": "text/html"}),
        sparql("entity-page", "/query", describe_query(kaz), N_TRIPLES),
        comparable=False,
    ))
    canned = load_catalog()[CANNED_QUERY]
    defaults = {p.name: p.default for p in canned.parameters}
    mix.append(Workload(
        "canned", f"/queries/{CANNED_QUERY}?{urlencode(defaults)}; Oxigraph: its text with the parameter as VALUES",
        Call("canned", f"/queries/{CANNED_QUERY}?{urlencode(defaults)}", headers={"Accept": SPARQL_JSON}),
        sparql("canned", "/query", editor_text(canned.text, canned.default_bindings()), SPARQL_JSON),
    ))
    return mix


def describe_query(iri: str) -> str:
    """What an entity page shows, as one CONSTRUCT: statements from and to `iri`, and neighbours' labels."""
    return PREFIXES + f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?n rdfs:label ?label }} WHERE {{
  {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }}
  UNION {{ {{ <{iri}> ?p2 ?n }} UNION {{ ?n ?q2 <{iri}> }} ?n rdfs:label ?label }}
}}"""


def answer_size(body: bytes, accept: str) -> int | None:
    """Rows of a SPARQL JSON answer or lines of an N-Triples one (None for other documents)."""
    if accept == SPARQL_JSON:
        return len(json.loads(body)["results"]["bindings"])
    if accept == N_TRIPLES:
        return sum(1 for line in body.splitlines() if line.strip())
    return None
