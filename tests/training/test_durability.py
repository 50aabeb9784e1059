"""A server killed mid-scenario loses no statement the trainee saw acknowledged, and keeps
none of an action that never committed: the action's commit is the statement's commit.

Checked from outside the app's session: a second engine (its own connection) reads the
database right after the action returns, and a real server process is killed with SIGKILL
once right after an acknowledged action and once between recording and committing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.services.training import attempts
from sandbox.services.training.attempts import check_attempt, start_attempt

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.fixture
def outside(app):
    """A second engine on the same database: what another process would read now."""
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    yield engine
    engine.dispose()


def statements_seen(engine, user_id: int) -> list[tuple[str, str | None]]:
    """(verb, registration) of a user's statements, read through ``engine``."""
    with engine.connect() as conn:
        return [
            (verb.rsplit("/", 1)[1], registration)
            for verb, registration in conn.execute(
                sa.text(
                    "SELECT verb, registration FROM xapi_statement WHERE user_id = :u ORDER BY id"
                ),
                {"u": user_id},
            )
        ]


def test_another_connection_sees_the_statement_as_soon_as_the_action_returns(
    desk, shipped, outside
):
    workspace, trainee = desk
    attempt = start_attempt(workspace, trainee, shipped("pongezi-kama-pongezi"))
    assert statements_seen(outside, trainee.id) == [("launched", attempt.registration)]


def test_an_action_that_fails_before_its_commit_leaves_no_statement(
    desk, shipped, outside, monkeypatch
):
    workspace, trainee = desk
    scenario = shipped("pongezi-kama-pongezi")
    attempt = start_attempt(workspace, trainee, scenario)

    def broken_clock():
        raise RuntimeError("the server fell over mid-check")

    monkeypatch.setattr(attempts, "wall_now", broken_clock)  # after the statement is added
    with pytest.raises(RuntimeError):
        check_attempt(attempt, scenario, workspace, trainee)
    pending = [o for o in db.session.new if type(o).__name__ == "XapiStatement"]
    assert pending, "the check had recorded its statement before it failed"
    db.session.rollback()  # what the request's teardown does
    assert statements_seen(outside, trainee.id) == [("launched", attempt.registration)]


SERVER = """
import os, signal, sys
from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import User, Workspace, XapiStatement
from sandbox.scenarios.loader import SCENARIOS_DIR, load_file
from sandbox.services.training.attempts import start_attempt

url, instance, user_id, moment = sys.argv[1:5]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "t",
                  "INSTANCE_DIR": instance})
with app.app_context():
    user = db.session.get(User, int(user_id))
    workspace = db.session.get(Workspace, user.workspace_id)
    scenario = load_file(SCENARIOS_DIR / "pongezi-kama-pongezi.yaml")
    commit = db.session.commit

    def commit_or_die():
        pending = [o for o in db.session.new if isinstance(o, XapiStatement)]
        if pending and moment == "before-commit":
            print("killed with", len(pending), "statement pending", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        commit()

    db.session.commit = commit_or_die
    attempt = start_attempt(workspace, user, scenario)
    print("acknowledged", attempt.registration, flush=True)  # what the trainee sees
    os.kill(os.getpid(), signal.SIGKILL)  # and the server dies at once
"""


def kill_a_server(app, tmp_path, user_id: int, moment: str) -> str:
    """Run a server process that starts an attempt and is killed at ``moment``; its output."""
    done = subprocess.run(
        [sys.executable, "-c", SERVER, app.config["SQLALCHEMY_DATABASE_URI"], str(tmp_path),
         str(user_id), moment],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout


def test_a_server_killed_after_acknowledging_keeps_the_statement(app, desk, outside, tmp_path):
    _, trainee = desk
    said = kill_a_server(app, tmp_path, trainee.id, "after-ack")
    registration = said.split()[-1]
    assert said.startswith("acknowledged")
    assert statements_seen(outside, trainee.id) == [("launched", registration)]


def test_a_server_killed_before_its_commit_keeps_neither_action_nor_statement(
    app, desk, outside, tmp_path
):
    _, trainee = desk
    said = kill_a_server(app, tmp_path, trainee.id, "before-commit")
    assert said.startswith("killed with 1 statement pending")
    assert statements_seen(outside, trainee.id) == []
    with outside.connect() as conn:
        attempts_left = conn.execute(
            sa.text("SELECT count(*) FROM scenario_attempt WHERE user_id = :u"), {"u": trainee.id}
        ).scalar()
    assert attempts_left == 0
