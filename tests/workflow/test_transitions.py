"""Every move in the transition table, and every move that is not in it."""

from __future__ import annotations

from datetime import datetime

import pytest

from sandbox.workflow import (
    TRANSITIONS,
    Action,
    FeedbackType,
    Goto,
    IllegalTransition,
    Status,
    apply,
    table_actions,
)

from .factories import OTHER_INSTITUTION, state_in, valid_command

# Written by hand from the brief, independently of table.py, so a wrong table fails here.
# One line per status: "status: action>target ..." where "=" means "stays in this status".
COMPLAINT_EXPECTED = """
received: acknowledge>acknowledged transfer_request>transfer_pending reject>rejected
    escalate>= directive>= note>=
acknowledged: assign>assigned transfer_request>transfer_pending reject>rejected
    escalate>= directive>= note>=
assigned: assign>assigned start>in_progress request_info>awaiting_citizen
    transfer_request>transfer_pending respond>responded reject>rejected escalate>= directive>=
    note>=
in_progress: assign>assigned request_info>awaiting_citizen transfer_request>transfer_pending
    respond>responded reject>rejected escalate>= directive>= note>=
awaiting_citizen: citizen_replied>in_progress reject>rejected escalate>= directive>= note>=
transfer_pending: transfer_accept>acknowledged transfer_return>received directive>= note>=
responded: close>closed rate>= reopen>in_progress note>=
closed: rate>= reopen>in_progress note>=
rejected: note>=
"""


def _parse_expected(text: str) -> dict[tuple[Status, Action], Status]:
    """Turn COMPLAINT_EXPECTED into {(status, action): expected status after}."""
    expected: dict[tuple[Status, Action], Status] = {}
    for block in text.replace("\n    ", " ").strip().splitlines():
        name, moves = block.split(":")
        status = Status(name)
        for move in moves.split():
            action, target = move.split(">")
            expected[status, Action(action)] = status if target == "=" else Status(target)
    return expected


COMPLAINT_MOVES = _parse_expected(COMPLAINT_EXPECTED)
NOW = datetime(2026, 3, 7, 11, 30)


def _prepared(feedback_type: FeedbackType, status: Status, action: Action):
    """A state where the guards of ``action`` pass (low rating makes any appeal allowed)."""
    extra = {"rating": 1} if action is Action.REOPEN else {}
    return state_in(status, feedback_type, **extra)


@pytest.mark.parametrize(("status", "action"), sorted(COMPLAINT_MOVES), ids=str)
def test_complaint_moves_match_hand_written_expectations(status: Status, action: Action) -> None:
    state = _prepared(FeedbackType.COMPLAINT, status, action)
    after = apply(state, valid_command(action), now=NOW).after
    assert after.status is COMPLAINT_MOVES[status, action]
    assert after.version == state.version + 1


def test_complaint_table_has_exactly_the_hand_written_moves() -> None:
    in_table = {(s, a) for (t, s, a) in TRANSITIONS if t is FeedbackType.COMPLAINT}
    assert in_table == set(COMPLAINT_MOVES)


def test_suggestion_follows_the_complaint_flow() -> None:
    in_table = {(s, a) for (t, s, a) in TRANSITIONS if t is FeedbackType.SUGGESTION}
    assert in_table == set(COMPLAINT_MOVES)


@pytest.mark.parametrize(("key", "target"), TRANSITIONS.items(), ids=str)
def test_every_table_move_applies(key: tuple, target: Status | Goto) -> None:
    feedback_type, status, action = key
    state = _prepared(feedback_type, status, action)
    after = apply(state, valid_command(action), now=NOW).after
    expected = {Goto.SAME: status, Goto.BEFORE_TRANSFER: state.status_before_transfer}
    assert after.status is expected.get(target, target)
    assert after.version == state.version + 1


NOT_IN_TABLE = [
    (t, s, a)
    for t in FeedbackType
    for s in Status
    for a in Action
    if a is not Action.SUBMIT and (t, s, a) not in TRANSITIONS
]


@pytest.mark.parametrize(("feedback_type", "status", "action"), NOT_IN_TABLE, ids=str)
def test_every_move_outside_the_table_is_refused(
    feedback_type: FeedbackType, status: Status, action: Action
) -> None:
    state = state_in(status, feedback_type)
    with pytest.raises(IllegalTransition) as refused:
        apply(state, valid_command(action), now=NOW)
    assert action.label_sw in refused.value.message_sw
    assert status.label_en in refused.value.message_en


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_submit_is_never_applied(status: Status) -> None:
    with pytest.raises(IllegalTransition):
        apply(state_in(status), valid_command(Action.SUBMIT), now=NOW)


def test_inquiry_has_no_start_but_can_be_answered_once_acknowledged() -> None:
    assert Action.START not in {a for (t, _, a) in TRANSITIONS if t is FeedbackType.INQUIRY}
    assert Action.RESPOND in table_actions(FeedbackType.INQUIRY, Status.ACKNOWLEDGED)
    assert Action.RESPOND not in table_actions(FeedbackType.COMPLAINT, Status.ACKNOWLEDGED)


def test_compliment_offers_only_thanks_transfer_and_notes() -> None:
    actions = {a for (t, _, a) in TRANSITIONS if t is FeedbackType.COMPLIMENT}
    assert actions == {
        Action.ACKNOWLEDGE,
        Action.RESPOND,
        Action.CLOSE,
        Action.NOTE,
        Action.TRANSFER_REQUEST,
        Action.TRANSFER_ACCEPT,
        Action.TRANSFER_RETURN,
    }


@pytest.mark.parametrize("feedback_type", list(FeedbackType), ids=str)
def test_rejected_is_final_except_for_notes(feedback_type: FeedbackType) -> None:
    assert table_actions(feedback_type, Status.REJECTED) == [Action.NOTE]


def test_refusal_names_what_is_allowed_now_in_both_languages() -> None:
    state = state_in(Status.RECEIVED)
    with pytest.raises(IllegalTransition) as refused:
        apply(state, valid_command(Action.RESPOND), now=NOW)
    error = refused.value
    assert "'Jibu'" in error.message("sw") and "Imepokelewa" in error.message("sw")
    assert "'Thibitisha kupokea'" in error.message("sw")
    assert "'Respond'" in str(error) and "'Acknowledge'" in str(error)
    assert error.message("sw") != error.message("en")


def test_transfer_return_goes_back_where_it_was() -> None:
    state = state_in(Status.TRANSFER_PENDING, status_before_transfer=Status.IN_PROGRESS)
    after = apply(state, valid_command(Action.TRANSFER_RETURN), now=NOW).after
    assert after.status is Status.IN_PROGRESS
    assert after.transfer_target_id is None and after.status_before_transfer is None
    assert after.institution_id == state.institution_id


def test_transfer_accept_moves_item_and_keeps_the_citizens_deadlines() -> None:
    state = state_in(Status.TRANSFER_PENDING, assignee_id=9)
    after = apply(state, valid_command(Action.TRANSFER_ACCEPT), now=NOW).after
    assert after.institution_id == OTHER_INSTITUTION
    assert after.transfer_count == 1
    assert after.assignee_id is None and after.transfer_target_id is None
    assert after.acknowledged_at == NOW
    assert (after.acknowledge_due, after.respond_due) == (state.acknowledge_due, state.respond_due)
