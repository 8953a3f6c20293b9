"""Soak test (issue 5): minutes of mixed traffic against `scokg serve`, with a rebuild in the middle.

    python bench/soak.py [--minutes 2] [--concurrency 4] [--workers 2]

Builds the corpus into a store of its own, starts `scokg serve --workers N` on a loopback port
and sends mixed traffic from `--concurrency` threads for `--minutes` (at most 60): SPARQL SELECT,
ASK and CONSTRUCT, malformed queries (which must get 400), entity pages as HTML and Turtle,
search, canned queries, VoID, the home page, the timeline and a dump. Halfway through it runs
`scokg build` on the same store path while the traffic goes on, then checks that the server
serves the new version. When the server evaluates queries in worker processes with a time
budget, a runaway query is sent every `--runaway-every` seconds and must be refused with 503
within the budget. The server's memory (RSS of its whole process tree) is sampled throughout.

Prints requests served, errors, latency percentiles, and memory at the start (after warm-up) and
at the end; exits with status 1 if any request failed, the rebuild failed or was not picked up,
or memory grew by more than `--max-growth` percent.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, urlencode

from rich.console import Console
from rich.table import Column, Table

from scokg.ontology.namespaces import DEFAULT_BASE_IRI

from common import (
    HOST, BenchError, Server, build_corpus_store, get, mib, query_workers_on_disk, scokg_env, select_rows,
    start_scokg, tool, tree_memory, tree_pids, child_pids, REPO,
)
from loadgen import Call, LoadResult, Sample, Summary, run_load, send_once, summarize
from workloads import N_TRIPLES, PREFIXES, SPARQL_JSON, describe_query, sparql

MAX_MINUTES = 60.0
QUERY_TIMEOUT_S = 2.0  # the server's query budget during the soak, so that runaways cost little
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SEARCH_TERMS = ["kazakh", "哈萨克", "environment", "forum", "生态", "meeting", "no-such-name-xyz"]
SAMPLE_EVERY_S = 2.0
DUMP = "/downloads/sco-kg.nq"


@dataclass(frozen=True)
class Rebuild:
    """What the rebuild in the middle did."""

    began: float  # seconds into the run
    seconds: float
    ok: bool
    message: str
    picked_up: bool


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    with tempfile.TemporaryDirectory(prefix="scokg-soak-") as tmp:
        work = Path(tmp)
        store = work / "store"
        try:
            build_corpus_store(store)
            server = start_scokg(store, work, workers=args.workers, SCOKG_QUERY_TIMEOUT=str(QUERY_TIMEOUT_S))
        except BenchError as error:
            console.print(f"[red]soak test could not start:[/red] {error}")
            return 2
        try:
            return _soak(console, args, server, store)
        finally:
            server.stop()


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
    if not 0 < args.minutes <= MAX_MINUTES or args.concurrency < 1 or args.runaway_every <= 0:
        parser.error(f"--minutes must be in (0, {MAX_MINUTES:g}], --concurrency at least 1")
    args.runaways = args.runaways == "on" or (args.runaways == "auto" and query_workers_on_disk())
    return args


def _soak(console: Console, args: argparse.Namespace, server: Server, store: Path) -> int:
    seconds = args.minutes * 60
    mix = _traffic(server)
    weights, groups = [weight for weight, _ in mix], [calls for _, calls in mix]
    console.print(f"[bold]Soak test[/bold]: {seconds:.0f} s, {args.concurrency} client threads, "
                  f"scokg serve --workers {args.workers} (pid {server.pid}), query budget {QUERY_TIMEOUT_S:g} s; "
                  f"queries evaluated {'in query worker processes' if query_workers_on_disk() else 'in the request thread'}; "
                  f"runaway queries {'every %g s' % args.runaway_every if args.runaways else 'off'}")
    stop = threading.Event()
    origin = time.perf_counter()
    memory: list[tuple[float, int]] = []
    runaways: list[Sample] = []
    processes_before = _processes(server)
    background = [threading.Thread(target=_sample_memory, args=(server, origin, stop, memory), daemon=True)]
    if args.runaways:
        background.append(threading.Thread(
            target=_send_runaways, args=(server, origin, stop, args.runaway_every, runaways), daemon=True))
    outcome: dict[str, LoadResult] = {}
    load = threading.Thread(target=lambda: outcome.setdefault("load", run_load(
        HOST, server.port, lambda rng: rng.choice(rng.choices(groups, weights=weights)[0]),
        concurrency=args.concurrency, seconds=seconds, stop=stop, timeout_s=60.0)))
    for thread in [load, *background]:
        thread.start()
    try:
        time.sleep(seconds / 2)
        rebuild = _rebuild(server, store, origin)
        load.join(timeout=seconds)
    finally:
        stop.set()
        for thread in [load, *background]:
            thread.join(timeout=120)
    result = outcome["load"]
    replaced = {kind: len(pids - _processes(server)[kind]) for kind, pids in processes_before.items()}
    return _report(console, args, result, runaways, rebuild, memory, replaced)


def _traffic(server: Server) -> list[tuple[int, list[Call]]]:
    """The mix as (weight, calls) groups: a group is drawn by weight, then one of its calls at random.

    The resources and canned queries are taken from the running server.
    """
    kaz = f"{DEFAULT_BASE_IRI}resource/state/kaz"
    resources = [row["s"]["value"] for row in select_rows(server, f"""SELECT DISTINCT ?s WHERE {{ ?s a ?t
        FILTER(STRSTARTS(STR(?s), "{DEFAULT_BASE_IRI}resource/") && !CONTAINS(STR(?s), "/evidence/"))
    }} ORDER BY ?s LIMIT 400""")]
    entities = [iri for iri in resources if "/mention/" not in iri][:150] + [iri for iri in resources if "/mention/" in iri][:20]
    status, body = get(server, "/queries/", accept="application/json")
    if status != 200:
        raise BenchError(f"/queries/ answered {status}")
    canned = [entry["url"] for entry in json.loads(body)["queries"]]
    forum = PREFIXES + 'SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), "forum")) } LIMIT 50'
    return [
        (12, [sparql("select", "/sparql", f"SELECT ?p ?o WHERE {{ <{kaz}> ?p ?o }}", SPARQL_JSON),
              Call("select", server.query_url(forum), headers={"Accept": SPARQL_JSON}),
              sparql("select", "/sparql", "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c", "text/csv")]),
        (4, [sparql("ask", "/sparql", PREFIXES + f"ASK {{ <{kaz}> a sco:State }}", SPARQL_JSON)]),
        (4, [sparql("construct", "/sparql", describe_query(kaz), N_TRIPLES)]),
        (2, [replace(sparql("malformed (400 expected)", "/sparql", "SELECT ?x WHERE { ?x", SPARQL_JSON),
                     ok=frozenset({400}))]),
        (15, [Call("entity-page", _local(iri), headers={"Accept": "text/html"}) for iri in entities]),
        (5, [Call("entity-turtle", _local(iri), headers={"Accept": "text/turtle"}) for iri in entities]),
        (15, [Call("search", "/search?" + urlencode({"q": term, "format": fmt}))
              for term in SEARCH_TERMS for fmt in ("json", "html")]),
        (15, [Call("canned", url, headers={"Accept": accept}) for url in canned for accept in (SPARQL_JSON, "text/html")]),
        (4, [Call("void", "/.well-known/void", headers={"Accept": "text/turtle"})]),
        (3, [Call("home", "/", headers={"Accept": "text/html"})]),
        (3, [Call("timeline", "/timeline.json")]),
        (1, [Call("dump", DUMP)]),
    ]


def _local(iri: str) -> str:
    return "/" + quote(iri.removeprefix(DEFAULT_BASE_IRI), safe="/")


def _rebuild(server: Server, store: Path, origin: float) -> Rebuild:
    """`scokg build` on the served store path, then a check that the server serves the new version."""
    began = time.perf_counter()
    done = subprocess.run([tool("scokg"), "build"], cwd=REPO, env=scokg_env(store), capture_output=True,
                          text=True, timeout=600)
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


def _sample_memory(server: Server, origin: float, stop: threading.Event, memory: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        memory.append((time.perf_counter() - origin, tree_memory(server.pid)))
        stop.wait(SAMPLE_EVERY_S)


def _send_runaways(server: Server, origin: float, stop: threading.Event, every: float, out: list[Sample]) -> None:
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
            error = f"took {took:.1f} s"
        out.append(Sample(call.name, began - origin, took, status, error))


def _processes(server: Server) -> dict[str, set[int]]:
    """The server's gunicorn workers (children of the master) and the processes they started."""
    workers = child_pids(server.pid)
    return {"gunicorn workers": workers, "query workers": tree_pids(server.pid) - workers - {server.pid}}


def _report(console: Console, args: argparse.Namespace, result: LoadResult, runaways: list[Sample],
            rebuild: Rebuild, memory: list[tuple[float, int]], replaced: dict[str, int]) -> int:
    table = Table("traffic", *(Column(h, justify="right") for h in ("requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")),
                  title="Requests by kind")
    for name in sorted(result.names()):
        table.add_row(name, *_figures(result.summary(name)))
    if runaways:
        table.add_row("runaway (503 expected)", *_figures(summarize(runaways, result.elapsed)))
    table.add_section()
    everything = summarize([*result.samples, *runaways], result.elapsed)
    table.add_row("all", *_figures(everything))
    console.print(table)
    window = [s for s in result.samples if rebuild.began <= s.started <= rebuild.began + rebuild.seconds]
    console.print(f"rebuild at {rebuild.began:.0f} s took {rebuild.seconds:.1f} s: "
                  f"{'ok' if rebuild.ok else 'FAILED'} ({rebuild.message}); new version served: "
                  f"{'yes' if rebuild.picked_up else 'NO'}; {len(window)} requests during it, "
                  f"{sum(1 for s in window if s.error)} errors")
    growth, start, end = _growth(memory, args.minutes * 60)
    flat = growth < args.max_growth
    console.print(f"memory (RSS of the server's process tree): {mib(start)} after warm-up, {mib(end)} at the end, "
                  f"growth {growth:+.1f} % ({'flat' if flat else 'GROWING'}; limit {args.max_growth:g} %); "
                  f"peak {mib(max(m for _, m in memory))}; processes replaced: "
                  + ", ".join(f"{count} {kind}" for kind, count in replaced.items()))
    console.print(f"[bold]served {everything.count} requests ({everything.throughput:.1f}/s), "
                  f"{everything.errors} errors, p99 {1000 * everything.p99:.1f} ms[/bold]")
    for sample in [*result.errors(), *(s for s in runaways if s.error)][:10]:
        console.print(f"[red]error[/red] at {sample.started:.1f} s {sample.name}: {sample.error}")
    failed = everything.errors or not rebuild.ok or not rebuild.picked_up or not flat
    return 1 if failed else 0


def _figures(summary: Summary) -> list[str]:
    return [str(summary.count), str(summary.errors),
            *(f"{1000 * value:.1f}" for value in (summary.p50, summary.p95, summary.p99, summary.max))]


def _growth(memory: list[tuple[float, int]], seconds: float) -> tuple[float, int, int]:
    """Growth (percent) from the median after warm-up to the median of the last stretch, and both values.

    Warm-up is the first quarter of the run (at most 30 s); each median is over a tenth of the run
    (at least one sample), so a single spike does not decide.
    """
    warm_up = min(30.0, seconds / 4)
    stretch = max(SAMPLE_EVERY_S, seconds / 10)
    early = [m for t, m in memory if warm_up <= t < warm_up + stretch] or [memory[0][1]]
    late = [m for t, m in memory if t >= seconds - stretch] or [memory[-1][1]]
    start, end = int(statistics.median(early)), int(statistics.median(late))
    return 100 * (end - start) / start, start, end


if __name__ == "__main__":
    sys.exit(main())
