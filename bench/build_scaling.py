"""How the build scales: synthetic corpora at 1×, 10×, 100×, 1000× the real corpus, built and timed.

For each scale, `corpus_generator.py` writes the documents into a temporary folder, then a child
process (this file with `--child`) runs `scokg.build.build_graph` on them and reports, as JSON,
the build's own step timings (`BuildReport.seconds`), finer phases of "load corpus" (taken from
the progress messages: reading and extracting the documents, cross-document resolution), counts,
and its peak memory: the Python process's own (`RUSAGE_SELF`) and the largest of its children's
(`RUSAGE_CHILDREN`: the processes reading documents, HermiT's JVM). The parent prints throughput
per scale and the growth exponent of every step (least squares of log(seconds) against log(bytes);
1 is linear). `--jobs` sets the build's reading processes (default: one per CPU).

A scale is skipped when the last one measured predicts (at the exponent fitted so far, at least 1)
that it would take longer than `--max-seconds`. `--profile 10,100` adds a cProfile run at those
scales and prints the functions with the most own time.

    .venv/bin/python bench/build_scaling.py --scales 1,10,100 --max-seconds 300
"""
from __future__ import annotations

import argparse
import cProfile
import json
import math
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Column, Table

from corpus_generator import Gazetteer, generate

HERE = Path(__file__).resolve().parent


@dataclass
class Measure:
    """One build of one synthetic corpus."""

    scale: float
    documents: int
    text_bytes: int
    generate_s: float
    wall_s: float
    report: dict = field(default_factory=dict)  # what the child printed

    @property
    def steps(self) -> dict[str, float]:
        """Seconds per build step, then per phase of loading, then everything else in the child."""
        steps = dict(self.report["seconds"])
        steps.update({f"  {name}": s for name, s in self.report["phases"].items()})
        steps["total (child wall)"] = self.report["wall_s"]
        return steps


def child(corpus: Path, store: Path, profile_to: Path | None) -> None:
    """Build `corpus` into `store` in this process and print the report as one JSON line."""
    from scokg.build import build_graph
    from scokg.settings import Settings

    marks: list[tuple[str, float]] = []
    settings = Settings.from_env(store_path=store, corpus_dir=corpus)
    profiler = cProfile.Profile() if profile_to else None
    began = time.perf_counter()
    if profiler:
        profiler.enable()
    report = build_graph(settings, progress=lambda message: marks.append((message, time.perf_counter())))
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile_to))
    wall = time.perf_counter() - began
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "sources": report.sources, "quads": report.quads, "inferred": report.inferred,
        "problems": len(report.problems), "seconds": report.seconds, "phases": load_phases(marks),
        "wall_s": wall, "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "peak_rss_self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "peak_rss_children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }))


def load_phases(marks: list[tuple[str, float]]) -> dict[str, float]:
    """Seconds from one progress message to the next, inside "load corpus", grouped by phase."""
    names = {"read": "read + extract documents", "resolving entities": "resolve across documents"}
    phases: dict[str, float] = {}
    inside = False
    for (message, at), (_, until) in zip(marks, marks[1:]):
        inside = message == "load corpus" or (inside and message != "ontology")
        phase = next((label for prefix, label in names.items() if message.startswith(prefix)), None)
        if inside and phase:
            phases[phase] = phases.get(phase, 0.0) + until - at
    return phases


def measure(scale: float, workdir: Path, seed: int, gazetteer: Gazetteer, timeout_s: float,
            profile_to: Path | None = None, jobs: int | None = None) -> Measure:
    """Generate the corpus of `scale` under `workdir` and build it in a child process (reading
    the documents in `jobs` processes; by default the build's own default, one per CPU)."""
    corpus, store = workdir / f"corpus-{scale:g}", workdir / f"store-{scale:g}"
    began = time.perf_counter()
    if not corpus.exists():
        generate(corpus, scale, seed, gazetteer)
    generated = time.perf_counter() - began
    documents = len(list(corpus.glob("*.txt")))
    text_bytes = sum(path.stat().st_size for path in corpus.glob("*.txt"))
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(store)]
    if profile_to:
        command += ["--profile-to", str(profile_to)]
    began = time.perf_counter()
    environment = {**os.environ, **({"SCOKG_BUILD_JOBS": str(jobs)} if jobs else {})}
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, cwd=HERE.parent, env=environment)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"build of {scale:g}× failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return Measure(scale, documents, text_bytes, generated, wall, json.loads(done.stdout.splitlines()[-1]))


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Slope of log(seconds) against log(size) by least squares; None below two usable points."""
    usable = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0.005]
    if len(usable) < 2:
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    spread = sum((x - mean_x) ** 2 for x, _ in usable)
    return sum((x - mean_x) * (y - mean_y) for x, y in usable) / spread if spread else None


def predict(done: list[Measure], scale: float) -> float:
    """Seconds the build of `scale` should take, from the last measure and the fitted exponent (≥ 1)."""
    last = done[-1]
    slope = max(1.0, exponent([(m.text_bytes, m.wall_s) for m in done]) or 1.0)
    return last.wall_s * (scale / last.scale) ** slope


def throughput_table(done: list[Measure]) -> Table:
    """Size, time, rates and peak memory of each scale."""
    table = Table(*(Column(h, justify="right") for h in (
        "scale", "docs", "MB", "quads", "build s", "CPU s", "docs/s", "MB/s", "quads/s", "peak RSS py", "peak RSS child",
        "generate s")), title="Build throughput by scale")
    for m in done:
        r = m.report
        table.add_row(f"{m.scale:g}×", str(m.documents), f"{m.text_bytes / 1e6:.2f}", f"{r['quads']:,}",
                      f"{m.wall_s:.1f}", f"{r['cpu_s']:.1f}", f"{m.documents / m.wall_s:.2f}",
                      f"{m.text_bytes / 1e6 / m.wall_s:.3f}",
                      f"{r['quads'] / m.wall_s:,.0f}", f"{r['peak_rss_self_kib'] / 1024:.0f} MiB",
                      f"{r['peak_rss_children_kib'] / 1024:.0f} MiB", f"{m.generate_s:.1f}")
    return table


def steps_table(done: list[Measure]) -> Table:
    """Seconds per build step and loading phase at each scale, and their growth exponents."""
    names = list(dict.fromkeys(name for m in done for name in m.steps))
    table = Table(Column("step"), *(Column(f"{m.scale:g}× s", justify="right") for m in done),
                  Column("exponent", justify="right"), title="Seconds per step (exponent 1 = linear in the corpus size)")
    for name in names:
        points = [(m.text_bytes, m.steps.get(name, 0.0)) for m in done]
        slope = exponent(points)
        table.add_row(name, *(f"{s:.2f}" for _, s in points), "–" if slope is None else f"{slope:.2f}")
    return table


def print_profile(path: Path, scale: float, console: Console, rows: int) -> None:
    """The functions with the most own time in a profile, with their cumulative time."""
    stats = pstats.Stats(str(path))
    entries = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:rows]
    table = Table(Column("function"), *(Column(h, justify="right") for h in ("calls", "own s", "cumulative s")),
                  title=f"cProfile at {scale:g}×: most own time")
    for (filename, line, name), (_, calls, own, cumulative, _) in entries:
        short = "/".join(Path(filename).parts[-2:]) if filename != "~" else "built-in"
        table.add_row(f"{short}:{line} {name}", f"{calls:,}", f"{own:.2f}", f"{cumulative:.2f}")
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,1000", help="multiples of the corpus size, comma-separated")
    parser.add_argument("--max-seconds", type=float, default=150.0,
                        help="skip a scale predicted to build for longer than this (default 150)")
    parser.add_argument("--profile", default="", help="measured scales to build once more under cProfile (after the tables), e.g. 10,100")
    parser.add_argument("--profile-rows", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep corpora and stores here (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, help="processes reading the documents (default: one per CPU)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--child", nargs=2, type=Path, metavar=("CORPUS", "STORE"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.profile_to)
        return
    console = Console(width=170)
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    profiled = {float(s) for s in args.profile.split(",") if s.strip()}
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory(prefix="scokg-scaling-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        done: list[Measure] = []
        for scale in scales:
            if done and (expected := predict(done, scale)) > args.max_seconds:
                console.print(f"[yellow]skipping {scale:g}×: predicted {expected:.0f} s > --max-seconds {args.max_seconds:g}")
                continue
            m = measure(scale, workdir, args.seed, gazetteer, timeout_s=max(60.0, 3 * args.max_seconds), jobs=args.jobs)
            done.append(m)
            console.print(f"{scale:g}×: {m.documents} documents, {m.text_bytes / 1e6:.2f} MB, built in {m.wall_s:.1f} s"
                          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        if not done:
            return
        console.print(throughput_table(done), steps_table(done))
        slope = exponent([(m.text_bytes, m.wall_s) for m in done])
        if slope is not None:
            cpu_slope = exponent([(m.text_bytes, m.report["cpu_s"]) for m in done])
            console.print(f"growth exponent of the whole build: {slope:.2f} in wall time, {cpu_slope:.2f} in CPU time")
            console.print(f"predicted for 1000× ({1000 * done[0].text_bytes / done[0].scale / 1e6:.0f} MB): "
                          f"{predict(done, 1000):.0f} s (target 120 s)")
        if args.json:
            args.json.write_text(json.dumps([m.__dict__ for m in done], indent=1), encoding="utf-8")
        for scale in [m.scale for m in done if m.scale in profiled]:
            profile = workdir / f"profile-{scale:g}.pstats"
            measure(scale, workdir, args.seed, gazetteer, timeout_s=6 * args.max_seconds, profile_to=profile, jobs=args.jobs)
            print_profile(profile, scale, console, args.profile_rows)


if __name__ == "__main__":
    main()
