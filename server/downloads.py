"""The dataset's VoID description, the downloads page, and the dump and export files."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, send_file, url_for

from scokg.server.context import server_context
from scokg.server.http_cache import cached
from scokg.server.dumps import DUMPS, dump_file
from scokg.server.negotiation import choose
from scokg.server.results import content_type
from scokg.server.versioned import VersionCache
from scokg.server.void import MEDIA_TYPES, Locations, VoidStatistics, description, serialize_description, statistics

bp = Blueprint("downloads", __name__)

# `?format=` values that select each VoID serialisation (see negotiation.FORMAT_ALIASES).
VOID_FORMATS: dict[str, str] = {
    "ttl": "Turtle",
    "nt": "N-Triples",
    "rdf": "RDF/XML",
    "jsonld": "JSON-LD",
}

_statistics: VersionCache[VoidStatistics] = VersionCache(lambda store, settings: statistics(store, settings.base_iri))
# Count a new store version's statistics as soon as a request sees it, not on the first VoID request.
bp.before_app_request(_statistics.prime)


@bp.get("/.well-known/void")
@cached()
def void_description() -> Response:
    """The VoID description, in the RDF format chosen by `format` or `Accept` (Turtle by default)."""
    media_type = choose(list(MEDIA_TYPES))
    locations = Locations(
        document=url_for("downloads.void_description", _external=True),
        homepage=request.url_root,
        sparql_endpoint=request.url_root + "sparql",
        dumps=tuple(
            url_for("downloads.download", name=dump.file_name, _external=True)
            for dump in DUMPS.values()
            if not dump.network
        ),
    )
    triples = description(_statistics.get(), server_context().settings.base_iri, locations)
    response = Response(serialize_description(triples, media_type), content_type=content_type(media_type))
    response.vary.add("Accept")
    return response


@bp.get("/downloads")
def downloads_page() -> str:
    """Every dump and export with its size (written for the current store version if needed)."""
    files = [dump_file(dump) for dump in DUMPS.values()]
    return render_template("downloads.html", files=files, void_formats=VOID_FORMATS)


@bp.get("/downloads/<name>")
def download(name: str) -> Response:
    """One dump or export as an attachment, with ETag and Last-Modified (304 when unchanged)."""
    dump = DUMPS.get(name)
    if dump is None:
        abort(404, description=f"no download named {name!r}; the files are listed at /downloads")
    file = dump_file(dump)
    return send_file(
        file.path,
        mimetype=dump.media_type,
        as_attachment=True,
        download_name=dump.file_name,
        etag=file.etag,
        conditional=True,
    )
