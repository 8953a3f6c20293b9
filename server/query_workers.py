"""Run user queries in worker processes, so a runaway query or a crash cannot hurt the server.

pyoxigraph cannot cancel a query, and some queries kill the process that runs them (a deeply
nested one overflows the stack). So each server process keeps a small pool of query workers,
each a fresh Python interpreter (never a fork of a process that has a store open, and unlike
multiprocessing's "spawn" it does not re-run the server's main module), holding read-only store
handles and talking to the server over a socket pair (`_Channel`: pickled messages framed by
their length, a deadline waited for with `poll`). A request sends a
`QueryJob` to an idle worker and waits until its deadline (`query_timeout_s` after the request
started, queueing included):

- a worker that overruns the deadline is killed (SIGKILL) and replaced; the request is answered
  503 with `Retry-After` right after the kill;
- a worker that dies meanwhile (segmentation fault, abort) is replaced; the request is answered
  400 ("the query crashed the query engine") or, for any other death, 503;
- when no worker becomes idle in time (with at least `_MIN_RUN_S` of the budget left, so that
  a healthy worker is not killed for a job that had no time to run), the request is answered
  503 (busy).

The pool is created lazily, once per server process and pool size, and shut down at exit.
"""
from __future__ import annotations

import atexit
import functools
import logging
import math
import os
import pickle
import queue
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scokg.server.query_execution import QueryAnswer, QueryFailure, QueryJob, StoreCache, execute
from scokg.settings import Settings

_WORKER_MAIN = "import sys; from scokg.server.query_workers import serve; serve(int(sys.argv[1]))"
_READY = "ready"
_CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL, signal.SIGFPE}
_SHUTDOWN_GRACE_S = 1.0
_STARTUP_TIMEOUT_S = 60.0
_RESTART_DELAY_S = 1.0
_MIN_RUN_S = 0.05
_log = logging.getLogger(__name__)


class QueryFailed(Exception):
    """A query gave no result; `status` and the message are for the client, `retry_after` (seconds)
    is set when trying again later can help."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class _StoreUnavailable(Exception):
    """The worker could not open the job's store version (a rebuild may have removed it)."""


_HEADER = struct.Struct("!Q")
_CHUNK = 256 * 1024


class _Channel:
    """Whole pickled messages over a blocking stream socket, each sent with its length in front.

    A message costs few system calls: one `sendall`, and usually one `recv` for its header and
    body together. Waiting with a deadline polls first, so the socket is never switched between
    blocking and timeout mode (each switch is a system call of its own).
    """

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(True)
        self._socket = sock
        self._poll = select.poll()
        self._poll.register(sock, select.POLLIN)
        self._received = bytearray()
        self._buffer = bytearray(_CHUNK)  # one buffer to receive into, not a new one per call
        self._view = memoryview(self._buffer)

    def send(self, message: Any) -> None:
        """Send `message` (OSError if the other end is gone)."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        header = _HEADER.pack(len(data))
        if len(data) < _CHUNK:
            self._socket.sendall(header + data)
        else:  # no copy of a large body just to put the header in front
            self._socket.sendall(header)
            self._socket.sendall(data)

    def recv(self, timeout: float | None = None) -> Any:
        """The next message; TimeoutError if it has not fully arrived within `timeout` seconds
        (None: wait as long as it takes), EOFError if the other end closed the socket."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while len(self._received) < _HEADER.size:
            self._receive(deadline)
        end = _HEADER.size + _HEADER.unpack_from(self._received)[0]
        while len(self._received) < end:
            self._receive(deadline)
        message = pickle.loads(memoryview(self._received)[_HEADER.size : end])
        del self._received[:end]
        return message

    def close(self) -> None:
        """Close the socket."""
        self._socket.close()

    def _receive(self, deadline: float | None) -> None:
        """Append what has arrived (at least one byte, waiting until `deadline` at most)."""
        flags = 0
        if deadline is not None:  # a deadline already past still takes what has arrived
            if not self._poll.poll(max(0.0, deadline - time.monotonic()) * 1000):
                raise TimeoutError
            flags = socket.MSG_DONTWAIT
        try:
            size = self._socket.recv_into(self._buffer, _CHUNK, flags)
        except BlockingIOError:  # woken without data: poll again
            return
        if not size:
            raise EOFError
        self._received += self._view[:size]


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    connection: _Channel

    def stop(self) -> None:
        """Kill the process (if it still runs), reap it and close the connection."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.connection.close()


class QueryPool:
    """A fixed number of query worker processes answering `QueryJob`s one at a time each.

    A worker joins the idle queue once it reports that it is ready, so a replacement still
    starting never holds up a request while another worker is free.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._live: list[_Worker] = []
        self._closed = False
        for _ in range(size):
            self._start()

    def run(self, job: QueryJob, deadline: float, budget_s: float) -> QueryAnswer:
        """The answer to `job`, or QueryFailed; gives up at `deadline` (a `time.monotonic()` value).

        `budget_s` is the configured time budget, named in the timeout message.
        """
        retry_after = max(1, math.ceil(budget_s))
        while True:
            worker = self._acquire(deadline, budget_s, retry_after)
            if deadline - time.monotonic() < _MIN_RUN_S:
                self._idle.put(worker)
                raise self._busy(budget_s, retry_after)
            if worker.process.poll() is not None:  # died while idle (e.g. killed from outside): not this job's fault
                self._replace(worker)
                continue
            try:
                worker.connection.send(job)
            except OSError:
                self._replace(worker)
                continue
            break
        try:
            outcome = worker.connection.recv(deadline - time.monotonic())
        except TimeoutError:
            outcome = None
        except (EOFError, OSError):
            raise self._died(worker, retry_after) from None
        if outcome is None:
            self._replace(worker)
            raise QueryFailed(
                503, f"query exceeded the time budget of {budget_s:g} s (SCOKG_QUERY_TIMEOUT)", retry_after
            )
        self._idle.put(worker)
        if isinstance(outcome, QueryFailure):
            if outcome.store_unavailable:
                raise _StoreUnavailable(outcome.message)
            raise QueryFailed(outcome.status, outcome.message, retry_after if outcome.status == 503 else None)
        return outcome

    def pids(self) -> list[int]:
        """The process ids of the pool's current workers (ready or starting)."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._live)

    def close(self) -> None:
        """Stop every worker: ask politely, then kill those that do not exit within a second."""
        with self._lock:
            self._closed = True
            workers, self._live = self._live, []
        for worker in workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in workers:
            try:
                worker.process.wait(_SHUTDOWN_GRACE_S)
            except subprocess.TimeoutExpired:
                pass
            worker.stop()

    def _acquire(self, deadline: float, budget_s: float, retry_after: int) -> _Worker:
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise self._busy(budget_s, retry_after) from None

    def _busy(self, budget_s: float, retry_after: int) -> QueryFailed:
        return QueryFailed(
            503,
            f"no query worker became free within the time budget of {budget_s:g} s: all {self.size} "
            "stayed busy (SCOKG_QUERY_TIMEOUT, SCOKG_QUERY_WORKERS); try again later",
            retry_after,
        )

    def _start(self) -> None:
        """Start a worker; a thread puts it in the idle queue when it is ready."""
        parent_end, child_end = socket.socketpair()
        with child_end:  # the worker's end lives in the worker only, so its death is seen as EOF
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_MAIN, str(child_end.fileno())],
                pass_fds=[child_end.fileno()],
                stdin=subprocess.DEVNULL,
            )
        worker = _Worker(process, _Channel(parent_end))
        with self._lock:
            closed = self._closed
            if not closed:
                self._live.append(worker)
        if closed:
            worker.stop()
            return
        threading.Thread(target=self._await_ready, args=(worker,), name="scokg-query-worker-start", daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            ready = worker.connection.recv(_STARTUP_TIMEOUT_S) == _READY
        except (EOFError, OSError):  # TimeoutError included
            ready = False
        if ready:
            self._idle.put(worker)
            return
        if not self._forget(worker):
            return  # the pool was closed meanwhile
        worker.stop()
        _log.warning("a query worker did not start (exit status %s); starting another", worker.process.returncode)
        time.sleep(_RESTART_DELAY_S)
        self._start()

    def _forget(self, worker: _Worker) -> bool:
        """Drop `worker` from the live list; whether the pool is still open."""
        with self._lock:
            if worker in self._live:
                self._live.remove(worker)
            return not self._closed

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` (if it still runs) and start a fresh one."""
        worker.stop()
        if self._forget(worker):
            self._start()

    def _died(self, worker: _Worker, retry_after: int) -> QueryFailed:
        """The answer for a job whose worker died while running it; the worker is replaced."""
        try:
            code: int | None = worker.process.wait(_SHUTDOWN_GRACE_S)
        except subprocess.TimeoutExpired:
            code = None
        self._replace(worker)
        if code is not None and code < 0 and -code in _CRASH_SIGNALS:
            return QueryFailed(
                400, f"the query crashed the query engine ({_signal_name(-code)}); "
                "the server is fine, but this query cannot run"
            )
        detail = f"signal {_signal_name(-code)}" if code is not None and code < 0 else f"exit status {code}"
        return QueryFailed(503, f"the query worker stopped unexpectedly ({detail}); try again later", retry_after)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def run_query(settings: Settings, job: QueryJob, version: str | None = None) -> QueryAnswer:
    """Run `job` on the store version directory `version` (by default the one `settings.store_path`
    points to now), within the time budget.

    `job.store_path` is filled in here, and the answer's `store_path` names the version it was
    computed on. If that version disappears before the worker opens it (a rebuild swapped the
    store), the job is sent once more with the new version. Raises QueryFailed.
    """
    budget = settings.query_timeout_s
    deadline = time.monotonic() + budget
    pool = pool_for(settings.query_workers)
    version = version or current_version(settings.store_path)
    try:
        return _run_on(pool, job, version, deadline, budget)
    except _StoreUnavailable as error:
        current = current_version(settings.store_path)
        if current == version:
            raise QueryFailed(503, str(error), 1) from None
    try:
        return _run_on(pool, job, current, deadline, budget)
    except _StoreUnavailable as error:
        raise QueryFailed(503, str(error), 1) from None


def current_version(store_path: Path) -> str:
    """The version directory the store link `store_path` points to now, as `Path.resolve` gives it.

    `scokg build` points the link at a sibling directory by a relative name, so one `readlink`
    tells the version (a full resolve costs a system call per path component, on every query).
    """
    try:
        target = os.readlink(store_path)
    except OSError:  # not a link (or gone): let resolve say what it is
        return str(store_path.resolve())
    if os.sep in target:  # not the sibling name `scokg build` writes
        return str(store_path.resolve())
    return os.path.join(_resolved(str(store_path.parent)), target)


@functools.lru_cache(maxsize=16)
def _resolved(directory: str) -> str:
    return str(Path(directory).resolve())


def _run_on(pool: QueryPool, job: QueryJob, version: str, deadline: float, budget: float) -> QueryAnswer:
    return replace(pool.run(replace(job, store_path=version), deadline, budget), store_path=version)


_pools: dict[int, QueryPool] = {}
_pools_pid = os.getpid()
_pools_lock = threading.Lock()


def pool_for(size: int) -> QueryPool:
    """This process's pool of `size` workers, started on first use."""
    global _pools_pid
    with _pools_lock:
        if _pools_pid != os.getpid():  # forked since: the parent's workers are not ours
            _pools.clear()
            _pools_pid = os.getpid()
        pool = _pools.get(size)
        if pool is None:
            pool = _pools[size] = QueryPool(size)
        return pool


def shutdown() -> None:
    """Stop every pool of this process (registered to run at exit)."""
    with _pools_lock:
        pools = list(_pools.values()) if _pools_pid == os.getpid() else []
        _pools.clear()
    for pool in pools:
        pool.close()


atexit.register(shutdown)


def serve(fd: int) -> None:
    """A worker's loop on the socket `fd`: answer jobs until told to stop (None) or until the
    server goes away (end of file)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then stops us
    connection = _Channel(socket.socket(fileno=fd))
    connection.send(_READY)
    stores = StoreCache()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            connection.send(execute(job, stores))
        except OSError:  # the server gave up on this job and closed the pipe
            return
