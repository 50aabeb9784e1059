"""Behaviour switched per workspace: defaults, isolation, and the behaviours they switch."""

from __future__ import annotations

import pytest

from sandbox.services.desk.item import IdentityInReply, perform
from sandbox.services.workspace.clock import advance_clock_working_days
from sandbox.services.workspace.escalation import escalate_overdue
from sandbox.services.workspace.flags import flags_of, is_enabled, set_flag
from sandbox.workflow import Action, Command, Role
from sandbox.workflow.behaviour import DEFAULTS, Toggle
from tests.desk.factories import NAME, PHONE, act, make_item, make_user


def test_defaults_until_a_workspace_changes_a_flag(make_workspace):
    mine, theirs = make_workspace("mine"), make_workspace("theirs")
    assert flags_of(mine) == DEFAULTS
    set_flag(mine, Toggle.AUTO_ESCALATION, False)
    set_flag(mine, Toggle.AUTO_ESCALATION, False)  # idempotent: still one row
    assert not is_enabled(mine, Toggle.AUTO_ESCALATION)
    assert is_enabled(theirs, Toggle.AUTO_ESCALATION)
    set_flag(mine, Toggle.AUTO_ESCALATION, True)
    assert is_enabled(mine, Toggle.AUTO_ESCALATION)


def test_auto_escalation_can_be_switched_off(make_workspace):
    ws = make_workspace()
    make_item(ws, "DODOMA_CC")
    advance_clock_working_days(ws, 7 + 12)
    set_flag(ws, Toggle.AUTO_ESCALATION, False)
    assert escalate_overdue(ws) == 0
    set_flag(ws, Toggle.AUTO_ESCALATION, True)
    assert escalate_overdue(ws) == 2


def test_the_reply_warning_can_be_switched_off(make_workspace):
    ws = make_workspace()
    head = make_user(ws, "mkuu", Role.HEAD, "DODOMA_CC")
    item = make_item(ws, "DODOMA_CC")
    item = act(ws, item, Action.ACKNOWLEDGE)
    item = act(ws, item, Action.ASSIGN, assignee_id=head.id)
    reply = Command(Action.REQUEST_INFO, public_reply=f"{NAME}, tupigie kwa {PHONE}.")
    with pytest.raises(IdentityInReply):
        perform(ws, head, item.id, reply)
    set_flag(ws, Toggle.REPLY_IDENTITY_WARNING, False)
    assert perform(ws, head, item.id, reply).after.status.value == "awaiting_citizen"
