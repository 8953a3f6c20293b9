"""The soak test's traffic: weighted groups of requests covering every part of the server.

Resources and canned queries are taken from the running server, so the mix follows the data.
"""
from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import quote, urlencode

from scokg.ontology.namespaces import DEFAULT_BASE_IRI

from common import BenchError, Server, get, select_rows
from loadgen import Call
from workloads import N_TRIPLES, PREFIXES, SPARQL_JSON, describe_query, sparql

SEARCH_TERMS = ["kazakh", "哈萨克", "environment", "forum", "生态", "meeting", "no-such-name-xyz"]
DUMP = "/downloads/sco-kg.nq"


def traffic(server: Server) -> list[tuple[int, list[Call]]]:
    """The mix as (weight, calls) groups: a group is drawn by weight, then one of its calls at random.

    The resources and canned queries are taken from the running server.
    """
    kaz = f"{DEFAULT_BASE_IRI}resource/state/kaz"
    entities = _resources(server, "!CONTAINS(STR(?s), '/mention/') && !CONTAINS(STR(?s), '/evidence/')", 150)
    entities += _resources(server, "CONTAINS(STR(?s), '/mention/')", 20)
    status, body = get(server, "/queries/", accept="application/json")
    if status != 200:
        raise BenchError(f"/queries/ answered {status}")
    canned = [entry["url"] for entry in json.loads(body)["queries"]]
    forum = PREFIXES + 'SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), "forum")) } LIMIT 50'
    return [
        (12, [sparql("select", "/sparql", f"SELECT ?p ?o WHERE {{ <{kaz}> ?p ?o }}", SPARQL_JSON),
              Call("select", server.query_url(forum), headers={"Accept": SPARQL_JSON}),
              sparql("select", "/sparql", "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c", "text/csv")]),
        (4, [sparql("ask", "/sparql", PREFIXES + f"ASK {{ <{kaz}> a sco:State }}", SPARQL_JSON)]),
        (4, [sparql("construct", "/sparql", describe_query(kaz), N_TRIPLES)]),
        (2, [replace(sparql("malformed (400 expected)", "/sparql", "SELECT ?x WHERE { ?x", SPARQL_JSON),
                     ok=frozenset({400}))]),
        (15, [Call("entity-page", _local(iri), headers={"Accept": "text/html"}) for iri in entities]),
        (5, [Call("entity-turtle", _local(iri), headers={"Accept": "text/turtle"}) for iri in entities]),
        (15, [Call("search", "/search?" + urlencode({"q": term, "format": fmt}))
              for term in SEARCH_TERMS for fmt in ("json", "html")]),
        (15, [Call("canned", url, headers={"Accept": accept}) for url in canned for accept in (SPARQL_JSON, "text/html")]),
        (4, [Call("void", "/.well-known/void", headers={"Accept": "text/turtle"})]),
        (3, [Call("home", "/", headers={"Accept": "text/html"})]),
        (3, [Call("timeline", "/timeline.json")]),
        (1, [Call("dump", DUMP)]),
    ]


def _resources(server: Server, condition: str, count: int) -> list[str]:
    """About `count` resource IRIs meeting the SPARQL `condition` on ?s, spread over all of them."""
    rows = select_rows(server, f"""SELECT DISTINCT ?s WHERE {{ ?s a ?type
        FILTER(STRSTARTS(STR(?s), "{DEFAULT_BASE_IRI}resource/") && {condition}) }} ORDER BY ?s""")
    if not rows:
        raise BenchError(f"no resource has {condition}")
    return [row["s"]["value"] for row in rows[:: max(1, len(rows) // count)]]


def _local(iri: str) -> str:
    return "/" + quote(iri.removeprefix(DEFAULT_BASE_IRI), safe="/")
