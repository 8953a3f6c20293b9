"""The minimal server app, and how `scokg serve` configures gunicorn."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from scokg import cli
from scokg.server.app import create_app
from scokg.settings import Settings

KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/sco-kg/ontology#State> } ORDER BY ?s"


@pytest.fixture
def client(store_path):
    return create_app(Settings(store_path=store_path)).test_client()


def subjects(response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/sparql-results+json"
    return [b["s"]["value"] for b in json.loads(response.data)["results"]["bindings"]]


def test_sparql_get_post_form_and_post_body(client):
    expected = ["https://w3id.org/sco-kg/resource/state/chn", KAZ]  # sco:State only in the inferred graph
    assert subjects(client.get("/sparql", query_string={"query": SELECT})) == expected
    assert subjects(client.post("/sparql", data={"query": SELECT})) == expected
    assert subjects(client.post("/sparql", data=SELECT, content_type="application/sparql-query")) == expected


def test_sparql_default_graph_uri_replaces_the_union(client):
    reference = "https://w3id.org/sco-kg/graph/reference"
    response = client.get("/sparql", query_string={"query": SELECT, "default-graph-uri": reference})
    assert subjects(response) == []


def test_sparql_ask_and_construct(client):
    ask = client.get("/sparql", query_string={"query": f"ASK {{ <{KAZ}> ?p ?o }}"})
    assert json.loads(ask.data)["boolean"] is True
    construct = client.get("/sparql", query_string={"query": f"CONSTRUCT WHERE {{ <{KAZ}> ?p ?o }}"})
    assert construct.mimetype == "text/turtle"
    assert len(list(ox.parse(construct.data, ox.RdfFormat.TURTLE))) == 5


@pytest.mark.parametrize("request_args, message", [
    ({"query_string": {"query": "SELEC * WHERE {}"}}, "malformed query: error at 1:1"),
    ({}, "missing query"),
    ({"query_string": {"query": SELECT, "named-graph-uri": "not an iri"}}, "invalid graph IRI"),
])
def test_sparql_bad_requests_are_400_with_a_message(client, request_args, message):
    response = client.get("/sparql", **request_args)
    assert response.status_code == 400
    assert message in response.text


def test_home_page_lists_class_counts(client):
    page = client.get("/").text
    assert "<li>MemberState: 2</li>" in page
    assert "<li>State: 2</li>" in page


def test_serve_binds_gunicorn_to_the_settings(store_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(cli._Server, "run", lambda self: seen.update(bind=self.cfg.bind, workers=self.cfg.workers))
    result = CliRunner().invoke(
        cli.scokg, ["--store", str(store_path), "serve", "--host", "::1", "--port", "9999", "--workers", "3"]
    )
    assert result.exit_code == 0, result.output
    assert seen == {"bind": ["[::1]:9999"], "workers": 3}


def test_serve_rejects_a_bad_port(store_path):
    result = CliRunner().invoke(cli.scokg, ["--store", str(store_path), "serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "port" in result.output
