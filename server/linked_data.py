"""Linked Data: every resource, named-graph and ontology IRI dereferences on this server.

- `/resource/<path>`  `<base_iri>resource/<path>`: HTML page or RDF description (conneg or extension)
- `/graph/<name>`     `<base_iri>graph/<name>`: HTML summary or the graph's contents
- `/graph?iri=`       any named graph (e.g. a source document's); `/graph` alone lists the graphs
- `/neighbourhood.json?iri=`  Cytoscape.js elements of a resource and its neighbours
- `/ontology`, `/ontology/shapes`  the OWL ontology (pyLODE HTML or RDF) and the SHACL shapes

Every answer here is fixed for a store version: `http_cache.cached` gives it validators and
keeps its body.
"""
from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Callable

from flask import Blueprint, Response, jsonify, render_template, request
from pyoxigraph import NamedNode, Store

from scokg.ontology.files import ONTOLOGY_PATH, SHAPES_PATH
from scokg.server.context import server_context
from scokg.server.describe import describe, exists
from scokg.server.http_cache import cached
from scokg.server.graph_summary import all_graphs, summarize
from scokg.server.negotiation import choose, wants_html
from scokg.server.neighbourhood import neighbourhood
from scokg.server.ontology_docs import ONTOLOGY_TYPES, SHAPES_TYPES, ontology_html, rdf_file
from scokg.server.paths import EXTENSION_FOR, EXTENSIONS, BadPath, check_path, local_path, split_extension
from scokg.server.rdf_output import rdf_response
from scokg.server.errors import plain_error
from scokg.server.results import content_type
from scokg.server.resource_page import resource_page

bp = Blueprint("linked_data", __name__)

# Offered in preference order; the first answers `Accept: */*`.
RESOURCE_TYPES = [
    "text/turtle",
    "text/html",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
]
GRAPH_TYPES = [
    "application/trig",
    "text/html",
    "application/n-quads",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
]


@bp.get("/resource/<path:rest>")
@cached()
def resource(rest: str) -> Response:
    """The page or RDF description of `<base_iri>resource/<rest>`."""
    found = _lookup("resource/" + rest, exists)
    if isinstance(found, Response):
        return found
    node, forced = found
    store, base_iri = server_context().store, server_context().settings.base_iri
    media_type = forced or choose(RESOURCE_TYPES)
    if media_type == "text/html":
        page = resource_page(store, node.value, base_iri)
        response = _html(render_template("resource.html", page=page))
    else:
        response = rdf_response(describe(store, node).quads, media_type)
    return _located(response, node, forced, media_type)


@bp.get("/resource/")
@bp.get("/graph/")
def unnamed() -> Response:
    """A prefix without a name: nothing to dereference."""
    return _problem(404, f"{request.path} names no resource; see /graph for the named graphs")


@bp.get("/graph/<path:name>")
@cached()
def graph(name: str) -> Response:
    """The summary or contents of the named graph `<base_iri>graph/<name>`."""
    found = _lookup("graph/" + name, lambda store, node: store.contains_named_graph(node))
    if isinstance(found, Response):
        return found
    node, forced = found
    media_type = forced or choose(GRAPH_TYPES)
    return _located(_graph_response(server_context().store, node, media_type), node, forced, media_type)


@bp.get("/graph")
@cached()
def graphs() -> Response:
    """With `iri`, the named graph of that IRI (as `/graph/<name>`); without, the list of graphs."""
    store, base_iri = server_context().store, server_context().settings.base_iri
    iri = request.args.get("iri")
    if iri is None:
        choose(["text/html"])
        return _html(render_template("graph.html", summary=None, graphs=all_graphs(store, base_iri)))
    node = _named_node(iri)
    if node is None:
        return _problem(400, f"parameter `iri`: not a valid IRI: {iri!r}")
    if not store.contains_named_graph(node):
        return _problem(404, f"parameter `iri`: no named graph {iri}")
    return _graph_response(store, node, choose(GRAPH_TYPES))


@bp.get("/neighbourhood.json")
@cached()
def neighbourhood_json() -> Response:
    """Cytoscape.js elements of the resource `iri` and its direct neighbours."""
    iri = request.args.get("iri")
    if not iri:
        return _json_problem(400, "parameter `iri`: required")
    node = _named_node(iri)
    if node is None:
        return _json_problem(400, f"parameter `iri`: not a valid IRI: {iri!r}")
    store = server_context().store
    if not exists(store, node):
        return _json_problem(404, f"parameter `iri`: no resource {iri}")
    return jsonify(neighbourhood(store, node, server_context().settings.base_iri))


@bp.get("/ontology")
@cached()
def ontology() -> Response:
    """The ontology: pyLODE documentation for browsers, else the OWL file in an RDF format."""
    return _ontology_file(ONTOLOGY_PATH, ONTOLOGY_TYPES, None)


@bp.get("/ontology.<ext>")
@cached()
def ontology_with_extension(ext: str) -> Response:
    """The ontology in the format of the extension (`/ontology.ttl`)."""
    return _ontology_file(ONTOLOGY_PATH, ONTOLOGY_TYPES, ext)


@bp.get("/ontology/shapes")
@cached()
def shapes() -> Response:
    """The SHACL shapes in an RDF format."""
    return _ontology_file(SHAPES_PATH, SHAPES_TYPES, None)


@bp.get("/ontology/shapes.<ext>")
@cached()
def shapes_with_extension(ext: str) -> Response:
    """The SHACL shapes in the format of the extension (`/ontology/shapes.ttl`)."""
    return _ontology_file(SHAPES_PATH, SHAPES_TYPES, ext)


def _lookup(path: str, known: Callable[[Store, NamedNode], bool]) -> tuple[NamedNode, str | None] | Response:
    """The IRI that `path` (below the base IRI) names and the format its extension asks for,
    or the 400/404 response."""
    try:
        check_path(path, request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI"))
    except BadPath as error:
        return _problem(400, str(error))
    store, base_iri = server_context().store, server_context().settings.base_iri
    stem, forced = split_extension(path)
    candidates = [(stem, forced), (path, None)] if forced else [(path, None)]
    for candidate, media_type in candidates:
        node = _named_node(base_iri + candidate)
        if node is not None and known(store, node):
            return node, media_type
    return _problem(404, f"nothing is known about {base_iri + path}")


def _graph_response(store: Store, node: NamedNode, media_type: str) -> Response:
    """The named graph `node` as an HTML summary or as RDF."""
    if media_type == "text/html":
        summary = summarize(store, node, server_context().settings.base_iri)
        return _html(render_template("graph.html", summary=summary, graphs=None))
    return rdf_response(list(store.quads_for_pattern(None, None, None, node)), media_type)


def _ontology_file(path: Path, offered: list[str], ext: str | None) -> Response:
    if ext is not None:
        media_type = EXTENSIONS.get("." + ext)
        if media_type not in offered:
            return _problem(404, f"no {ext!r} version of {request.path.rsplit('.', 1)[0]}")
    else:
        media_type = choose(offered)
    if media_type == "text/html":
        response = _html(ontology_html())
    else:
        response = Response(rdf_file(path, media_type), content_type=content_type(media_type))
        response.vary.add("Accept")
    if ext is None:
        response.headers["Content-Location"] = request.path + EXTENSION_FOR[media_type]
    return response


def _located(response: Response, node: NamedNode, forced: str | None, media_type: str) -> Response:
    """Add `Content-Location` (the extension URL of the chosen format) to a negotiated response."""
    path = local_path(node.value, server_context().settings.base_iri)
    if forced is None and path is not None and media_type in EXTENSION_FOR:
        response.headers["Content-Location"] = path + EXTENSION_FOR[media_type]
    return response


def _named_node(iri: str) -> NamedNode | None:
    try:
        return NamedNode(iri)
    except ValueError:
        return None


def _html(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, content_type=content_type("text/html"))
    response.vary.add("Accept")
    return response


def _problem(status: int, message: str) -> Response:
    """A 4xx answer, as an HTML page for browsers and as plain text for everyone else."""
    reason = HTTPStatus(status).phrase
    if wants_html():
        return _html(render_template("not_found.html", status=status, reason=reason, message=message), status)
    return plain_error(status, message)


def _json_problem(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response
