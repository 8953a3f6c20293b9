"""What both benchmarks share: the servers under test as subprocesses, their data, their footprint.

- `build_corpus_store` runs `scokg build` into a store path of the benchmark's own.
- `copy_for_oxigraph` gives Oxigraph server its own directory holding the same quads.
- `start_scokg` / `start_oxigraph` start `scokg serve` and `oxigraph serve-read-only` on free
  127.0.0.1 ports and wait until they answer a query; `Server.stop` ends them.
- `tree_memory` / `tree_cpu_seconds` measure a server's whole process tree with psutil.

Every server listens on the loopback interface only.
"""
from __future__ import annotations

import http.client
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psutil
import pyoxigraph
from pyoxigraph import RdfFormat, Store

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SPARQL_JSON = "application/sparql-results+json"
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # over the union default graph: every quad


class BenchError(RuntimeError):
    """A benchmark cannot run as asked (a server does not start, the data differ, ...)."""


@dataclass
class Server:
    """A server process under test, its address and the path of its SPARQL query endpoint."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    query_path: str
    log: Path

    @property
    def pid(self) -> int:
        """The process id of the server (Granian's main process for scokg)."""
        return self.process.pid

    def query_url(self, query: str) -> str:
        """The GET path asking `query` of this server."""
        return f"{self.query_path}?{urlencode({'query': query})}"

    def stop(self, timeout_s: float = 20.0) -> None:
        """Ask the server to stop (SIGTERM), and kill it if it has not within `timeout_s`."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            for child in _descendants(self.pid):
                child.kill()
            self.process.kill()
            self.process.wait(timeout=timeout_s)

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the server wrote to its log."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def tool(name: str) -> str:
    """The console script `name` of this virtual environment (beside the running Python), or on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise BenchError(f"`{name}` is not installed; run `pip install -e '.[bench]'`")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def scokg_env(store_path: Path, **settings: str) -> dict[str, str]:
    """This process's environment with the store path and other SCOKG_* settings set."""
    env = dict(os.environ)
    env.setdefault("SCOKG_CORPUS", str(REPO / "corpus"))
    env["SCOKG_STORE"] = str(store_path)
    env.update(settings)
    return env


def build_corpus_store(store_path: Path) -> float:
    """Run `scokg build` into `store_path`; returns its wall-clock seconds. Raises BenchError on failure."""
    began = time.perf_counter()
    done = subprocess.run(
        [tool("scokg"), "build"], cwd=REPO, env=scokg_env(store_path),
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        raise BenchError(f"`scokg build` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - began


def copy_for_oxigraph(store_path: Path, target: Path) -> str:
    """Give Oxigraph server its own copy of the store at `store_path`; returns how it was made.

    With the same Oxigraph release on both sides the on-disk format is the same, so a RocksDB
    backup (hard links where possible) is an exact copy. Otherwise the quads go through an
    N-Quads dump and `oxigraph load`.
    """
    source = Store.read_only(str(Path(store_path).resolve()))
    cli_version = oxigraph_version()
    if cli_version == pyoxigraph.__version__:
        source.backup(str(target))
        return f"backup of the store (Oxigraph {cli_version} on both sides)"
    dump = target.with_suffix(".nq")
    source.dump(str(dump), format=RdfFormat.N_QUADS)
    done = subprocess.run(
        [tool("oxigraph"), "load", "--location", str(target), "--file", str(dump)],
        capture_output=True, text=True, timeout=3600,
    )
    dump.unlink(missing_ok=True)
    if done.returncode != 0:
        raise BenchError(f"`oxigraph load` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return f"N-Quads dump loaded with `oxigraph load` (CLI {cli_version}, pyoxigraph {pyoxigraph.__version__})"


def oxigraph_version() -> str:
    """The version of the `oxigraph` CLI, e.g. `0.5.13`."""
    done = subprocess.run([tool("oxigraph"), "--version"], capture_output=True, text=True, timeout=30)
    return done.stdout.split()[-1] if done.returncode == 0 and done.stdout.split() else "unknown"


def start_scokg(store_path: Path, log_dir: Path, workers: int = 2, **settings: str) -> Server:
    """`scokg serve --workers N` over `store_path` (SCOKG_* `settings` added), once it answers."""
    port = free_port()
    command = [tool("scokg"), "serve", "--workers", str(workers), "--host", HOST, "--port", str(port)]
    return _start("scokg", command, port, "/sparql", log_dir, scokg_env(store_path, **settings))


def start_oxigraph(location: Path, log_dir: Path) -> Server:
    """`oxigraph serve-read-only` over `location`, the union of all graphs as default graph.

    Started without `--timeout-s`: with it, Oxigraph runs a timer thread per query for the whole
    timeout and, at thousands of requests per second, runs out of threads and answers 500. The
    benchmark's queries all finish in milliseconds, so no budget is needed to compare them.
    """
    port = free_port()
    command = [
        tool("oxigraph"), "serve-read-only", "--location", str(location),
        "--bind", f"{HOST}:{port}", "--union-default-graph",
    ]
    return _start("oxigraph", command, port, "/query", log_dir, dict(os.environ))


def _start(name: str, command: list[str], port: int, query_path: str, log_dir: Path, env: dict[str, str]) -> Server:
    log = log_dir / f"{name}-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(name, process, port, query_path, log)
    try:
        wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def wait_until_ready(server: Server, timeout_s: float = 120.0) -> None:
    """Poll `ASK {}` until the server answers 200; BenchError if it exits or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            status, _ = get(server, server.query_url("ASK {}"), timeout_s=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"{server.name} did not answer within {timeout_s:.0f} s:\n{server.log_tail()}")


def get(server: Server, path: str, accept: str = "*/*", timeout_s: float = 60.0) -> tuple[int, bytes]:
    """One GET request to `server`: its status and body."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=timeout_s)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def select_rows(server: Server, query: str) -> list[dict[str, dict[str, str]]]:
    """The SPARQL JSON bindings of a SELECT `query`; BenchError unless it answers 200."""
    status, body = get(server, server.query_url(query), accept=SPARQL_JSON)
    if status != 200:
        raise BenchError(f"{server.name} answered {status} to {query!r}: {body[:300]!r}")
    return json.loads(body)["results"]["bindings"]


def count_quads(server: Server) -> int:
    """How many quads `server` serves (a triple pattern over the union default graph)."""
    return int(select_rows(server, COUNT_QUADS)[0]["n"]["value"])


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _tree(pid: int) -> list[psutil.Process]:
    try:
        return [psutil.Process(pid), *_descendants(pid)]
    except psutil.NoSuchProcess:
        return []


def child_pids(pid: int) -> set[int]:
    """The direct children of the process `pid` (Granian's workers for its main process)."""
    try:
        return {process.pid for process in psutil.Process(pid).children()}
    except psutil.NoSuchProcess:
        return set()


def memory_by_process(pid: int) -> dict[int, int]:
    """Resident set size (bytes) of the process `pid` and of each of its descendants, by pid."""
    sizes = {}
    for process in _tree(pid):
        try:
            sizes[process.pid] = process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return sizes


def tree_memory(pid: int) -> int:
    """Resident set size (bytes) of the process `pid` and all its descendants, added up."""
    return sum(memory_by_process(pid).values())


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by the process tree of `pid`, reaped children included."""
    total = 0.0
    for process in _tree(pid):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def query_workers_on_disk() -> bool:
    """Whether this checkout evaluates queries in worker processes (`scokg.server.query_workers`)."""
    return importlib.util.find_spec("scokg.server.query_workers") is not None


def mib(size: int) -> str:
    """`size` bytes as mebibytes for people."""
    return f"{size / 2**20:.1f} MiB"
