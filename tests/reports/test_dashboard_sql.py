"""The dashboard's timings are aggregated in SQL; the pure row functions define them.

On a generated world (every status, paused, late and on-time items), the SQL figures must
equal the pure ones over the same rows, for every period the dashboard offers.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, User
from sandbox.services.reports import figures
from sandbox.services.reports.dashboard import ReportFilter, build_dashboard
from sandbox.workflow import Role


@pytest.mark.parametrize("days", [30, 90])
def test_sql_medians_and_compliance_equal_the_pure_figures(demo_world, days):
    facilitator = db.session.scalar(
        sa.select(User).where(User.workspace_id == demo_world.id, User.role == Role.FACILITATOR)
    )
    board = build_dashboard(facilitator, ReportFilter(days=days))
    columns = (
        Feedback.status,
        Feedback.received_at,
        Feedback.acknowledge_due,
        Feedback.respond_due,
        Feedback.acknowledged_at,
        Feedback.responded_at,
        Feedback.paused_since,
    )
    rows = [
        figures.TimingRow(*row)
        for row in db.session.execute(
            sa.select(*columns).where(
                Feedback.workspace_id == demo_world.id,
                Feedback.received_at.between(board.period.start, board.period.end),
            )
        )
    ]
    days_ = figures.WorkingDays()
    assert len(rows) == board.total > 50
    assert board.median_acknowledge == figures.median_days_to_acknowledge(rows, days_)
    assert board.median_respond == figures.median_days_to_respond(rows, days_)
    assert board.acknowledge_sla == figures.acknowledge_compliance(rows, board.now)
    assert board.respond_sla == figures.respond_compliance(rows, board.now)
    assert 0 < board.respond_sla.met < board.respond_sla.measured  # both kinds are present


@pytest.mark.parametrize(
    "values",
    [[3], [1, 2], [0, 0, 5], [4, 1, 3, 2], [2, 2, 2, 9, 9], list(range(11)), [7] * 4 + [1]],
)
def test_the_median_of_day_pairs_is_the_median_of_the_values(values):
    from datetime import date, timedelta
    from statistics import median

    monday = date(2026, 11, 2)  # a week with no holiday: n working days after Monday
    working = [d for d in (monday + timedelta(days=k) for k in range(30)) if d.weekday() < 5]
    pairs = [(monday, working[v], 1) for v in values]
    assert figures.median_of_day_pairs(pairs, figures.WorkingDays()) == float(median(values))
    grouped = {}
    for pair in pairs:
        grouped[pair[:2]] = grouped.get(pair[:2], 0) + 1
    weighted = [(a, b, n) for (a, b), n in grouped.items()]
    assert figures.median_of_day_pairs(weighted, figures.WorkingDays()) == float(median(values))
    assert figures.median_of_day_pairs([], figures.WorkingDays()) is None
