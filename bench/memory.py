"""Memory of a server's process tree over a run: periodic samples, growth, a table for people.

A sample holds the RSS of every process in the tree. Growth is measured two ways:

- the whole tree, as an operator sees it; it also moves when processes come and go (query
  workers start lazily, a runaway's worker is killed and replaced);
- the processes alive from the start window to the end window, each at its median RSS in both
  windows: what a leak in a long-lived process shows up in. The soak test's verdict uses this one.
"""
from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from rich.table import Column, Table

from common import child_pids, memory_by_process, mib


@dataclass(frozen=True)
class MemorySample:
    """RSS by pid of a process tree at one moment (`at`: seconds into the run)."""

    at: float
    sizes: dict[int, int]
    main: frozenset[int]  # the server process and its direct children (Granian's main process and workers)

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def main_total(self) -> int:
        return sum(size for pid, size in self.sizes.items() if pid in self.main)

    @property
    def helpers(self) -> dict[int, int]:
        """The other processes of the tree (query workers), by pid."""
        return {pid: size for pid, size in self.sizes.items() if pid not in self.main}


@dataclass(frozen=True)
class Growth:
    """Memory at the start and at the end of a run, and the change in percent."""

    start: int
    end: int
    processes: int  # how many processes were compared (0: the whole tree, whatever it held)

    @property
    def percent(self) -> float:
        return 100 * (self.end - self.start) / self.start if self.start else 0.0


class MemorySampler:
    """Samples the tree of `pid` every `every_s` seconds in a background thread until `stop()`."""

    def __init__(self, pid: int, origin: float, every_s: float = 2.0) -> None:
        self.samples: list[MemorySample] = []
        self._pid, self._origin, self._every = pid, origin, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> list[MemorySample]:
        """Stop sampling (after one last sample); the samples taken."""
        self._stop.set()
        self._thread.join(timeout=30)
        return self.samples

    def _run(self) -> None:
        while True:
            sizes = memory_by_process(self._pid)
            main = frozenset({self._pid, *child_pids(self._pid)} & set(sizes))
            self.samples.append(MemorySample(time.perf_counter() - self._origin, sizes, main))
            if self._stop.wait(self._every):
                break


def windows(samples: list[MemorySample], warm_up: float, stretch: float) -> tuple[list[MemorySample], list[MemorySample]]:
    """The samples of the start window (`stretch` seconds after `warm_up`) and of the last `stretch` seconds."""
    last = samples[-1].at
    early = [s for s in samples if warm_up <= s.at < warm_up + stretch] or samples[:1]
    late = [s for s in samples if s.at >= last - stretch] or samples[-1:]
    return early, late


def whole_tree_growth(early: list[MemorySample], late: list[MemorySample]) -> Growth:
    """Median RSS of the whole tree in each window."""
    return Growth(int(statistics.median(s.total for s in early)), int(statistics.median(s.total for s in late)), 0)


def same_process_growth(early: list[MemorySample], late: list[MemorySample]) -> Growth:
    """Summed median RSS of the processes present in both windows."""
    pids = set.intersection(*(set(s.sizes) for s in early + late))
    start = sum(int(statistics.median(s.sizes[pid] for s in early)) for pid in pids)
    end = sum(int(statistics.median(s.sizes[pid] for s in late)) for pid in pids)
    return Growth(start, end, len(pids))


def exited(samples: list[MemorySample]) -> int:
    """How many processes were seen in some sample but are gone in the last one."""
    return len(set().union(*(s.sizes for s in samples)) - set(samples[-1].sizes))


def memory_table(samples: list[MemorySample], title: str, rows: int = 12) -> Table:
    """About `rows` samples spread over the run, and the last one."""
    table = Table(Column("at s", justify="right"), *(Column(h, justify="right") for h in (
        "whole tree", "server processes", "query workers", "their RSS")), title=title)
    step = max(1, len(samples) // rows)
    for sample in [*samples[::step][:rows], samples[-1]]:
        helpers = sample.helpers
        table.add_row(f"{sample.at:.0f}", mib(sample.total), mib(sample.main_total), str(len(helpers)),
                      mib(sum(helpers.values())))
    return table
