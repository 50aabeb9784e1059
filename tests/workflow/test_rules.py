"""Guards, required inputs, effects and version checks of ``apply``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from sandbox.workflow import (
    DEFAULT_POLICY,
    TANZANIA,
    Action,
    Command,
    EscalationLevel,
    EscalationLimitReached,
    FeedbackType,
    MissingInput,
    NotOurInstitution,
    RejectionReason,
    ReopenNotAllowed,
    Status,
    TransferLimitReached,
    VersionConflict,
    WorkflowError,
    allowed_actions,
    apply,
)
from sandbox.workflow.rules import REQUIRED

from .factories import OUR_INSTITUTION, VALID_INPUTS, state_in, valid_command

NOW = datetime(2026, 3, 9, 10, 0)
ALLOWED_FROM = {
    Action.ASSIGN: Status.ACKNOWLEDGED,
    Action.REQUEST_INFO: Status.ASSIGNED,
    Action.CITIZEN_REPLIED: Status.AWAITING_CITIZEN,
    Action.TRANSFER_REQUEST: Status.ACKNOWLEDGED,
    Action.TRANSFER_RETURN: Status.TRANSFER_PENDING,
    Action.RESPOND: Status.IN_PROGRESS,
    Action.CLOSE: Status.RESPONDED,
    Action.REJECT: Status.ACKNOWLEDGED,
    Action.DIRECTIVE: Status.IN_PROGRESS,
    Action.RATE: Status.RESPONDED,
    Action.NOTE: Status.CLOSED,
}
BLANKS = {"assignee_id": None, "target_institution_id": None, "rejection_reason": None}
BLANKS |= {"resolution": None, "rating": None}

REQUIRED_CASES = [(a, f.name) for a, fields in REQUIRED.items() for f in fields]


@pytest.mark.parametrize(("action", "field"), REQUIRED_CASES, ids=str)
def test_each_required_input_is_enforced(action: Action, field: str) -> None:
    state = state_in(ALLOWED_FROM[action])
    blank = BLANKS.get(field, "   ")
    with pytest.raises(MissingInput) as refused:
        apply(state, valid_command(action, **{field: blank}), now=NOW)
    assert refused.value.message_sw and refused.value.message_en
    assert refused.value.message_sw != refused.value.message_en


def test_every_action_with_inputs_has_a_starting_status_here() -> None:
    assert set(ALLOWED_FROM) == set(VALID_INPUTS) == set(REQUIRED)


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_rating_outside_one_to_five_is_refused(rating: int) -> None:
    with pytest.raises(MissingInput):
        apply(state_in(Status.RESPONDED), Command(Action.RATE, rating=rating), now=NOW)


def test_transfer_to_own_institution_is_refused() -> None:
    command = valid_command(Action.TRANSFER_REQUEST, target_institution_id=OUR_INSTITUTION)
    with pytest.raises(MissingInput):
        apply(state_in(Status.ACKNOWLEDGED), command, now=NOW)


def test_not_our_institution_is_refused_with_advice_to_transfer() -> None:
    command = valid_command(Action.REJECT, rejection_reason=RejectionReason.NOT_OUR_INSTITUTION)
    with pytest.raises(NotOurInstitution) as refused:
        apply(state_in(Status.ACKNOWLEDGED), command, now=NOW)
    assert isinstance(refused.value, MissingInput)
    assert "Omba kuhamisha" in refused.value.message("sw")
    assert "transfer" in refused.value.message("en")


@pytest.mark.parametrize("count", [0, 1, 2])
def test_transfer_allowed_below_the_cap(count: int) -> None:
    state = state_in(Status.ACKNOWLEDGED, transfer_count=count)
    assert Action.TRANSFER_REQUEST in allowed_actions(state, NOW)
    after = apply(state, valid_command(Action.TRANSFER_REQUEST), now=NOW).after
    assert after.status is Status.TRANSFER_PENDING


def test_fourth_transfer_is_refused_at_the_cap_of_three() -> None:
    assert DEFAULT_POLICY.max_transfers == 3
    state = state_in(Status.ACKNOWLEDGED, transfer_count=3)
    assert Action.TRANSFER_REQUEST not in allowed_actions(state, NOW)
    with pytest.raises(TransferLimitReached) as refused:
        apply(state, valid_command(Action.TRANSFER_REQUEST), now=NOW)
    assert "3" in refused.value.message("sw") and "3" in refused.value.message("en")


def test_three_accepted_transfers_in_a_row_then_refused() -> None:
    state = state_in(Status.ACKNOWLEDGED)
    for hop in range(3):
        target = 10 + hop
        request = valid_command(Action.TRANSFER_REQUEST, target_institution_id=target)
        state = apply(state, request, now=NOW).after
        state = apply(state, valid_command(Action.TRANSFER_ACCEPT), now=NOW).after
        assert state.institution_id == target
    assert state.transfer_count == 3
    with pytest.raises(TransferLimitReached):
        apply(state, valid_command(Action.TRANSFER_REQUEST), now=NOW)


def test_escalation_climbs_head_then_leader_then_stops() -> None:
    state = state_in(Status.IN_PROGRESS)
    for level in (EscalationLevel.HEAD, EscalationLevel.LEADER):
        state = apply(state, Command(Action.ESCALATE), now=NOW).after
        assert state.escalation_level is level and state.status is Status.IN_PROGRESS
    assert Action.ESCALATE not in allowed_actions(state, NOW)
    with pytest.raises(EscalationLimitReached):
        apply(state, Command(Action.ESCALATE), now=NOW)


def test_request_info_pauses_and_reply_extends_both_deadlines() -> None:
    state = state_in(Status.ASSIGNED)
    paused_at = datetime(2026, 3, 9, 10, 0)  # Monday
    resumed_at = datetime(2026, 3, 12, 15, 0)  # Thursday: 3 working days later
    paused = apply(state, valid_command(Action.REQUEST_INFO), now=paused_at).after
    assert paused.status is Status.AWAITING_CITIZEN and paused.paused_since == paused_at
    resumed = apply(paused, valid_command(Action.CITIZEN_REPLIED), now=resumed_at).after
    assert resumed.paused_since is None and resumed.status is Status.IN_PROGRESS
    assert resumed.respond_due == TANZANIA.add_working_days(state.respond_due, 3)
    assert resumed.acknowledge_due == TANZANIA.add_working_days(state.acknowledge_due, 3)


def test_reject_needs_reason_text_and_unpauses() -> None:
    state = state_in(Status.AWAITING_CITIZEN)
    command = valid_command(Action.REJECT, rejection_reason=RejectionReason.NO_CITIZEN_RESPONSE)
    after = apply(state, command, now=NOW).after
    assert after.status is Status.REJECTED and after.paused_since is None
    with pytest.raises(MissingInput):
        apply(state, replace(command, reason=""), now=NOW)


def test_respond_then_close_records_times_and_resolution() -> None:
    responded = apply(state_in(Status.IN_PROGRESS), valid_command(Action.RESPOND), now=NOW)
    assert responded.is_public and responded.text == VALID_INPUTS[Action.RESPOND]["public_reply"]
    later = NOW + timedelta(days=1)
    closed = apply(responded.after, valid_command(Action.CLOSE), now=later).after
    assert (closed.responded_at, closed.closed_at) == (NOW, later)
    assert closed.resolution is VALID_INPUTS[Action.CLOSE]["resolution"]


def test_internal_note_is_not_public() -> None:
    transition = apply(state_in(Status.RECEIVED), valid_command(Action.NOTE), now=NOW)
    assert not transition.is_public and transition.text == VALID_INPUTS[Action.NOTE]["note"]


class TestReopen:
    """Appeals: within the window (complaints, suggestions) or after a low rating."""

    responded_at = datetime(2026, 3, 10, 12, 0)

    def _responded(self, feedback_type=FeedbackType.COMPLAINT, **overrides):
        return state_in(
            Status.RESPONDED, feedback_type, responded_at=self.responded_at, **overrides
        )

    def test_within_window_reopens_with_a_fresh_deadline(self) -> None:
        now = self.responded_at + timedelta(days=30)
        after = apply(self._responded(), Command(Action.REOPEN), now=now).after
        assert after.status is Status.IN_PROGRESS and after.reopen_count == 1
        assert after.responded_at is None and after.resolution is None
        assert after.respond_due == TANZANIA.add_working_days(now, 14)

    def test_after_window_is_refused_with_reason(self) -> None:
        now = self.responded_at + timedelta(days=30, seconds=1)
        state = self._responded(rating=3)
        assert Action.REOPEN not in allowed_actions(state, now)
        with pytest.raises(ReopenNotAllowed) as refused:
            apply(state, Command(Action.REOPEN), now=now)
        assert "30" in refused.value.message("sw") and "30" in str(refused.value)

    @pytest.mark.parametrize("rating", [1, 2])
    def test_low_rating_allows_appeal_at_any_time(self, rating: int) -> None:
        now = self.responded_at + timedelta(days=400)
        state = self._responded(rating=rating)
        assert Action.REOPEN in allowed_actions(state, now)
        assert apply(state, Command(Action.REOPEN), now=now).after.rating is None

    def test_inquiry_reopens_only_on_low_rating(self) -> None:
        now = self.responded_at + timedelta(days=1)
        with pytest.raises(ReopenNotAllowed):
            apply(self._responded(FeedbackType.INQUIRY), Command(Action.REOPEN), now=now)
        low = self._responded(FeedbackType.INQUIRY, rating=2)
        assert apply(low, Command(Action.REOPEN), now=now).after.status is Status.IN_PROGRESS

    def test_without_now_reopen_is_offered_only_on_low_rating(self) -> None:
        assert Action.REOPEN not in allowed_actions(self._responded())
        assert Action.REOPEN in allowed_actions(self._responded(rating=1))


def test_stale_version_is_refused_before_anything_else() -> None:
    state = state_in(Status.RECEIVED, version=4)
    with pytest.raises(VersionConflict) as refused:
        apply(state, Command(Action.RESPOND, expected_version=3), now=NOW)
    assert "someone else changed this item" in str(refused.value).lower()
    ok = apply(state, Command(Action.ACKNOWLEDGE, expected_version=4), now=NOW)
    assert ok.after.version == 5


def test_allowed_actions_never_offers_submit_and_follows_declaration_order() -> None:
    offered = allowed_actions(state_in(Status.ASSIGNED), NOW)
    assert Action.SUBMIT not in offered
    assert offered == sorted(offered, key=list(Action).index)


ERRORS = [
    VersionConflict(1, 2),
    TransferLimitReached(3),
    EscalationLimitReached(),
    NotOurInstitution(),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_error_messages_are_bilingual_and_distinct(error: WorkflowError) -> None:
    assert error.message("sw") and error.message("en")
    assert error.message("sw") != error.message("en")
    assert str(error) == error.message("en") == error.message_en
    assert error.message("xx") == error.message_sw
