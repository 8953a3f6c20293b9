"""Canned queries: the catalogue at `/queries/`, each query run at `/queries/<name>`.

Parameters come from the query string, typed by the catalogue (integer, IRI, string) and bound
by a `VALUES` row of terms written by pyoxigraph (`bound_query.with_values`), never spliced in as
text; a missing or empty one takes its default. Results are negotiated among the SPARQL results formats and an HTML page. The query
runs in a query worker (`query_workers`) within the time budget, cut at `max_rows` rows.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, QuerySolutions, parse_query_results
from werkzeug.datastructures import MultiDict

from scokg.queries.catalog import RESERVED_NAMES, CannedQuery, CatalogError, ParameterError, load_catalog
from scokg.server.bound_query import with_values
from scokg.server.errors import plain_error
from scokg.server.http_cache import cached
from scokg.server.context import server_context
from scokg.server.negotiation import choose, wants_html
from scokg.server.query_execution import SOLUTIONS, QueryJob
from scokg.server.query_responses import answer_response, failure_headers, failure_response
from scokg.server.query_workers import QueryFailed
from scokg.server.results import SOLUTION_FORMATS

bp = Blueprint("canned", __name__)

_HTML = "text/html"
_JSON = "application/sparql-results+json"  # what the worker writes for the HTML page
_OFFERED = [*SOLUTION_FORMATS, _HTML]  # SPARQL JSON for `*/*`; browsers ask for HTML
_FORMAT_LINKS = {"json": "SPARQL JSON", "xml": "SPARQL XML", "csv": "CSV", "tsv": "TSV"}
_PLAIN_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}

Term = NamedNode | Literal


@dataclass(frozen=True)
class Cell:
    """One result value as the HTML table shows it."""

    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None


@bp.errorhandler(CatalogError)
def _broken_catalog(error: CatalogError) -> Response:
    return plain_error(500, f"the query catalogue is broken: {error}")


@bp.get("/queries/")
def index() -> Response:
    """Every canned query with its questions in English and Chinese (HTML or JSON)."""
    queries = list(load_catalog().values())
    if wants_html():
        response = Response(render_template("queries_index.html", queries=queries))
    else:
        response = jsonify({"queries": [_describe(query) for query in queries]})
    response.vary.add("Accept")
    return response


@bp.get("/queries/<name>")
@cached()
def run(name: str) -> Response:
    """Run the canned query `name` with the request's parameters, in the negotiated format."""
    query = load_catalog().get(name)
    if query is None:
        abort(404, description=f"No canned query is named {name!r}; see /queries/ for the list.")
    media_type = choose(_OFFERED)
    values = _given_values(query, request.args)
    try:
        bindings = _bindings(query, request.args, values)
    except ParameterError as error:
        return _bad_request(query, values, str(error), media_type)
    settings = server_context().settings
    job = QueryJob(
        query=editor_text(query.text, bindings),
        formats={SOLUTIONS: _JSON if media_type == _HTML else media_type},
        max_rows=settings.max_rows,
        max_triples=settings.max_triples,
        # The canned queries are written for the union of all graphs, whatever the endpoint's default.
        use_default_graph_as_union=True,
    )
    current = {variable: term.value for variable, term in bindings.items()}
    try:
        answer = server_context().run_query(job)
    except QueryFailed as failure:
        if media_type != _HTML:
            return failure_response(failure, f"query {name!r}")
        page = _render_page(query, current, bindings=bindings, error=str(failure))
        response = Response(page, status=failure.status, headers=failure_headers(failure))
    else:
        if media_type != _HTML:
            return answer_response(answer)
        results = parse_query_results(answer.body, format=QueryResultsFormat.JSON)
        table = _table(results, truncated=answer.truncated_at is not None)
        response = Response(_render_page(query, current, table=table, bindings=bindings))
    response.vary.add("Accept")
    return response


def _describe(query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "url": url_for("canned.run", name=query.name),
        "question_en": query.question_en,
        "question_zh": query.question_zh,
        "parameters": [
            {"name": p.name, "type": p.type.value, "description": p.description, "default": p.default}
            for p in query.parameters
        ],
    }


def _given_values(query: CannedQuery, args: MultiDict[str, str]) -> dict[str, str]:
    """The non-empty values the request gives for the query's parameters."""
    return {p.name: args[p.name] for p in query.parameters if args.get(p.name)}


def _bindings(query: CannedQuery, args: MultiDict[str, str], values: Mapping[str, str]) -> dict[str, Term]:
    """Each parameter's term: the given value or the default; raises ParameterError for
    unknown or repeated parameters and for values that do not fit their type."""
    declared = {p.name for p in query.parameters}
    unknown = sorted(set(args) - declared - RESERVED_NAMES)
    if unknown:
        known = ", ".join(f"`{name}`" for name in sorted(declared)) or "none"
        listed = ", ".join(f"`{name}`" for name in unknown)
        raise ParameterError(f"unknown parameter {listed} for query {query.name!r}; its parameters: {known}")
    repeated = sorted(name for name in declared if len(args.getlist(name)) > 1)
    if repeated:
        raise ParameterError(f"parameter `{repeated[0]}` is given more than once")
    return {p.name: p.term(values.get(p.name, p.default)) for p in query.parameters}


def _bad_request(query: CannedQuery, values: Mapping[str, str], message: str, media_type: str) -> Response:
    if media_type != _HTML:
        return plain_error(400, message)
    current = {p.name: values.get(p.name, p.default) for p in query.parameters}
    return Response(_render_page(query, current, error=message), status=400)


def _render_page(
    query: CannedQuery,
    current: Mapping[str, str],
    *,
    table: dict[str, Any] | None = None,
    bindings: Mapping[str, Term] | None = None,
    error: str | None = None,
) -> str:
    """The HTML page: questions, parameter form, SPARQL text, results table or error, links."""
    max_rows = server_context().settings.max_rows
    return render_template(
        "canned_query.html",
        query=query,
        current=current,
        error=error,
        table=table,
        max_rows=max_rows,
        format_links=[
            (label, url_for("canned.run", name=query.name) + "?" + urlencode({**current, "format": alias}))
            for alias, label in _FORMAT_LINKS.items()
        ],
        editor_url="/sparql#" + urlencode({"query": editor_text(query.text, bindings or {})}),
    )


def _table(results: QuerySolutions, *, truncated: bool) -> dict[str, Any]:
    """Column names, rows of cells, and whether rows were left out (the worker cut the result)."""
    base_iri = server_context().settings.base_iri
    columns = [variable.value for variable in results.variables]
    rows = [[_cell(solution[column], base_iri) for column in columns] for solution in results]
    return {"columns": columns, "rows": rows, "truncated": truncated}


def _cell(term: NamedNode | BlankNode | Literal | None, base_iri: str) -> Cell | None:
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return Cell(term.value, href=local_href(term.value, base_iri))
    if isinstance(term, Literal):
        datatype = None if term.language or term.datatype.value in _PLAIN_DATATYPES else term.datatype.value
        return Cell(term.value, lang=term.language, datatype=datatype)
    return Cell(str(term))


def local_href(iri: str, base_iri: str) -> str | None:
    """The link for `iri`: its local path under this server if it is under `base_iri`, the IRI
    itself if it is another http(s) IRI, else none (no `javascript:` or other schemes)."""
    if iri.startswith(base_iri):
        return "/" + iri.removeprefix(base_iri)
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def editor_text(text: str, bindings: Mapping[str, Term]) -> str:
    """The query text with each binding as a `VALUES` row: what runs, and what the SPARQL editor
    shows (see `bound_query.with_values`)."""
    return with_values(text, bindings)
