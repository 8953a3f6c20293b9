"""The Oxigraph store on disk, built into a fresh directory and swapped in atomically.

A store path such as ``data/store`` is a symlink to a version directory beside it,
``data/store.<UTC timestamp>-<pid>``. Readers open whatever the link points to; a build never
touches the version they have open until the link has moved to the new one.

Old versions are removed by the writers (builds and updates), and only when no reader uses
them: a reader that opens a version with `open_version` holds a shared `flock` on its directory
until it closes it, and a writer removes a version only if it can take that lock exclusively
(else the version stays until a later build or update finds it unused). RocksDB opens a store's
files by name, so deleting a directory a reader is opening, or will open files of later, would
break that reader.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from pyoxigraph import Quad, Store

# Attempts at opening the version the link points to when writers keep removing it meanwhile.
_OPEN_ATTEMPTS = 5


class StoreError(Exception):
    """The store path cannot be used as asked."""


class StoreNotFoundError(StoreError):
    """No store has been built at the store path."""


class StoreVersion:
    """One store version opened read-only, kept from removal until `close()`.

    Holds a shared lock on the version directory; writers remove only versions nobody holds.
    """

    def __init__(self, path: Path, store: Store, lock_fd: int) -> None:
        self.path = path
        self._store: Store | None = store
        self._lock_fd = lock_fd

    @property
    def store(self) -> Store:
        """The read-only store of this version."""
        if self._store is None:
            raise StoreError(f"store version {self.path} is closed")
        return self._store

    def in_use(self) -> bool:
        """Whether anything besides this object still refers to the store (CPython reference count)."""
        # Two references are ours: the attribute and the argument of getrefcount.
        return self._store is not None and sys.getrefcount(self._store) > 2

    def close(self) -> None:
        """Close the store, then let writers remove the version (idempotent)."""
        if self._store is None:
            return
        self._store = None  # the last reference: pyoxigraph closes the store
        os.close(self._lock_fd)  # closing releases the shared lock


def build_store(store_path: Path | str, quads: Iterable[Quad]) -> Path:
    """Load `quads` (any iterable, consumed once as it comes) into a new version directory and
    point `store_path` at it.

    On any error the new directory is removed and the previous store stays as it was; an
    `OSError` while writing (a full disk) becomes a `StoreError` naming the directory.
    Versions no reader holds any more are removed. Returns the new version directory.
    """
    link = Path(store_path).absolute()
    link.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(link):  # an update running meanwhile must not swap in a copy of the old data
        _remove_unused_versions(link)  # room for the new version: killed builds, superseded versions
        try:
            return _swap_in(link, lambda version: _load(version, quads))
        except OSError as error:
            raise StoreError(f"cannot write a new version of the store {link}: {error}; the store is unchanged") from error


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
        return _swap_in(link, lambda version: _copy_and_apply(previous, version, update_text))


def _swap_in(link: Path, fill: Callable[[Path], None]) -> Path:
    """With the writer lock held: `fill` a new version directory, point `link` at it and remove
    the versions nobody reads any more; on any error the new directory is removed."""
    version = _new_version_dir(link)
    try:
        fill(version)
        _point(link, version)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    _sync_dir(link.parent)
    _remove_unused_versions(link)
    return version


def _copy_and_apply(previous: Path, version: Path, update_text: str) -> None:
    version.rmdir()  # the name is ours; the backup must create the directory itself
    _copy(previous, version)
    _apply(version, update_text)


def store_exists(store_path: Path | str) -> bool:
    """Whether `store_path` holds (or points to) an Oxigraph store."""
    return (Path(store_path) / "CURRENT").is_file()


def open_read_only(store_path: Path | str) -> Store:
    """Open the store that `store_path` points to, read-only.

    Nothing keeps the version from removal by the next build or update; a long-lived reader
    (the server) uses `open_version` instead.
    """
    path = Path(store_path)
    if not store_exists(path):
        raise StoreNotFoundError(f"no store at {path}: run `scokg build` first")
    return Store.read_only(str(path.resolve()))


def open_version(store_path: Path | str) -> StoreVersion:
    """Open the version `store_path` points to, read-only, and hold it until `close()`.

    If a writer removes that version before it is held (the link moved on meanwhile), the link
    is read again. `store_path` may also be a version directory itself (as a query worker is
    given one): if it has been removed, `StoreNotFoundError`.
    """
    path = Path(store_path)
    for _ in range(_OPEN_ATTEMPTS):
        if not store_exists(path):
            raise StoreNotFoundError(f"no store at {path}: run `scokg build` first")
        version = path.resolve()
        try:
            fd = os.open(version, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            os.stat("CURRENT", dir_fd=fd)  # still there: no writer removed it before the lock
            store = Store.read_only(str(version))
        except FileNotFoundError:
            os.close(fd)
            continue
        except BaseException:
            os.close(fd)
            raise
        return StoreVersion(version, store, fd)
    raise StoreError(f"{path} kept changing while it was being opened; try again")


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


def _remove_unused_versions(link: Path) -> None:
    """Remove the version directories beside `link` that are neither current nor held by a reader.

    Called with the writer lock held, so no build is writing any of them; a directory without a
    store whose builder still runs is left alone all the same. Directories the link was pointed
    at by hand elsewhere are never touched.
    """
    current = _current_version(link)
    for version, pid in _versions(link).items():
        if version == current or (_process_alive(pid) and not store_exists(version)):
            continue
        _remove_if_unused(version)


def _remove_if_unused(version: Path) -> bool:
    """Remove `version` unless a reader holds its shared lock; whether it was removed."""
    try:
        fd = os.open(version, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        shutil.rmtree(version, ignore_errors=True)  # readers that lock it later find it empty
    finally:
        os.close(fd)
    return True


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
