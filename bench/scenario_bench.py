"""Scenario benchmark (not a test): the desk with a running 8-step scenario against without.

Two trainees of one cohort (each their own 300-item world) on one temporary SQLite file;
one has a running 8-step scenario (its checks are evaluated after each desk action, and
its panel is on every page), the other the same items with no scenario running. Measured
in the same run, interleaved request by request, in-process with the Flask test client:
the desk item page (GET) and a
desk action (POST an internal note, which redirects; and that POST with the page it
redirects to, as the trainee waits for it). Both trainees got the scenario's items (same
setup, same history) and act on item A; only one has the attempt current, so only
their actions are checked. Medians; the figure is the ratio.

    python bench/scenario_bench.py              # 200 requests of each kind per trainee
    python bench/scenario_bench.py --quick      # 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import MappingProxyType

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Enrolment, Feedback, ScenarioAttempt  # noqa: E402
from sandbox.scenarios.loader import Library  # noqa: E402
from sandbox.scenarios.schema import Scenario  # noqa: E402
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.joining import JoinRequest, join_cohort  # noqa: E402
from sandbox.services.training.library import KEY, scenario_library  # noqa: E402
from sandbox.services.training.runner import begin_scenario  # noqa: E402
from sandbox.services.workspace.world import load_world  # noqa: E402

PIN = "4821"
FRESH = 10  # rounds on one item before the scenario is restarted (fresh items)
FAIL = {"sw": "{item}: {expected} / {found}", "en": "{item}: {expected} / {found}"}
CHECKS = [
    {"type": "acknowledged_before_deadline", "params": {"item": "B"}},
    {"type": "events_in_order", "params": {"item": "B", "actions": ["acknowledge", "assign"]}},
    {"type": "item_status", "params": {"item": "B", "status": "in_progress"}},
    {"type": "reply_contains", "params": {"item": "A", "text": ["asante"]}},
    {"type": "no_identity_in_public_replies", "params": {"item": "A"}},
    {"type": "identity_not_revealed", "params": {"item": "A"}},
    {"type": "event_not_happened", "params": {"item": "C", "action": "reject"}},
    {"type": "event_happened", "params": {"item": "A", "action": "respond"}},
]
EIGHT_STEPS = {
    "id": "hatua-nane",
    "version": 1,
    "competencies": ["deadlines"],
    "difficulty": 2,
    "minutes": 20,
    "title": {"sw": "Hatua nane", "en": "Eight steps"},
    "briefing": {"sw": "Kipimo.", "en": "A benchmark."},
    "debrief": {"sw": "Kipimo.", "en": "A benchmark."},
    "setup": {
        "items": [
            {
                "key": "A",
                "type": "complaint",
                "description": "Maji.",
                "received_working_days_ago": 3,
                "history": "ack assign",
            },
            {
                "key": "B",
                "type": "complaint",
                "description": "Taka.",
                "received_working_days_ago": 2,
            },
            {"key": "C", "type": "inquiry", "description": "Ada ya leseni ni kiasi gani?"},
        ]
    },
    "steps": [
        {
            "id": f"hatua-{n}",
            "instruction": {"sw": "Fanya.", "en": "Do."},
            "checks": [c | {"failure": FAIL}],
        }
        for n, c in enumerate(CHECKS, start=1)
    ],
    "solution": [{"do": "acknowledge", "item": "B"}],
    "pitfalls": [
        {
            "name": "nothing",
            "actions": [{"do": "note", "item": "B", "text": "x"}],
            "expect": {"step": "hatua-1"},
        }
    ],
}


def main() -> None:
    """Measure both trainees' item page and note action; print medians and ratios."""
    args = _arguments()
    requests = 50 if args.quick else args.requests
    with tempfile.TemporaryDirectory(prefix="scenario-bench-") as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                "TESTING": True,
                "WTF_CSRF_ENABLED": False,
                "SECRET_KEY": "bench",
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            db.create_all()
            load_world(load_seed_data())
            plain, running = _trainees(app)
            codes = {"plain": plain.personal_code, "running": running.personal_code}
        clients = {name: _signed_in(app, code) for name, code in codes.items()}
        timings = _measure(app, clients, codes, requests)
        with app.app_context():
            db.engine.dispose()
    print(f"requests per kind and trainee: {requests} (after 10 warm-up), interleaved")
    for kind in ("item page", "desk action", "action+page"):
        without, with_ = (statistics.median(timings[(kind, n)]) for n in ("plain", "running"))
        print(
            f"{kind:12}  without {without * 1000:6.2f} ms   with 8-step scenario "
            f"{with_ * 1000:6.2f} ms   ratio {with_ / without:.2f}"
        )


def _arguments() -> argparse.Namespace:
    """--requests, --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per kind")
    parser.add_argument("--quick", action="store_true", help="50 requests per kind")
    return parser.parse_args()


def _trainees(app) -> tuple[Enrolment, Enrolment]:
    """Two trainees who joined one cohort (the library gets the 8-step scenario)."""
    scenario = Scenario.model_validate(EIGHT_STEPS)
    shipped = scenario_library()
    app.extensions[KEY] = Library(
        MappingProxyType({**shipped.scenarios, scenario.id: scenario}), shipped.competencies
    )
    cohort = create_cohort("Kipimo", seed=7, start=date(2026, 11, 9))
    plain = join_cohort(JoinRequest(cohort.join_code, "Bila Hali", PIN))
    return plain, join_cohort(JoinRequest(cohort.join_code, "Na Hali", PIN))


def _place(app, codes: dict[str, str]) -> dict[str, int]:
    """(Re)start the scenario for both (fresh items A), then stop it for "plain"; A's ids.

    Both act on an item with the same setup and history; restarting every ``FRESH`` rounds
    keeps the history an officer's length instead of hundreds of notes on one item.
    """
    with app.app_context():
        placed = {}
        for name, code in codes.items():
            enrolment = db.session.scalar(
                sa.select(Enrolment).where(Enrolment.personal_code == code)
            )
            attempt = begin_scenario(
                enrolment.workspace, enrolment.user, scenario_library(), "hatua-nane"
            )
            placed[name] = attempt.placed["items"]["A"]
            if name == "plain":
                _stop(enrolment)  # the same items and history, but no scenario running
        db.session.commit()
        return placed


def _stop(enrolment) -> None:
    """No current attempt for this trainee: the same world, no scenario running."""
    db.session.execute(
        sa.update(ScenarioAttempt)
        .where(ScenarioAttempt.user_id == enrolment.user_id)
        .values(is_current=False)
    )


def _signed_in(app, code: str):
    """A test client signed in as the trainee."""
    client = app.test_client()
    response = client.post("/join/signin", data={"personal_code": code, "pin": PIN})
    assert response.status_code == 302, "the trainee could not sign in"
    return client


def _measure(app, clients, codes, requests: int) -> dict[tuple[str, str], list[float]]:
    """Interleave the two trainees' requests; wall time of each, by (kind, trainee)."""
    timings: dict[tuple[str, str], list[float]] = {}
    for round_ in range(requests + 10):
        if round_ % FRESH == 0:
            items = _place(app, codes)
        for name, client in clients.items():
            item = items[name]
            page = _timed(client.get, f"/desk/feedback/{item}", 200)
            action = _timed(
                client.post,
                f"/desk/feedback/{item}/actions/note",
                302,
                data={"note-text": f"Kumbukumbu {round_}", "note-version": _version(app, item)},
            )
            opened = _timed(client.get, f"/desk/feedback/{item}", 200)  # where it redirects
            if round_ >= 10:
                timings.setdefault(("item page", name), []).append(page)
                timings.setdefault(("desk action", name), []).append(action)
                timings.setdefault(("action+page", name), []).append(action + opened)
    return timings


def _version(app, item_id: int) -> int:
    """The item's version now (a note changes it)."""
    with app.app_context():
        return db.session.scalar(sa.select(Feedback.version).where(Feedback.id == item_id))


def _timed(call, url: str, status: int, **kwargs) -> float:
    """Seconds one request took (its status checked)."""
    started = time.perf_counter()
    response = call(url, **kwargs)
    seconds = time.perf_counter() - started
    assert response.status_code == status, (url, response.status_code)
    return seconds


if __name__ == "__main__":
    main()
