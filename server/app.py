"""A minimal Flask app: the SPARQL endpoint and a home page with class counts."""
from __future__ import annotations

from flask import Flask, Response, request
from markupsafe import Markup
from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat

from scokg.graph.stats import class_counts
from scokg.graph.store import open_read_only
from scokg.settings import Settings

_SPARQL_QUERY = "application/sparql-query"
_FORM = "application/x-www-form-urlencoded"


def create_app(settings: Settings | None = None) -> Flask:
    """The app, with the store opened read-only in this process."""
    settings = settings or Settings.from_env()
    store = open_read_only(settings.store_path)
    app = Flask(__name__)

    @app.get("/")
    def home() -> Response:
        items = Markup("").join(
            Markup("<li>{}: {}</li>").format(name, count) for name, count in class_counts(store)
        )
        page = Markup(
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>sco-kg</title>'
            '<h1>sco-kg</h1><p>SPARQL endpoint: <a href="/sparql">/sparql</a></p><ul>{}</ul></html>'
        ).format(items)
        return Response(page, mimetype="text/html")

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        query = _query_text()
        if query is None:
            return _error(400, "missing query: pass ?query=, a form field `query`, or an application/sparql-query body")
        try:
            default_graphs = _graphs("default-graph-uri")
            named_graphs = _graphs("named-graph-uri")
        except ValueError as error:
            return _error(400, f"invalid graph IRI: {error}")
        try:
            results = store.query(
                query,
                use_default_graph_as_union=settings.union_default_graph and not default_graphs,
                default_graph=default_graphs or None,
                named_graphs=named_graphs or None,
            )
            return _serialize(results)
        except SyntaxError as error:
            return _error(400, f"malformed query: {error}")

    return app


def _query_text() -> str | None:
    if request.method == "GET":
        return request.args.get("query")
    if request.mimetype == _SPARQL_QUERY:
        return request.get_data(as_text=True)
    if request.mimetype == _FORM:
        return request.form.get("query")
    return None


def _graphs(parameter: str) -> list[NamedNode]:
    return [NamedNode(iri) for iri in request.values.getlist(parameter)]


def _serialize(results: QuerySolutions | QueryBoolean | QueryTriples) -> Response:
    """Serialise in the thread that ran the query: pyoxigraph results must not cross threads."""
    if isinstance(results, QueryTriples):
        return Response(results.serialize(format=RdfFormat.TURTLE), mimetype=RdfFormat.TURTLE.media_type)
    body = results.serialize(format=QueryResultsFormat.JSON)
    return Response(body, mimetype=QueryResultsFormat.JSON.media_type)


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")
