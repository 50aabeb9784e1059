"""Facilitator pages benchmark (not a test): a 150-trainee cohort's charts, certificates page
and results sheet against the bare Flask page (``bench/bare_app.py``), in the same run.

The cohort's records are planted straight into the tables (no world is seeded per trainee:
these pages read only enrolments, attempts, statements and help requests): 150 trainees, every
scenario of the library tried once and a third of them twice, a ``passed`` statement per
success, three help requests each. Median per request after a warm-up, in-process test
client; read the ratios.

    python bench/facilitator_bench.py            # 150 trainees, 100 requests per page
    python bench/facilitator_bench.py --quick    # 30 requests per page
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.page_bench import _median_seconds, demo_app, measure_baseline  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import (  # noqa: E402
    Enrolment,
    HelpRequest,
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
from sandbox.workflow import Role  # noqa: E402

TRAINEES = 150
START = datetime(2026, 11, 30, 8, 0)
PASSED = "http://adlnet.gov/expapi/verbs/passed"
PAGES = ("charts", "certificates", "sheet")


def main() -> None:
    """Measure the baseline and the three pages; print medians, ratios and page sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="30 requests per page")
    args = parser.parse_args()
    requests = 30 if args.quick else args.requests
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as tmp:
        base = measure_baseline(Path(tmp) / "baseline.sqlite3", requests)
        ours = measure_ours(Path(tmp) / "ours.sqlite3", requests)
    print(f"requests per page: {requests} (after 20 warm-up), in-process test client")
    print(f"baseline  bare Flask page                      {base * 1000:7.2f} ms")
    for page, (seconds, size) in ours.items():
        ratio = seconds / base
        print(
            f"{page:12s} {TRAINEES} trainees  {seconds * 1000:7.2f} ms  x{ratio:5.1f}  {size:,} B"
        )


def measure_ours(path: Path, requests: int) -> dict[str, tuple[float, int]]:
    """The three pages of a planted 150-trainee cohort, as the demo facilitator."""
    app = demo_app(path, items=50)
    with app.app_context():
        cohort_id = plant_cohort()
    client = app.test_client()
    response = client.post("/login", data={"username": "mwezeshaji", "password": DEMO_PASSWORD})
    assert response.status_code == 302, "demo facilitator could not log in"
    found = {}
    for page in PAGES:
        url = f"/facilitator/cohorts/{cohort_id}/{page}"
        size = len(client.get(url).get_data())
        found[page] = (_median_seconds(client, url, requests), size)
    with app.app_context():
        db.engine.dispose()
    return found


def plant_cohort() -> int:
    """A cohort of TRAINEES trainees with attempts, passes and help requests; its id."""
    cohort = create_cohort(
        "Warsha ya Kipimo", seed=1, start=date(2026, 11, 9), facilitator=find_username("mwezeshaji")
    )
    rng = random.Random(12)
    scenarios = list(scenario_library().in_order())
    for n in range(TRAINEES):
        workspace = Workspace(
            code=f"bench{n}",
            name=f"Kipimo {n}",
            kind=WorkspaceKind.TRAINEE,
            seed=1,
            clock_base=START,
            created_at=START,
        )
        db.session.add(workspace)
        db.session.flush()
        user = User(
            username=f"kipimo{n}",
            display_name=f"Mwanafunzi {n:03d}",
            password_hash="x",
            role=Role.TRAINEE,
            workspace_id=workspace.id,
            created_at=START,
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(
            Enrolment(
                cohort_id=cohort.id,
                user_id=user.id,
                workspace_id=workspace.id,
                personal_code=f"K{n:05d}",
                pin_hash="x",
                joined_at=START,
            )
        )
        _plant_work(user, workspace, scenarios, rng)
    db.session.commit()
    return cohort.id


def _plant_work(user, workspace, scenarios, rng) -> None:
    """Attempts of every scenario (a third twice), passes and three help requests."""
    for scenario in scenarios:
        tries = 2 if rng.random() < 0.33 else 1
        for n in range(tries):
            success = rng.random() < 0.6
            steps = [s.id for s in scenario.steps if success or rng.random() < 0.5]
            moment = START + timedelta(minutes=rng.randrange(8 * 60))
            db.session.add(
                ScenarioAttempt(
                    workspace_id=workspace.id,
                    user_id=user.id,
                    scenario_id=scenario.id,
                    scenario_version=1,
                    placed={},
                    hints_opened={},
                    steps_passed=steps,
                    score=1.0 if success else rng.random() * 0.7,
                    is_completed=success,
                    is_success=success,
                    is_current=n == tries - 1,  # one current attempt per scenario
                    started_at=moment,
                    started_wall=moment,
                    checked_wall=moment,
                )
            )
            if success:
                sid = str(uuid.uuid4())
                db.session.add(
                    XapiStatement(
                        statement_id=sid,
                        verb=PASSED,
                        user_id=user.id,
                        body={"id": sid},
                        stored=moment,
                    )
                )
    for k in range(3):
        moment = START + timedelta(minutes=rng.randrange(8 * 60))
        db.session.add(
            HelpRequest(
                user_id=user.id,
                statement_id=str(uuid.uuid4()),
                asked_at=moment,
                withdrawn_at=moment if k < 2 else None,
            )
        )


if __name__ == "__main__":
    main()
