"""The query time budget over real HTTP: runaway queries are killed within the budget while other
clients keep normal latency, crashes are survived, and the worker pool itself (kill, replace,
queue, shutdown) behaves as documented."""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from scokg.graph.store import build_store
from scokg.queries.catalog import CannedQuery
from scokg.server import canned, sparql_guard
from scokg.server.query_execution import SOLUTIONS, QueryJob
from scokg.server.query_workers import QueryFailed, QueryPool, run_query
from scokg.settings import Settings

PREFIXES = "PREFIX sco: <https://w3id.org/sco-kg/ontology#> "
COUNT_MEMBERS = PREFIXES + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a sco:MemberState }"
# Every quad joined with every quad four times: about 10^17 combinations on the corpus graph.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NESTED = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
JSON = "application/sparql-results+json"
BUDGET_S = 2.0
CLOSE = {"Connection": "close"}  # the server waits for open connections before it stops


def members(server, timeout: float = 30) -> tuple[int, float]:
    """(status, seconds) of the member-state count, asserting the count when it answers."""
    started = time.monotonic()
    response = requests.get(server.url + "/sparql", params={"query": COUNT_MEMBERS}, timeout=timeout)
    elapsed = time.monotonic() - started
    if response.status_code == 200:
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "10"
    return response.status_code, elapsed


def timed_post(server, query: str, results: dict[str, object]) -> None:
    started = time.monotonic()
    results["response"] = requests.post(server.url + "/sparql", data={"query": query}, timeout=30)
    results["seconds"] = time.monotonic() - started


def assert_over_budget(response: requests.Response, budget: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    assert f"query exceeded the time budget of {budget} s (SCOKG_QUERY_TIMEOUT)" in response.text
    assert int(response.headers["Retry-After"]) >= 1


@pytest.fixture
def budget_server(live_server_factory, corpus_store_path):
    server = live_server_factory(Settings(store_path=corpus_store_path, query_timeout_s=BUDGET_S, query_workers=2))
    warm_up(server)
    return server


def warm_up(server) -> None:
    """The pool starts with the first query: wait until its workers answer."""
    wait_until(lambda: members(server)[0] == 200, timeout=30)


def test_runaway_query_is_stopped_within_the_budget_while_others_get_answers(budget_server):
    runaway: dict[str, object] = {}
    thread = threading.Thread(target=timed_post, args=(budget_server, RUNAWAY, runaway))
    thread.start()
    time.sleep(0.2)  # the runaway query is now holding one worker
    latencies = []
    for _ in range(20):
        status, seconds = members(budget_server)
        assert status == 200
        latencies.append(seconds)
    thread.join()

    assert_over_budget(runaway["response"], "2")
    assert runaway["seconds"] < BUDGET_S + 1
    assert statistics.quantiles(latencies, n=20)[18] < 0.5, latencies  # p95
    assert max(latencies) < 1.0, latencies


def test_next_query_after_a_kill_works(budget_server):
    response = requests.get(budget_server.url + "/sparql", params={"query": RUNAWAY}, timeout=30)
    assert_over_budget(response, "2")
    for _ in range(3):  # both workers, one of them the replacement of the killed one
        status, seconds = members(budget_server)
        assert status == 200 and seconds < 1.5


def test_queued_queries_share_the_deadline(live_server_factory, corpus_store_path):
    server = live_server_factory(Settings(store_path=corpus_store_path, query_timeout_s=1.5, query_workers=1))
    warm_up(server)
    first: dict[str, object] = {}
    second: dict[str, object] = {}
    threads = [threading.Thread(target=timed_post, args=(server, RUNAWAY, answer)) for answer in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    responses = sorted([first["response"], second["response"]], key=lambda r: "busy" in r.text)
    assert_over_budget(responses[0], "1.5")
    assert responses[1].status_code == 503 and "stayed busy" in responses[1].text, responses[1].text
    assert "Retry-After" in responses[1].headers
    assert max(first["seconds"], second["seconds"]) < 1.5 + 1
    assert members(server)[0] == 200


def test_canned_queries_have_the_same_budget(budget_server, monkeypatch):
    runaway = CannedQuery("count-everything", "How many?", "多少？", (), RUNAWAY)
    monkeypatch.setattr(canned, "load_catalog", lambda: {runaway.name: runaway})
    url = budget_server.url + "/queries/count-everything"
    started = time.monotonic()
    as_json = requests.get(url, headers={"Accept": JSON}, timeout=30)
    assert time.monotonic() - started < BUDGET_S + 1
    assert_over_budget(as_json, "2")
    page = requests.get(url, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 503 and page.headers["Content-Type"].startswith("text/html")
    assert "Retry-After" in page.headers
    assert "query exceeded the time budget of 2 s (SCOKG_QUERY_TIMEOUT)" in page.text and 'role="alert"' in page.text
    assert members(budget_server)[0] == 200


# --- crashes ----------------------------------------------------------------------------------


def test_the_guard_refuses_deep_nesting_before_any_worker_sees_it(live_server):
    response = requests.post(live_server.url + "/sparql", data={"query": NESTED}, timeout=30)
    assert response.status_code == 400 and "nested deeper than" in response.text
    assert members(live_server)[0] == 200


@pytest.mark.local_store  # only a local store has query worker processes
def test_a_query_that_crashes_its_worker_is_a_400_and_the_server_survives(live_server, monkeypatch):
    monkeypatch.setattr(sparql_guard, "MAX_NESTING", 10**6)  # let the nesting through to the engine
    response = requests.post(live_server.url + "/sparql", data={"query": NESTED}, timeout=30)
    assert response.status_code == 400, response.text
    assert "the query crashed the query engine (SIGSEGV)" in response.text
    for _ in range(3):
        assert members(live_server)[0] == 200


# --- the pool itself --------------------------------------------------------------------------


@pytest.fixture
def pool() -> Iterator[QueryPool]:
    pool = QueryPool(1)
    yield pool
    pool.close()


def job(store: Path, query: str) -> QueryJob:
    return QueryJob(query, {SOLUTIONS: JSON}, max_rows=100, max_triples=100, store_path=str(store.resolve()),
                    use_default_graph_as_union=True)


def count(pool: QueryPool, store: Path, query: str = COUNT_MEMBERS) -> str:
    answer = pool.run(job(store, query), time.monotonic() + 30, 30)
    (row,) = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
    return row["n"].value


def test_pool_survives_a_segfault_and_replaces_the_worker(pool, corpus_store_path):
    assert count(pool, corpus_store_path) == "10"
    (before,) = pool.pids()
    with pytest.raises(QueryFailed) as caught:
        pool.run(job(corpus_store_path, NESTED), time.monotonic() + 30, 30)
    assert caught.value.status == 400 and "SIGSEGV" in str(caught.value)
    assert not pid_alive(before)
    (after,) = pool.pids()
    assert after != before
    assert count(pool, corpus_store_path) == "10"


def test_pool_kills_an_overrunning_worker(pool, corpus_store_path):
    (before,) = pool.pids()
    started = time.monotonic()
    with pytest.raises(QueryFailed) as caught:
        pool.run(job(corpus_store_path, RUNAWAY), started + 1, 1)
    assert time.monotonic() - started < 2
    assert caught.value.status == 503 and caught.value.retry_after == 1
    assert "time budget of 1 s" in str(caught.value)
    assert not pid_alive(before)
    assert count(pool, corpus_store_path) == "10"


def test_a_worker_killed_while_idle_is_replaced_without_failing_the_next_job(pool, corpus_store_path):
    (before,) = pool.pids()
    os.kill(before, signal.SIGKILL)
    wait_until(lambda: not pid_alive(before))
    assert count(pool, corpus_store_path) == "10"
    assert pool.pids() != [before]


def test_syntax_and_evaluation_errors_are_400_and_keep_the_worker(pool, corpus_store_path):
    (before,) = pool.pids()
    with pytest.raises(QueryFailed) as caught:
        pool.run(job(corpus_store_path, "SELEC * WHERE {}"), time.monotonic() + 30, 30)
    assert caught.value.status == 400 and "malformed query: error at 1:" in str(caught.value)
    assert pool.pids() == [before]


def test_workers_follow_the_store_link_to_a_rebuilt_version(tmp_path):
    store = tmp_path / "store"
    graph = "https://w3id.org/sco-kg/graph/reference"
    member = "<https://w3id.org/sco-kg/resource/state/{}> a <https://w3id.org/sco-kg/ontology#MemberState> ."

    def build(*states: str) -> None:
        build_store(store, ox.parse(f"<{graph}> {{ {' '.join(member.format(s) for s in states)} }}", ox.RdfFormat.TRIG))

    build("kaz")
    settings = Settings(store_path=store, query_workers=1)
    query = job(store, COUNT_MEMBERS)
    first = run_query(settings, query)
    build("kaz", "chn")  # a new version directory; the old one is deleted
    second = run_query(settings, query)
    values = [next(iter(ox.parse_query_results(a.body, ox.QueryResultsFormat.JSON)))["n"].value for a in (first, second)]
    assert values == ["1", "2"]


def test_a_store_version_that_cannot_be_opened_is_a_503(tmp_path):
    link = tmp_path / "store"
    link.symlink_to(tmp_path / "store.removed-by-a-rebuild")
    with pytest.raises(QueryFailed) as caught:
        run_query(Settings(store_path=link, query_workers=1), job(link, COUNT_MEMBERS))
    assert caught.value.status == 503 and caught.value.retry_after == 1
    assert "the store could not be opened" in str(caught.value)


def test_close_stops_every_worker(corpus_store_path):
    pool = QueryPool(2)
    pids = pool.pids()
    assert len(pids) == 2 and all(pid_alive(pid) for pid in pids)
    pool.close()
    assert not any(pid_alive(pid) for pid in pids)


# --- the production server (`scokg serve`) ---------------------------------------------------


def test_server_workers_start_their_pool_lazily_and_stop_it_at_exit(corpus_store_path, tmp_path):
    port = free_port()
    env = {**os.environ, "SCOKG_QUERY_TIMEOUT": "2", "SCOKG_QUERY_WORKERS": "2"}
    scokg = [sys.executable, "-c", "from scokg.cli import main; main()"]
    server = subprocess.Popen(
        [*scokg, "--store", str(corpus_store_path), "serve", "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: reachable(url), timeout=30)
        (server_worker,) = children(server.pid)
        assert children(server_worker) == []  # no query yet: no pool
        response = requests.get(url + "/sparql", params={"query": RUNAWAY}, headers=CLOSE, timeout=30)
        assert_over_budget(response, "2")
        answer = requests.get(url + "/sparql", params={"query": COUNT_MEMBERS}, headers=CLOSE, timeout=30)
        assert answer.status_code == 200
        query_workers = children(server_worker)
        assert len(query_workers) == 2
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        wait_until(lambda: not any(pid_alive(pid) for pid in query_workers), timeout=10)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reachable(url: str) -> bool:
    try:
        return requests.get(url + "/queries/", headers=CLOSE, timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


def pid_alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)
