"""Concurrency with processes, not threads (issue 14, Reliability): real ``mrejesho run``
servers on one database (a SQLite file, or PostgreSQL when DATABASE_URL is set), and client
processes started with ``spawn`` that act at the same moment (tests/reliability/hall.py).

- Four desk staff (two officers, two heads), each in a process of their own, press
  Acknowledge on the same item at once, through two servers: one transition is recorded
  (one event, the version moved by one), the three others are told someone else changed the
  item first (409 and the message) — never a 500. Three rounds.
- A hall joining: trainees join one new cohort from three processes at once (its first joins
  race for its base world); each join makes one enrolment, with its own workspace, login and
  personal code, and one base world is made: no workspace is left without its trainee. The
  full 150 is in ``make bench`` (bench/join_bench.py, docs/PERFORMANCE.md).
- The workshop's writes at once (portal submissions, desk actions, joins) never fail: no
  500, no 503 "busy", no "database is locked" in any server's log; and every SQLite
  connection of the app's engine has WAL and the busy timeout.

Counts and outcomes only: elapsed times are printed (``pytest -s``), never asserted.
"""

from __future__ import annotations

import os
import sys
import time

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    CohortWorld,
    Enrolment,
    Feedback,
    FeedbackEvent,
    User,
    Workspace,
    WorkspaceKind,
)
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow import Action, Status
from tests.databases import fresh_database_url
from tests.desk.factories import make_item
from tests.reliability import clients
from tests.reliability.hall import RACERS, bad_log_lines, in_processes, prepare_hall, serving

ROUNDS = 3
SERVERS = 2
JOINERS, JOINS_EACH = 3, 4
SUBMISSIONS_EACH, ACTIONS_EACH = 8, 5
BUSY_TIMEOUT_MS = 10_000  # sandbox/__init__.py: _tune_sqlite


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """The prepared world and its running servers: (Hall, [(base URL, log)])."""
    folder = tmp_path_factory.mktemp("hall")
    url = fresh_database_url(folder, "hall")
    prepared = prepare_hall(url, folder)
    with serving(url, folder, SERVERS) as servers:
        yield prepared, servers
    with prepared.app.app_context():
        db.engine.dispose()


@pytest.fixture
def in_app(hall):
    """An application context on the hall's database (to make items and read outcomes)."""
    prepared, _ = hall
    with prepared.app.app_context():
        yield prepared.app
        db.session.remove()


def _new_items(app, count: int) -> list[Feedback]:
    """``count`` fresh complaints to DODOMA_CC in the demo workspace (status received)."""
    workspace = find_workspace(app.config["DEMO_WORKSPACE"])
    return [make_item(workspace, "DODOMA_CC") for _ in range(count)]


def _events(item_id: int, action: Action) -> int:
    """How many events of ``action`` the item has (read anew)."""
    return db.session.scalar(
        sa.select(sa.func.count(FeedbackEvent.id)).where(
            FeedbackEvent.feedback_id == item_id, FeedbackEvent.action == action
        )
    )


def _answers_of(results: list) -> list[list[tuple]]:
    """Each process's answers, after checking that no process failed outright."""
    failed = [r for r in results if isinstance(r, str)]
    assert not failed, failed
    return results


def _logs_are_clean(servers) -> None:
    """No server logged a crash, a refused writer or a busy database."""
    assert bad_log_lines([log for _, log in servers]) == []


def test_four_processes_pressing_one_action_make_one_transition(hall, in_app):
    _, servers = hall
    items = _new_items(in_app, ROUNDS)
    before = {item.id: item.version for item in items}
    ids = list(before)
    jobs = [
        (clients.race_acknowledgements, (servers[i % SERVERS][0], user, password, ids))
        for i, (user, password) in enumerate(RACERS)
    ]
    per_process = _answers_of(in_processes(jobs))
    db.session.expire_all()
    for round_, item_id in enumerate(ids):
        answers = [process[round_] for process in per_process]
        statuses = sorted(status for status, _, _ in answers)
        assert statuses == [302, 409, 409, 409], (round_, answers)
        assert [note for status, _, note in answers if status == 409] == ["conflict"] * 3
        assert _events(item_id, Action.ACKNOWLEDGE) == 1
        item = db.session.get(Feedback, item_id)
        assert (item.status, item.version) == (Status.ACKNOWLEDGED, before[item_id] + 1)
    _logs_are_clean(servers)


def _joined(join_code_names: list[str]) -> list[Enrolment]:
    """The enrolments of the trainees with these names (read anew)."""
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Enrolment).join(User).where(User.display_name.in_(join_code_names))
        )
    )


def test_a_hall_joining_at_once_gets_one_enrolment_each(hall, in_app, record_property):
    prepared, servers = hall
    names = [[f"Mshiriki {p}-{n}" for n in range(JOINS_EACH)] for p in range(JOINERS)]
    jobs = [
        (clients.join_each, (servers[p % SERVERS][0], prepared.join_code, names[p]))
        for p in range(JOINERS)
    ]
    started = time.perf_counter()
    per_process = _answers_of(in_processes(jobs))
    took = time.perf_counter() - started
    record_property("join_seconds", round(took, 1))  # a figure to read, never a threshold
    sys.stdout.write(f"\n{JOINERS * JOINS_EACH} joins from {JOINERS} processes: {took:.1f} s\n")
    answers = [answer for process in per_process for answer in process]
    assert [(s, loc.endswith("/desk/")) for s, loc, _ in answers] == [(302, True)] * len(answers)
    enrolments = _joined([name for group in names for name in group])
    assert len(enrolments) == JOINERS * JOINS_EACH
    for one_each in ("workspace_id", "user_id", "personal_code"):
        assert len({getattr(e, one_each) for e in enrolments}) == len(enrolments), one_each
    worlds = db.session.scalars(sa.select(CohortWorld.workspace_id)).all()
    trainee_kind = sa.select(Workspace.id).where(Workspace.kind == WorkspaceKind.TRAINEE)
    assert len(worlds) == 1  # the race for the cohort's base world made one
    assert set(db.session.scalars(trainee_kind)) == {*worlds, *(e.workspace_id for e in enrolments)}
    _logs_are_clean(servers)


def _portal_items() -> int:
    """How many complaints the portal clients sent have been recorded (read anew)."""
    db.session.expire_all()
    return db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            Feedback.description.startswith(clients.PORTAL_TEXT)
        )
    )


def test_the_workshops_writes_at_once_never_fail(hall, in_app):
    prepared, servers = hall
    base = [base for base, _ in servers]
    own_items = [[item.id for item in _new_items(in_app, ACTIONS_EACH)] for _ in base]
    late_joiners = ["Mchanganyiko Moja", "Mchanganyiko Mbili"]
    portal = (prepared.institution_id, prepared.category_id, SUBMISSIONS_EACH)
    jobs = [
        *[(clients.submit_each, (b, *portal)) for b in base],
        *[
            (clients.acknowledge_each, (b, *RACERS[2 * i], own_items[i]))
            for i, b in enumerate(base)
        ],
        (clients.join_each, (base[1], prepared.join_code, late_joiners)),
    ]
    per_process = _answers_of(in_processes(jobs))
    leads_to = ["/portal/submitted/"] * SERVERS + ["/desk/feedback/"] * SERVERS + ["/desk/"]
    for where, answers in zip(leads_to, per_process, strict=True):
        assert all(s == 302 and where in location for s, location, _ in answers), answers
    assert _portal_items() == SERVERS * SUBMISSIONS_EACH
    acknowledged = [_events(item, Action.ACKNOWLEDGE) for items in own_items for item in items]
    assert acknowledged == [1] * SERVERS * ACTIONS_EACH
    assert len(_joined(late_joiners)) == len(late_joiners)
    _logs_are_clean(servers)


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite's own settings")
def test_every_sqlite_connection_has_wal_and_a_busy_timeout(hall, in_app):
    with db.engine.connect() as first, db.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
