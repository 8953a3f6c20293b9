"""The `scokg` command on a small store: stats, query in every format, export, errors."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from scokg.cli import scokg
from scokg.graph.store import build_store

KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
NAMES = "SELECT ?s ?name WHERE { ?s rdfs:label ?name FILTER(LANG(?name) = 'en') } ORDER BY ?name"


@pytest.fixture
def run(store_path, monkeypatch):
    monkeypatch.delenv("SCOKG_UNION_DEFAULT_GRAPH", raising=False)

    def invoke(*args: str):
        return CliRunner().invoke(scokg, ["--store", str(store_path), *args])

    return invoke


def test_stats_lists_classes_graphs_and_total(run):
    result = run("stats")
    assert result.exit_code == 0, result.output
    assert "sco:MemberState" in result.output
    assert "https://w3id.org/sco-kg/graph/reference" in result.output
    assert "Total: 10 quads" in result.output


def test_query_table_uses_curies_and_language_tags(run):
    result = run("query", NAMES)
    assert result.exit_code == 0, result.output
    assert "China@en" in result.output
    assert "Kazakhstan@en" in result.output


def test_query_json(run):
    result = run("query", "--format", "json", NAMES)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout_bytes)
    assert data["head"]["vars"] == ["s", "name"]
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["China", "Kazakhstan"]


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_and_tsv(run, fmt, delimiter):
    result = run("query", "--format", fmt, NAMES)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode()), delimiter=delimiter))
    assert rows[0] == (["s", "name"] if fmt == "csv" else ["?s", "?name"])
    assert len(rows) == 3


def test_query_ask_prints_true_or_false(run):
    assert run("query", f"ASK {{ <{KAZ}> a sco:State }}").output.strip() == "true"
    assert run("query", f"ASK {{ <{KAZ}> a sco:Meeting }}").output.strip() == "false"


def test_query_construct_prints_turtle_or_ntriples(run):
    construct = f"CONSTRUCT {{ <{KAZ}> ?p ?o }} WHERE {{ <{KAZ}> ?p ?o }}"
    turtle = run("query", construct)
    assert turtle.exit_code == 0, turtle.output
    ntriples = run("query", "--format", "ntriples", construct)
    assert ntriples.exit_code == 0, ntriples.output
    from_turtle = set(ox.parse(turtle.stdout_bytes, ox.RdfFormat.TURTLE))
    assert from_turtle == set(ox.parse(ntriples.stdout_bytes, ox.RdfFormat.N_TRIPLES))
    assert len(from_turtle) == 5  # two types (one inferred), two labels, a founding date


def test_query_from_file(run, tmp_path):
    query_file = tmp_path / "names.rq"
    query_file.write_text(NAMES, encoding="utf-8")
    result = run("query", "--format", "csv", f"@{query_file}")
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.output


def test_query_from_missing_file_is_a_usage_error(run, tmp_path):
    result = run("query", f"@{tmp_path / 'missing.rq'}")
    assert result.exit_code == 2
    assert "cannot read" in result.output


@pytest.mark.parametrize("param, expected", [
    (f"s=<{KAZ}>", "Kazakhstan"),
    (f"s={KAZ}", "Kazakhstan"),
    ("year=1949", "China"),
    ("name=Kazakhstan", None),  # a plain string does not match a language-tagged label
])
def test_query_param_binding(run, param, expected):
    query = "SELECT * WHERE { ?s rdfs:label ?name ; schema:foundingDate ?year FILTER(LANG(?name) = 'en') }"
    result = run("query", "--format", "json", "--param", param, query)
    assert result.exit_code == 0, result.output
    names = [b["name"]["value"] for b in json.loads(result.stdout_bytes)["results"]["bindings"]]
    assert names == ([expected] if expected else [])


def test_query_param_is_not_injected_as_text(run):
    result = run("query", "--format", "json", "--param", "name=x' } ; DROP ALL #", "SELECT * WHERE { ?s rdfs:label ?name }")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout_bytes)["results"]["bindings"] == []


@pytest.mark.parametrize("param, message", [
    ("noequals", "NAME=VALUE"),
    ("bad name=1", "variable name"),
    ("s=<not an iri>", "IRI"),
])
def test_bad_params_are_usage_errors(run, param, message):
    result = run("query", "--param", param, "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert message in result.output


def test_param_for_a_variable_the_query_does_not_select(run):
    result = run("query", "--param", "o=1", "SELECT ?s WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "--param" in result.output and "?o" in result.output


def test_malformed_query_exits_2_with_the_parser_message(run):
    result = run("query", "SELEC ?s WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "malformed query" in result.output
    assert "error at 1:1" in result.output
    assert "Traceback" not in result.output


def test_format_mismatch_is_an_error(run):
    assert run("query", "--format", "turtle", "SELECT * WHERE { ?s ?p ?o }").exit_code == 2
    assert run("query", "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }").exit_code == 2


def test_missing_store_says_to_build(tmp_path):
    result = CliRunner().invoke(scokg, ["--store", str(tmp_path / "none"), "stats"])
    assert result.exit_code == 1
    assert "scokg build" in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash


def test_bad_base_iri_flag_is_a_usage_error(store_path):
    result = CliRunner().invoke(scokg, ["--base-iri", "not-an-iri", "--store", str(store_path), "stats"])
    assert result.exit_code == 2
    assert "SCOKG_BASE_IRI" in result.output


@pytest.mark.parametrize("fmt, rdf_format", [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)])
def test_export_to_stdout(run, fmt, rdf_format):
    result = run("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert len(list(ox.parse(result.stdout_bytes, rdf_format))) == 10


def test_export_to_file(run, tmp_path):
    out = tmp_path / "graph.json"
    result = run("export", "--format", "cytoscape", "-o", str(out))
    assert result.exit_code == 0, result.output
    nodes = json.loads(out.read_text(encoding="utf-8"))["elements"]["nodes"]
    assert {node["data"]["label"] for node in nodes} == {"China", "Kazakhstan"}


def test_export_unknown_format_lists_choices(run):
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "turtle" in result.output and "cytoscape" in result.output


def test_validate_a_conforming_store(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "SHACL: conforms" in result.output
    assert "OWL: consistent" in result.output


def test_validate_lists_violations_and_fails(tmp_path, sample_trig):
    bad = sample_trig.replace('rdfs:label "China"@en', 'rdfs:label "China"@en, "PRC"@en')
    build_store(tmp_path / "store", ox.parse(bad, ox.RdfFormat.TRIG))
    result = CliRunner().invoke(scokg, ["--store", str(tmp_path / "store"), "validate"])
    assert result.exit_code == 1
    assert "SHACL: 1 violation(s)" in result.output
    assert "state/chn – rdfs:label – A state has at most one rdfs:label per language." in result.output
