"""A server killed in the middle of a submission, a desk action, a cohort reset, a trainee's
join, a stakeholder's preview pair or an archive import leaves the state before or the state
after, never half of one.

Each operation runs in a real server process (``tests/crash_server.py``) on a copy of one
prepared SQLite file, killed with SIGKILL before its 1st SQL statement, a third and two
thirds of the way through, before its last, as it commits, and after it returned. The
database is then read from outside: it must be exactly the state before (every row of every
table), or have exactly the row counts of an uninterrupted run. Accounts and other cohorts
are rows of those tables, so they are covered too. SQLite only: the copies are files (the
PostgreSQL suite runs the same services' transaction tests in tests/facilitator). The world
is prepared with one reset done: a cohort's first reset makes its base world once, in a
commit of its own (a cache, tested in tests/facilitator/test_resets.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SERVER = Path(__file__).parent / "crash_server.py"
pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="copies SQLite files"),
]


def _server(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SERVER), *args],
        capture_output=True, text=True, timeout=600, env=os.environ.copy(),
        cwd=SERVER.parent.parent,
    )  # fmt: skip


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """(the world's file, the reference-only file, the cohort's archive)."""
    folder = tmp_path_factory.mktemp("crash")
    world, empty, archive = folder / "world.db", folder / "empty.db", folder / "cohort.zip"
    for args in (
        ("prepare", f"sqlite:///{world}", str(folder), str(archive)),
        ("empty", f"sqlite:///{empty}", str(folder)),
    ):
        done = _server(*args)
        assert done.returncode == 0, done.stderr[-3000:]
    return world, empty, archive


def _state(path: Path) -> dict[str, list]:
    """Every row of every table, sorted (what another process would read); not the query
    planner's statistics (``sqlite_stat1``: made anew after a bulk insert, in a commit of
    their own, services/workspace/planner.py)."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_stat")
        ]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _counts(state: dict[str, list]) -> dict[str, int]:
    return {table: len(rows) for table, rows in state.items()}


def _attempt(source: Path, folder: Path, name: str, operation: str, when: str, archive: Path):
    """Copy ``source``, run ``operation`` on the copy killed at ``when``; (copy, process)."""
    copy = folder / f"{name}.db"
    shutil.copy(source, copy)
    done = _server("run", f"sqlite:///{copy}", str(folder), operation, when, str(archive))
    return copy, done


@pytest.mark.parametrize("operation", ["submit", "action", "reset", "join", "pair", "import"])
def test_a_killed_operation_leaves_before_or_after(prepared, tmp_path, operation):
    world, empty, archive = prepared
    source = empty if operation == "import" else world
    before = _state(source)
    copy, done = _attempt(source, tmp_path, "full", operation, "never", archive)
    assert done.returncode == 0, done.stderr[-3000:]
    after = _counts(_state(copy))
    assert after != _counts(before), "the operation changed nothing"
    statements = int(done.stdout.split()[-1])
    moments = sorted({1, statements // 3, 2 * statements // 3, statements} - {0})
    outcomes = {}
    for when in [*map(str, moments), "commit", "after"]:
        copy, done = _attempt(source, tmp_path, when, operation, when, archive)
        assert done.returncode == -signal.SIGKILL, (when, done.stderr[-3000:])
        state = _state(copy)
        outcomes[when] = "before" if state == before else _counts(state) == after or "HALF"
    assert "HALF" not in outcomes.values(), outcomes
    assert outcomes["1"] == outcomes["commit"] == "before" and outcomes["after"] is True
