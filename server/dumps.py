"""Full dumps and visualisation exports of the store, written once per store version and kept on disk.

The files live in ``<store path>.cache/<store version>/``, beside the store; a rebuild gives a new
version, whose files are written on first request, and the directories of older versions are
removed then. Each file is written to a temporary name and renamed, so that a reader (in this
process or another worker) never sees a partial file.
"""
from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from scokg.graph.export import export
from scokg.server.context import server_context
from scokg.server.versioned import snapshot


@dataclass(frozen=True)
class Dump:
    """A downloadable file: its name, the `scokg.graph.export` format that writes it, its media type."""

    file_name: str
    export_format: str
    media_type: str
    description_en: str
    description_zh: str
    network: bool  # a visualisation export (entity network) rather than an RDF dump


DUMPS: dict[str, Dump] = {
    dump.file_name: dump
    for dump in (
        Dump("sco-kg.ttl", "turtle", "text/turtle", "All graphs merged into one graph (Turtle)",
             "所有图合并为一个图（Turtle）", False),
        Dump("sco-kg.nq", "nquads", "application/n-quads", "Every named graph (N-Quads)",
             "包含全部命名图（N-Quads）", False),
        Dump("sco-kg.trig", "trig", "application/trig", "Every named graph (TriG)", "包含全部命名图（TriG）", False),
        Dump("sco-kg.jsonld", "jsonld", "application/ld+json", "Every named graph (JSON-LD)",
             "包含全部命名图（JSON-LD）", False),
        Dump("sco-kg.graphml", "graphml", "application/graphml+xml",
             "Entity network for Gephi, Cytoscape and yEd (GraphML)", "实体关系网络，适用于 Gephi、Cytoscape、yEd（GraphML）", True),
        Dump("sco-kg.gexf", "gexf", "application/gexf+xml", "Entity network for Gephi (GEXF)",
             "实体关系网络，适用于 Gephi（GEXF）", True),
        Dump("sco-kg.cyjs", "cytoscape", "application/json", "Entity network for Cytoscape.js (JSON)",
             "实体关系网络，适用于 Cytoscape.js（JSON）", True),
    )
}

_write_lock = threading.Lock()  # one writer per process; other processes are kept safe by the rename


@dataclass(frozen=True)
class DumpFile:
    """A dump written for one store version."""

    dump: Dump
    path: Path
    version: str

    @property
    def etag(self) -> str:
        """An entity tag that changes with the store version."""
        return f"{self.version}-{self.dump.file_name}"

    @property
    def size(self) -> int:
        """Size of the file in bytes."""
        return self.path.stat().st_size


def dump_file(dump: Dump) -> DumpFile:
    """The file holding `dump` for the store this request sees, written now if missing."""
    store, version = snapshot()
    directory = cache_root() / version
    path = directory / dump.file_name
    if path.is_file():
        return DumpFile(dump, path, version)
    with _write_lock:
        if not path.is_file():
            if not directory.is_dir():
                _remove_other_versions(directory.parent, version)
                directory.mkdir(parents=True, exist_ok=True)
            partial = directory / f".{dump.file_name}.{os.getpid()}.partial"
            try:
                with partial.open("wb") as out:
                    export(store, dump.export_format, out)
                os.replace(partial, path)
            finally:
                partial.unlink(missing_ok=True)
    return DumpFile(dump, path, version)


def cache_root() -> Path:
    """The directory beside the store that holds one subdirectory of dumps per store version."""
    store_path = server_context().settings.store_path.absolute()
    return store_path.with_name(store_path.name + ".cache")


def _remove_other_versions(root: Path, version: str) -> None:
    if root.is_dir():
        for entry in root.iterdir():
            if entry.name != version and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
