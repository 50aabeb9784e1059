"""Configuration read from the environment."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox import InsecureConfiguration, create_app
from sandbox.config import DEV_SECRET_KEY, database_url
from sandbox.extensions import db


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
