"""Settings from defaults, SCOKG_* variables and overrides, and their validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from scokg.settings import ENV_VARS, Settings, SettingsError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for var in ENV_VARS.values():
        monkeypatch.delenv(var, raising=False)


def test_defaults():
    settings = Settings.from_env()
    assert settings == Settings()
    assert settings.base_iri == "https://w3id.org/sco-kg/"
    assert settings.store_path == Path("data/store")
    assert settings.corpus_dir == Path("corpus")
    assert (settings.host, settings.port) == ("127.0.0.1", 7878)
    assert settings.update_token is None
    assert settings.service_allowlist == ()
    assert settings.union_default_graph is True
    assert (settings.query_timeout_s, settings.max_rows, settings.max_triples) == (10.0, 10000, 100000)
    assert (settings.query_workers, settings.max_body_bytes, settings.max_query_length) == (2, 1048576, 100000)


def test_environment_variables(monkeypatch):
    for var, value in {
        "SCOKG_BASE_IRI": "http://example.org/kg",
        "SCOKG_STORE": "/srv/store",
        "SCOKG_CORPUS": "docs",
        "SCOKG_HOST": "0.0.0.0",
        "SCOKG_PORT": "8080",
        "SCOKG_UPDATE_TOKEN": "s3cret",
        "SCOKG_SERVICE_ALLOWLIST": "https://query.wikidata.org/sparql, https://dbpedia.org/sparql,",
        "SCOKG_UNION_DEFAULT_GRAPH": "false",
        "SCOKG_QUERY_TIMEOUT": "2.5",
        "SCOKG_MAX_ROWS": "50",
        "SCOKG_MAX_TRIPLES": "60",
        "SCOKG_QUERY_WORKERS": "3",
        "SCOKG_MAX_BODY_BYTES": "65536",
        "SCOKG_MAX_QUERY_LENGTH": "5000",
    }.items():
        monkeypatch.setenv(var, value)
    assert Settings.from_env() == Settings(
        base_iri="http://example.org/kg/",  # the trailing slash is added
        store_path=Path("/srv/store"),
        corpus_dir=Path("docs"),
        host="0.0.0.0",
        port=8080,
        update_token="s3cret",
        service_allowlist=("https://query.wikidata.org/sparql", "https://dbpedia.org/sparql"),
        union_default_graph=False,
        query_timeout_s=2.5,
        max_rows=50,
        max_triples=60,
        query_workers=3,
        max_body_bytes=65536,
        max_query_length=5000,
    )


def test_overrides_win_and_none_is_ignored(monkeypatch):
    monkeypatch.setenv("SCOKG_STORE", "/from/env")
    monkeypatch.setenv("SCOKG_PORT", "9000")
    settings = Settings.from_env(store_path=Path("/from/flag"), port=None)
    assert settings.store_path == Path("/from/flag")
    assert settings.port == 9000


def test_unknown_override_is_a_type_error():
    with pytest.raises(TypeError, match="colour"):
        Settings.from_env(colour="blue")


@pytest.mark.parametrize("var, value, message", [
    ("SCOKG_PORT", "http", "SCOKG_PORT"),
    ("SCOKG_PORT", "70000", "SCOKG_PORT"),
    ("SCOKG_PORT", "0", "SCOKG_PORT"),
    ("SCOKG_MAX_ROWS", "-1", "SCOKG_MAX_ROWS"),
    ("SCOKG_QUERY_TIMEOUT", "soon", "SCOKG_QUERY_TIMEOUT"),
    ("SCOKG_QUERY_TIMEOUT", "0", "SCOKG_QUERY_TIMEOUT"),
    ("SCOKG_QUERY_TIMEOUT", "inf", "SCOKG_QUERY_TIMEOUT"),
    ("SCOKG_MAX_TRIPLES", "0", "SCOKG_MAX_TRIPLES"),
    ("SCOKG_QUERY_WORKERS", "100", "SCOKG_QUERY_WORKERS"),
    ("SCOKG_MAX_BODY_BYTES", "1MB", "SCOKG_MAX_BODY_BYTES"),
    ("SCOKG_MAX_QUERY_LENGTH", "-3", "SCOKG_MAX_QUERY_LENGTH"),
    ("SCOKG_UNION_DEFAULT_GRAPH", "maybe", "SCOKG_UNION_DEFAULT_GRAPH"),
    ("SCOKG_BASE_IRI", "w3id.org/sco-kg/", "absolute http"),
    ("SCOKG_BASE_IRI", "ftp://example.org/", "absolute http"),
    ("SCOKG_BASE_IRI", "https://example.org/kg#", "fragment"),
    ("SCOKG_BASE_IRI", "https://example.org/a b/", "not allowed"),
])
def test_invalid_values_name_the_variable(monkeypatch, var, value, message):
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError, match=message) as caught:
        Settings.from_env()
    assert var in str(caught.value)


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().port = 1  # type: ignore[misc]
