"""Live room benchmark (not a test): the facilitator's poll for a full hall, and its 304.

A cohort of N trainees (150 by default) with realistic work: each has attempted some of the
shipped scenarios (passed, failed below the pass mark, in progress), with the statements
such work writes (launched, hints viewed, checks, steps passed, passed or failed), and a few
have asked for help, some acknowledged. Rows are inserted directly (Core bulk inserts) so
that 150 worlds need not be seeded: the room reads only enrolments, attempts, statements,
help requests and acknowledgements. Measured in the same run, in-process with the Flask test
client: the bare page of ``bench/bare_app.py`` (baseline), ``room.json`` (a full answer) and
``room.json`` with ``If-None-Match`` (304). p95 and median; the figures are the ratios.

    python bench/room_bench.py                 # 150 trainees, 300 requests each
    python bench/room_bench.py --quick         # 150 trainees, 60 requests
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bare_app import bare_db, create_bare_app  # noqa: E402
from bench.page_bench import demo_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import (  # noqa: E402
    Enrolment,
    HelpRequest,
    RoomAcknowledgement,
    ScenarioAttempt,
    User,
    Workspace,
    WorkspaceKind,
    XapiStatement,
)
from sandbox.seeding.personas import DEMO_PASSWORD  # noqa: E402
from sandbox.services.people.users import find_username  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.library import scenario_library  # noqa: E402
from sandbox.services.workspace.now import wall_now  # noqa: E402
from sandbox.workflow import Role  # noqa: E402

ADL = "http://adlnet.gov/expapi/verbs/"
WARM_UP = 10


def main() -> None:
    """Build the cohort, measure the three requests, print p95s, medians, size and ratios."""
    args = _arguments()
    requests = 60 if args.quick else args.requests
    with tempfile.TemporaryDirectory(prefix="room-bench-") as tmp:
        base = measure_baseline(Path(tmp) / "baseline.sqlite3", requests)
        full, not_modified, size, rows, scenarios = measure_room(
            Path(tmp) / "room.sqlite3", args.trainees, requests
        )
    print(f"requests per kind: {requests} (after {WARM_UP} warm-up), in-process test client")
    print(f"cohort: {args.trainees} trainees × {scenarios} scenarios, {rows:,} statements")
    print(f"baseline   bare Flask page     {_ms(base)}")
    print(f"room.json  200 (full answer)   {_ms(full)}")
    print(f"room.json  304 (not modified)  {_ms(not_modified)}")
    print(f"payload: {size:,} bytes ({size / 1024:.1f} KiB; limit 20 KiB)")
    print(f"ratio 200 / baseline (p95): {full[0] / base[0]:.2f}")
    print(f"ratio 304 / baseline (p95): {not_modified[0] / base[0]:.2f}")


def _ms(timings: tuple[float, float]) -> str:
    """p95 and median in milliseconds."""
    return f"p95 {timings[0] * 1000:6.2f} ms  median {timings[1] * 1000:6.2f} ms"


def _arguments() -> argparse.Namespace:
    """--trainees, --requests, --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=150, help="trainees in the cohort")
    parser.add_argument("--requests", type=int, default=300, help="requests of each kind")
    parser.add_argument("--quick", action="store_true", help="60 requests of each kind")
    return parser.parse_args()


def _timings(client, url: str, requests: int, status: int, conditional=False):
    """(p95, median) wall time of GET url answered ``status``.

    ``conditional``: each request sends the ETag last seen; the room's ETag also turns with
    the minute, so the one full answer a minute brings is taken as the new ETag, not timed.
    """
    etag, timings = None, []
    while len(timings) < requests + WARM_UP:
        headers = {"If-None-Match": etag} if conditional and etag else None
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        spent = time.perf_counter() - started
        etag = response.headers.get("ETag", etag)
        if conditional and (headers is None or response.status_code == 200):
            continue
        assert response.status_code == status, response.status_code
        timings.append(spent)
    timings = timings[WARM_UP:]
    return statistics.quantiles(timings, n=20)[-1], statistics.median(timings)


def measure_baseline(path: Path, requests: int) -> tuple[float, float]:
    """The bare Flask page (``bench/bare_app.py``): 20 of 100k indexed rows, a template."""
    app = create_bare_app(path)
    timings = _timings(app.test_client(), "/", requests, 200)
    with app.app_context():
        bare_db.engine.dispose()
    return timings


def measure_room(path: Path, trainees: int, requests: int):
    """The poll of a cohort of ``trainees``: (200 timings, 304 timings, bytes, statements)."""
    app = demo_app(path, items=20)
    with app.app_context():
        facilitator = find_username("mwezeshaji")
        cohort = create_cohort(
            "Warsha ya Benchi", seed=1, start=date(2026, 11, 9), facilitator=facilitator
        )
        rows = fill_cohort(cohort, trainees)
        cohort_id, scenarios = cohort.id, len(scenario_library_ids())
    client = app.test_client()
    response = client.post("/login", data={"username": "mwezeshaji", "password": DEMO_PASSWORD})
    assert response.status_code == 302, "demo facilitator could not log in"
    url = f"/facilitator/cohorts/{cohort_id}/room.json"
    first = client.get(url)
    size = len(first.data)
    full = _timings(client, url, requests, 200)
    not_modified = _timings(client, url, requests, 304, conditional=True)
    with app.app_context():
        db.engine.dispose()
    return full, not_modified, size, rows, scenarios


def scenario_library_ids() -> list[str]:
    """The shipped scenarios' ids in the library's order."""
    return [s.id for s in scenario_library().in_order()]


def fill_cohort(cohort, trainees: int) -> int:
    """Insert trainees, attempts, statements, help requests and acknowledgements; statements."""
    rng, now = random.Random(12), wall_now()
    ids = scenario_library_ids()
    statements: list[dict] = []
    for number in range(1, trainees + 1):
        user_id, workspace_id = _trainee(cohort, number, now)
        done = rng.randint(2, 12)
        for index, scenario_id in enumerate(ids[:done]):
            state = "in_progress" if index == done - 1 else rng.choice(["passed"] * 4 + ["failed"])
            statements += _attempt(user_id, workspace_id, scenario_id, state, rng, now)
        if number % 12 == 0:
            _help(cohort, user_id, number % 24 == 0, now)
    db.session.execute(sa.insert(XapiStatement), statements)
    db.session.commit()
    return len(statements)


def _trainee(cohort, number: int, now) -> tuple[int, int]:
    """One trainee's login, workspace and enrolment (no world: the room does not read it)."""
    workspace = Workspace(
        code=f"tb{number:04d}",
        name=f"Benchi {number}",
        kind=WorkspaceKind.TRAINEE,
        clock_base=now,
        clock_started_at=now,
        created_at=now,
    )
    db.session.add(workspace)
    db.session.flush()
    user = User(
        username=f"bench.{number}",
        display_name=f"Mwanafunzi {number}",
        password_hash="!",
        created_at=now,
        role=Role.TRAINEE,
        workspace_id=workspace.id,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(
        Enrolment(
            cohort_id=cohort.id,
            user_id=user.id,
            workspace_id=workspace.id,
            personal_code=f"B{number:06d}",
            pin_hash="!",
            joined_at=now,
        )
    )
    return user.id, workspace.id


def _attempt(user_id, workspace_id, scenario_id, state, rng, now) -> list[dict]:
    """An attempt in ``state`` and the statements its work wrote."""
    started = now - timedelta(minutes=rng.randint(5, 240))
    passed, failed = state == "passed", state == "failed"
    score = 1.0 if passed and rng.random() < 0.6 else rng.choice([0.62, 0.78, 0.85, 0.9])
    attempt = ScenarioAttempt(
        workspace_id=workspace_id,
        user_id=user_id,
        scenario_id=scenario_id,
        scenario_version=1,
        placed={"items": {}, "staff": {}, "first_new_id": 1},
        hints_opened={"a": rng.randint(0, 2)},
        steps_passed=[],
        score=score if passed or failed else 0.0,
        is_completed=passed or failed,
        is_success=passed,
        started_at=started,
        started_wall=started,
        checked_wall=started + timedelta(minutes=rng.randint(1, 20)),
    )
    db.session.add(attempt)
    db.session.flush()
    verbs = ["launched", "viewed"] + ["attempted", "progressed"] * rng.randint(1, 3)
    verbs += ["attempted"] * rng.randint(0, 3) + (["passed"] if passed else ["failed"] * failed)
    return [_statement(user_id, attempt, verb, started, i) for i, verb in enumerate(verbs)]


def _statement(user_id, attempt, verb, started, index) -> dict:
    """A statement row with a small body of the real shape."""
    statement_id = str(uuid.uuid4())
    body = {
        "id": statement_id,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://mrejesho-sandbox.invalid", "name": f"user-{user_id}"},
        },
        "verb": {"id": ADL + verb},
        "object": {"id": f"urn:{attempt.scenario_id}"},
        "timestamp": (started + timedelta(seconds=index * 30)).isoformat(),
    }
    return {
        "statement_id": statement_id,
        "verb": ADL + verb,
        "user_id": user_id,
        "attempt_id": attempt.id,
        "registration": attempt.registration,
        "body": body,
        "stored": started + timedelta(seconds=index * 30),
    }


def _help(cohort, user_id: int, seen: bool, now) -> None:
    """An open help request, acknowledged by the facilitator when ``seen``."""
    request = HelpRequest(user_id=user_id, statement_id=str(uuid.uuid4()), asked_at=now)
    db.session.add(request)
    db.session.flush()
    if seen:
        db.session.add(
            RoomAcknowledgement(
                cohort_id=cohort.id,
                user_id=user_id,
                kind="help",
                episode=f"h{request.id}",
                acknowledged_by=cohort.facilitator_id,
                acknowledged_at=now,
            )
        )


if __name__ == "__main__":
    main()
