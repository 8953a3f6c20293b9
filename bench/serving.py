"""Serving benchmark (issue 6): `scokg serve` against Oxigraph server on the same data and queries.

    python bench/serving.py [--graph corpus|synthetic] [--seconds 6] [--concurrency 1,4,16]

Builds the store (the corpus with `scokg build`, or a synthetic graph of `--triples` quads),
gives Oxigraph server a copy, starts both on loopback ports and checks that they hold the same
number of quads and give answers of the same size. Then, for each concurrency and each query of
the mix (`workloads.py`), it runs both servers for `--seconds` in all, in `--rounds` alternating
slices (scokg first in even rounds, Oxigraph first in odd ones) so that drift cancels out. It
prints throughput, p50/p95/p99 latency, server CPU per request, the scokg/Oxigraph throughput
ratio and CPU-per-request ratio, and exits with status 1 if any request failed.

scokg runs twice: `scokg` with its /sparql answer cache off (SCOKG_QUERY_CACHE_BYTES=0), the
headline, and `scokg-cached` with the cache on (every repeated query a hit after the first);
`--no-cached` leaves the second out.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil
import pyoxigraph
from rich.console import Console
from rich.table import Column, Table

from scokg.ontology.namespaces import DEFAULT_BASE_IRI
from scokg.settings import Settings

import synthetic_graph
from common import (
    HOST, BenchError, Server, build_corpus_store, child_pids, copy_for_oxigraph, count_quads, mib, oxigraph_version,
    query_workers_on_disk, select_rows, start_oxigraph, start_scokg, tree_cpu_seconds, tree_memory,
)
from loadgen import Call, Sample, Summary, run_load, send_once, summarize
from workloads import Workload, answer_size, workloads

UNCACHED, CACHED, OXIGRAPH = "scokg", "scokg-cached", "oxigraph"
ALL_SERVERS = (UNCACHED, CACHED, OXIGRAPH)
CACHE_SETTING = "SCOKG_QUERY_CACHE_BYTES"
WARM_UP_REQUESTS = 3
MAX_SECONDS = 120.0  # per cell: the whole run stays bounded


@dataclass
class Cell:
    """Everything measured for one (server, workload, concurrency)."""

    samples: list[Sample] = field(default_factory=list)
    elapsed: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console(width=None if sys.stdout.isatty() else 180)
    with ExitStack() as stack:
        work = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="scokg-serving-")))
        work.mkdir(parents=True, exist_ok=True)
        try:
            store, made = _prepare_store(args, work, console)
            shutil.rmtree(work / "oxigraph", ignore_errors=True)  # a --workdir may hold an older copy
            copied = copy_for_oxigraph(store, work / "oxigraph")
            scokg = start_scokg(store, work, workers=args.workers, **{CACHE_SETTING: "0"})
            stack.callback(scokg.stop)
            servers = {UNCACHED: scokg}
            if CACHED in args.servers:
                cached = start_scokg(store, work, workers=args.workers, **{CACHE_SETTING: str(args.cache_bytes)})
                stack.callback(cached.stop)
                servers[CACHED] = cached
            oxigraph = start_oxigraph(work / "oxigraph", work)
            stack.callback(oxigraph.stop)
            servers[OXIGRAPH] = oxigraph
            quads = _check_same_data(servers)
            _print_setup(console, args, made, copied, quads, servers)
            meeting = select_rows(scokg, "PREFIX sco: <https://w3id.org/sco-kg/ontology#>\n"
                                  "SELECT ?m WHERE { ?m sco:inSeries ?s } ORDER BY ?m LIMIT 1")[0]["m"]["value"]
            mix = _chosen(workloads(DEFAULT_BASE_IRI, meeting), args.queries)
            _check_answers(console, mix, servers)
            cells = _measure(console, args, mix, servers)
        except BenchError as error:
            console.print(f"[red]benchmark failed:[/red] {error}")
            return 2
    errors = _report(console, args, mix, cells)
    console.print(f"  load average after measuring: {_load_average()} (much above 1 per core: other processes "
                  "competed for the CPU, so trust CPU ms/req more than req/s)")
    if args.json:
        _write_json(args.json, args, mix, cells, quads)
    return 1 if errors else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", choices=["corpus", "synthetic"], default="corpus")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (quads)")
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds per server, query and concurrency")
    parser.add_argument("--rounds", type=int, default=4, help="alternating A/B slices each cell is split into")
    parser.add_argument("--concurrency", default="1,4,16", help="comma-separated client concurrencies")
    parser.add_argument("--workers", type=int, default=2, help="`scokg serve --workers`")
    parser.add_argument("--queries", nargs="*", help="only these workloads (names as in the table)")
    parser.add_argument("--workdir", type=Path, help="keep stores and server logs here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--no-cached", action="store_true",
                        help="do not measure scokg with its /sparql answer cache on (only the uncached headline)")
    parser.add_argument("--cache-bytes", type=int, default=Settings().query_cache_bytes,
                        help="SCOKG_QUERY_CACHE_BYTES of the cached scokg server")
    args = parser.parse_args(argv)
    args.servers = (UNCACHED, OXIGRAPH) if args.no_cached else ALL_SERVERS
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    if not 0 < args.seconds <= MAX_SECONDS or args.rounds < 1 or min(args.concurrency) < 1:
        parser.error(f"--seconds must be in (0, {MAX_SECONDS:.0f}], --rounds and --concurrency at least 1")
    return args


def _chosen(mix: list[Workload], names: list[str] | None) -> list[Workload]:
    """The workloads named with --queries (all without it); BenchError for an unknown name."""
    unknown = sorted(set(names or ()) - {w.name for w in mix})
    if unknown:
        raise BenchError(f"--queries: no workload named {', '.join(unknown)}; "
                         f"the workloads are {', '.join(w.name for w in mix)}")
    return [w for w in mix if not names or w.name in names]


def _prepare_store(args: argparse.Namespace, work: Path, console: Console) -> tuple[Path, str]:
    """Build the store to serve; returns its path and how it was made."""
    store = work / "store"
    began = time.perf_counter()
    if args.graph == "corpus":
        return store, f"`scokg build` of the corpus in {build_corpus_store(store):.1f} s"
    nquads = work / "synthetic.nq"
    with console.status(f"writing a synthetic graph of {args.triples:,} quads"):
        count = synthetic_graph.write_nquads(nquads, args.triples)
        written = time.perf_counter() - began
        synthetic_graph.load(nquads, store)
    nquads.unlink()
    return store, (f"synthetic graph: {count:,} quads written in {written:.1f} s, "
                   f"loaded with build_store in {time.perf_counter() - began - written:.1f} s")


def _check_same_data(servers: dict[str, Server]) -> int:
    counts = {name: count_quads(server) for name, server in servers.items()}
    if len(set(counts.values())) != 1:
        raise BenchError(f"the servers hold different data: {counts}")
    return counts[UNCACHED]


def _print_setup(console: Console, args: argparse.Namespace, made: str, copied: str, quads: int,
                 servers: dict[str, Server]) -> None:
    evaluation = ("in query worker processes (server/query_workers.py present)" if query_workers_on_disk()
                  else "in the request thread (no server/query_workers.py on disk)")
    console.print(f"[bold]Serving benchmark[/bold]: {args.graph} graph, {quads:,} quads; {os.cpu_count()} cores, "
                  f"{psutil.virtual_memory().total / 2**30:.0f} GiB")
    console.print(f"  store: {made}; Oxigraph's copy: {copied}")
    threads = Settings.from_env().server_threads
    console.print(f"  scokg serve --workers {args.workers} (Granian WSGI workers, {threads} threads each, "
                  f"SCOKG_SERVER_THREADS), queries evaluated {evaluation}")
    console.print(f"  /sparql answer cache: off for `{UNCACHED}` (the headline figures)"
                  + (f", on for `{CACHED}` ({mib(args.cache_bytes)})" if CACHED in servers else "")
                  + "; entity pages and canned queries are served from the page cache on both")
    budget = Settings.from_env().query_timeout_s
    console.print(f"  query budget: scokg {budget:g} s (SCOKG_QUERY_TIMEOUT), Oxigraph --timeout-s {math.ceil(budget)}")
    console.print(f"  oxigraph serve-read-only --union-default-graph, CLI {oxigraph_version()}, "
                  f"pyoxigraph {pyoxigraph.__version__}")
    console.print("  memory at start: " + ", ".join(f"{n} {mib(tree_memory(s.pid))}" for n, s in servers.items()))
    console.print(f"  load average before measuring: {_load_average()}")


def _check_answers(console: Console, mix: list[Workload], servers: dict[str, Server]) -> None:
    """Every request answers 200 on both servers, with answers of the same size where comparable."""
    table = Table("workload", "what", Column("scokg answer", justify="right"), Column("Oxigraph answer", justify="right"),
                  title="The mix (answer sizes: result rows or triples; bytes for pages)")
    for workload in mix:
        sizes = {}
        for name, server in servers.items():
            call = call_for(workload, name)
            status, body = send_once(HOST, server.port, call)
            if status != 200:
                raise BenchError(f"{name} answered {status} to {workload.name}: {body[:300]!r}")
            size = answer_size(body, call.headers.get("Accept", ""))
            sizes[name] = f"{size} rows" if size is not None else f"{len(body):,} bytes"
        if sizes.get(CACHED, sizes[UNCACHED]) != sizes[UNCACHED]:
            raise BenchError(f"{workload.name}: scokg answers differently with its cache on ({sizes})")
        if workload.comparable and sizes[UNCACHED] != sizes[OXIGRAPH]:
            raise BenchError(f"{workload.name}: the servers answer differently ({sizes})")
        table.add_row(workload.name, workload.description, sizes[UNCACHED], sizes[OXIGRAPH])
    console.print(table)


def _measure(console: Console, args: argparse.Namespace, mix: list[Workload],
             servers: dict[str, Server]) -> dict[tuple[str, str, int], Cell]:
    """Run every cell in alternating slices; returns the cells by (server, workload, concurrency)."""
    for name, server in servers.items():
        if name != OXIGRAPH:
            _start_query_pools(server)
    for workload in mix:
        for name, server in servers.items():
            for _ in range(WARM_UP_REQUESTS):
                send_once(HOST, server.port, call_for(workload, name))
    cells: dict[tuple[str, str, int], Cell] = {}
    slice_s = args.seconds / args.rounds
    names = tuple(servers)
    total = len(mix) * len(args.concurrency) * len(names) * args.seconds
    with console.status("") as status:
        done = 0.0
        for concurrency in args.concurrency:
            for workload in mix:
                for round_ in range(args.rounds):
                    order = names if round_ % 2 == 0 else names[::-1]
                    for name in order:
                        status.update(f"{workload.name} at concurrency {concurrency} on {name} "
                                      f"({done:.0f} of {total:.0f} s)")
                        cell = cells.setdefault((name, workload.name, concurrency), Cell())
                        _run_slice(cell, servers[name], call_for(workload, name), concurrency, slice_s)
                        done += slice_s
    return cells


def _start_query_pools(server: Server, timeout_s: float = 60.0) -> None:
    """Send queries from many connections until every worker process of `server` has started its
    query worker processes (they start on a worker's first query), so that no measured cell
    pays for starting them."""
    ask = Call("warm-up", "/sparql", "POST", body=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    deadline = time.monotonic() + timeout_s
    while not all(child_pids(worker) for worker in child_pids(server.pid)):
        if time.monotonic() > deadline:
            raise BenchError(f"{server.name}: not every worker started its query workers within {timeout_s:.0f} s")
        run_load(HOST, server.port, lambda rng: ask, concurrency=16, seconds=0.3)


def call_for(workload: Workload, server: str) -> Call:
    """The request `workload` sends to `server` (both scokg servers get the same one)."""
    return workload.oxigraph if server == OXIGRAPH else workload.scokg


def _run_slice(cell: Cell, server: Server, call: Call, concurrency: int, seconds: float) -> None:
    me = psutil.Process()
    server_before, client_before = tree_cpu_seconds(server.pid), sum(me.cpu_times()[:2])
    result = run_load(HOST, server.port, lambda rng: call, concurrency=concurrency, seconds=seconds)
    cell.server_cpu += tree_cpu_seconds(server.pid) - server_before
    cell.client_cpu += sum(me.cpu_times()[:2]) - client_before
    cell.samples.extend(result.samples)
    cell.elapsed += result.elapsed


def _report(console: Console, args: argparse.Namespace, mix: list[Workload],
            cells: dict[tuple[str, str, int], Cell]) -> int:
    """Print one table per concurrency and the load generator's share; returns the number of failed requests."""
    errors = 0
    for concurrency in args.concurrency:
        table = Table(
            "workload", "server", *(Column(name, justify="right") for name in (
                "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req", "errors", "ratio", "CPU ×")),
            title=f"Concurrency {concurrency}, {args.seconds:g} s per server and workload. ratio = scokg req/s ÷ "
                  "Oxigraph req/s; CPU × = scokg CPU per request ÷ Oxigraph's (CPU of the server's whole process tree). "
                  f"`{UNCACHED}` (answer cache off) is the headline; `{CACHED}` answers repeated queries from its cache",
        )
        for workload in mix:
            figures = {server: _figures(cells[(server, workload.name, concurrency)]) for server in args.servers}
            reference = figures[OXIGRAPH]
            for server, (summary, cpu) in figures.items():
                mine = server != OXIGRAPH
                ratio = f"{summary.throughput / reference[0].throughput:.2f}" if mine and reference[0].throughput else ""
                cpu_ratio = f"{cpu / reference[1]:.1f}" if mine and reference[1] else ""
                table.add_row(
                    workload.name if server == UNCACHED else "", server, f"{summary.throughput:.1f}",
                    *(f"{1000 * value:.1f}" for value in (summary.p50, summary.p95, summary.p99)),
                    f"{cpu:.2f}", str(summary.errors), ratio, cpu_ratio,
                )
                errors += summary.errors
            table.add_section()
        console.print(table)
    _print_client_load(console, args, cells)
    for sample in [s for cell in cells.values() for s in cell.samples if s.error][:10]:
        console.print(f"[red]error[/red] {sample.name}: {sample.error}")
    return errors


def _figures(cell: Cell) -> tuple[Summary, float]:
    """The cell's summary and its server CPU milliseconds per request."""
    summary = summarize(cell.samples, cell.elapsed)
    return summary, (1000 * cell.server_cpu / summary.count if summary.count else 0.0)


def _print_client_load(console: Console, args: argparse.Namespace, cells: dict[tuple[str, str, int], Cell]) -> None:
    """How busy the load generator itself was: near one core means the client, not the server, set the pace."""
    for concurrency in args.concurrency:
        shares = {
            server: sum(c.client_cpu for (s, _, k), c in cells.items() if s == server and k == concurrency)
            / max(1e-9, sum(c.elapsed for (s, _, k), c in cells.items() if s == server and k == concurrency))
            for server in args.servers
        }
        console.print(f"  load generator CPU at concurrency {concurrency}: "
                      + ", ".join(f"{100 * share:.0f} % of a core against {server}" for server, share in shares.items()))


def _load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def _write_json(path: Path, args: argparse.Namespace, mix: list[Workload],
                cells: dict[tuple[str, str, int], Cell], quads: int) -> None:
    figures = []
    for (server, workload, concurrency), cell in cells.items():
        summary = summarize(cell.samples, cell.elapsed)
        figures.append({"server": server, "workload": workload, "concurrency": concurrency,
                        "throughput": summary.throughput, "server_cpu_s": cell.server_cpu, **asdict(summary)})
    document = {"graph": args.graph, "quads": quads, "seconds": args.seconds, "rounds": args.rounds,
                "query_workers": query_workers_on_disk(), "servers": list(args.servers),
                "workloads": [w.name for w in mix], "cells": figures}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
