"""Rebuilding the store under the production server (Granian, 2 workers) while clients query it.

The store is first built from the corpus without one document; `scokg build` then rebuilds it
from the whole corpus twice while four client threads keep querying `/sparql`, an entity page,
search and a canned query. No request may fail, and once a rebuild has finished every request
must see the new store. Failed rebuilds (corrupt documents, a missing corpus, a build killed
half-way, a full disk) must leave the old store serving.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median, quantiles

import pyoxigraph as ox
import pytest
import requests
from support import CORPUS

from scokg.build import build_graph
from scokg.graph.store import StoreError, build_store, open_read_only
from scokg.server.store_handle import CurrentStore
from scokg.settings import Settings

SCOKG = Path(sys.executable).with_name("scokg")
RES = "https://w3id.org/sco-kg/resource/"
KAZ = RES + "state/kaz"
LEFT_OUT = "csec-brochure"  # the document the first store is built without
LEFT_OUT_SOURCE = RES + "source/" + LEFT_OUT
ALL_SOURCES = frozenset(RES + "source/" + path.name.removesuffix(".txt") for path in CORPUS.glob("*.txt"))
SOURCES_QUERY = "PREFIX sco: <https://w3id.org/sco-kg/ontology#> SELECT ?s WHERE { ?s a sco:SourceDocument }"
STARTUP_S = 60
VERSION_NAME = re.compile(r"store\.\d{8}T\d{12}Z-(\d+)")


# --- the production server ------------------------------------------------------------------


@dataclass(frozen=True)
class Production:
    """`scokg serve` (Granian) on a free loopback port, over a store under `root`."""

    url: str
    store_path: Path
    root: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def corpus_copy(target: Path, leave_out: Iterable[str] = ()) -> Path:
    """A copy of the corpus (documents and sidecars) without the documents named in `leave_out`."""
    target.mkdir(parents=True)
    for path in CORPUS.iterdir():
        if path.name.split(".")[0] not in leave_out:
            shutil.copy(path, target / path.name)
    return target


def scokg(production: Production, *args: str) -> subprocess.Popen[str]:
    """Start the `scokg` command on the production store."""
    return subprocess.Popen(
        [str(SCOKG), "--store", str(production.store_path), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=production.root,
    )


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scokg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    pytest.fail(f"scokg serve did not answer within {STARTUP_S} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    root = tmp_path_factory.mktemp("production")
    store_path = root / "data" / "store"
    build_graph(Settings(store_path=store_path, corpus_dir=corpus_copy(root / "partial", [LEFT_OUT])))
    url = f"http://127.0.0.1:{(port := free_port())}"
    log = root / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(SCOKG), "--store", str(store_path), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            stdout=output, stderr=subprocess.STDOUT, cwd=root,
        )
    try:
        wait_until_serving(url, process, log)
        yield Production(url, store_path, root)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the load -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One request: what, when it started (monotonic), how long it took, the sources it saw."""

    kind: str
    started: float
    seconds: float
    sources: frozenset[str] | None = None
    failure: str | None = None


def sources_from_bindings(response: requests.Response, variable: str) -> frozenset[str]:
    return frozenset(row[variable]["value"] for row in response.json()["results"]["bindings"])


def check_sparql(response: requests.Response) -> frozenset[str]:
    return sources_from_bindings(response, "s")


def check_canned(response: requests.Response) -> frozenset[str]:
    return sources_from_bindings(response, "source")


def check_entity(response: requests.Response) -> None:
    assert "哈萨克斯坦" in response.text and "Kazakhstan" in response.text, "Kazakhstan page without its names"


def check_search(response: requests.Response) -> None:
    assert response.json()["results"][0]["iri"] == KAZ, "search for kazakh does not find Kazakhstan first"


@dataclass(frozen=True)
class Probe:
    """A request the clients send, and the check of its answer (returns the sources seen, if any)."""

    kind: str
    path: str
    params: dict[str, str]
    accept: str
    check: Callable[[requests.Response], frozenset[str] | None]


PROBES = (
    Probe("sparql", "/sparql", {"query": SOURCES_QUERY}, "application/sparql-results+json", check_sparql),
    Probe("entity", "/resource/state/kaz", {}, "text/html", check_entity),
    Probe("search", "/search", {"q": "kazakh", "format": "json"}, "application/json", check_search),
    Probe("canned", "/queries/sources-overview", {}, "application/sparql-results+json", check_canned),
)


@dataclass
class Load:
    """Client threads sending the probes in turn, each waiting `pause_s` between requests, until stopped."""

    url: str
    clients: int
    pause_s: float = 0.1  # between two requests of a client: steady load, not a CPU-starved build
    outcomes: list[Outcome] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Load:
        for number in range(self.clients):
            thread = threading.Thread(target=self._client, args=(number,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)

    def _client(self, number: int) -> None:
        with requests.Session() as session:
            turn = number  # the clients start on different probes
            while not self._stop.is_set():
                probe = PROBES[turn % len(PROBES)]
                turn += 1
                self.outcomes.append(self._send(session, probe))
                self._stop.wait(self.pause_s)

    def _send(self, session: requests.Session, probe: Probe) -> Outcome:
        started = time.monotonic()
        sources, failure = None, None
        try:
            response = session.get(self.url + probe.path, params=probe.params, headers={"Accept": probe.accept}, timeout=30)
            if response.status_code != 200:
                failure = f"{response.status_code}: {response.text[:300]}"
            else:
                sources = probe.check(response)
        except Exception as error:  # every failure is recorded and reported by the test
            failure = f"{type(error).__name__}: {error}"
        return Outcome(probe.kind, started, time.monotonic() - started, sources, failure)

    def wait_for(self, count: int, timeout: float = 60) -> None:
        """Wait until `count` requests have been answered (the server is warm)."""
        deadline = time.monotonic() + timeout
        while len(self.outcomes) < count:
            assert time.monotonic() < deadline, f"only {len(self.outcomes)} requests answered in {timeout} s"
            time.sleep(0.05)

    def failures(self) -> list[str]:
        return [f"{o.kind} at +{o.started - self.outcomes[0].started:.2f} s: {o.failure}" for o in self.outcomes if o.failure]

    def summary(self, seconds: float) -> str:
        latencies = sorted(o.seconds * 1000 for o in self.outcomes)
        p95 = quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
        by_kind = Counter(o.kind for o in self.outcomes)
        return (
            f"{len(self.outcomes)} requests in {seconds:.1f} s ({len(self.outcomes) / seconds:.0f}/s) by {self.clients} "
            f"clients, {len(self.failures())} failed; latency median {median(latencies):.1f} ms, p95 {p95:.1f} ms, "
            f"max {latencies[-1]:.0f} ms; {dict(by_kind)}"
        )


def served_sources(production: Production) -> frozenset[str]:
    response = requests.get(production.url + "/sparql", params={"query": SOURCES_QUERY},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return check_sparql(response)


def assert_clean_log(production: Production) -> None:
    """The server logged no traceback and no error (Granian logs worker crashes)."""
    log = (production.root / "server.log").read_text(errors="replace")
    assert "Traceback" not in log and "[ERROR]" not in log and "[CRITICAL]" not in log, log[-3000:]


def versions(store_path: Path) -> list[Path]:
    return sorted(path for path in store_path.parent.iterdir() if VERSION_NAME.fullmatch(path.name))


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.slow
def test_two_rebuilds_under_load_fail_no_request_and_serve_the_new_store(production: Production) -> None:
    assert served_sources(production) == ALL_SOURCES - {LEFT_OUT_SOURCE}
    full = corpus_copy(production.root / "full")
    builds: list[tuple[float, float]] = []  # (began, ended), monotonic
    started = time.monotonic()
    with Load(production.url, clients=4) as load:
        load.wait_for(2 * len(PROBES) * load.clients)
        for _ in range(2):
            began = time.monotonic()
            code, out, err = finish(scokg(production, "--corpus", str(full), "build"))
            assert code == 0, err
            assert "5 sources" in out
            builds.append((began, time.monotonic()))
            time.sleep(0.5)
    elapsed = time.monotonic() - started
    took = ", ".join(f"{ended - began:.1f} s" for began, ended in builds)
    print(f"\nrebuild under load: {load.summary(elapsed)}; builds took {took}")

    assert load.failures() == []
    assert len(load.outcomes) > 50
    assert set(Counter(o.kind for o in load.outcomes)) == {probe.kind for probe in PROBES}
    seen = [o for o in load.outcomes if o.sources is not None]
    before = {o.sources for o in seen if o.started + o.seconds < builds[0][0]}
    assert before == {ALL_SOURCES - {LEFT_OUT_SOURCE}}
    after = {o.sources for o in seen if o.started > builds[0][1]}
    assert after == {ALL_SOURCES}, "a request that started after the rebuild saw an old store"
    assert served_sources(production) == ALL_SOURCES
    page = requests.get(production.url + "/graph", params={"iri": LEFT_OUT_SOURCE}, headers={"Accept": "application/n-quads"}, timeout=30)
    assert page.status_code == 200 and "China Center for SCO Environmental Cooperation" in page.text
    # Old versions are removed once no server process holds them: they do not pile up.
    assert len(versions(production.store_path)) <= 3
    assert_clean_log(production)


@pytest.mark.slow
def test_failed_and_killed_builds_leave_the_old_store_serving(production: Production) -> None:
    before_sources = served_sources(production)
    current = production.store_path.resolve()
    with Load(production.url, clients=2) as load:
        # A build killed after it made its version directory: the link never moves.
        process = scokg(production, "--corpus", str(corpus_copy(production.root / "killed")), "build")
        stale = wait_for_version_of(process, production.store_path)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert production.store_path.resolve() == current
        assert stale.is_dir()
        assert served_sources(production) == before_sources

        # A corpus that is not there: a clear error, no traceback, nothing changed.
        code, out, err = finish(scokg(production, "--corpus", str(production.root / "no-such-corpus"), "build"))
        assert code == 1
        assert "corpus directory not found" in err and "Traceback" not in err
        assert production.store_path.resolve() == current

        # Corrupt documents are reported by name and skipped; the good ones build, and the build
        # removes the killed build's directory.
        corrupt = corpus_copy(production.root / "corrupt")
        bad_names = add_corrupt_documents(corrupt)
        code, out, err = finish(scokg(production, "--corpus", str(corrupt), "build"))
        assert code == 0, err
        assert "5 sources" in out
        for name in bad_names:
            assert name in err
        assert "Traceback" not in err
    print(f"\nfailed builds under load: {load.summary(load.outcomes[-1].started - load.outcomes[0].started)}")

    assert load.failures() == []
    assert not stale.exists(), "the killed build's directory was left behind"
    assert production.store_path.resolve() != current
    assert served_sources(production) == ALL_SOURCES
    assert_clean_log(production)


def test_a_full_disk_during_a_build_leaves_the_old_store_serving(production: Production) -> None:
    current = production.store_path.resolve()
    before = set(versions(production.store_path))
    good = list(open_read_only(production.store_path))

    def filling_the_disk() -> Iterator[ox.Quad]:
        yield from good[: len(good) // 2]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with Load(production.url, clients=2) as load:
        load.wait_for(len(PROBES))
        with pytest.raises(StoreError, match="No space left on device") as caught:
            build_store(production.store_path, filling_the_disk())
        time.sleep(0.2)
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert "the store is unchanged" in str(caught.value)
    assert load.failures() == []
    assert production.store_path.resolve() == current
    assert set(versions(production.store_path)) <= before  # the partial version is gone
    assert served_sources(production) >= ALL_SOURCES - {LEFT_OUT_SOURCE}
    assert_clean_log(production)


def wait_for_version_of(process: subprocess.Popen[str], store_path: Path, timeout: float = 60) -> Path:
    """The version directory `process` creates beside `store_path`, as soon as it exists."""
    name = re.compile(rf"store\.\d{{8}}T\d{{12}}Z-{process.pid}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in os.scandir(store_path.parent):
            if name.fullmatch(entry.name):
                return Path(entry.path)
        if process.poll() is not None:
            pytest.fail(f"the build ended before it created its version directory: {process.stderr.read()}")
        time.sleep(0.001)
    pytest.fail("the build made no version directory in time")


def add_corrupt_documents(corpus: Path) -> list[str]:
    """Documents the loader must report and skip; returns their file names."""
    sidecar = "id: {id}\ntitle:\n  en: A broken document\ngenre: document\nlanguages: [zh, en]\n"
    text = "上海合作组织成员国环境部长会议在北京举行。\nThe SCO environment ministers met in Beijing.\n"
    files = {
        "not-utf8": (b"\xe4\xb8\x8a\xff\xfe garbage \x80\x81\n", sidecar),
        "english-only": (b"This document has English lines only.\nIt fits no known layout.\n", sidecar),
        "unknown-layout": (text.encode(), sidecar + "layout: three-columns\n"),
        "bad-yaml": (text.encode(), "id: [unclosed\n"),
    }
    for stem, (body, meta) in files.items():
        (corpus / f"{stem}.txt").write_bytes(body)
        (corpus / f"{stem}.meta.yaml").write_text(meta.format(id=stem), encoding="utf-8")
    (corpus / "no-sidecar.txt").write_text(text, encoding="utf-8")
    return ["not-utf8.txt", "english-only.txt", "unknown-layout.meta.yaml", "bad-yaml.meta.yaml", "no-sidecar.txt"]


# --- the server's store handle keeps the versions it uses ------------------------------------


def test_a_server_process_keeps_the_versions_its_requests_still_use(tmp_path: Path) -> None:
    def quads(label: str) -> list[ox.Quad]:
        return [ox.Quad(ox.NamedNode(KAZ), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label))]

    def labels(store: ox.Store) -> list[str]:
        return [quad.object.value for quad in store]

    link = tmp_path / "store"
    first = build_store(link, quads("first"))
    handle = CurrentStore(link)
    in_flight = handle.get()  # a request still running on the first version
    second = build_store(link, quads("second"))
    assert first.is_dir(), "a build removed the version a request was reading"
    assert labels(handle.get()) == ["second"]
    assert labels(in_flight) == ["first"]
    third = build_store(link, quads("third"))
    assert first.is_dir() and second.is_dir()  # held by the request and by the handle
    del in_flight  # the request finished
    assert labels(handle.get()) == ["third"]  # the handle lets the first and second versions go
    fourth = build_store(link, quads("fourth"))
    assert versions(link) == [third, fourth]  # the third stays until the handle moves on
    assert labels(handle.get()) == ["fourth"]
