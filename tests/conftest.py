"""Shared fixtures: one app and schema per session, clean workspaces per test.

Set DATABASE_URL to run the whole suite on PostgreSQL; otherwise a SQLite file in a
temporary folder is used. The reference world (regions, institutions…) is loaded once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import stamp

from sandbox import create_app
from sandbox.extensions import db
from sandbox.limits import limiter
from sandbox.models import Workspace, WorkspaceKind
from sandbox.seeding.loader import load_seed_data
from sandbox.services.workspace.workspaces import create_workspace
from sandbox.services.workspace.world import load_world
from sandbox.workflow import TANZANIA
from tests.databases import main_test_url
from tests.holidays_tz import fixed_calendar

# The shared reference world stays between tests; every other table is emptied after each.
REFERENCE_TABLES = {"region", "district", "institution", "category", "institution_category"}
TEST_CLOCK_START = datetime(2026, 11, 2, 8, 0)


@pytest.fixture(scope="session", autouse=True)
def fixed_holidays() -> Iterator[None]:
    """The app's calendar reads the suite's own holiday list, never the installed package."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TANZANIA, "holidays_in", fixed_calendar().holidays_in)
        yield


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application on a freshly created schema with the reference world loaded."""
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": main_test_url(tmp_path_factory.mktemp("db")),
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
        stamp()  # the schema is current: `mrejesho setup` must find nothing to upgrade
        load_world(load_seed_data())
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _drop_alembic_version() -> None:
    """A previous migration test may have left Alembic's bookkeeping table."""
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Every test starts with no request counted against the rate limits (sandbox/limits.py)."""
    if limiter.initialized:
        limiter.reset()


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
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                conn.execute(table.delete())


class RequestScopedClient(FlaskClient):
    """A test client whose requests do not share `g` with the test's own app context.

    Flask reuses an already-pushed app context for a request; in production every request
    has its own, so per-request values in `g` (Flask-Babel's locale, Flask-Login's user,
    the channel's workspace) are cleared here before each request to behave the same.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in ("_flask_babel", "_login_user", "ws_code", "workspace"):
                g.pop(name, None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app, app_ctx):
    """A test client (with a clean database)."""
    app.test_client_class = RequestScopedClient
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


@pytest.fixture
def demo_world(app, app_ctx):
    """The demo workspace seeded with a small deterministic world and the demo personas."""
    from sandbox.services.workspace.demo import ensure_demo

    workspace, _ = ensure_demo(app.config["DEMO_WORKSPACE"], items=150, seed=11)
    return workspace


@pytest.fixture
def login_as(client):
    """Log the test client in as a demo persona: login_as("afisa.dodoma")."""
    from sandbox.seeding.personas import DEMO_PASSWORD

    def login(username: str, password: str = DEMO_PASSWORD):
        return client.post("/login", data={"username": username, "password": password})

    return login
