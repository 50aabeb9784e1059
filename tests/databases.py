"""Extra, empty databases for tests that need their own (migrations, the browser server)."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from sandbox.config import database_url


def main_test_url(tmp_dir: Path) -> str:
    """The suite's database: DATABASE_URL when set (PostgreSQL in CI), else a SQLite file."""
    if os.environ.get("DATABASE_URL"):
        return database_url(tmp_dir)
    return f"sqlite:///{tmp_dir / 'test.sqlite3'}"


def fresh_database_url(tmp_dir: Path, name: str) -> str:
    """An empty database beside the suite's own: a new SQLite file, or a new PostgreSQL DB."""
    if not os.environ.get("DATABASE_URL"):
        return f"sqlite:///{tmp_dir / (name + '.sqlite3')}"
    url = sa.engine.make_url(database_url(tmp_dir))
    db_name = f"{url.database}_{name}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{db_name}"'))
    admin.dispose()
    return url.set(database=db_name).render_as_string(hide_password=False)
