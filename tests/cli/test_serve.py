"""How `scokg serve` configures its HTTP server (the protocol itself is tested in tests/server/)."""
from __future__ import annotations

from click.testing import CliRunner

from scokg import cli
from scokg.server.http_server import production_server
from scokg.settings import Settings


def test_serve_binds_the_server_to_the_settings(store_path, monkeypatch):
    seen = {}

    def record(server, settings):
        seen.update(address=server.bind_addr, port=server.bind_port, workers=server.workers, store=settings.store_path)

    monkeypatch.setattr(cli, "serve_forever", record)
    result = CliRunner().invoke(
        cli.scokg, ["--store", str(store_path), "serve", "--host", "::1", "--port", "9999", "--workers", "3"]
    )
    assert result.exit_code == 0, result.output
    assert seen == {"address": "::1", "port": 9999, "workers": 3, "store": store_path}


def test_each_worker_answers_as_many_requests_at_once_as_the_settings_say(tmp_path):
    server = production_server(Settings(store_path=tmp_path / "store", server_threads=3), workers=2)
    assert (server.workers, server.blocking_threads) == (2, 3)
    assert server.http1_settings.keep_alive is True


def test_serve_rejects_a_bad_port(store_path):
    result = CliRunner().invoke(cli.scokg, ["--store", str(store_path), "serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "port" in result.output
