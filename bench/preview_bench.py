"""Preview benchmark (not a test): a stakeholder's pair of worlds against a trainee's world.

In one run, on one fresh SQLite file: a trainee enrolled in a cohort (one world of 300 items,
staff, a leader, a login: the baseline), then per stakeholder their join (login and profile,
no world) and the pair of a proposal (two worlds of ``PREVIEW_ITEMS`` items from one seed,
the toggle written on each side), the walkthrough's start on both sides and the side-by-side
view model. Medians per stakeholder; the figure that matters is pair / trainee world.

    python bench/preview_bench.py                 # 5 stakeholders
    python bench/preview_bench.py --stakeholders 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Institution, Region, User  # noqa: E402
from sandbox.proposals.enums import Side  # noqa: E402
from sandbox.services.preview import pairs, screens, walkthroughs  # noqa: E402
from sandbox.services.preview.invitations import create_invitation  # noqa: E402
from sandbox.services.preview.joining import StakeholderJoin, join_preview  # noqa: E402
from sandbox.services.preview.proposals import proposal_by_key  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.joining import enrol_trainee  # noqa: E402
from sandbox.services.workspace.demo import ensure_demo  # noqa: E402


def main() -> None:
    """Time the baseline and each stakeholder's steps; print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=5)
    count = parser.parse_args().stakeholders
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db", "INSTANCE_DIR": tmp}
        )
        with app.app_context():
            db.create_all()
            ensure_demo(app.config["DEMO_WORKSPACE"], items=200, seed=7)
            timings = _measure(count)
    for name, values in timings.items():
        print(f"{name:<28} median {statistics.median(values):6.3f} s  (n={len(values)})")
    ratio = statistics.median(timings["pair"]) / statistics.median(timings["trainee world"])
    print(f"ratio pair / trainee world (median): {ratio:.2f}")


def _measure(count: int) -> dict[str, list[float]]:
    """The baseline once, then each stakeholder's join, pair, walkthrough starts and compare."""
    facilitator = db.session.scalar(sa.select(User).where(User.username == "mwezeshaji"))
    cohort = create_cohort("Preview bench", facilitator=facilitator)
    timings: dict[str, list[float]] = {
        k: [] for k in ("trainee world", "join", "pair", "walkthroughs", "compare")
    }
    timings["trainee world"].append(
        _timed(lambda: enrol_trainee(cohort, "Mwanafunzi Mmoja", "1234"))
    )
    invitation = create_invitation("Bench", days=1, max_uses=count, by=facilitator)
    institution = db.session.scalar(sa.select(Institution.id).limit(1))
    region = db.session.scalar(sa.select(Region.id).limit(1))
    proposal = proposal_by_key("auto-escalation")
    for n in range(count):
        typed = StakeholderJoin(
            invitation.code, f"Mdau {n}", "officer", institution, region, "1234"
        )
        start = time.perf_counter()
        user = join_preview(typed).user
        timings["join"].append(time.perf_counter() - start)
        start = time.perf_counter()
        pair = pairs.ensure_pair(user, proposal)
        timings["pair"].append(time.perf_counter() - start)
        timings["walkthroughs"].append(
            _timed(lambda u=user, p=pair: [walkthroughs.begin_walkthrough(u, p, s) for s in Side])
        )
        timings["compare"].append(_timed(lambda u=user, p=pair: screens.compare(p, u, "sw")))
    return timings


def _timed(work) -> float:
    """Seconds one call of ``work`` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
