"""Per-workspace rules: toggles with defaults, overlays laid over the base tables.

The overlays here are built in the test (the stakeholder preview's toggles are not shipped
yet); each is registered under an existing toggle in a registry of the test's own.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from sandbox.workflow import (
    BASE_RULES,
    TRANSITIONS,
    Action,
    Command,
    FeedbackType,
    IllegalTransition,
    MissingInput,
    Overlay,
    RejectionReason,
    Resolution,
    Status,
    Toggle,
    WorkspaceRules,
    allowed_actions,
    apply,
)
from sandbox.workflow.behaviour import DEFAULTS, effective_tables, for_every_type
from sandbox.workflow.errors import WorkflowError
from sandbox.workflow.notices import NOTICES
from sandbox.workflow.rules import Field
from sandbox.workflow.table import WORKING

from .factories import OTHER_INSTITUTION, state_in

SWITCH = Toggle.AUTO_ESCALATION  # any toggle will do: the registry below is the test's
RATING_OFF = Overlay(removed=for_every_type(frozenset({Action.RATE, Action.REOPEN})))
ROOT_CAUSE = Field("note", "chanzo cha tatizo", "the root cause")
ROOT_CAUSE_REQUIRED = Overlay(required={Action.CLOSE: (ROOT_CAUSE,)})


def _immediate(state, cmd, now, ctx) -> dict:
    """Transfer at once: the receiving institution has the item, no handshake."""
    return {"institution_id": cmd.target_institution_id, "transfer_count": state.transfer_count + 1}


IMMEDIATE_TRANSFER = Overlay(
    removed=for_every_type(frozenset({Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN})),
    added=for_every_type({Action.TRANSFER_REQUEST: (WORKING, Status.ACKNOWLEDGED)}),
    effects={Action.TRANSFER_REQUEST: _immediate},
)


def rules_with(overlay: Overlay, on: bool = True) -> WorkspaceRules:
    """Rules whose registry gives SWITCH ``overlay``, with SWITCH on or off."""
    toggles = frozenset({SWITCH}) if on else frozenset()
    return WorkspaceRules(toggles=toggles, overlays={SWITCH: overlay})


def test_every_toggle_is_declared_once_with_its_default_and_both_labels():
    assert DEFAULTS == {
        Toggle.AUTO_ESCALATION: True,
        Toggle.REPLY_IDENTITY_WARNING: True,
        Toggle.STATUS_SMS: False,
        Toggle.ROOT_CAUSE_REQUIRED: False,
        Toggle.TRANSFER_ACCEPTANCE: True,
        Toggle.RATING_AND_APPEAL: True,
        Toggle.TRACKING_DEADLINE: False,
        Toggle.USSD_REGION_FIRST: False,
    }
    assert all(t.label_sw and t.label_en and t.label_sw != t.label_en for t in Toggle)
    assert BASE_RULES.toggles == frozenset(t for t in Toggle if t.default)
    assert BASE_RULES.is_on(Toggle.AUTO_ESCALATION)
    assert not WorkspaceRules(toggles=frozenset()).is_on(Toggle.AUTO_ESCALATION)


def test_the_shipped_defaults_change_no_table():
    assert BASE_RULES.tables is effective_tables(())
    assert dict(BASE_RULES.tables.transitions) == dict(TRANSITIONS)
    assert dict(BASE_RULES.tables.notices) == NOTICES
    assert BASE_RULES.tables.ussd_screens == {}


def test_rules_are_frozen_and_their_tables_memoised_per_combination():
    first, second = rules_with(RATING_OFF), rules_with(RATING_OFF)
    assert first.tables is second.tables
    assert rules_with(RATING_OFF, on=False).tables is BASE_RULES.tables
    with pytest.raises(AttributeError):
        first.toggles = frozenset()  # type: ignore[misc]


def test_a_removed_move_is_refused_with_the_usual_bilingual_error():
    responded = state_in(Status.RESPONDED)
    rate = Command(Action.RATE, rating=4)
    assert apply(responded, rate, now=responded.responded_at).after.rating == 4  # base
    with pytest.raises(IllegalTransition) as refused:
        apply(responded, rate, now=responded.responded_at, rules=rules_with(RATING_OFF))
    assert refused.value.message_sw and refused.value.message_en
    allowed_now = refused.value.message_en.split("Actions allowed now:")[1]
    assert Action.CLOSE.label_en in allowed_now and Action.RATE.label_en not in allowed_now
    assert Action.RATE not in allowed_actions(responded, rules=rules_with(RATING_OFF))
    assert Action.RATE in allowed_actions(responded, rules=rules_with(RATING_OFF, on=False))


def test_an_added_required_input_is_enforced():
    responded = state_in(Status.RESPONDED)
    close = Command(Action.CLOSE, resolution=Resolution.RESOLVED)
    rules = rules_with(ROOT_CAUSE_REQUIRED)
    assert apply(responded, close, now=responded.responded_at).after.status is Status.CLOSED
    with pytest.raises(MissingInput) as missing:
        apply(responded, close, now=responded.responded_at, rules=rules)
    assert "chanzo cha tatizo" in missing.value.message_sw
    assert "the root cause" in missing.value.message_en
    explained = replace(close, note="Bomba lilipasuka.")
    assert apply(responded, explained, now=responded.responded_at, rules=rules).after.closed_at


def test_added_moves_and_a_replaced_effect_make_a_transfer_immediate():
    assigned = state_in(Status.ASSIGNED)
    transfer = Command(
        Action.TRANSFER_REQUEST, target_institution_id=OTHER_INSTITUTION, reason="Ni la maji."
    )
    now = assigned.received_at
    pending = apply(assigned, transfer, now=now).after
    assert pending.status is Status.TRANSFER_PENDING
    moved = apply(assigned, transfer, now=now, rules=rules_with(IMMEDIATE_TRANSFER)).after
    assert moved.status is Status.ACKNOWLEDGED
    assert moved.institution_id == OTHER_INSTITUTION and moved.transfer_count == 1
    accept = Command(Action.TRANSFER_ACCEPT)
    assert apply(pending, accept, now=now).after.institution_id == OTHER_INSTITUTION
    with pytest.raises(IllegalTransition):  # no handshake left to finish
        apply(pending, accept, now=now, rules=rules_with(IMMEDIATE_TRANSFER))


def test_an_extra_guard_hides_and_refuses_the_action():
    def only_after_acknowledgement(state, ctx) -> WorkflowError | None:
        return None if state.acknowledged_at else MissingInput("Thibitisha kwanza.", "Ack first.")

    rules = rules_with(Overlay(guards={Action.REJECT: only_after_acknowledgement}))
    received = state_in(Status.RECEIVED)
    assert Action.REJECT in allowed_actions(received)
    assert Action.REJECT not in allowed_actions(received, rules=rules)
    reject = Command(Action.REJECT, rejection_reason=RejectionReason.DUPLICATE, reason="Nakala.")
    with pytest.raises(MissingInput, match="Ack first"):
        apply(received, reject, now=received.received_at, rules=rules)


def test_extra_notices_and_later_overlays_winning():
    first = Overlay(notices={Action.ASSIGN: ("kwanza", "first")})
    second = Overlay(notices={Action.ASSIGN: ("pili", "second")})
    rules = WorkspaceRules(
        toggles=frozenset(Toggle),
        overlays={Toggle.AUTO_ESCALATION: first, Toggle.REPLY_IDENTITY_WARNING: second},
    )
    assert Action.ASSIGN not in BASE_RULES.tables.notices
    assert rules.tables.notices[Action.ASSIGN] == ("pili", "second")
    assert rules.tables.notices[Action.SUBMIT] == NOTICES[Action.SUBMIT]


def test_escalation_follows_the_effective_table():
    late = state_in(Status.IN_PROGRESS)
    later = late.respond_due.replace(year=late.respond_due.year + 1)
    no_escalation = rules_with(Overlay(removed=for_every_type(frozenset({Action.ESCALATE}))))
    assert BASE_RULES.escalation_due(late, later) is not None
    assert BASE_RULES.can_escalate(FeedbackType.COMPLAINT, Status.IN_PROGRESS)
    assert no_escalation.escalation_due(late, later) is None
    assert not no_escalation.can_escalate(FeedbackType.COMPLAINT, Status.IN_PROGRESS)
