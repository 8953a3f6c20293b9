"""How `scokg serve` configures gunicorn (the protocol itself is tested in tests/server/)."""
from __future__ import annotations

from click.testing import CliRunner

from scokg import cli


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
