"""Behaviour switched per workspace: defaults, isolation, and the behaviours they switch."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.services.channels.sms import outbox
from sandbox.services.desk.item import IdentityInReply, perform
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.escalation import escalate_overdue
from sandbox.services.workspace.flags import flags_of, set_flag
from sandbox.services.workspace.rules import rules_for
from sandbox.services.workspace.workspaces import sla_policy_for
from sandbox.workflow import Action, Command, MissingInput, Overlay, Role, behaviour
from sandbox.workflow.behaviour import DEFAULTS, ON_BY_DEFAULT, Toggle
from sandbox.workflow.rules import Field
from tests.desk.factories import NAME, PHONE, act, make_item, make_user


def test_defaults_until_a_workspace_changes_a_flag(make_workspace):
    mine, theirs = make_workspace("mine"), make_workspace("theirs")
    assert flags_of(mine) == DEFAULTS
    set_flag(mine, Toggle.AUTO_ESCALATION, False)
    set_flag(mine, Toggle.AUTO_ESCALATION, False)  # idempotent: still one row
    assert not rules_for(mine).is_on(Toggle.AUTO_ESCALATION)
    assert rules_for(theirs).is_on(Toggle.AUTO_ESCALATION)
    set_flag(mine, Toggle.AUTO_ESCALATION, True)
    assert rules_for(mine).is_on(Toggle.AUTO_ESCALATION)


def test_auto_escalation_can_be_switched_off(make_workspace):
    ws = make_workspace()
    make_item(ws, "DODOMA_CC")
    set_flag(ws, Toggle.AUTO_ESCALATION, False)
    move_clock(ws, working_days=7 + 12)
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


def test_rules_for_reads_toggles_sla_settings_and_holidays_in_one_query_each(make_workspace):
    ws = make_workspace()
    set_flag(ws, Toggle.REPLY_IDENTITY_WARNING, False)
    db.session.refresh(ws)  # the commit expired it: do not count reloading the workspace
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        rules = rules_for(ws)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 3  # toggles, SLA settings, declared holidays (issue 8)
    assert rules.toggles == ON_BY_DEFAULT - {Toggle.REPLY_IDENTITY_WARNING}
    assert rules.policy == sla_policy_for(ws)


def test_a_toggle_switched_in_one_workspace_changes_nothing_in_another(make_workspace):
    mine, theirs = make_workspace("mine"), make_workspace("theirs")
    set_flag(mine, Toggle.AUTO_ESCALATION, False)
    set_flag(mine, Toggle.REPLY_IDENTITY_WARNING, False)
    for ws in (mine, theirs):
        make_item(ws, "DODOMA_CC")
    assert move_clock(mine, working_days=7 + 12).escalated == 0
    assert move_clock(theirs, working_days=7 + 12).escalated == 2
    assert escalate_overdue(mine) == 0
    head = make_user(theirs, "mkuu", Role.HEAD, "DODOMA_CC")
    item = act(theirs, make_item(theirs, "DODOMA_CC"), Action.ACKNOWLEDGE)
    item = act(theirs, item, Action.ASSIGN, assignee_id=head.id)
    with pytest.raises(IdentityInReply):
        perform(theirs, head, item.id, Command(Action.REQUEST_INFO, public_reply=f"{NAME}?"))


ACK_NOTE = Field("note", "dokezo la kuthibitisha", "an acknowledgement note")
NOTICE_ON_ASSIGN = ("{reference} imepangiwa afisa.", "{reference} was assigned to an officer.")


def test_an_overlay_reaches_the_services_only_where_its_toggle_is_on(make_workspace, monkeypatch):
    overlay = Overlay(
        required={Action.ACKNOWLEDGE: (ACK_NOTE,)}, notices={Action.ASSIGN: NOTICE_ON_ASSIGN}
    )
    monkeypatch.setattr(behaviour, "OVERLAYS", {Toggle.REPLY_IDENTITY_WARNING: overlay})
    on, off = make_workspace("on"), make_workspace("off")
    set_flag(off, Toggle.REPLY_IDENTITY_WARNING, False)
    with pytest.raises(MissingInput, match="acknowledgement note"):
        act(on, make_item(on, "DODOMA_CC"), Action.ACKNOWLEDGE)
    db.session.rollback()
    for ws in (on, off):
        head = make_user(ws, f"mkuu{ws.code}", Role.HEAD, "DODOMA_CC")
        item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE, note="Tumepokea.")
        act(ws, item, Action.ASSIGN, assignee_id=head.id)
    assert len([m for m in outbox(on) if "imepangiwa afisa" in m.text]) == 1
    assert not [m for m in outbox(off) if "imepangiwa afisa" in m.text]
