"""Reset benchmark (not a test): resetting a whole cohort against a raw sqlite3 executemany.

A cohort of N trainees (150) with a full world each (300 items and their histories) is
reset whole (archiving progress): the automatic snapshot, the deletes, the copy of the
cohort's base world into every workspace, the log, one commit. The baseline inserts the
same feedback and event rows with a raw ``sqlite3`` ``executemany`` into a fresh file of
the same shape, in the same run. The figure that matters is the ratio ours / baseline
(target <= 2). Undo and a named snapshot are timed too, for docs/PERFORMANCE.md.

    python bench/reset_bench.py               # 150 trainees
    python bench/reset_bench.py --trainees 3  # a quick check
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from seed_bench import _create_same_shape, _insert_sql  # noqa: E402

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import (  # noqa: E402
    Enrolment,
    Feedback,
    FeedbackEvent,
    User,
    WorkspaceKind,
)
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.services.facilitation import resets  # noqa: E402
from sandbox.services.facilitation.snapshots import save_snapshot  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.library import scenario_library  # noqa: E402
from sandbox.services.workspace.now import wall_now  # noqa: E402
from sandbox.services.workspace.seeding import ensure_staff  # noqa: E402
from sandbox.services.workspace.workspaces import create_workspace  # noqa: E402
from sandbox.services.workspace.world import load_world  # noqa: E402
from sandbox.workflow import Role  # noqa: E402


def main() -> None:
    """Run both sides and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=150, help="trainees in the cohort")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reset-bench-") as tmp:
        ours, rows = run_ours(Path(tmp) / "ours.sqlite3", args.trainees)
        base = run_baseline(Path(tmp) / "baseline.sqlite3", rows)
    items, events = len(rows[0]), len(rows[1])
    print(f"trainees: {args.trainees}   items: {items:,}   event rows: {events:,}")
    print(f"ours      first reset (base world made)  {ours['first']:7.2f} s")
    print(f"ours      reset of the whole cohort      {ours['reset']:7.2f} s")
    print(f"ours      undo of that reset             {ours['undo']:7.2f} s")
    print(f"ours      named snapshot                 {ours['snapshot']:7.2f} s")
    print(f"baseline  sqlite3 executemany            {base:7.2f} s")
    print(f"ratio reset / baseline (time): {ours['reset'] / base:.2f}  (target <= 2)")
    print(f"ratio undo / baseline (time):  {ours['undo'] / base:.2f}")


def run_ours(path: Path, trainees: int) -> tuple[dict, tuple[list, list]]:
    """A cohort of ``trainees`` full worlds; the timed resets; the rows a reset writes."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "TESTING": True, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        db.create_all()
        load_world(load_seed_data())
        cohort = create_cohort("Bench", seed=7, start=date(2026, 11, 9))
        for n in range(trainees):
            _enrol(cohort, n)
        plan = resets.plan_reset(cohort, scenario_library())
        first = _timed(lambda: resets.run_reset(plan, None))  # empty worlds filled
        plan = resets.plan_reset(cohort, scenario_library())
        reset = _timed(lambda: resets.run_reset(plan, None))
        record = resets.undoable(cohort)
        undo = _timed(lambda: resets.undo_reset(cohort, record.id, None))
        snapshot = _timed(lambda: save_snapshot(cohort, "bench", None))
        rows = _rows(cohort)
        db.session.remove()
        db.engine.dispose()
    figures = {"first": first, "reset": reset, "undo": undo, "snapshot": snapshot}
    return figures, rows


def _timed(work) -> float:
    """Seconds ``work()`` took."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _enrol(cohort, n: int) -> None:
    """A trainee without going through joining (no world yet: the first reset copies it)."""
    workspace = create_workspace(
        f"tb{n:05d}", cohort.name, WorkspaceKind.TRAINEE, seed=cohort.seed,
        clock_base=cohort.start_at,
    )  # fmt: skip
    ensure_staff(workspace, cohort.seed)
    user = User(
        username=f"mw.bench{n}", display_name=f"Mshiriki {n}", password_hash="!",
        role=Role.TRAINEE, institution_id=cohort.institution_id, workspace_id=workspace.id,
        created_at=wall_now(),
    )  # fmt: skip
    db.session.add(user)
    db.session.flush()
    db.session.add(
        Enrolment(
            cohort_id=cohort.id, user_id=user.id, workspace_id=workspace.id,
            personal_code=f"B{n:05d}", pin_hash="!", joined_at=wall_now(),
        )
    )  # fmt: skip
    db.session.commit()


def _rows(cohort) -> tuple[list[tuple], list[tuple]]:
    """The feedback and event rows of the cohort's trainees, as tuples (ids included)."""
    ids = sa.select(Enrolment.workspace_id).where(Enrolment.cohort_id == cohort.id)
    feedback, events = Feedback.__table__, FeedbackEvent.__table__
    items = db.session.execute(
        sa.select(*feedback.columns).where(feedback.c.workspace_id.in_(ids))
    ).all()
    history = db.session.execute(
        sa.select(*events.columns).where(events.c.workspace_id.in_(ids))
    ).all()
    return [_plain(r) for r in items], [_plain(r) for r in history]


def _plain(row) -> tuple:
    """A row with enum members as their stored values and times as text (sqlite3's own)."""
    return tuple(
        v.value if hasattr(v, "value") else str(v) if hasattr(v, "isoformat") else v for v in row
    )


def run_baseline(path: Path, rows: tuple[list, list]) -> float:
    """Seconds a raw sqlite3 executemany takes to insert the same rows (one transaction)."""
    connection = sqlite3.connect(path)
    _create_same_shape(connection)
    feedback_columns = [c.name for c in Feedback.__table__.columns]
    event_columns = [c.name for c in FeedbackEvent.__table__.columns]
    started = time.perf_counter()
    with connection:
        connection.executemany(_insert_sql("feedback", feedback_columns), rows[0])
        connection.executemany(_insert_sql("feedback_event", event_columns), rows[1])
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


if __name__ == "__main__":
    main()
