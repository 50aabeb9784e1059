"""Join benchmark (not a test): a hall of trainees joining one cohort at once, on real servers.

150 joins (POST /join with the cohort's code, a name and a PIN, CSRF token and form key
from the page, as a phone sends them) from 6 client processes of 25 joins each, started
together, against 2 ``mrejesho run`` processes (waitress, as ``make run`` serves) on one
SQLite file (tests/reliability/hall.py, the same machinery as
tests/reliability/test_processes.py). Each join makes the trainee's own world of 300 items.

The baseline, in the same run: the same service (``join_cohort``) called in-process, one
join after another, on a fresh file of its own (no HTTP, no other process). The ratio is
the hall's time per join over the baseline's: below 1, the processes overlap their work.
Issue 14 asks for 150 joins within one minute; the hall's time is printed beside it.

    python bench/join_bench.py                          # 150 joins, 6 x 25, 2 servers
    python bench/join_bench.py --joins 12 --processes 3 # a smaller hall
    python bench/join_bench.py --quick                  # 2 joins: does it still run?
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Enrolment  # noqa: E402
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.joining import JoinRequest, join_cohort  # noqa: E402
from sandbox.services.workspace.world import load_world  # noqa: E402
from tests.reliability import clients  # noqa: E402
from tests.reliability.hall import bad_log_lines, in_processes, prepare_hall, serving  # noqa: E402

TARGET_SECONDS = 60  # issue 14: 150 trainees joining within one minute


def main() -> None:
    """Run the hall and the baseline; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--joins", type=int, default=150, help="joins in all")
    parser.add_argument("--processes", type=int, default=6, help="client processes")
    parser.add_argument("--servers", type=int, default=2, help="mrejesho run processes")
    parser.add_argument("--baseline", type=int, default=10, help="joins of the baseline")
    parser.add_argument("--quick", action="store_true", help="2 joins, 2 processes, 1 server")
    args = parser.parse_args()
    if args.quick:
        args.joins, args.processes, args.servers, args.baseline = 2, 2, 1, 1
    os.environ.pop("DATABASE_URL", None)
    one, five, _ = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores; load average {one:.1f} (1 min), {five:.1f} (5 min)")
    with tempfile.TemporaryDirectory(prefix="join-bench-") as tmp:
        hall = run_hall(Path(tmp), args.joins, args.processes, args.servers)
        base = run_baseline(Path(tmp) / "baseline.sqlite3", args.baseline)
    per_join = hall["seconds"] / args.joins
    print(f"hall      {args.joins} joins, {args.processes} processes, {args.servers} servers")
    print(
        f"          took {hall['seconds']:.1f} s (target {TARGET_SECONDS} s), {per_join:.2f} s/join"
    )
    print(f"          answers {dict(hall['answers'])}, enrolments {hall['enrolments']}, distinct "
          f"workspaces {hall['workspaces']}, bad log lines {hall['bad_lines']}")  # fmt: skip
    print(f"baseline  {args.baseline} joins in-process, one by one: {base:.2f} s/join")
    print(f"ratio hall / baseline (time per join): {per_join / base:.2f}")


def run_hall(folder: Path, joins: int, processes: int, servers: int) -> dict:
    """``joins`` joins from ``processes`` client processes against ``servers`` servers."""
    url = f"sqlite:///{folder / 'hall.sqlite3'}"
    hall = prepare_hall(url, folder)
    names = [f"Mshiriki {n:03d}" for n in range(joins)]
    with serving(url, folder, servers) as running:
        jobs = [
            (clients.join_each, (running[p % servers][0], hall.join_code, names[p::processes]))
            for p in range(processes)
        ]
        started = time.perf_counter()
        results = in_processes(jobs)
        seconds = time.perf_counter() - started
        bad = bad_log_lines([log for _, log in running])
    failed = [r for r in results if isinstance(r, str)]
    if failed:
        raise SystemExit(f"a client process failed: {failed}")
    answers = Counter(status for answers in results for status, _, _ in answers)
    with hall.app.app_context():
        enrolments = list(db.session.scalars(sa.select(Enrolment)))
        found = len(enrolments), len({e.workspace_id for e in enrolments})
        db.engine.dispose()
    return {"seconds": seconds, "answers": answers, "enrolments": found[0],
            "workspaces": found[1], "bad_lines": len(bad)}  # fmt: skip


def run_baseline(path: Path, joins: int) -> float:
    """Seconds per join of ``join_cohort`` called in-process, one join after another."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench", "TESTING": True}
    )
    with app.app_context():
        db.create_all()
        load_world(load_seed_data())
        cohort = create_cohort("Msingi", seed=3, start=date(2026, 11, 9))
        started = time.perf_counter()
        for n in range(joins):
            join_cohort(JoinRequest(cohort.join_code, f"Msingi {n:03d}", "4821"))
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return seconds / joins


if __name__ == "__main__":
    main()
