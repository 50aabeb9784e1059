"""Moving a workspace's clock: forward only, by working days or to a moment, escalating."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import FeedbackEvent
from sandbox.services.workspace.clock import ClockRefused, move_clock
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, EscalationLevel
from tests.desk.factories import make_item

MONDAY = datetime(2026, 11, 2, 8, 0)


def escalation_events(ws) -> int:
    query = sa.select(sa.func.count()).where(
        FeedbackEvent.workspace_id == ws.id, FeedbackEvent.action == Action.ESCALATE
    )
    return db.session.scalar(query)


def test_by_working_days_skips_the_weekend_and_keeps_the_time_of_day(make_workspace):
    ws = make_workspace(clock_base=datetime(2026, 11, 6, 9, 30))  # a Friday
    moved = move_clock(ws, working_days=1)
    assert moved.before == datetime(2026, 11, 6, 9, 30)
    assert moved.after == workspace_now(ws) == datetime(2026, 11, 9, 9, 30)  # Monday
    assert moved.escalated == 0


def test_to_a_moment(make_workspace):
    ws = make_workspace(clock_base=MONDAY)
    assert move_clock(ws, to=MONDAY + timedelta(hours=5)).after == MONDAY + timedelta(hours=5)


@pytest.mark.parametrize(
    "how",
    [
        {"to": MONDAY - timedelta(minutes=1)},
        {"working_days": -1},
        {},
        {"working_days": 1, "to": MONDAY},
    ],
)
def test_never_backwards_and_never_unsaid_with_a_bilingual_refusal(make_workspace, how):
    ws = make_workspace(clock_base=MONDAY)
    with pytest.raises(ClockRefused) as refused:
        move_clock(ws, **how)
    assert refused.value.message_sw and refused.value.message_en
    db.session.rollback()
    assert workspace_now(ws) == MONDAY


def test_moving_escalates_what_became_due_in_the_same_commit(make_workspace):
    ws = make_workspace(clock_base=MONDAY)
    item = make_item(ws, "DODOMA_CC")
    moved = move_clock(ws, working_days=7 + 12)
    assert moved.escalated == 2
    db.session.expire_all()  # what is read next comes from the database, not the session
    assert item.escalation_level is EscalationLevel.LEADER
    assert escalation_events(ws) == 2
    assert workspace_now(ws) == moved.after


def test_a_refused_move_escalates_nothing(make_workspace):
    ws = make_workspace(clock_base=MONDAY)
    make_item(ws, "DODOMA_CC")
    move_clock(ws, working_days=7 + 4)
    with pytest.raises(ClockRefused):
        move_clock(ws, to=MONDAY)
    db.session.rollback()
    assert escalation_events(ws) == 0
