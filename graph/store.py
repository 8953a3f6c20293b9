"""The Oxigraph store on disk, built into a fresh directory and swapped in atomically.

A store path such as ``data/store`` is a symlink to a version directory beside it,
``data/store.<UTC timestamp>-<pid>``. Readers open whatever the link points to; a build never
touches the version they have open until the link has moved to the new one.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
from datetime import datetime, timezone
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from pyoxigraph import Quad, Store


class StoreError(Exception):
    """The store path cannot be used as asked."""


class StoreNotFoundError(StoreError):
    """No store has been built at the store path."""


def build_store(store_path: Path | str, quads: Iterable[Quad]) -> Path:
    """Load `quads` into a new version directory and point `store_path` at it.

    On any error the new directory is removed and the previous store stays as it was.
    Returns the new version directory.
    """
    link = Path(store_path).absolute()
    link.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(link):  # an update running meanwhile must not swap in a copy of the old data
        previous = _current_version(link)
        versions = _versions(link)
        for stale, pid in versions.items():
            if stale != previous and not _process_alive(pid):  # left by a killed build
                shutil.rmtree(stale, ignore_errors=True)
        version = _new_version_dir(link)
        try:
            _load(version, quads)
            _point(link, version)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        _sync_dir(link.parent)
        if previous in versions:  # never a directory the link was pointed at by hand
            shutil.rmtree(previous, ignore_errors=True)
    return version


def update_store(store_path: Path | str, update_text: str) -> Path:
    """Apply the SPARQL Update `update_text` to a copy of the current store and swap the copy in.

    The copy is a backup of the current version (hard links to its immutable files), so readers
    keep the version they have open, and a failed update (`SyntaxError` for a malformed one)
    leaves the store as it was. Writers in any process are serialised by a lock file beside the
    store path. Returns the new version directory.
    """
    link = Path(store_path).absolute()
    with _writer_lock(link):
        previous = _current_version(link)
        if previous is None or not store_exists(link):
            raise StoreNotFoundError(f"no store at {link}: run `scokg build` first")
        versions = _versions(link)
        version = _new_version_dir(link)
        try:
            version.rmdir()  # the name is ours; the backup must create the directory itself
            _copy(previous, version)
            _apply(version, update_text)
            _point(link, version)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        _sync_dir(link.parent)
        if previous in versions:
            shutil.rmtree(previous, ignore_errors=True)
    return version


def store_exists(store_path: Path | str) -> bool:
    """Whether `store_path` holds (or points to) an Oxigraph store."""
    return (Path(store_path) / "CURRENT").is_file()


def open_read_only(store_path: Path | str) -> Store:
    """Open the store that `store_path` points to, read-only."""
    path = Path(store_path)
    if not store_exists(path):
        raise StoreNotFoundError(f"no store at {path}: run `scokg build` first")
    return Store.read_only(str(path.resolve()))


def _current_version(link: Path) -> Path | None:
    if link.is_symlink():
        return link.resolve()
    if link.exists():
        raise StoreError(f"{link} exists and is not a store symlink made by `scokg build`; move it away")
    return None


def _new_version_dir(link: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    version = link.with_name(f"{link.name}.{stamp}-{os.getpid()}")
    version.mkdir()
    return version


def _versions(link: Path) -> dict[Path, int]:
    """The version directories beside `link` (resolved), with the pid of the build that made each."""
    pattern = re.compile(re.escape(link.name) + r"\.\d{8}T\d{12}Z-(\d+)")
    return {
        entry.resolve(): int(match.group(1))
        for entry in link.parent.iterdir()
        if (match := pattern.fullmatch(entry.name)) and entry.is_dir() and not entry.is_symlink()
    }


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _load(directory: Path, quads: Iterable[Quad]) -> None:
    store = Store(str(directory))
    try:
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
    finally:
        del store  # closes the store: pyoxigraph has no close(); the last reference does it


@contextmanager
def _writer_lock(link: Path) -> Iterator[None]:
    """Hold an exclusive lock on `.<name>.lock` beside the store link (blocks until free)."""
    fd = os.open(link.with_name(f".{link.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _copy(source: Path, target: Path) -> None:
    store = Store.read_only(str(source))
    try:
        store.backup(str(target))
    finally:
        del store


def _apply(directory: Path, update_text: str) -> None:
    store = Store(str(directory))
    try:
        store.update(update_text)
        store.flush()
    finally:
        del store


def _point(link: Path, version: Path) -> None:
    """Atomically make `link` a relative symlink to `version`."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(version.name, target_is_directory=True)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sync_dir(directory: Path) -> None:
    """Make the renamed link durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
