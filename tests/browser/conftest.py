"""Browser tests: one live server per session on its own database, driven by real Chromium.

Chromium comes from PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium, else
Playwright's own download (`playwright install chromium`); with none, the run stops
with a message saying how to get one.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from sandbox import create_app
from sandbox.extensions import db
from sandbox.services.workspace.demo import ensure_demo

# The page catalogue's session fixtures, registered once for every browser test module.
from tests.browser.page_types import measured, page_world, persona_states  # noqa: F401
from tests.databases import fresh_database_url

BROWSER_ITEMS = 400
BROWSER_SEED = 2024
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    """Every test under tests/browser carries the `browser` marker."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def chromium_executable() -> str | None:
    """A system Chromium if there is one; None means Playwright's own browser."""
    candidates = [os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE"), "/usr/bin/chromium"]
    candidates += [shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).exists()), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium with flags that suit a closed network."""
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def browser(launch_browser):
    """The session's browser, or a clear stop when no Chromium can be launched."""
    try:
        browser = launch_browser()
    except Exception as error:  # Playwright raises its own Error types
        pytest.exit(
            "No Chromium for the browser tests. Install one (Debian: apt-get install chromium), "
            "set PLAYWRIGHT_CHROMIUM_EXECUTABLE, or run `.venv/bin/playwright install chromium`.\n"
            f"Launch error: {error}",
            returncode=3,
        )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app as a user sees it (CSRF on), on its own seeded database."""
    tmp = tmp_path_factory.mktemp("browser")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url(tmp, "browser"),
            "SECRET_KEY": "browser-test-secret",
            "INSTANCE_DIR": tmp,
            "DEMO_ITEMS": BROWSER_ITEMS,
        }
    )
    with app.app_context():
        db.create_all()
        ensure_demo(app.config["DEMO_WORKSPACE"], items=BROWSER_ITEMS, seed=BROWSER_SEED)
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app on a free local port in a background thread for the whole session."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright resolves page.goto("/…") against the live server."""
    return live_server


@pytest.fixture
def db_session(live_app):
    """Read the live server's database from a test (to assert on what the browser did)."""
    with live_app.app_context():
        yield db.session
        db.session.remove()
