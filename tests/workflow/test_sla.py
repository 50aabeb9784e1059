"""Deadlines, pauses, overdue flags and the training defaults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.workflow import (
    DEFAULT_POLICY,
    TRAINING_DEFAULT_NOTICE,
    EscalationLevel,
    FeedbackState,
    FeedbackType,
    SlaPolicy,
    SlaRule,
    Status,
    deadlines,
    escalation_due,
    extend_for_pause,
    is_overdue,
    working_days_left,
)
from sandbox.workflow.calendar import END_OF_DAY, TANZANIA
from sandbox.workflow.sla import (
    PAUSED,
    can_be_late,
    deadline_for,
    late_since,
    next_escalation_at,
)

from .factories import state_in

MakeState = Callable[..., FeedbackState]
SECOND = timedelta(seconds=1)


def test_training_defaults_are_seven_and_fourteen_working_days_for_every_type() -> None:
    assert {DEFAULT_POLICY.rule(t) for t in FeedbackType} == {SlaRule(7, 14)}
    sw, en = TRAINING_DEFAULT_NOTICE
    assert "mafunzo" in sw and "training defaults" in en


def test_deadlines_follow_the_policy_rule() -> None:
    policy = SlaPolicy(rules={t: SlaRule(1, 2) for t in FeedbackType})
    received = datetime(2026, 3, 6, 17, 0)  # Friday
    ack, respond = deadlines(received, FeedbackType.INQUIRY, policy)
    assert (ack, respond) == (datetime(2026, 3, 9, 23, 59, 59), datetime(2026, 3, 10, 23, 59, 59))


def test_pause_extends_by_working_days_spent_waiting() -> None:
    deadline = datetime(2026, 3, 20, 23, 59, 59)  # Friday
    paused, resumed = datetime(2026, 3, 9, 9), datetime(2026, 3, 11, 9)  # Mon -> Wed
    assert extend_for_pause(deadline, paused, resumed) == datetime(2026, 3, 24, 23, 59, 59)


def test_pause_within_one_day_does_not_extend() -> None:
    deadline = datetime(2026, 3, 20, 23, 59, 59)
    assert extend_for_pause(deadline, datetime(2026, 3, 9, 9), datetime(2026, 3, 9, 16)) == deadline


def test_received_item_is_overdue_after_acknowledge_due(make_state: MakeState) -> None:
    state = make_state(Status.RECEIVED)
    assert not is_overdue(state, state.acknowledge_due)
    assert is_overdue(state, state.acknowledge_due + SECOND)


def test_acknowledged_item_is_measured_against_respond_due(make_state: MakeState) -> None:
    state = make_state(Status.ACKNOWLEDGED)
    assert not is_overdue(state, state.acknowledge_due + timedelta(days=1))
    assert is_overdue(state, state.respond_due + SECOND)


@pytest.mark.parametrize("status", [Status.RESPONDED, Status.CLOSED, Status.REJECTED])
def test_answered_or_rejected_items_are_never_overdue(
    make_state: MakeState, status: Status
) -> None:
    state = make_state(status)
    far_future = state.respond_due + timedelta(days=365)
    assert not is_overdue(state, far_future)
    assert working_days_left(state, far_future) == 0


def test_paused_item_is_never_overdue_and_its_count_is_frozen(make_state: MakeState) -> None:
    state = make_state(Status.AWAITING_CITIZEN)
    far_future = state.respond_due + timedelta(days=365)
    assert not is_overdue(state, far_future)
    assert working_days_left(state, far_future) == working_days_left(state, state.paused_since)
    assert working_days_left(state, state.paused_since) > 0


def test_days_left_is_zero_on_the_last_day_and_negative_after(make_state: MakeState) -> None:
    state = make_state(Status.IN_PROGRESS)
    last_day = state.respond_due.replace(hour=8)
    assert working_days_left(state, last_day) == 0
    next_working_day = last_day + timedelta(days=1 if last_day.weekday() < 4 else 3)
    assert working_days_left(state, next_working_day) == -1


def test_escalation_is_due_after_five_then_ten_overdue_working_days(make_state: MakeState) -> None:
    state = make_state(Status.IN_PROGRESS)
    from sandbox.workflow import TANZANIA

    after_four = TANZANIA.add_working_days(state.respond_due, 4)
    after_five = TANZANIA.add_working_days(state.respond_due, 5)
    after_ten = TANZANIA.add_working_days(state.respond_due, 10)
    assert escalation_due(state, after_four) is None
    assert escalation_due(state, after_five) is EscalationLevel.HEAD
    assert escalation_due(state, after_ten) is EscalationLevel.LEADER
    at_head = make_state(Status.IN_PROGRESS, escalation_level=EscalationLevel.HEAD)
    assert escalation_due(at_head, after_five) is None


def test_no_escalation_is_due_where_the_table_has_none(make_state: MakeState) -> None:
    from sandbox.workflow import TANZANIA, can_escalate

    compliment = make_state(Status.RECEIVED, FeedbackType.COMPLIMENT)
    late = TANZANIA.add_working_days(compliment.acknowledge_due, 20)
    assert not can_escalate(FeedbackType.COMPLIMENT, Status.RECEIVED)
    assert escalation_due(compliment, late) is None
    pending = make_state(Status.TRANSFER_PENDING)
    assert escalation_due(pending, TANZANIA.add_working_days(pending.respond_due, 20)) is None


@settings(max_examples=150, deadline=None)
@given(
    status=st.sampled_from(list(Status)),
    kind=st.sampled_from(list(FeedbackType)),
    level=st.sampled_from(list(EscalationLevel)),
    hours=st.integers(min_value=-24 * 5, max_value=24 * 40),
)
def test_next_escalation_at_is_the_first_moment_escalation_due_answers(
    status: Status, kind: FeedbackType, level: EscalationLevel, hours: int
) -> None:
    """The seeding and the inbox's check read ``next_escalation_at``; the live escalation reads
    ``escalation_due``: the first is the moment from which the second says "due"."""
    state = state_in(status, kind, escalation_level=level)
    due = next_escalation_at(state)
    deadline = deadline_for(state.status, state.acknowledge_due, state.respond_due)
    moment = deadline + timedelta(hours=hours)
    if due is None:
        assert escalation_due(state, moment) is None
    else:
        assert (escalation_due(state, moment) is not None) == (moment >= due)
        assert escalation_due(state, due - timedelta(seconds=1)) is None


@settings(max_examples=200, deadline=None)
@given(
    deadline_day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    gap=st.integers(min_value=0, max_value=60),
    hour=st.integers(min_value=0, max_value=23),
    days=st.integers(min_value=1, max_value=15),
)
def test_late_since_is_the_working_day_count_of_lateness(deadline_day, gap, hour, days):
    deadline = datetime.combine(deadline_day, END_OF_DAY)
    now = datetime.combine(deadline_day + timedelta(days=gap), time(hour))
    late_enough = deadline < late_since(now, days)
    assert late_enough == (TANZANIA.working_days_between(deadline, now) >= days)


def test_day_before_working_days_skips_weekends_and_holidays():
    monday = date(2026, 12, 28)  # after Christmas (Fri 25) and Boxing Day (Sat 26)
    assert TANZANIA.day_before_working_days(monday, 0) == monday
    assert TANZANIA.day_before_working_days(monday, 1) == date(2026, 12, 27)
    assert TANZANIA.day_before_working_days(monday, 2) == date(2026, 12, 23)


def test_a_paused_item_is_never_late_and_counts_the_respond_deadline():
    paused = state_in(Status.AWAITING_CITIZEN)
    assert paused.status in PAUSED and not can_be_late(paused.status)
    assert not is_overdue(paused, paused.respond_due + timedelta(days=60))
    received = state_in(Status.RECEIVED)
    assert deadline_for(received.status, received.acknowledge_due, received.respond_due) == (
        received.acknowledge_due
    )
    assert deadline_for(Status.IN_PROGRESS, received.acknowledge_due, received.respond_due) == (
        received.respond_due
    )
