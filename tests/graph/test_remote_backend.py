"""The remote store backend against a real `oxigraph serve`: settings, build, queries, the server.

The corpus is built into the remote store through `build_graph`, and every answer is compared
with the embedded store built from the same corpus (`corpus_store_path`).
"""
from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from support import CORPUS, LiveServer, OxigraphServer, start_live_server, start_oxigraph_server

from scokg.build import build_graph
from scokg.graph.backends import RemoteStore, open_backend
from scokg.graph.remote import RemoteClient, RemoteEndpoints, RemoteRejected, RemoteTimeout, RemoteUnavailable
from scokg.graph.store import StoreError, StoreNotFoundError, open_read_only
from scokg.queries.catalog import load_catalog
from scokg.server.app import create_app
from scokg.server.store_handle import RemoteHandle
from scokg.settings import Settings, SettingsError

RES = "https://w3id.org/sco-kg/resource/"
KAZ = RES + "state/kaz"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
LABEL = ox.NamedNode(RDFS + "label")
PREFIXES = f"PREFIX rdfs: <{RDFS}>\nPREFIX sco: <https://w3id.org/sco-kg/ontology#>\n"
CATALOG = load_catalog()


# --- settings --------------------------------------------------------------------------------


def test_remote_syntax_gives_the_three_urls() -> None:
    settings = Settings(store_path="remote:gsp=http://h:1/store,query=http://h:1/q,update=https://h:1/u")
    assert settings.remote_store == RemoteEndpoints(query="http://h:1/q", update="https://h:1/u", gsp="http://h:1/store")
    assert Settings.from_env(store_path=str(settings.remote_store)).remote_store == settings.remote_store


def test_remote_store_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOKG_STORE", "remote:query=http://h/q,update=http://h/u,gsp=http://h/s")
    assert Settings.from_env().remote_store.gsp == "http://h/s"
    monkeypatch.setenv("SCOKG_STORE", "data/other")
    settings = Settings.from_env()
    assert settings.remote_store is None and settings.store_path == Path("data/other")


@pytest.mark.parametrize(("text", "fragment"), [
    ("remote:query=http://h/q,update=http://h/u", "missing gsp="),
    ("remote:query=http://h/q,update=http://h/u,gsp=ftp://h/s", "gsp= must be an absolute http(s) URL"),
    ("remote:query=http://h/q,update=http://h/u,gsp=/store", "gsp= must be an absolute http(s) URL"),
    ("remote:query=http://h/q,update=http://h/u,gsp=http://h/s,query=http://h/q2", "query= is given twice"),
    ("remote:query=http://h/q,update=http://h/u,graphs=http://h/s", "expected key=URL"),
    ("remote:", "expected key=URL"),
])
def test_bad_remote_syntax_names_the_setting(text: str, fragment: str) -> None:
    with pytest.raises(SettingsError, match="SCOKG_STORE") as caught:
        Settings(store_path=text)
    assert fragment in str(caught.value)


# --- the corpus built into a remote store ------------------------------------------------------


@pytest.fixture(scope="module")
def remote_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A fresh `oxigraph serve` with the corpus built into it by `build_graph`."""
    server = start_oxigraph_server(tmp_path_factory.mktemp("remote-build"))
    settings = Settings(store_path=str(server.endpoints), corpus_dir=CORPUS)
    build_graph(settings)
    yield settings
    server.stop()


@pytest.fixture(scope="module")
def remote(remote_settings: Settings) -> RemoteClient:
    return open_backend(remote_settings).reader()


@pytest.fixture(scope="module")
def local(corpus_store_path: Path) -> ox.Store:
    return open_read_only(corpus_store_path)


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A comparable cell: blank nodes (labelled per answer) all `_:`; a literal's words sorted, since
    the order GROUP_CONCAT joins values in is unspecified and differs between engines."""
    if isinstance(term, ox.BlankNode):
        return "_:"
    if isinstance(term, ox.Literal):
        return " ".join(sorted(term.value.split())) + f"@{term.language}^^{term.datatype.value}"
    return str(term)


def _rows(results: ox.QuerySolutions) -> Counter[tuple[str, ...]]:
    """Solutions as a multiset of rows of comparable cells."""
    names = [variable.value for variable in results.variables]
    return Counter(tuple(_cell(row[name]) for name in names) for row in results)


def test_build_writes_every_named_graph_with_its_triples(remote: RemoteClient, local: ox.Store) -> None:
    assert set(remote.named_graphs()) == set(local.named_graphs())
    assert len(remote) == len(local) > 20000
    source = next(graph for graph in local.named_graphs() if "/resource/source/" in graph.value)
    assert remote.contains_named_graph(source)
    assert not remote.contains_named_graph(ox.NamedNode(RES + "source/no-such-document"))


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_competency_query_gives_the_embedded_answers(name: str, remote: RemoteClient, local: ox.Store) -> None:
    query = CATALOG[name]
    bindings = {ox.Variable(key): term for key, term in query.default_bindings().items()}
    expected = _rows(local.query(query.text, use_default_graph_as_union=True, substitutions=bindings))
    assert _rows(remote.query(query.text, use_default_graph_as_union=True, substitutions=bindings)) == expected


def test_kazakhstan_labels_and_patterns(remote: RemoteClient, local: ox.Store) -> None:
    kaz = ox.NamedNode(KAZ)
    labels = {quad.object for quad in remote.quads_for_pattern(kaz, LABEL, None, None)}
    assert ox.Literal("Kazakhstan", language="en") in labels and ox.Literal("哈萨克斯坦", language="zh") in labels
    assert Counter(remote.quads_for_pattern(kaz, None, None, None)) == Counter(local.quads_for_pattern(kaz, None, None, None))
    assert list(remote.quads_for_pattern(ox.BlankNode(), None, None, None)) == []


def test_construct_and_ask_answers_are_pyoxigraph_results(remote: RemoteClient) -> None:
    triples = remote.query(f"CONSTRUCT WHERE {{ <{KAZ}> rdfs:label ?l }}", prefixes={"rdfs": RDFS},
                           use_default_graph_as_union=True)
    assert isinstance(triples, ox.QueryTriples)
    assert ox.Triple(ox.NamedNode(KAZ), LABEL, ox.Literal("Kazakhstan", language="en")) in set(triples)
    assert bool(remote.query(f"ASK {{ <{KAZ}> ?p ?o }}", use_default_graph_as_union=True)) is True
    assert bool(remote.query(f"ASK {{ <{KAZ}> ?p ?o }}")) is False  # the default graph alone is empty


def test_malformed_query_is_a_syntax_error_with_the_remote_message(remote: RemoteClient) -> None:
    with pytest.raises(RemoteRejected) as caught:
        remote.query("SELEC ?x WHERE { ?x ?p ?o }")
    assert isinstance(caught.value, SyntaxError) and caught.value.status == 400 and "400" in str(caught.value)


def test_unreachable_store_and_slow_store() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    refused = RemoteClient(RemoteEndpoints(*(f"http://127.0.0.1:{port}/{p}" for p in "qus")), timeout_s=5)
    with pytest.raises(RemoteUnavailable, match="cannot be reached"):
        refused.query("ASK {}")
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        slow = RemoteClient(RemoteEndpoints(url + "/q", url + "/u", url + "/s"), timeout_s=0.3)
        with pytest.raises(RemoteTimeout, match="0.3 s"):
            slow.query("ASK {}")


# --- building and updating a remote store -----------------------------------------------------


@pytest.fixture()
def scratch(tmp_path: Path) -> Iterator[OxigraphServer]:
    """An empty `oxigraph serve` for one test."""
    server = start_oxigraph_server(tmp_path / "oxigraph")
    yield server
    server.stop()


def test_rebuild_replaces_graphs_and_drops_those_no_longer_built(scratch: OxigraphServer, sample_quads: list[ox.Quad]) -> None:
    backend = RemoteStore(scratch.endpoints, 10)
    assert not backend.exists()
    with pytest.raises(StoreNotFoundError, match="run `scokg build`"):
        backend.reader()
    backend.build(sample_quads)
    assert Counter(backend.reader()) == Counter(sample_quads)
    inferred = ox.NamedNode("https://w3id.org/sco-kg/graph/inferred")
    kept = [quad for quad in sample_quads if quad.graph_name != inferred and "chn" not in str(quad)]
    backend.build(kept)
    assert Counter(backend.reader()) == Counter(kept)
    assert not backend.client.contains_named_graph(inferred)


def test_default_graph_quads_are_refused(scratch: OxigraphServer) -> None:
    quad = ox.Quad(ox.NamedNode(KAZ), LABEL, ox.Literal("Kazakhstan"))
    with pytest.raises(StoreError, match="named graphs only"):
        RemoteStore(scratch.endpoints, 10).build([quad])


def test_handle_version_follows_the_remote_data(scratch: OxigraphServer, sample_quads: list[ox.Quad]) -> None:
    backend = RemoteStore(scratch.endpoints, 10)
    backend.build(sample_quads)
    handle = RemoteHandle(scratch.endpoints, 10, refresh_s=0)
    client, version = handle.get(), handle.version
    assert handle.get() is client and handle.version == version
    backend.update(f'INSERT DATA {{ GRAPH <{RES}graph/extra> {{ <{KAZ}> <{LABEL.value}> "Qazaqstan"@kk }} }}')
    assert handle.get() is not client and handle.version != version


# --- the server on a remote store --------------------------------------------------------------


def _require_wired_app(settings: Settings) -> None:
    """Skip unless `create_app` opens the backend the settings name (server/app.py calls `ServerContext.open`)."""
    try:
        handle = create_app(settings).extensions["scokg"].current_store
    except StoreNotFoundError:
        handle = None
    if not isinstance(handle, RemoteHandle):
        pytest.skip("server/app.py does not open the remote backend yet: it must call ServerContext.open(settings)")


@pytest.fixture(scope="module")
def remote_server(remote_settings: Settings) -> Iterator[LiveServer]:
    settings = Settings(store_path=str(remote_settings.remote_store), max_rows=3, update_token="s3cret")
    _require_wired_app(settings)
    server, http = start_live_server(settings)
    yield server
    http.shutdown()


def _select(server: LiveServer, query: str) -> requests.Response:
    return requests.post(server.url + "/sparql", data={"query": PREFIXES + query},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)


def test_sparql_answers_from_the_remote_store(remote_server: LiveServer) -> None:
    response = _select(remote_server, f"SELECT ?l WHERE {{ <{KAZ}> rdfs:label ?l FILTER(lang(?l) = 'zh') }} LIMIT 1")
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["l"]["value"] == "哈萨克斯坦"


def test_sparql_row_cap_applies_to_remote_answers(remote_server: LiveServer) -> None:
    response = _select(remote_server, "SELECT ?s WHERE { ?s a sco:MemberState }")
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["SCOKG-Results-Truncated"]


def test_sparql_remote_rejection_is_a_400_with_its_message(remote_server: LiveServer) -> None:
    response = _select(remote_server, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY")
    assert response.status_code == 400
    assert "remote store answered 400" in response.text


def test_unreachable_remote_store_is_a_502(live_server_factory) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    settings = Settings(store_path=f"remote:query={url}/q,update={url}/u,gsp={url}/s")
    _require_wired_app(settings)
    server = live_server_factory(settings)
    response = _select(server, "ASK {}")
    assert response.status_code == 502 and "cannot be reached" in response.text


def test_entity_page_search_and_void_from_the_remote_store(remote_server: LiveServer) -> None:
    page = requests.get(remote_server.url + "/resource/state/kaz", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "哈萨克斯坦" in page.text and "Kazakhstan" in page.text
    found = requests.get(remote_server.url + "/search", params={"q": "哈萨克"},
                         headers={"Accept": "application/json"}, timeout=30)
    assert found.status_code == 200 and found.json()["results"][0]["iri"] == KAZ
    void = requests.get(remote_server.url + "/.well-known/void", headers={"Accept": "application/n-triples"}, timeout=30)
    assert void.status_code == 200
    triples = list(ox.parse(void.content, format=ox.RdfFormat.N_TRIPLES))
    counts = [int(t.object.value) for t in triples if t.predicate.value == "http://rdfs.org/ns/void#triples"]
    assert counts and max(counts) > 20000


def test_update_is_token_protected_and_reaches_the_remote(scratch: OxigraphServer, sample_quads, live_server_factory) -> None:
    RemoteStore(scratch.endpoints, 10).build(sample_quads)
    settings = Settings(store_path=str(scratch.endpoints), update_token="s3cret")
    _require_wired_app(settings)
    server = live_server_factory(settings)
    insert = f'INSERT DATA {{ GRAPH <{RES}graph/extra> {{ <{KAZ}> <{LABEL.value}> "Qazaqstan"@kk }} }}'
    assert requests.post(server.url + "/update", data={"update": insert}, timeout=30).status_code == 401
    done = requests.post(server.url + "/update", data={"update": insert},
                         headers={"Authorization": "Bearer s3cret"}, timeout=30)
    assert done.status_code == 204, done.text
    labels = {q.object for q in RemoteClient(scratch.endpoints, 10).quads_for_pattern(ox.NamedNode(KAZ), LABEL, None, None)}
    assert ox.Literal("Qazaqstan", language="kk") in labels
    bad = requests.post(server.url + "/update", data={"update": "INSERT DATA {"},
                        headers={"Authorization": "Bearer s3cret"}, timeout=30)
    assert bad.status_code == 400 and "remote store answered 400" in bad.text
