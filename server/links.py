"""Links from pages to the resources this server dereferences."""
from __future__ import annotations


def local_href(iri: str, base_iri: str) -> str:
    """`iri` as a path on this server when it lies under `base_iri` (``/resource/...``), else `iri`."""
    if iri.startswith(base_iri):
        return "/" + iri[len(base_iri):]
    return iri
