"""Where resource, graph and ontology IRIs live on this server, and which request paths are sane.

`<base_iri>resource/x` is served at `/resource/x`, `<base_iri>graph/x` at `/graph/x`, and the
ontology `https://w3id.org/sco-kg/ontology` (terms `...ontology#X`) at `/ontology`.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from scokg.ontology.namespaces import ONTOLOGY_IRI

# Path prefixes (below the base IRI and below the server root) that this server dereferences.
SERVED_PREFIXES = ("resource/", "graph/")

# File extensions that pick a format, as in `/resource/state/kaz.ttl`.
EXTENSIONS: dict[str, str] = {
    ".html": "text/html",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
}
EXTENSION_FOR: dict[str, str] = {media_type: ext for ext, media_type in EXTENSIONS.items()}

MAX_PATH_LENGTH = 1024
_FORBIDDEN = set(' <>"{}|\\^`')
_ENCODED_SEPARATORS = ("%2f", "%5c")


class BadPath(ValueError):
    """A request path that cannot name an IRI on this server; the message says why."""


def check_path(path: str, raw_uri: str | None) -> None:
    """Raise `BadPath` for a path that is too long, has empty/dot segments, forbidden characters
    or (looking at the undecoded `raw_uri`) encoded slashes."""
    if len(path) > MAX_PATH_LENGTH:
        raise BadPath(f"path: longer than {MAX_PATH_LENGTH} characters")
    if any(segment in ("", ".", "..") for segment in path.split("/")):
        raise BadPath("path: empty, '.' or '..' segment")
    if _FORBIDDEN & set(path) or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        raise BadPath("path: contains a character not allowed in an IRI")
    raw_path = (raw_uri or "").partition("?")[0].lower()
    if any(encoded in raw_path for encoded in _ENCODED_SEPARATORS):
        raise BadPath("path: contains an encoded slash or backslash")


def split_extension(path: str) -> tuple[str, str | None]:
    """`path` without a known format extension, and the media type that extension asks for."""
    for ext, media_type in EXTENSIONS.items():
        if path.endswith(ext) and len(path) > len(ext):
            return path[: -len(ext)], media_type
    return path, None


def local_path(iri: str, base_iri: str) -> str | None:
    """The path on this server that dereferences `iri`, or None if it is not served here."""
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    if iri.startswith(base_iri):
        rest = iri[len(base_iri):]
        if rest.startswith(SERVED_PREFIXES) and "#" not in rest and "?" not in rest:
            return "/" + quote(rest, safe="/-._~!$&'()*+,;=:@")
    return None


def href(iri: str, base_iri: str) -> str | None:
    """A safe link target for `iri`: its local path, the IRI itself if http(s), else None."""
    path = local_path(iri, base_iri)
    if path is not None:
        return path
    if iri.lower().startswith(("http://", "https://")):
        return iri
    return None


def neighbourhood_url(iri: str) -> str:
    """The URL of the Cytoscape.js elements of `iri`'s neighbourhood."""
    return "/neighbourhood.json?" + urlencode({"iri": iri})


def graph_url(iri: str, base_iri: str) -> str:
    """The page of the named graph `iri` (its own path for `<base>graph/...`, else by parameter)."""
    path = local_path(iri, base_iri)
    if path is not None and path.startswith("/graph/"):
        return path
    return "/graph?" + urlencode({"iri": iri})
