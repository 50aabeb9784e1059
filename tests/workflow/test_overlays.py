"""The shipped overlays, pure: OFF overlays laid while their toggle is off, ON ones while on,
in declaration order, memoised per combination."""

from __future__ import annotations

from sandbox.workflow import Action, Command, FeedbackType, Status, WorkspaceRules, apply
from sandbox.workflow.behaviour import BASE_RULES, ON_BY_DEFAULT, Overlay, Toggle
from sandbox.workflow.notices import NOTICES
from sandbox.workflow.overlays import CLOSED_WITHOUT_RATING, OFF_OVERLAYS, STATUS_NOTICES

from .factories import OTHER_INSTITUTION, state_in


def rules(*on: Toggle, off: tuple[Toggle, ...] = ()) -> WorkspaceRules:
    """The shipped registries with the defaults, ``on`` switched on and ``off`` off."""
    return WorkspaceRules(toggles=(ON_BY_DEFAULT | set(on)) - set(off))


def test_an_off_overlay_is_laid_only_while_its_toggle_is_off():
    immediate = rules(off=(Toggle.TRANSFER_ACCEPTANCE,))
    keys = immediate.tables.transitions
    assert (FeedbackType.COMPLAINT, Status.TRANSFER_PENDING, Action.TRANSFER_ACCEPT) not in keys
    assert keys[(FeedbackType.COMPLAINT, Status.RECEIVED, Action.TRANSFER_REQUEST)] is (
        Status.ACKNOWLEDGED
    )
    assert (
        BASE_RULES.tables.transitions[
            (FeedbackType.COMPLAINT, Status.RECEIVED, Action.TRANSFER_REQUEST)
        ]
        is Status.TRANSFER_PENDING
    )


def test_an_immediate_transfer_moves_the_item_with_the_accepted_transfers_notice():
    state = state_in(Status.ACKNOWLEDGED)
    command = Command(
        Action.TRANSFER_REQUEST, target_institution_id=OTHER_INSTITUTION, reason="Si yetu."
    )
    immediate = rules(off=(Toggle.TRANSFER_ACCEPTANCE,))
    after = apply(state, command, now=state.received_at, rules=immediate).after
    assert (after.status, after.institution_id, after.transfer_count) == (
        Status.ACKNOWLEDGED,
        OTHER_INSTITUTION,
        state.transfer_count + 1,
    )
    notices = rules(Toggle.STATUS_SMS, off=(Toggle.TRANSFER_ACCEPTANCE,)).tables.notices
    assert notices[Action.TRANSFER_REQUEST] == NOTICES[Action.TRANSFER_ACCEPT]  # later wins


def test_status_sms_adds_notices_and_rating_off_rewrites_the_closing_one():
    notices = rules(Toggle.STATUS_SMS, off=(Toggle.RATING_AND_APPEAL,)).tables.notices
    assert all(notices[a] == text for a, text in STATUS_NOTICES.items())
    assert notices[Action.CLOSE] == CLOSED_WITHOUT_RATING
    no_rating = rules(off=(Toggle.RATING_AND_APPEAL,)).tables.transitions
    assert not any(a in (Action.RATE, Action.REOPEN) for (_t, _s, a) in no_rating)


def test_every_combination_is_computed_once():
    assert rules(Toggle.STATUS_SMS).tables is rules(Toggle.STATUS_SMS).tables
    assert rules(off=(Toggle.RATING_AND_APPEAL,)).tables is not BASE_RULES.tables


def test_an_off_registry_given_by_hand_replaces_the_shipped_one():
    mine = Overlay(removed={FeedbackType.COMPLAINT: frozenset({Action.NOTE})})
    given = WorkspaceRules(toggles=frozenset(), off_overlays={Toggle.STATUS_SMS: mine})
    keys = given.tables.transitions
    assert (FeedbackType.COMPLAINT, Status.RECEIVED, Action.NOTE) not in keys
    assert (FeedbackType.COMPLAINT, Status.RESPONDED, Action.RATE) in keys  # not the shipped one
    assert set(OFF_OVERLAYS) == {Toggle.TRANSFER_ACCEPTANCE, Toggle.RATING_AND_APPEAL}
