"""Seeding benchmark (not a test): our seed_workspace against a Faker + raw sqlite3 baseline.

Both sides write the same number of feedback rows and event rows into fresh SQLite files
in the same run; the figure that matters is the ratio ours / baseline (target <= 1.5).

    python bench/seed_bench.py            # 100,000 items
    python bench/seed_bench.py --quick    # 10,000 items
    python bench/seed_bench.py --items 50000
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite as sqlite_dialect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Feedback, FeedbackEvent, WorkspaceKind  # noqa: E402
from sandbox.seeding.generator import generate  # noqa: E402
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.seeding.provider import make_faker  # noqa: E402
from sandbox.services.workspace import seeding  # noqa: E402
from sandbox.services.workspace.now import workspace_now  # noqa: E402
from sandbox.services.workspace.workspaces import create_workspace  # noqa: E402
from sandbox.services.workspace.world import load_world  # noqa: E402

CLOCK = datetime(2026, 11, 2, 8, 0)
SEED = 2024


def main() -> None:
    """Run both sides and print the figures."""
    args = _arguments()
    items = 10_000 if args.quick else args.items
    with tempfile.TemporaryDirectory(prefix="seed-bench-") as tmp:
        ours = run_ours(Path(tmp) / "ours.sqlite3", items)
        base = run_baseline(Path(tmp) / "baseline.sqlite3", items, ours["events"])
    print(f"items: {items:,}   event rows: {ours['events']:,}")
    print(
        f"ours      seed_workspace        {ours['seconds']:7.2f} s  "
        f"{items / ours['seconds']:9,.0f} items/s"
    )
    print(
        f"          of which generation   {ours['generate']:7.2f} s  "
        f"{items / ours['generate']:9,.0f} items/s (generator alone, no database)"
    )
    print(
        f"baseline  Faker + executemany   {base['seconds']:7.2f} s  "
        f"{items / base['seconds']:9,.0f} items/s "
        f"(Faker {base['faker']:.2f} s, sqlite3 {base['insert']:.2f} s)"
    )
    print(f"ratio ours / baseline (time): {ours['seconds'] / base['seconds']:.2f}  (target <= 1.5)")


def _arguments() -> argparse.Namespace:
    """--items N, --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items to seed")
    parser.add_argument("--quick", action="store_true", help="10,000 items")
    return parser.parse_args()


# -- ours -------------------------------------------------------------------------


def run_ours(path: Path, items: int) -> dict:
    """seed_workspace into a fresh schema (timed), then the generator alone (timed)."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "TESTING": True, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        db.create_all()
        load_world(load_seed_data())
        workspace = create_workspace(
            "bench", "Bench", WorkspaceKind.TRAINEE, clock_base=CLOCK, running=False
        )
        started = time.perf_counter()
        seeding.seed_workspace(workspace, count=items, seed=SEED)
        seconds = time.perf_counter() - started
        events = db.session.scalar(sa.select(sa.func.count(FeedbackEvent.id)))
        catalog = seeding.build_catalog(seeding.ensure_staff(workspace, SEED), load_seed_data())
        started = time.perf_counter()
        for _ in generate(catalog, count=items, seed=SEED, now=workspace_now(workspace)):
            pass
        generate_seconds = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return {"seconds": seconds, "events": events, "generate": generate_seconds}


# -- baseline ---------------------------------------------------------------------


def run_baseline(path: Path, items: int, events: int) -> dict:
    """Faker picks every field, raw sqlite3 executemany writes tables of our shape."""
    started = time.perf_counter()
    feedback_rows, event_rows = _faker_rows(items, events)
    faker_seconds = time.perf_counter() - started
    connection = sqlite3.connect(path)
    _create_same_shape(connection)
    started_insert = time.perf_counter()
    feedback_columns = [c.name for c in Feedback.__table__.columns]
    event_columns = [c.name for c in FeedbackEvent.__table__.columns]
    with connection:
        connection.executemany(_insert_sql("feedback", feedback_columns), feedback_rows)
        connection.executemany(_insert_sql("feedback_event", event_columns), event_rows)
    insert_seconds = time.perf_counter() - started_insert
    connection.close()
    return {
        "seconds": faker_seconds + insert_seconds,
        "faker": faker_seconds,
        "insert": insert_seconds,
    }


def _faker_rows(items: int, events: int) -> tuple[list[tuple], list[tuple]]:
    """Rows of the same columns, every value picked by Faker (ids given explicitly)."""
    fake = make_faker(SEED)
    start = CLOCK - timedelta(days=90)
    statuses = ["received", "in_progress", "responded", "closed"]
    actions = ["acknowledge", "assign", "respond", "close"]
    feedback, history = [], []
    per_item, extra = divmod(events, items)
    for item_id in range(1, items + 1):
        received = fake.date_time_between(start, CLOCK)
        anonymous = fake.boolean(30)
        feedback.append(
            (
                item_id, 1, f"MRJ-T-2026-{item_id:06d}",
                fake.random_element(["complaint", "suggestion", "inquiry", "compliment"]),
                fake.random_element(["citizen", "public_servant", "anonymous"]),
                fake.random_element(["web", "app", "ussd", "sms", "walk_in"]),
                fake.random_int(1, 155), fake.random_int(1, 60),
                fake.random_int(1, 31), fake.random_int(1, 180),
                fake.paragraph(), "sw", fake.boolean(10),
                None if anonymous else fake.tz_full_name(),
                None if anonymous else fake.tz_mobile_number(),
                None if anonymous else fake.email(),
                fake.sha256(),  # the citizen's secret digest (64 hex), as every item has
                fake.random_element(statuses), None, 0, None, None, "none",
                str(received), str(received + timedelta(days=9)),
                str(received + timedelta(days=20)), str(received + timedelta(days=1)),
                None, None, None, None, 0, None,
                None,  # root cause: none until a complaint is closed with one
                str(received), 1,
                None,  # submission token: none for seeded items
            )
        )  # fmt: skip
        for _ in range(per_item + (1 if item_id <= extra else 0)):
            at = fake.date_time_between(received, CLOCK)
            history.append(
                (
                    len(history) + 1, 1, item_id, fake.random_element(actions),
                    fake.random_int(1, 465), fake.tz_full_name(),
                    fake.random_element(statuses), fake.random_element(statuses),
                    fake.boolean(), fake.sentence(), "", str(at),
                )
            )  # fmt: skip
    return feedback, history


def _create_same_shape(connection: sqlite3.Connection) -> None:
    """CREATE TABLE and CREATE INDEX exactly as the app's schema (no FK enforcement)."""
    dialect = sqlite_dialect.dialect()
    for table in (Feedback.__table__, FeedbackEvent.__table__):
        connection.execute(str(sa.schema.CreateTable(table).compile(dialect=dialect)))
        for index in table.indexes:
            connection.execute(str(sa.schema.CreateIndex(index).compile(dialect=dialect)))


def _insert_sql(table: str, columns: list[str]) -> str:
    """INSERT INTO table (columns) VALUES (?, ...)."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


if __name__ == "__main__":
    main()
