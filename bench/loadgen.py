"""A small closed-loop HTTP load generator: N threads, one keep-alive connection each.

Each thread sends a request, reads the whole response, records its latency and sends the next,
until the time or request budget runs out (both are bounded: a run always stops by itself).
Servers that close the connection after each response (gunicorn's sync workers do) are simply
reconnected; the reconnection is part of the measured latency, as it is for a real client.
"""
from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

# Statuses every call accepts unless it says otherwise.
OK = frozenset({200})


@dataclass(frozen=True)
class Call:
    """One HTTP request to send, and what counts as a correct answer to it."""

    name: str
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    ok: frozenset[int] = OK
    within_s: float | None = None  # a slower answer is an error even with an accepted status


@dataclass(frozen=True)
class Sample:
    """The outcome of one request: when it started (seconds into the run) and how long it took."""

    name: str
    started: float
    seconds: float
    status: int | None
    error: str | None  # None when the answer was correct


@dataclass(frozen=True)
class Summary:
    """Throughput and latency percentiles of a set of samples."""

    count: int
    errors: int
    elapsed: float
    p50: float
    p95: float
    p99: float
    max: float

    @property
    def throughput(self) -> float:
        """Requests per second over the elapsed time (errors included)."""
        return self.count / self.elapsed if self.elapsed > 0 else 0.0


@dataclass
class LoadResult:
    """Every sample of one run and its wall-clock duration."""

    samples: list[Sample]
    elapsed: float

    def summary(self, name: str | None = None) -> Summary:
        """Summary of all samples, or of those of one call name."""
        chosen = [s for s in self.samples if name is None or s.name == name]
        return summarize(chosen, self.elapsed)

    def errors(self) -> list[Sample]:
        """The samples that were not correct answers."""
        return [s for s in self.samples if s.error is not None]

    def names(self) -> list[str]:
        """Call names in order of first appearance."""
        return list(dict.fromkeys(s.name for s in self.samples))


def summarize(samples: Iterable[Sample], elapsed: float) -> Summary:
    """Count, errors and latency percentiles (seconds) of `samples` over `elapsed` seconds."""
    samples = list(samples)
    latencies = sorted(s.seconds for s in samples)
    return Summary(
        count=len(samples),
        errors=sum(1 for s in samples if s.error is not None),
        elapsed=elapsed,
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        max=latencies[-1] if latencies else 0.0,
    )


def percentile(ordered: list[float], p: float) -> float:
    """The nearest-rank `p`th percentile of an ascending list (0.0 for an empty one)."""
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


def run_load(
    host: str,
    port: int,
    next_call: Callable[[random.Random], Call],
    *,
    concurrency: int,
    seconds: float,
    max_requests: int | None = None,
    stop: threading.Event | None = None,
    timeout_s: float = 60.0,
    seed: int = 0,
) -> LoadResult:
    """Send requests from `concurrency` threads for `seconds` (or `max_requests`, or until `stop`).

    `next_call` picks each thread's next request from that thread's own random generator.
    `timeout_s` bounds every socket operation, so a hung server cannot keep a run going.
    """
    if concurrency < 1 or seconds <= 0:
        raise ValueError("concurrency must be at least 1 and seconds positive")
    stop = stop or threading.Event()
    budget = _Budget(max_requests)
    start = time.perf_counter()
    deadline = start + seconds
    per_thread: list[list[Sample]] = [[] for _ in range(concurrency)]

    def work(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        connection = http.client.HTTPConnection(host, port, timeout=timeout_s)
        try:
            while not stop.is_set() and time.perf_counter() < deadline and budget.take():
                sample, broken = _send(connection, next_call(rng), start)
                per_thread[index].append(sample)
                if broken:  # a failed exchange leaves the connection in an unknown state
                    connection.close()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    samples = sorted((s for samples in per_thread for s in samples), key=lambda s: s.started)
    return LoadResult(samples, elapsed)


def _send(connection: http.client.HTTPConnection, call: Call, origin: float) -> tuple[Sample, bool]:
    """Send `call`, read its whole answer; returns the sample and whether the connection broke."""
    began = time.perf_counter()
    status: int | None = None
    error: str | None = None
    broken = False
    try:
        connection.request(call.method, call.path, body=call.body, headers=dict(call.headers))
        response = connection.getresponse()
        response.read()
        status = response.status
        if status not in call.ok:
            error = f"HTTP {status}"
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
        broken = True
    seconds = time.perf_counter() - began
    if error is None and call.within_s is not None and seconds > call.within_s:
        error = f"took {seconds:.1f} s (limit {call.within_s:.1f} s)"
    return Sample(call.name, began - origin, seconds, status, error), broken


class _Budget:
    """An optional shared cap on the number of requests, safe across threads."""

    def __init__(self, limit: int | None) -> None:
        self._left = limit
        self._lock = threading.Lock()

    def take(self) -> bool:
        if self._left is None:
            return True
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def send_once(host: str, port: int, call: Call, timeout_s: float = 60.0) -> tuple[int, bytes]:
    """Send `call` once on a new connection; its status and body."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout_s)
    try:
        connection.request(call.method, call.path, body=call.body, headers=dict(call.headers))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
