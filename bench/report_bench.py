"""Decision report benchmark (not a test): a proposal with 500 responses and their walkthrough
rows; the report page, its CSV and its printable summary against two baselines measured in
the same run: the bare Flask page (``bench/bare_app.py``) and a raw ``sqlite3`` select of the
same 500 answers and 4,000 walkthrough rows (the reading alone, no counting, no page).

500 stakeholders who joined with an invitation (roles, institutions and regions spread over
the demo world's), each with one answer (ratings, concerns, comments in both languages) and
4 walkthrough steps on both sides. Median per request after a warm-up, in-process test
client, signed in as the demo administrator.

    python bench/report_bench.py            # 500 responses, 50 requests per page
    python bench/report_bench.py --quick    # 15 requests per page
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.page_bench import _median_seconds, demo_app, measure_baseline  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Institution, Region, User  # noqa: E402
from sandbox.models.proposal import (  # noqa: E402
    Invitation,
    Proposal,
    ProposalFeedback,
    Stakeholder,
    WalkthroughStep,
)
from sandbox.proposals.enums import (  # noqa: E402
    Concern,
    Helpfulness,
    JobRole,
    ProposalStatus,
    Respondent,
    Side,
)
from sandbox.seeding.personas import DEMO_PASSWORD  # noqa: E402
from sandbox.workflow import Role  # noqa: E402

RESPONSES = 500
STEPS = ("fungua", "soma", "jibu", "funga")
START = datetime(2026, 11, 30, 8, 0)
KEY = "bench-sms"


def main() -> None:
    """Measure the baselines and the three outputs; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="15 requests per page")
    args = parser.parse_args()
    requests = 15 if args.quick else args.requests
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        base = measure_baseline(Path(tmp) / "baseline.sqlite3", requests)
        path = Path(tmp) / "ours.sqlite3"
        raw, ours = measure_ours(path, requests)
    print(f"requests per page: {requests} (after 20 warm-up), in-process test client")
    print(f"responses: {RESPONSES}, walkthrough rows: {RESPONSES * len(STEPS) * 2}")
    print(f"baseline  bare Flask page                      {base * 1000:7.2f} ms")
    print(f"baseline  raw sqlite3 select of the same rows  {raw * 1000:7.2f} ms")
    for name, seconds in ours.items():
        print(
            f"ours      {name:<36} {seconds * 1000:7.2f} ms"
            f"  ratio to bare page {seconds / base:6.1f}, to raw select {seconds / raw:5.1f}"
        )


def plant(app) -> None:
    """The proposal, 500 invited stakeholders, their answers and walkthrough rows."""
    rng = random.Random(13)
    with app.app_context():
        institutions = db.session.scalars(db.select(Institution.id)).all()
        regions = db.session.scalars(db.select(Region.id)).all()
        proposal = Proposal(
            key=KEY,
            title_sw="SMS kila hatua",
            title_en="An SMS at every step",
            summary_sw="Muhtasari",
            summary_en="Summary",
            status=ProposalStatus.IN_PREVIEW,
            screens=["inbox", "item"],
            created_at=START,
            updated_at=START,
        )
        invitation = Invitation(
            code="BENCH1", label="Bench", expires_at=START + timedelta(days=9), created_at=START
        )
        db.session.add_all([proposal, invitation])
        db.session.flush()
        for n in range(RESPONSES):
            _one(rng, n, proposal, invitation, institutions, regions)
        db.session.commit()


def _one(rng, n, proposal, invitation, institutions, regions) -> None:
    """One stakeholder with a profile, an answer and 8 walkthrough rows."""
    user = User(
        username=f"mdau.bench{n}",
        display_name=f"Mdau Bench {n}",
        password_hash="-",
        role=Role.STAKEHOLDER,
        institution_id=rng.choice(institutions),
        region_id=rng.choice(regions),
        created_at=START,
    )
    db.session.add(user)
    db.session.flush()
    role = rng.choice(list(JobRole))
    db.session.add(
        Stakeholder(user_id=user.id, invitation_id=invitation.id, job_role=role, joined_at=START)
    )
    language = rng.choice(("sw", "en"))
    db.session.add(
        ProposalFeedback(
            proposal_id=proposal.id,
            proposal_version=1,
            user_id=user.id,
            respondent=Respondent.STAKEHOLDER,
            rating=rng.randint(1, 5),
            helps=rng.choice(list(Helpfulness)),
            ease=rng.randint(1, 5),
            concerns=[c.value for c in rng.sample(list(Concern), rng.randint(0, 3))],
            comment=rng.choice(("", "Nzuri sana kwa wananchi", "Too many SMS for officers")),
            screen=rng.choice(("general", "inbox", "item")),
            job_role=role,
            institution_kind="council",
            region="Dodoma",
            language=language,
            created_at=START,
            updated_at=START,
        )
    )
    for step in STEPS:
        for side in Side:
            seconds = rng.choice((None, rng.randint(5, 300)))
            db.session.add(
                WalkthroughStep(
                    user_id=user.id,
                    proposal_id=proposal.id,
                    proposal_version=1,
                    side=side,
                    step=step,
                    started_at=START,
                    seconds=seconds,
                    refusals=rng.randint(0, 2),
                    completed_at=START if seconds is not None else None,
                )
            )


def raw_select(path: Path, requests: int) -> float:
    """Median time of reading the same answers and walkthrough rows with plain sqlite3."""
    connection = sqlite3.connect(path)
    timings = []
    for index in range(requests + 20):
        started = time.perf_counter()
        connection.execute("SELECT * FROM proposal_feedback WHERE proposal_version = 1").fetchall()
        connection.execute("SELECT * FROM walkthrough_step WHERE proposal_version = 1").fetchall()
        if index >= 20:
            timings.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(timings)


def measure_ours(path: Path, requests: int) -> tuple[float, dict[str, float]]:
    """The raw select, then the report page, CSV and print, signed in as the admin."""
    app = demo_app(path, items=200)
    plant(app)
    raw = raw_select(path, requests)
    client = app.test_client()
    response = client.post("/login", data={"username": "msimamizi", "password": DEMO_PASSWORD})
    assert response.status_code == 302, "demo administrator could not log in"
    pages = {
        "report page": f"/preview/proposals/{KEY}/report",
        "CSV export": f"/preview/proposals/{KEY}/report.csv",
        "printable summary": f"/preview/proposals/{KEY}/report/print",
    }
    ours = {name: _median_seconds(client, url, requests) for name, url in pages.items()}
    with app.app_context():
        db.engine.dispose()
    return raw, ours


if __name__ == "__main__":
    main()
