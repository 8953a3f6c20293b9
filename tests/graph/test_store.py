"""Building the store into a new version directory, swapping it in, and opening it read-only."""
from __future__ import annotations

import errno
import fcntl
import os
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.graph.store import (
    StoreError,
    StoreNotFoundError,
    build_store,
    open_read_only,
    open_version,
    store_exists,
    update_store,
)


def dump(store_path: Path) -> set[str]:
    store = open_read_only(store_path)
    return set(store.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())


def versions(store_path: Path) -> list[Path]:
    return sorted(store_path.parent.glob(store_path.name + ".*"))


def test_build_creates_a_symlink_to_a_version_directory(tmp_path, sample_quads):
    link = tmp_path / "data" / "store"
    version = build_store(link, sample_quads)
    assert link.is_symlink()
    assert link.resolve() == version
    assert os.readlink(link) == version.name  # relative, so the data folder can move
    assert versions(link) == [version]
    assert len(open_read_only(link)) == len(set(sample_quads))


def test_rebuild_swaps_and_removes_the_previous_version(tmp_path, sample_quads):
    link = tmp_path / "store"
    first = build_store(link, sample_quads)
    second = build_store(link, sample_quads[:3])
    assert second != first
    assert not first.exists()
    assert versions(link) == [second]
    assert len(open_read_only(link)) == 3


def test_rebuild_with_the_same_input_gives_the_same_content(tmp_path, sample_quads):
    link = tmp_path / "store"
    build_store(link, sample_quads)
    before = dump(link)
    build_store(link, sample_quads)
    assert dump(link) == before
    assert len(before) == len(set(sample_quads))


def test_failure_midway_leaves_the_old_store_untouched(tmp_path, sample_quads):
    link = tmp_path / "store"
    old = build_store(link, sample_quads)
    before = dump(link)

    def failing():
        yield from sample_quads[:2]
        raise RuntimeError("loader crashed")

    with pytest.raises(RuntimeError, match="loader crashed"):
        build_store(link, failing())
    assert link.resolve() == old
    assert versions(link) == [old]
    assert dump(link) == before


def test_failed_first_build_leaves_nothing(tmp_path):
    link = tmp_path / "store"
    with pytest.raises(TypeError):
        build_store(link, ["not a quad"])
    assert not link.exists() and not link.is_symlink()
    assert [path.name for path in tmp_path.iterdir()] == [".store.lock"]  # only the writers' lock file


def test_stale_version_of_a_killed_build_is_removed(tmp_path, sample_quads):
    link = tmp_path / "store"
    current = build_store(link, sample_quads)
    dead_pid = 2**22 + 1  # above Linux's largest pid_max: no such process
    stale = tmp_path / f"store.20240101T000000000000Z-{dead_pid}"
    (stale / "junk").mkdir(parents=True)
    running = tmp_path / f"store.20240101T000000000000Z-{os.getpid()}"  # a build still running
    running.mkdir()
    unrelated = tmp_path / "store.backup"
    unrelated.mkdir()
    new = build_store(link, sample_quads)
    assert not stale.exists()
    assert not current.exists()
    assert running.exists() and unrelated.exists() and new.exists()


def test_a_plain_directory_at_the_store_path_is_refused(tmp_path, sample_quads):
    link = tmp_path / "store"
    link.mkdir()
    with pytest.raises(StoreError, match="not a store symlink"):
        build_store(link, sample_quads)
    assert sorted(tmp_path.iterdir()) == [tmp_path / ".store.lock", link]


def test_open_read_only_without_a_store_says_to_build(tmp_path):
    missing = tmp_path / "nothing-here"
    assert not store_exists(missing)
    with pytest.raises(StoreNotFoundError, match="scokg build") as caught:
        open_read_only(missing)
    assert str(missing) in str(caught.value)
    assert not missing.exists()


def test_read_only_store_rejects_writes(tmp_path, sample_quads):
    link = tmp_path / "store"
    build_store(link, sample_quads)
    store = open_read_only(link)
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(sample_quads[0])


def test_current_version_of_a_finished_build_survives_a_failed_build(tmp_path, sample_quads):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "data").symlink_to(real)  # the store is reached through a symlinked folder
    link = tmp_path / "data" / "store"
    built = build_store(link, sample_quads)
    finished = built.with_name(f"store.20240101T000000000000Z-{2**22 + 1}")  # its builder has exited
    built.rename(finished)
    link.unlink()
    link.symlink_to(finished.name)
    with pytest.raises(TypeError):
        build_store(link, ["not a quad"])
    assert link.resolve() == finished.resolve()
    assert len(open_read_only(link)) == len(set(sample_quads))


def test_a_directory_linked_by_hand_is_not_deleted(tmp_path, sample_quads):
    elsewhere = tmp_path / "kept-by-hand"
    build_store(elsewhere / "store", sample_quads)
    target = (elsewhere / "store").resolve()
    link = tmp_path / "store"
    link.symlink_to(target)
    build_store(link, sample_quads)
    assert target.exists()
    assert link.resolve() != target


# --- update_store: SPARQL Update on a copy, swapped in like a build ---------------------------

UZB_LABEL = '<https://w3id.org/sco-kg/resource/state/uzb> <http://www.w3.org/2000/01/rdf-schema#label> "Uzbekistan"@en'
REFERENCE = "<https://w3id.org/sco-kg/graph/reference>"


def test_update_applies_to_a_new_version_and_swaps_it_in(tmp_path, sample_quads):
    link = tmp_path / "store"
    old = build_store(link, sample_quads)
    reader = open_read_only(link)  # a server request in flight
    new = update_store(link, f"INSERT DATA {{ GRAPH {REFERENCE} {{ {UZB_LABEL} }} }}")
    assert new != old and link.resolve() == new
    assert versions(link) == [new]
    assert not old.exists()
    assert f"{UZB_LABEL} {REFERENCE} ." in dump(link)
    assert len(dump(link)) == len(set(sample_quads)) + 1
    assert len(reader) == len(set(sample_quads))  # the open handle still sees its version


def test_update_can_delete(tmp_path, sample_quads):
    link = tmp_path / "store"
    build_store(link, sample_quads)
    update_store(link, "DROP GRAPH <https://w3id.org/sco-kg/graph/inferred>")
    graphs = {line.rsplit(" ", 2)[-2] for line in dump(link)}
    assert "<https://w3id.org/sco-kg/graph/inferred>" not in graphs
    assert "<https://w3id.org/sco-kg/graph/reference>" in graphs


@pytest.mark.parametrize("update, error", [
    ("INSERT DATA { <http://a> <http://b> }", SyntaxError),
    ("DROP GRAPH <http://example.org/no-such-graph>", RuntimeError),
])
def test_failed_update_leaves_the_store_untouched(tmp_path, sample_quads, update, error):
    link = tmp_path / "store"
    old = build_store(link, sample_quads)
    before = dump(link)
    with pytest.raises(error):
        update_store(link, update)
    assert link.resolve() == old
    assert versions(link) == [old]
    assert dump(link) == before


def test_update_without_a_store_says_to_build(tmp_path):
    with pytest.raises(StoreNotFoundError, match="scokg build"):
        update_store(tmp_path / "store", "CLEAR ALL")
    assert not (tmp_path / "store").exists()


def test_concurrent_updates_are_serialised_and_none_is_lost(tmp_path, sample_quads):
    link = tmp_path / "store"
    build_store(link, sample_quads)
    errors: list[BaseException] = []

    def insert(number: int) -> None:
        try:
            update_store(link, f"INSERT DATA {{ <http://example.org/s{number}> <http://example.org/p> {number} }}")
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=insert, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    inserted = {line for line in dump(link) if line.startswith("<http://example.org/s")}
    assert len(inserted) == 8
    assert len(versions(link)) == 1
    assert (tmp_path / ".store.lock").is_file()


# --- readers hold the version they use; writers remove only unused versions -------------------


def labelled(label: str) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode("https://w3id.org/sco-kg/resource/state/kaz"),
                    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label))]


def labels_in(store: ox.Store) -> list[str]:
    return [quad.object.value for quad in store]


def test_a_version_held_by_a_reader_is_kept_until_it_is_closed(tmp_path):
    link = tmp_path / "store"
    first = build_store(link, labelled("first"))
    held = open_version(link)
    assert held.path == first
    second = build_store(link, labelled("second"))
    assert first.is_dir() and labels_in(held.store) == ["first"]
    update_store(link, 'INSERT DATA { <http://example.org/s> <http://example.org/p> "x" }')
    assert first.is_dir() and not second.exists()  # the second was not held
    held.close()
    held.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        held.store
    third = build_store(link, labelled("third"))
    assert versions(link) == [third]


def test_a_version_removed_while_it_is_being_opened_is_replaced_by_the_current_one(tmp_path, monkeypatch):
    link = tmp_path / "store"
    first = build_store(link, labelled("first"))
    real_flock = fcntl.flock
    raced: list[Path] = []

    def flock(fd: int, operation: int) -> None:
        if operation == fcntl.LOCK_SH and not raced:  # the reader resolved the link; a build swaps now
            raced.append(build_store(link, labelled("second")))
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    opened = open_version(link)
    assert not first.exists()  # the build removed it: nobody held it yet
    assert opened.path == raced[0] and labels_in(opened.store) == ["second"]
    opened.close()


def test_in_use_follows_the_references_to_the_store(tmp_path):
    link = tmp_path / "store"
    build_store(link, labelled("first"))
    held = open_version(link)
    assert not held.in_use()
    store = held.store
    assert held.in_use()
    del store
    assert not held.in_use()
    held.close()
    assert not held.in_use()


def test_a_full_disk_is_a_store_error_and_changes_nothing(tmp_path):
    link = tmp_path / "store"
    old = build_store(link, labelled("first"))

    def filling_the_disk():
        yield from labelled("second")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(StoreError, match="No space left on device") as caught:
        build_store(link, filling_the_disk())
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert link.resolve() == old and versions(link) == [old]
    assert labels_in(open_read_only(link)) == ["first"]


def test_a_version_directory_can_be_opened_by_its_own_path_until_it_is_removed(tmp_path):
    link = tmp_path / "store"
    first = build_store(link, labelled("first"))
    held = open_version(first)  # as a query worker is given the version of its job
    assert labels_in(held.store) == ["first"]
    build_store(link, labelled("second"))
    assert first.is_dir()
    held.close()
    build_store(link, labelled("third"))
    with pytest.raises(StoreNotFoundError):
        open_version(first)
