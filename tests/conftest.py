"""Shared fixtures: one app and schema per session, clean workspaces per test.

Set DATABASE_URL to run the whole suite on PostgreSQL; otherwise a SQLite file in a
temporary folder is used. The reference world (regions, institutions…) is loaded once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa

from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import Workspace, WorkspaceKind
from sandbox.seeding.data import load_seed_data
from sandbox.services.world import load_world
from sandbox.services.workspaces import create_workspace

# Rows a test may create; deleted after each test, children first. Reference data stays.
WORKSPACE_TABLES = ("feedback_event", "feedback", "user", "workspace_flag", "sla_rule_setting", "workspace")
TEST_CLOCK_START = datetime(2026, 11, 2, 8, 0)


def _database_url_for_tests(tmp_path_factory) -> str:
    """DATABASE_URL when given (PostgreSQL in CI), else a fresh SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if url:
        from sandbox.config import database_url

        return database_url(tmp_path_factory.getbasetemp())
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application on a freshly created schema with the reference world loaded."""
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": _database_url_for_tests(tmp_path_factory),
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret",
            "INSTANCE_DIR": instance,
            "SERVER_NAME": None,
        }
    )
    with app.app_context():
        db.drop_all()
        _drop_alembic_version()
        db.create_all()
        load_world(load_seed_data())
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _drop_alembic_version() -> None:
    """A previous migration test may have left Alembic's bookkeeping table."""
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def app_ctx(app) -> Iterator[None]:
    """An application context; workspace rows are removed afterwards."""
    with app.app_context():
        yield
        db.session.rollback()
        _delete_workspace_rows()
        db.session.remove()


def _delete_workspace_rows() -> None:
    """Remove everything tests create, keeping the reference world."""
    with db.engine.begin() as conn:
        for table in WORKSPACE_TABLES:
            conn.execute(db.metadata.tables[table].delete())


@pytest.fixture
def client(app, app_ctx):
    """A test client (with a clean database)."""
    return app.test_client()


@pytest.fixture
def runner(app, app_ctx):
    """A CLI runner for the app's click commands."""
    return app.test_cli_runner()


@pytest.fixture
def make_workspace(app_ctx):
    """Factory: make_workspace(code="ws1", kind=..., running=False)."""

    def make(code: str = "ws1", kind: WorkspaceKind = WorkspaceKind.TRAINEE, **kwargs) -> Workspace:
        kwargs.setdefault("clock_base", TEST_CLOCK_START)
        kwargs.setdefault("running", False)
        return create_workspace(code, f"Workspace {code}", kind, **kwargs)

    return make
