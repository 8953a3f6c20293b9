"""The home page and the timeline of meetings and documents (HTML and JSON)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template

from scokg.queries.catalog import CannedQuery, load_catalog
from scokg.server.context import server_context
from scokg.server.dumps import DUMPS
from scokg.server.links import local_href
from scokg.server.overview import Overview, overview
from scokg.server.timeline import TimelineYear, timeline, timeline_json
from scokg.server.versioned import VersionCache

bp = Blueprint("pages", __name__)

# Canned queries the home page offers as examples, in this order (names of queries/*.rq).
EXAMPLE_QUERIES: tuple[str, ...] = (
    "environment-ministers-meetings",
    "documents-implementing-2018-concept",
    "states-by-sco-role",
    "themed-years",
    "meeting-series-overview",
    "cooperation-timeline",
)

_overview: VersionCache[Overview] = VersionCache(lambda store, settings: overview(store))
_timeline: VersionCache[tuple[TimelineYear, ...]] = VersionCache(lambda store, settings: timeline(store))


def example_queries() -> list[CannedQuery]:
    """The example queries that the catalogue holds, in `EXAMPLE_QUERIES` order."""
    catalog = load_catalog()
    return [catalog[name] for name in EXAMPLE_QUERIES if name in catalog]


@bp.get("/")
def home() -> str:
    """What the graph holds, a search box, example questions, and where to get the data."""
    return render_template(
        "home.html",
        overview=_overview.get(),
        examples=example_queries(),
        dumps=DUMPS.values(),
        base_iri=server_context().settings.base_iri,
        local_href=local_href,
    )


@bp.get("/timeline")
def timeline_page() -> str:
    """The timeline chart (drawn by timeline.js from /timeline.json) and the same data as a table."""
    return render_template(
        "timeline.html", years=_timeline.get(), base_iri=server_context().settings.base_iri, local_href=local_href
    )


@bp.get("/timeline.json")
def timeline_data() -> Response:
    """Meetings and documents per year: `{"years": [{"year", "meetings", "documents", "items"}]}`."""
    return jsonify(timeline_json(_timeline.get(), server_context().settings.base_iri))
