"""Automatic escalation on the workspace clock: head after 5 overdue working days, then leader."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.escalation import SYSTEM_LABEL, escalate_overdue
from sandbox.services.workspace.flags import set_flag
from sandbox.workflow import Action, EscalationLevel, FeedbackType, Role, Toggle
from tests.desk.factories import act, make_item, make_user


def level(item) -> EscalationLevel:
    return db.session.scalar(sa.select(Feedback.escalation_level).where(Feedback.id == item.id))


def escalations(item) -> list[FeedbackEvent]:
    return list(
        db.session.scalars(
            sa.select(FeedbackEvent)
            .where(FeedbackEvent.feedback_id == item.id, FeedbackEvent.action == Action.ESCALATE)
            .order_by(FeedbackEvent.id)
        )
    )


def test_head_then_leader_as_the_clock_moves(make_workspace):
    ws = make_workspace()
    item = make_item(ws, "DODOMA_CC")  # acknowledge due after 7 working days
    move_clock(ws, working_days=7 + 4)
    assert escalate_overdue(ws) == 0 and level(item) is EscalationLevel.NONE
    moved = move_clock(ws, working_days=1)  # 5 working days overdue
    assert moved.escalated == 1 and level(item) is EscalationLevel.HEAD
    assert escalate_overdue(ws) == 0  # nothing more is due yet
    moved = move_clock(ws, working_days=5)  # 10 overdue: the leader
    assert moved.escalated == 1 and level(item) is EscalationLevel.LEADER
    events = escalations(item)
    assert [e.actor_label for e in events] == [SYSTEM_LABEL, SYSTEM_LABEL]
    assert all(e.actor_id is None and not e.is_public for e in events)
    assert "siku 5" in events[0].text and "10 working days" in events[1].text
    move_clock(ws, working_days=20)
    assert escalate_overdue(ws) == 0  # no level above the leader


def test_a_long_forgotten_item_climbs_both_levels_at_once(make_workspace):
    ws = make_workspace()
    item = make_item(ws, "DODOMA_CC")
    assert move_clock(ws, working_days=7 + 12).escalated == 2
    assert level(item) is EscalationLevel.LEADER


def test_paused_answered_and_on_time_items_are_left_alone(make_workspace):
    ws = make_workspace()
    waiting = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    officer = make_user(ws, "afisa", Role.OFFICER, "DODOMA_CC")
    waiting = act(ws, waiting, Action.ASSIGN, assignee_id=officer.id)
    waiting = act(ws, waiting, Action.REQUEST_INFO, public_reply="Swali?")
    answered = act(
        ws,
        make_item(ws, "DODOMA_CC", FeedbackType.COMPLIMENT),
        Action.RESPOND,
        public_reply="Asante",
    )
    move_clock(ws, working_days=30)
    on_time = make_item(ws, "DODOMA_CC")
    assert escalate_overdue(ws) == 0
    assert {level(waiting), level(answered), level(on_time)} == {EscalationLevel.NONE}


def test_a_manual_escalation_counts_as_the_head_level(make_workspace):
    ws = make_workspace()
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ESCALATE)
    move_clock(ws, working_days=7 + 6)
    assert escalate_overdue(ws) == 0 and level(item) is EscalationLevel.HEAD
    moved = move_clock(ws, working_days=4)
    assert moved.escalated == 1 and level(item) is EscalationLevel.LEADER


def test_compliments_never_escalate_and_are_not_even_candidates(make_workspace):
    from sandbox.services.workspace.escalation import candidates
    from sandbox.services.workspace.now import workspace_now
    from sandbox.services.workspace.rules import rules_for

    ws = make_workspace()
    compliment = make_item(ws, "DODOMA_CC", feedback_type=FeedbackType.COMPLIMENT)
    complaint = make_item(ws, "DODOMA_CC")
    set_flag(ws, Toggle.AUTO_ESCALATION, False)  # so the move leaves the candidates to see
    move_clock(ws, working_days=7 + 12)
    found = candidates(ws, workspace_now(ws), rules_for(ws))
    assert [item.id for item in found] == [complaint.id]
    set_flag(ws, Toggle.AUTO_ESCALATION, True)
    assert escalate_overdue(ws) == 2
    assert level(compliment) is EscalationLevel.NONE
