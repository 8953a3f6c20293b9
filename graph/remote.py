"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB) seen as a pyoxigraph `Store`.

`RemoteClient` speaks the SPARQL 1.1 Protocol (queries and updates, POSTed as forms) and the
Graph Store Protocol (PUT and DELETE of named graphs) with `requests`, and offers the part of the
pyoxigraph `Store` API the rest of sco-kg calls: `query`, `quads_for_pattern`,
`contains_named_graph`, `named_graphs`, `dump`, `len()` and iteration. Answers are parsed with
pyoxigraph's own parsers, so callers get real pyoxigraph result objects.

What differs from an embedded store:

- `use_default_graph_as_union` (without another dataset) sends every named graph of the store
  as a `default-graph-uri` and a `named-graph-uri`, so the default graph is their union and
  GRAPH still reaches each of them, on any SPARQL 1.1 store; the
  graph list is read again at most every `GRAPH_LIST_S` seconds. Configure the remote store
  without a union default graph of its own (not `oxigraph serve --union-default-graph`), or
  queries with FROM and without a union would see the union too.
- `substitutions` become `VALUES` rows at the start of the query's WHERE group (as
  `server.bound_query` writes them; IRIs and literals only), and `prefixes` become `PREFIX`
  declarations before the query.
- Blank nodes cannot be named in a query, so a pattern with a blank node matches nothing.
- Only quads in named graphs are seen by `quads_for_pattern`, `len()` and `dump` (a build puts
  every quad in a named graph).
"""
from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import requests
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

from scokg.server.bound_query import with_values

Term = NamedNode | BlankNode | Literal

# The URL keys of the `remote:` store syntax, and what each is for.
URL_KEYS = {"query": "SPARQL query endpoint", "update": "SPARQL update endpoint", "gsp": "Graph Store Protocol endpoint"}
# Seconds the list of named graphs (the union default graph) is reused before it is read again.
GRAPH_LIST_S = 5.0
_PREFIX = "remote:"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_CONNECT_TIMEOUT_S = 5.0
_MESSAGE_CHARS = 500


class RemoteError(Exception):
    """The remote store could not answer."""


class RemoteRejected(RemoteError, SyntaxError):
    """The remote store refused the operation (a 4xx answer), most often because it is malformed.

    A `SyntaxError`, as pyoxigraph raises for a malformed query, so callers report it the same way.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"the remote store answered {status}: {message}")
        self.status = status


class RemoteTimeout(RemoteError):
    """The remote store did not answer within the time budget."""


class RemoteUnavailable(RemoteError):
    """The remote store cannot be reached, or failed (connection refused, 5xx)."""


@dataclass(frozen=True)
class RemoteEndpoints:
    """The three URLs of a remote store."""

    query: str
    update: str
    gsp: str

    @classmethod
    def parse(cls, text: str, setting: str = "SCOKG_STORE") -> RemoteEndpoints:
        """Read `remote:query=URL,update=URL,gsp=URL` (keys in any order); ValueError names `setting`."""
        if not text.startswith(_PREFIX):
            raise ValueError(f"{setting}: a remote store starts with {_PREFIX!r}, got {text!r}")
        urls: dict[str, str] = {}
        for item in text[len(_PREFIX):].split(","):
            key, equals, url = item.strip().partition("=")
            if not equals or key not in URL_KEYS:
                raise ValueError(f"{setting}: expected key=URL with a key among {', '.join(URL_KEYS)}, got {item!r}")
            if key in urls:
                raise ValueError(f"{setting}: {key}= is given twice")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
                raise ValueError(f"{setting}: {key}= must be an absolute http(s) URL without a fragment, got {url!r}")
            urls[key] = url
        missing = [key for key in URL_KEYS if key not in urls]
        if missing:
            raise ValueError(f"{setting}: missing {', '.join(f'{key}= ({URL_KEYS[key]})' for key in missing)}")
        return cls(**urls)

    def __str__(self) -> str:
        return f"{_PREFIX}query={self.query},update={self.update},gsp={self.gsp}"


class RemoteClient:
    """A remote SPARQL 1.1 store, with the subset of the pyoxigraph `Store` API sco-kg uses.

    A request that gets no bytes of an answer for `timeout_s` seconds fails with `RemoteTimeout`
    (requests' read timeout: it bounds each wait, not the whole transfer).
    """

    def __init__(self, endpoints: RemoteEndpoints, timeout_s: float, session: requests.Session | None = None) -> None:
        self.endpoints = endpoints
        self.timeout_s = timeout_s
        self._session = session or requests.Session()
        self._graphs: tuple[float, list[NamedNode]] = (-math.inf, [])
        self._graphs_lock = threading.Lock()

    # --- pyoxigraph Store API -------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph: NamedNode | Iterable[NamedNode] | None = None,
        named_graphs: Iterable[NamedNode] | None = None,
        substitutions: Mapping[Variable, Term] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QuerySolutions | QueryBoolean | QueryTriples:
        """Run `query` on the remote store; the answer as pyoxigraph results (see the module notes)."""
        if use_default_graph_as_union and default_graph is None and named_graphs is None:
            default_graph = named_graphs = self._graph_list()  # a dataset given names its named graphs too
        bindings = {variable.value: term for variable, term in (substitutions or {}).items()}
        text = _with_prefixes(with_values(query, bindings), prefixes or {})
        form: dict[str, Any] = {"query": text}
        if default_graph is not None:
            graphs = [default_graph] if isinstance(default_graph, (NamedNode, DefaultGraph)) else list(default_graph)
            form["default-graph-uri"] = [graph.value for graph in graphs if isinstance(graph, NamedNode)]
        if named_graphs is not None:
            form["named-graph-uri"] = [graph.value for graph in named_graphs]
        response = self._send("POST", self.endpoints.query, data=form, headers={"Accept": _ACCEPT})
        return _results(response)

    def quads_for_pattern(
        self, subject: Term | None, predicate: NamedNode | None, object: Term | None, graph_name: NamedNode | None = None
    ) -> Iterator[Quad]:
        """The quads of the named graphs matching the pattern (None matches anything)."""
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        if any(isinstance(term, BlankNode) for term in terms.values()) or isinstance(graph_name, DefaultGraph):
            return iter(())
        bound = {Variable(name): term for name, term in terms.items() if term is not None}
        solutions = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions=bound)
        return iter([Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions])

    def contains_named_graph(self, graph_name: NamedNode) -> bool:
        """Whether the remote store has a named graph `graph_name` with at least one triple."""
        return bool(self.query(f"ASK {{ GRAPH {graph_name} {{ ?s ?p ?o }} }}"))

    def named_graphs(self) -> Iterator[NamedNode]:
        """The named graphs of the remote store."""
        return iter([row["g"] for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")])

    def _graph_list(self) -> list[NamedNode]:
        """The named graphs, read at most every `GRAPH_LIST_S` seconds."""
        with self._graphs_lock:
            read_at, graphs = self._graphs
            if time.monotonic() - read_at >= GRAPH_LIST_S:
                graphs = list(self.named_graphs())
                self._graphs = (time.monotonic(), graphs)
            return graphs

    def dump(self, output: BinaryIO | None = None, format: RdfFormat = RdfFormat.N_QUADS,
             *, prefixes: Mapping[str, str] | None = None) -> bytes | None:
        """Write every quad (named graphs) in `format` to `output`, or return the bytes."""
        return serialize(iter(self), output, format=format, prefixes=prefixes)

    def __iter__(self) -> Iterator[Quad]:
        return self.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    # --- writing --------------------------------------------------------------------------

    def update(self, update: str) -> None:
        """Apply the SPARQL Update `update` on the remote store."""
        self._send("POST", self.endpoints.update, data={"update": update})

    def put_graph(self, graph_name: NamedNode, triples: Iterable[Triple]) -> None:
        """Replace the named graph `graph_name` with `triples` (Graph Store Protocol PUT)."""
        body = serialize(list(triples), format=RdfFormat.N_TRIPLES)
        self._send("PUT", self.endpoints.gsp, params={"graph": graph_name.value}, data=body,
                   headers={"Content-Type": "application/n-triples"})

    def delete_graph(self, graph_name: NamedNode) -> None:
        """Remove the named graph `graph_name` (Graph Store Protocol DELETE; absent already is fine)."""
        try:
            self._send("DELETE", self.endpoints.gsp, params={"graph": graph_name.value})
        except RemoteRejected as error:
            if error.status != 404:
                raise

    def fingerprint(self) -> str:
        """A short digest of the named graphs and their sizes: it changes when the data does."""
        rows = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        listing = sorted(f"{row['g'].value} {row['n'].value}" for row in rows)
        return hashlib.sha256("\n".join(listing).encode()).hexdigest()[:16]

    def _send(self, method: str, url: str, **arguments: Any) -> requests.Response:
        try:
            response = self._session.request(method, url, timeout=(_CONNECT_TIMEOUT_S, self.timeout_s), **arguments)
        except requests.Timeout as error:
            raise RemoteTimeout(f"the remote store did not answer within {self.timeout_s:g} s") from error
        except requests.RequestException as error:
            raise RemoteUnavailable(f"the remote store at {url} cannot be reached: {error}") from error
        if 400 <= response.status_code < 500:
            raise RemoteRejected(response.status_code, response.text.strip()[:_MESSAGE_CHARS])
        if response.status_code >= 500:
            raise RemoteUnavailable(f"the remote store at {url} failed ({response.status_code}): "
                                    f"{response.text.strip()[:_MESSAGE_CHARS]}")
        return response


def _with_prefixes(query: str, prefixes: Mapping[str, str]) -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items()) + query


def _results(response: requests.Response) -> QuerySolutions | QueryBoolean | QueryTriples:
    """The answer as pyoxigraph results, by its media type."""
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    results_format = QueryResultsFormat.from_media_type(media_type) if media_type else None
    if results_format is not None:
        return parse_query_results(response.content, format=results_format)
    rdf_format = RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None:
        raise RemoteUnavailable(f"the remote store answered with an unexpected media type {media_type!r}")
    graph = Store()  # in memory: a real QueryTriples over the triples received
    graph.extend(Quad(t.subject, t.predicate, t.object) for t in parse(response.content, format=rdf_format))
    return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
