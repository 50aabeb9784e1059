"""A lost race is a VersionConflict for every action, never a database error (a 500).

Every workflow action goes through ``apply_action``. Each test lets another writer commit a
change to the item between the moment the action read it and the moment it writes, the
window two officers clicking at once fall into, then checks nothing of the loser was kept.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, SmsMessage
from sandbox.services.feedback import lifecycle
from sandbox.services.workspace.clock import ClockConflict, move_clock
from sandbox.services.workspace.escalation import escalate_overdue
from sandbox.services.workspace.flags import set_flag
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Command, RejectionReason, Resolution, Role, VersionConflict
from sandbox.workflow.behaviour import Toggle
from tests.desk.factories import act, institution, make_item, make_user

# How to bring a fresh item to where each action is allowed, and what the action needs.
SETUP: dict[Action, list[Action]] = {
    Action.ACKNOWLEDGE: [],
    Action.NOTE: [],
    Action.ASSIGN: [Action.ACKNOWLEDGE],
    Action.TRANSFER_REQUEST: [Action.ACKNOWLEDGE],
    Action.REJECT: [Action.ACKNOWLEDGE],
    Action.ESCALATE: [Action.ACKNOWLEDGE],
    Action.DIRECTIVE: [Action.ACKNOWLEDGE],
    Action.START: [Action.ACKNOWLEDGE, Action.ASSIGN],
    Action.REQUEST_INFO: [Action.ACKNOWLEDGE, Action.ASSIGN],
    Action.RESPOND: [Action.ACKNOWLEDGE, Action.ASSIGN],
    Action.CITIZEN_REPLIED: [Action.ACKNOWLEDGE, Action.ASSIGN, Action.REQUEST_INFO],
    Action.TRANSFER_ACCEPT: [Action.ACKNOWLEDGE, Action.TRANSFER_REQUEST],
    Action.TRANSFER_RETURN: [Action.ACKNOWLEDGE, Action.TRANSFER_REQUEST],
    Action.CLOSE: [Action.ACKNOWLEDGE, Action.ASSIGN, Action.RESPOND],
    Action.RATE: [Action.ACKNOWLEDGE, Action.ASSIGN, Action.RESPOND],
    Action.REOPEN: [Action.ACKNOWLEDGE, Action.ASSIGN, Action.RESPOND],
}


def test_every_action_is_covered():
    assert set(SETUP) == set(Action) - {Action.SUBMIT}


@pytest.fixture
def world(make_workspace):
    """A workspace with an officer of the item's institution; inputs for every action."""
    ws = make_workspace()
    officer = make_user(ws, "afisa", Role.OFFICER, "DODOMA_CC")
    inputs = {
        Action.ASSIGN: {"assignee_id": officer.id},
        Action.REQUEST_INFO: {"public_reply": "Tafadhali taja mtaa."},
        Action.CITIZEN_REPLIED: {"note": "Mtaa wa Uhuru."},
        Action.TRANSFER_REQUEST: {
            "target_institution_id": institution("TANESCO").id,
            "reason": "Ni suala la umeme.",
        },
        Action.TRANSFER_RETURN: {"reason": "Si letu pia."},
        Action.RESPOND: {"public_reply": "Bomba limetengenezwa."},
        Action.CLOSE: {"resolution": Resolution.RESOLVED},
        Action.REJECT: {"rejection_reason": RejectionReason.DUPLICATE, "reason": "Nakala ya 12."},
        Action.ESCALATE: {"reason": "Imechelewa sana."},
        Action.DIRECTIVE: {"note": "Shughulikieni ndani ya siku 3."},
        Action.RATE: {"rating": 2},
        Action.REOPEN: {"reason": "Bomba bado linavuja."},
        Action.NOTE: {"note": "Nimempigia simu."},
    }
    return ws, inputs


def _item_ready_for(ws, inputs, action: Action) -> Feedback:
    """A complaint with an identified citizen, brought to where ``action`` is allowed."""
    item = make_item(ws, "DODOMA_CC")
    for step in SETUP[action]:
        _one_minute_later(ws)
        item = act(ws, item, step, **inputs.get(step, {}))
    _one_minute_later(ws)
    return item


def _one_minute_later(ws) -> None:
    move_clock(ws, to=workspace_now(ws) + timedelta(minutes=1))


@pytest.fixture
def other_writer_in_between(monkeypatch):
    """Factory: once the action read item_id (and decided), another request changes it."""
    decide = lifecycle.apply

    def arm(item_id: int) -> None:
        def decide_then_lose_the_race(state, command, **kwargs):
            transition = decide(state, command, **kwargs)
            with db.engine.begin() as other:  # a separate connection: another worker
                other.execute(
                    sa.update(Feedback)
                    .where(Feedback.id == item_id)
                    .values(version=Feedback.version + 1)
                )
            return transition

        monkeypatch.setattr(lifecycle, "apply", decide_then_lose_the_race)

    return arm


def _snapshot(item_id: int) -> tuple:
    """What the loser must not have changed: events, notices, status."""
    db.session.expire_all()
    count = sa.select(sa.func.count())
    events = db.session.scalar(count.where(FeedbackEvent.feedback_id == item_id))
    notices = db.session.scalar(count.where(SmsMessage.feedback_id == item_id))
    return events, notices, db.session.get(Feedback, item_id).status


@pytest.mark.parametrize("action", list(SETUP), ids=lambda a: a.value)
def test_an_action_that_loses_the_race_is_a_conflict(world, other_writer_in_between, action):
    ws, inputs = world
    item = _item_ready_for(ws, inputs, action)
    before = _snapshot(item.id)
    other_writer_in_between(item.id)
    command = Command(action, expected_version=item.version, **inputs.get(action, {}))
    with pytest.raises(VersionConflict) as raised:
        lifecycle.apply_action(ws, item.id, command, actor_label="Afisa")
    assert raised.value.message("en").startswith("Someone else changed")
    assert _snapshot(item.id) == before


@pytest.mark.parametrize("action", list(SETUP), ids=lambda a: a.value)
def test_the_same_action_without_a_rival_succeeds(world, action):
    ws, inputs = world
    item = _item_ready_for(ws, inputs, action)
    command = Command(action, expected_version=item.version, **inputs.get(action, {}))
    transition = lifecycle.apply_action(ws, item.id, command, actor_label="Afisa")
    assert transition.action is action
    assert _snapshot(item.id)[0] == len(SETUP[action]) + 2


@pytest.mark.parametrize("rival", [True, False], ids=["rival", "alone"])
def test_automatic_escalation_that_loses_the_race_skips_the_item(
    world, other_writer_in_between, rival
):
    ws, inputs = world
    item = _item_ready_for(ws, inputs, Action.ACKNOWLEDGE)
    set_flag(ws, Toggle.AUTO_ESCALATION, False)  # moving the clock would escalate it itself
    move_clock(ws, working_days=40)
    set_flag(ws, Toggle.AUTO_ESCALATION, True)
    before = _snapshot(item.id)
    if rival:
        other_writer_in_between(item.id)
        assert escalate_overdue(ws) == 0  # an officer acted first: no 500, nothing written
        assert _snapshot(item.id) == before
    else:
        assert escalate_overdue(ws) >= 1


def test_a_clock_move_whose_escalation_loses_the_race_saves_nothing(world, monkeypatch):
    ws, inputs = world
    item = _item_ready_for(ws, inputs, Action.ACKNOWLEDGE)
    before, clock = _snapshot(item.id), workspace_now(ws)
    decide = lifecycle.apply

    def decide_then_find_the_row_changed(state, command, **kwargs):
        transition = decide(state, command, **kwargs)
        # The move holds SQLite's write lock, so the rival's change is made in its transaction.
        bump = sa.update(Feedback).where(Feedback.id == item.id)
        bump = bump.values(version=Feedback.version + 1)
        db.session.execute(bump.execution_options(synchronize_session=False))
        return transition

    monkeypatch.setattr(lifecycle, "apply", decide_then_find_the_row_changed)
    with pytest.raises(ClockConflict):  # the escalation's UPDATE is flushed: no 500
        move_clock(ws, working_days=40)
    assert _snapshot(item.id) == before
    assert workspace_now(ws) < clock + timedelta(days=1)  # the clock did not move either
