"""Configuration read from the environment."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import flask
import pytest
import sqlalchemy as sa
from flask_limiter.util import get_remote_address

from sandbox import InsecureConfiguration, create_app
from sandbox.config import (
    DEV_SECRET_KEY,
    database_url,
    engine_options,
    is_production,
    proxy_hops,
)
from sandbox.extensions import db
from sandbox.secret_key import KEY_FILE

MREJESHO = [sys.executable, "-c", "from sandbox.cli import main; main()"]


def test_production_refuses_the_development_key(tmp_path):
    with pytest.raises(InsecureConfiguration, match="export SECRET_KEY="):
        create_app({"PRODUCTION": True, "SECRET_KEY": DEV_SECRET_KEY, "INSTANCE_DIR": tmp_path})


def test_production_starts_with_its_own_key(tmp_path):
    app = create_app({"PRODUCTION": True, "SECRET_KEY": "x" * 40, "INSTANCE_DIR": tmp_path})
    assert app.config["SECRET_KEY"] == "x" * 40


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", "sqlite:///"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_url_from_environment(monkeypatch, tmp_path, given, expected):
    monkeypatch.setenv("DATABASE_URL", given)
    url = database_url(tmp_path)
    assert url.startswith(expected)
    if not given:
        assert url.endswith("mrejesho.sqlite3")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'wal.sqlite3'}", "TESTING": True}
    )
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() >= 5000
        db.engine.dispose()


# --- the secret key (issue 8, section 2) ---------------------------------------------------


@pytest.mark.parametrize("given", [None, "", "   ", "x" * 31])
def test_production_refuses_a_missing_empty_or_short_key(tmp_path, given):
    with pytest.raises(InsecureConfiguration) as refused:
        create_app({"PRODUCTION": True, "SECRET_KEY": given, "INSTANCE_DIR": tmp_path})
    assert "SECRET_KEY" in refused.value.message_sw and "SECRET_KEY" in refused.value.message_en
    assert "\n" not in refused.value.message_sw + refused.value.message_en
    assert not (tmp_path / KEY_FILE).exists()


@pytest.mark.parametrize("value", ["production", "Production", "PRODUCTION", " production "])
def test_mrejesho_env_is_case_insensitive(value):
    assert is_production(value)


@pytest.mark.parametrize("value", [None, "", "development", "prod", "productions"])
def test_anything_else_is_development(value):
    assert not is_production(value)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "mrejesho.local", ""])
def test_the_published_key_cannot_serve_a_network(tmp_path, host):
    with pytest.raises(InsecureConfiguration, match="public"):
        create_app({"SECRET_KEY": DEV_SECRET_KEY, "HOST": host, "INSTANCE_DIR": tmp_path})


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"])
def test_the_published_key_may_still_serve_this_machine_only(tmp_path, host):
    app = create_app({"SECRET_KEY": DEV_SECRET_KEY, "HOST": host, "INSTANCE_DIR": tmp_path})
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY


def test_without_a_key_one_is_generated_once_per_installation(tmp_path):
    config = {"SECRET_KEY": None, "HOST": "0.0.0.0", "INSTANCE_DIR": tmp_path}
    first = create_app(config).config["SECRET_KEY"]
    second = create_app(config).config["SECRET_KEY"]
    other = create_app({**config, "INSTANCE_DIR": tmp_path / "other"}).config["SECRET_KEY"]
    assert first == second != other
    assert len(first) == 64 and first != DEV_SECRET_KEY
    assert (tmp_path / KEY_FILE).read_text().strip() == first


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_generated_key_file_is_private(tmp_path):
    create_app({"SECRET_KEY": None, "INSTANCE_DIR": tmp_path})
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    (tmp_path / KEY_FILE).chmod(0o644)
    create_app({"SECRET_KEY": None, "INSTANCE_DIR": tmp_path})
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_the_instance_folder_is_never_committed():
    ignored = (Path(__file__).parents[1] / ".gitignore").read_text().splitlines()
    assert "instance/" in ignored


def test_the_command_line_refuses_in_one_line_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("MREJESHO_ENV", "Production")
    monkeypatch.setenv("SECRET_KEY", "short")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    done = subprocess.run(
        [*MREJESHO, "run", "--port", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and " / " in lines[0]


def test_run_refuses_the_published_key_on_a_network_address(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", DEV_SECRET_KEY)
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    done = subprocess.run(
        [*MREJESHO, "run", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "public" in done.stderr


# --- several processes behind a load balancer (issue 14, docs/DEPLOY.md) ---------------------


def test_pool_sizes_come_from_the_environment_only_when_given():
    assert engine_options({}) == {"pool_pre_ping": True}
    given = {"DATABASE_POOL_SIZE": "8", "DATABASE_MAX_OVERFLOW": " 2 "}
    assert engine_options(given) == {"pool_pre_ping": True, "pool_size": 8, "max_overflow": 2}


@pytest.mark.parametrize(
    ("given", "hops"), [({}, 0), ({"PROXY_HOPS": ""}, 0), ({"PROXY_HOPS": "1"}, 1)]
)
def test_proxy_hops_come_from_the_environment(given, hops):
    assert proxy_hops(given) == hops


def _client_as_seen(tmp_path, hops: int):
    """A test client of an app believing ``hops`` proxies, with a route echoing the client."""
    app = create_app({"TESTING": True, "INSTANCE_DIR": tmp_path, "PROXY_HOPS": hops})
    app.add_url_rule("/_seen", "seen", lambda: f"{get_remote_address()} {flask.request.scheme}")
    return app.test_client()


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}


def test_behind_one_load_balancer_the_client_address_is_the_forwarded_one(tmp_path):
    seen = _client_as_seen(tmp_path, 1).get("/_seen", headers=FORWARDED)
    assert seen.text == "203.0.113.7 https"  # what the rate limits count, and HTTPS cookies


def test_without_proxies_a_forwarded_address_is_ignored(tmp_path):
    seen = _client_as_seen(tmp_path, 0).get("/_seen", headers=FORWARDED)
    assert seen.text == "127.0.0.1 http"  # a client cannot choose whose allowance it uses
