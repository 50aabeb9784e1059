"""No page read runs an escalation backlog (issue 10): the inbox's check is stamped per
simulated interval and bounded per request; seeding and clock moves escalate on their own."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, User, Workspace
from sandbox.services.desk.inbox import InboxQuery, read_inbox
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace import escalation
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.flags import set_flag
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Action, EscalationLevel, Role, Toggle
from tests.desk.factories import make_item, make_user


def escalated_items(ws: Workspace) -> int:
    query = sa.select(sa.func.count()).where(
        Feedback.workspace_id == ws.id, Feedback.escalation_level != EscalationLevel.NONE
    )
    return db.session.scalar(query)


def read(ws: Workspace, user: User) -> int:
    return read_inbox(ws, user, InboxQuery(), page=1, per_page=20).escalated_now


@pytest.fixture
def backlog(make_workspace):
    """Five items overdue enough for the head, left unescalated (the toggle was off)."""
    ws = make_workspace()
    items = [make_item(ws, "DODOMA_CC") for _ in range(5)]
    set_flag(ws, Toggle.AUTO_ESCALATION, False)
    move_clock(ws, working_days=7 + 6)
    set_flag(ws, Toggle.AUTO_ESCALATION, True)  # clears the stamp: the next read checks
    officer = make_user(ws, "afisa", Role.OFFICER, "DODOMA_CC")
    return ws, items, officer


def test_a_backlog_drains_a_batch_per_read_then_the_stamp_holds(backlog, monkeypatch):
    ws, _items, officer = backlog
    monkeypatch.setattr(escalation, "BATCH", 3)
    assert escalated_items(ws) == 0
    assert read(ws, officer) == 3  # a full batch: the turn is released for the next read
    assert read(ws, officer) == 2
    assert escalated_items(ws) == 5
    late = make_item(ws, "DODOMA_CC")  # then made long overdue behind the check's back
    long_ago = workspace_now(ws) - timedelta(days=60)
    db.session.execute(
        sa.update(Feedback).where(Feedback.id == late.id).values(acknowledge_due=long_ago)
    )
    db.session.commit()
    assert read(ws, officer) == 0  # checked within CHECK_EVERY of this (frozen) clock
    assert escalation.escalate_overdue(ws) == 2  # what a command would do: it was due
    assert db.session.get(Feedback, late.id).escalation_level is EscalationLevel.LEADER


def test_the_check_runs_again_once_the_simulated_interval_has_passed(backlog):
    ws, _items, officer = backlog
    ws.escalations_checked_at = workspace_now(ws) - escalation.CHECK_EVERY + timedelta(seconds=1)
    db.session.commit()
    assert read(ws, officer) == 0 and escalated_items(ws) == 0  # stamped a moment ago
    ws.escalations_checked_at = workspace_now(ws) - escalation.CHECK_EVERY
    db.session.commit()
    assert read(ws, officer) == 5


def test_a_stamp_in_the_simulated_future_counts_as_stale(backlog):
    ws, _items, officer = backlog
    ws.escalations_checked_at = workspace_now(ws) + timedelta(days=3)  # a clock set back
    db.session.commit()
    assert read(ws, officer) == 5


def test_of_two_readers_at_once_only_one_takes_the_turn(backlog):
    ws, _items, _officer = backlog
    now = workspace_now(ws)
    assert escalation._claim_turn(ws, now) is True
    assert escalation._claim_turn(ws, now) is False
    assert escalation._claim_turn(ws, now + escalation.CHECK_EVERY) is True


def test_a_clock_move_escalates_and_stamps_in_one_go(backlog):
    ws, _items, officer = backlog
    moved = move_clock(ws, working_days=1)
    assert moved.escalated == 5
    assert db.session.get(Workspace, ws.id).escalations_checked_at == workspace_now(ws)
    assert read(ws, officer) == 0


def test_switched_off_nothing_escalates_on_read(backlog):
    ws, _items, officer = backlog
    set_flag(ws, Toggle.AUTO_ESCALATION, False)
    assert read(ws, officer) == 0 and escalated_items(ws) == 0


def test_a_seeded_world_has_its_escalations_in_history_and_nothing_left_due(demo_world):
    """Seeding escalates on the generator's timeline and stamps the workspace: the first read
    finds nothing due and writes nothing (issue 10: the first login must not hang)."""
    ws = demo_world
    now = workspace_now(ws)
    assert ws.escalations_checked_at is not None
    rules = rules_for(ws)
    due = [
        i for i in escalation.candidates(ws, now, rules) if rules.escalation_due(state_of(i), now)
    ]
    assert due == []
    system = sa.select(sa.func.count()).where(
        FeedbackEvent.workspace_id == ws.id,
        FeedbackEvent.action == Action.ESCALATE,
        FeedbackEvent.actor_label == escalation.SYSTEM_LABEL,
    )
    assert db.session.scalar(system) > 0  # the generator's own, each when it fell due
    events_before = db.session.scalar(sa.select(sa.func.count(FeedbackEvent.id)))
    officer = db.session.scalar(sa.select(User).where(User.username == "afisa.dodoma"))
    assert read(ws, officer) == 0
    assert db.session.scalar(sa.select(sa.func.count(FeedbackEvent.id))) == events_before
