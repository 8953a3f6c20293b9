"""Soak test (issue 5): minutes of mixed traffic against `scokg serve`, with a rebuild in the middle.

    python bench/soak.py [--minutes 2] [--concurrency 4] [--workers 2]

Builds the corpus into a store of its own, starts `scokg serve --workers N` on a loopback port
and sends the mixed traffic of `soak_traffic.py` from `--concurrency` threads for `--minutes`
(at most 60). Halfway through it runs `scokg build` on the same store path while the traffic
goes on, then checks that the server serves the new version; the traffic goes on for at least a
quarter of the run after the rebuild, even when the rebuild is slow. When the server evaluates
queries in worker processes under a time budget, a runaway query is sent every
`--runaway-every` seconds and must be refused with 503 within the budget. The server's memory
(RSS of its process tree) is sampled throughout.

Prints requests served, errors and latency percentiles by kind of request, the rebuild, and the
memory after warm-up and at the end; exits with status 1 if any request failed, the rebuild
failed or was not picked up, or memory grew by more than `--max-growth` percent, and with 2 if
the test could not start.
"""
from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Column, Table

from common import (
    HOST, REPO, BenchError, Server, build_corpus_store, mib, query_workers_on_disk, scokg_env, start_scokg, tool,
)
from loadgen import Call, LoadResult, Sample, Summary, run_load, send_once, summarize
from memory import (
    MemorySample, MemorySampler, exited, memory_table, same_process_growth, whole_tree_growth, windows,
)
from soak_traffic import DUMP, traffic
from workloads import SPARQL_JSON

MAX_MINUTES = 60.0
QUERY_TIMEOUT_S = 2.0  # the server's query budget during the soak, so that runaways cost little
REBUILD_TIMEOUT_S = 600.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass(frozen=True)
class Rebuild:
    """What the rebuild in the middle did."""

    began: float  # seconds into the run
    seconds: float
    ok: bool
    message: str
    picked_up: bool


@dataclass
class Run:
    """Everything one soak run recorded."""

    load: LoadResult
    runaways: list[Sample]
    rebuild: Rebuild
    memory: list[MemorySample]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    with tempfile.TemporaryDirectory(prefix="scokg-soak-") as tmp:
        store = Path(tmp) / "store"
        try:
            build_corpus_store(store)
            server = start_scokg(store, Path(tmp), workers=args.workers, SCOKG_QUERY_TIMEOUT=str(QUERY_TIMEOUT_S))
        except BenchError as error:
            console.print(f"[red]soak test could not start:[/red] {error}")
            return 2
        try:
            status = _report(console, args, _soak(console, args, server, store))
        except BenchError as error:
            console.print(f"[red]soak test failed:[/red] {error}")
            status = 2
        finally:
            server.stop()
        if status:
            console.print(f"last lines of the server's log:\n{server.log_tail()}")
        return status


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0, help=f"length of the run (at most {MAX_MINUTES:g})")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="`scokg serve --workers`")
    parser.add_argument("--runaway-every", type=float, default=20.0, help="seconds between runaway queries")
    parser.add_argument("--runaways", choices=["auto", "on", "off"], default="auto",
                        help="send runaway queries (auto: when server/query_workers.py enforces a query budget)")
    parser.add_argument("--max-growth", type=float, default=25.0, help="memory growth (percent) that fails the run")
    args = parser.parse_args(argv)
    if not 0 < args.minutes <= MAX_MINUTES or args.concurrency < 1 or args.workers < 1 or args.runaway_every <= 0:
        parser.error(f"--minutes must be in (0, {MAX_MINUTES:g}]; --concurrency, --workers and --runaway-every "
                     "must be positive")
    args.runaways = args.runaways == "on" or (args.runaways == "auto" and query_workers_on_disk())
    return args


def _soak(console: Console, args: argparse.Namespace, server: Server, store: Path) -> Run:
    """Traffic (and runaways) from background threads; the rebuild halfway, from this thread."""
    seconds = args.minutes * 60
    groups = traffic(server)
    weights, calls = [weight for weight, _ in groups], [members for _, members in groups]
    console.print(f"[bold]Soak test[/bold]: {seconds:.0f} s, {args.concurrency} client threads, "
                  f"scokg serve --workers {args.workers}, query budget {QUERY_TIMEOUT_S:g} s, queries evaluated "
                  f"{'in query worker processes' if query_workers_on_disk() else 'in the request thread'}, "
                  f"runaway queries {'every %g s' % args.runaway_every if args.runaways else 'off'}")
    stop = threading.Event()
    origin = time.perf_counter()
    sampler = MemorySampler(server.pid, origin)
    runaways: list[Sample] = []
    outcome: dict[str, LoadResult] = {}
    limit = seconds + REBUILD_TIMEOUT_S + seconds / 4  # the traffic never outlasts this, whatever happens
    threads = [threading.Thread(target=lambda: outcome.setdefault("load", run_load(
        HOST, server.port, lambda rng: rng.choice(rng.choices(calls, weights=weights)[0]),
        concurrency=args.concurrency, seconds=limit, stop=stop, timeout_s=60.0)))]
    if args.runaways:
        threads.append(threading.Thread(target=_send_runaways, args=(server, origin, stop, args.runaway_every, runaways)))
    sampler.start()
    for thread in threads:
        thread.start()
    try:
        time.sleep(seconds / 2)
        rebuild = _rebuild(server, store, origin)
        end = max(seconds, rebuild.began + rebuild.seconds + seconds / 4)
        stop.wait(max(0.0, end - (time.perf_counter() - origin)))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        memory = sampler.stop()
    if "load" not in outcome:
        raise BenchError("the load generator stopped with an error (see above)")
    return Run(outcome["load"], runaways, rebuild, memory)


def _rebuild(server: Server, store: Path, origin: float) -> Rebuild:
    """`scokg build` on the served store path, then a check that the server serves the new version."""
    began = time.perf_counter()
    try:
        done = subprocess.run([tool("scokg"), "build"], cwd=REPO, env=scokg_env(store), capture_output=True,
                              text=True, timeout=REBUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return Rebuild(began - origin, REBUILD_TIMEOUT_S, False, f"no result in {REBUILD_TIMEOUT_S:g} s", False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        return Rebuild(began - origin, seconds, False, done.stderr.strip()[-500:], False)
    version = store.resolve().name
    return Rebuild(began - origin, seconds, True, done.stdout.strip().splitlines()[0], _picked_up(server, version))


def _picked_up(server: Server, version: str, attempts: int = 40) -> bool:
    """Whether the dump's ETag names `version` in four answers in a row (every worker has reopened)."""
    in_a_row = 0
    for _ in range(attempts):
        in_a_row = in_a_row + 1 if version in _dump_etag(server) else 0
        if in_a_row == 4:
            return True
        time.sleep(0.25)
    return False


def _dump_etag(server: Server) -> str:
    """The ETag of the N-Quads dump, which names the store version it was written from."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=60)
    try:
        connection.request("HEAD", DUMP)
        response = connection.getresponse()
        response.read()
        return response.getheader("ETag", "") if response.status == 200 else ""
    finally:
        connection.close()


def _send_runaways(server: Server, origin: float, stop: threading.Event, every: float, out: list[Sample]) -> None:
    """Every `every` seconds until `stop`, a query that would run for ages; it must get 503 in time."""
    call = Call("runaway", "/sparql", "POST", body=RUNAWAY.encode(), ok=frozenset({503}),
                headers={"Content-Type": "application/sparql-query", "Accept": SPARQL_JSON},
                within_s=QUERY_TIMEOUT_S + 5)
    while not stop.wait(every):
        began = time.perf_counter()
        try:
            status, _ = send_once(HOST, server.port, call, timeout_s=60)
            error = None if status in call.ok else f"HTTP {status}"
        except OSError as exc:
            status, error = None, f"{type(exc).__name__}: {exc}"
        took = time.perf_counter() - began
        if error is None and took > call.within_s:
            error = f"took {took:.1f} s (limit {call.within_s:g} s)"
        out.append(Sample(call.name, began - origin, took, status, error))


def _report(console: Console, args: argparse.Namespace, run: Run) -> int:
    """Print the figures; the exit status (1 if anything failed)."""
    table = Table("traffic", *(Column(h, justify="right") for h in (
        "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")), title="Requests by kind")
    for name in sorted(run.load.names()):
        table.add_row(name, *_figures(run.load.summary(name)))
    if run.runaways:
        table.add_row("runaway (503 expected)", *_figures(summarize(run.runaways, run.load.elapsed)))
    table.add_section()
    everything = summarize([*run.load.samples, *run.runaways], run.load.elapsed)
    table.add_row("all", *_figures(everything))
    console.print(table)
    rebuild = run.rebuild
    during = [s for s in run.load.samples if rebuild.began <= s.started <= rebuild.began + rebuild.seconds]
    after = [s for s in run.load.samples if s.started > rebuild.began + rebuild.seconds]
    console.print(f"rebuild at {rebuild.began:.0f} s took {rebuild.seconds:.1f} s: {'ok' if rebuild.ok else 'FAILED'} "
                  f"({rebuild.message}); new version served: {'yes' if rebuild.picked_up else 'NO'}; "
                  f"{len(during)} requests during it ({sum(1 for s in during if s.error)} errors), "
                  f"{len(after)} after it ({sum(1 for s in after if s.error)} errors)")
    flat = _print_memory(console, args, run)
    console.print(f"[bold]served {everything.count} requests in {run.load.elapsed:.0f} s "
                  f"({everything.throughput:.1f}/s), {everything.errors} errors, p99 {1000 * everything.p99:.1f} ms"
                  "[/bold]")
    for sample in [*run.load.errors(), *(s for s in run.runaways if s.error)][:10]:
        console.print(f"[red]error[/red] at {sample.started:.1f} s {sample.name}: {sample.error}")
    return 1 if everything.errors or not rebuild.ok or not rebuild.picked_up or not flat else 0


def _print_memory(console: Console, args: argparse.Namespace, run: Run) -> bool:
    """The memory table and verdict; whether memory stayed flat."""
    rebuild = run.rebuild
    console.print(memory_table(run.memory, f"Server memory (RSS); the rebuild ran from {rebuild.began:.0f} s "
                                           f"to {rebuild.began + rebuild.seconds:.0f} s"))
    seconds = run.load.elapsed
    early, late = windows(run.memory, warm_up=min(30.0, seconds / 4), stretch=max(4.0, seconds / 10))
    tree, same = whole_tree_growth(early, late), same_process_growth(early, late)
    flat = same.percent < args.max_growth
    console.print(f"memory of the {same.processes} processes alive from warm-up to the end: {mib(same.start)} -> "
                  f"{mib(same.end)}, growth {same.percent:+.1f} % ({'flat' if flat else 'GROWING'}; limit "
                  f"{args.max_growth:g} %); whole tree {mib(tree.start)} -> {mib(tree.end)} ({tree.percent:+.1f} %); "
                  f"{exited(run.memory)} processes exited during the run (query workers replaced after runaways)")
    return flat


def _figures(summary: Summary) -> list[str]:
    return [str(summary.count), str(summary.errors),
            *(f"{1000 * value:.1f}" for value in (summary.p50, summary.p95, summary.p99, summary.max))]


if __name__ == "__main__":
    sys.exit(main())
