"""Run one user query against a store and write its result, inside a query worker process.

A `QueryJob` carries everything as plain data (it crosses a process boundary): the store version
directory, the query text (values bound as `VALUES` rows), the dataset as IRIs, the media type
to write for each kind of result and the row and triple caps. `execute` runs the query and
serialises the result in the calling thread (pyoxigraph results must not cross threads) and
returns a `QueryAnswer` or a `QueryFailure`; it never raises for anything the query does.

Results are written by pyoxigraph itself into a `CappedOutput`, which counts records natively
and stops the writer once a cap is exceeded, so a result costs no Python work per row. Only the
formats whose records cannot be told apart in the bytes (Turtle, RDF/XML, JSON-LD, TriG), and a
cut where a value might hold a record marker, go through the rows in Python
(`result_writers.WRITERS`, `pyoxigraph.serialize` over the first triples), the latter on a
second run of the query.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)
from pyoxigraph import serialize as rdf_serialize

from scokg.graph.store import StoreError, StoreVersion, open_version
from scokg.ontology.namespaces import PREFIXES
from scokg.server.result_writers import LAYOUTS, WRITERS, CappedOutput, CapReached, RecordLayout

# The kinds of query results (which media types each is offered in is the server's business).
SOLUTIONS, BOOLEAN, GRAPH = "solutions", "boolean", "graph"


@dataclass(frozen=True)
class QueryJob:
    """A query to run: where, what, over which dataset, written how, cut where.

    `formats` maps each result kind to the media type to write; a kind missing from it cannot
    be written for this client, and `refusals` says why (the 406 message).
    """

    query: str
    formats: Mapping[str, str]
    max_rows: int
    max_triples: int
    store_path: str = ""  # the store version directory; `query_workers.run_query` sets it
    refusals: Mapping[str, str] = field(default_factory=dict)
    use_default_graph_as_union: bool = False
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    remote: bool = False  # the query may contact allow-listed SERVICE endpoints


@dataclass(frozen=True)
class QueryAnswer:
    """A written result: the body, its media type, and the cap that cut it (None: complete)."""

    body: bytes
    media_type: str
    truncated_at: int | None = None
    store_path: str = ""  # the store version directory it was computed on; `query_workers.run_query` sets it


@dataclass(frozen=True)
class QueryFailure:
    """Why a query gave no result: an HTTP status and a message for the client."""

    status: int
    message: str
    store_unavailable: bool = False  # the store version could not be opened (replaced meanwhile?)


class StoreCache:
    """Read-only store versions by directory, the most recent few held open (and so kept from removal)."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._versions: dict[str, StoreVersion] = {}

    def get(self, path: str) -> Store:
        """The store at `path`, opened once; `StoreNotFoundError` if a rebuild has removed it."""
        version = self._versions.pop(path, None) or open_version(path)
        self._versions[path] = version  # most recently used last
        while len(self._versions) > self._size:
            self._versions.pop(next(iter(self._versions))).close()
        return version.store


def execute(job: QueryJob, stores: StoreCache) -> QueryAnswer | QueryFailure:
    """Run `job` and write its result; every error the query can cause becomes a QueryFailure."""
    try:
        store = stores.get(job.store_path)
    except (OSError, StoreError) as error:
        return QueryFailure(503, f"the store could not be opened: {error}", store_unavailable=True)
    try:
        arguments = _query_arguments(job)
        results = store.query(job.query, **arguments)
        return _write(results, job, lambda: store.query(job.query, **arguments))
    except SyntaxError as error:
        return QueryFailure(400, f"malformed query: {error}")
    except OSError as error:
        if job.remote:
            return QueryFailure(502, f"SERVICE request failed: {error}")
        return QueryFailure(503, f"the store could not be read: {error}")
    except MemoryError:
        return QueryFailure(503, "the query ran out of memory")
    except (RuntimeError, ValueError, TypeError) as error:
        return QueryFailure(400, f"evaluation failed: {error}")


def _query_arguments(job: QueryJob) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    if job.use_default_graph_as_union:
        arguments["use_default_graph_as_union"] = True
    if job.default_graph is not None:
        arguments["default_graph"] = [NamedNode(iri) for iri in job.default_graph]
    if job.named_graphs is not None:
        arguments["named_graphs"] = [NamedNode(iri) for iri in job.named_graphs]
    return arguments


Results = QuerySolutions | QueryBoolean | QueryTriples


def _write(results: Results, job: QueryJob, rerun: Callable[[], Results]) -> QueryAnswer | QueryFailure:
    """`results` written in the job's format for their kind, cut at the cap; `rerun` runs the
    query again (for the rare cut that has to count rows in Python)."""
    kind = GRAPH if isinstance(results, QueryTriples) else BOOLEAN if isinstance(results, QueryBoolean) else SOLUTIONS
    media_type = job.formats.get(kind)
    if media_type is None:
        return QueryFailure(406, job.refusals.get(kind, f"cannot produce a {kind} result in any format the client accepts"))
    if isinstance(results, QueryBoolean):
        return QueryAnswer(results.serialize(format=QueryResultsFormat.from_media_type(media_type)), media_type)
    cap = job.max_triples if kind == GRAPH else job.max_rows
    layout = LAYOUTS.get(media_type)
    if layout is not None:
        answer = _write_natively(results, media_type, layout, cap)
        if answer is not None:
            return answer
        results = rerun()  # cut where a value may hold a marker: count the rows one by one instead
    if isinstance(results, QueryTriples):
        triples = list(islice(results, cap + 1))
        rdf_format = RdfFormat.from_media_type(media_type)
        body = rdf_serialize(triples[:cap], format=rdf_format, prefixes=PREFIXES)
        return QueryAnswer(body, media_type, cap if len(triples) > cap else None)
    variables = [variable.value for variable in results.variables]
    rows = [[solution[index] for index in range(len(variables))] for solution in islice(results, cap + 1)]
    return QueryAnswer(WRITERS[media_type](variables, rows[:cap]), media_type, cap if len(rows) > cap else None)


def _write_natively(results: QuerySolutions | QueryTriples, media_type: str, layout: RecordLayout, cap: int
                    ) -> QueryAnswer | None:
    """The result written by pyoxigraph itself and cut after `cap` records; None when the cut
    position is not certain (see `RecordLayout.ambiguous`)."""
    output = CappedOutput(layout, cap)
    if isinstance(results, QueryTriples):
        native_format: RdfFormat | QueryResultsFormat = RdfFormat.from_media_type(media_type)
    else:
        native_format = QueryResultsFormat.from_media_type(media_type)
    try:
        results.serialize(output, format=native_format)
    except CapReached:
        pass
    if not output.truncated:
        return QueryAnswer(output.getvalue(), media_type)
    if output.ambiguous:
        return None
    return QueryAnswer(output.getvalue(), media_type, cap)
