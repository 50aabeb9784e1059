"""Property tests: random command sequences keep every invariant; deadlines behave."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from sandbox.workflow import (
    DEFAULT_POLICY,
    Action,
    Command,
    EscalationLevel,
    FeedbackState,
    FeedbackType,
    FixedClock,
    RejectionReason,
    Resolution,
    SlaPolicy,
    Status,
    WorkflowError,
    WorkspaceClock,
    allowed_actions,
    apply,
    extend_for_pause,
    reachable_statuses,
    submit,
)
from tests.holidays_tz import fixed_calendar

TANZANIA = fixed_calendar()  # the listed dates, whatever version of `holidays` is installed
FAST = settings(max_examples=200, deadline=None)
ACKNOWLEDGED_STATUSES = {
    Status.ACKNOWLEDGED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.AWAITING_CITIZEN,
    Status.RESPONDED,
    Status.CLOSED,
}


def invariants(
    state: FeedbackState, first: FeedbackState, policy: SlaPolicy = DEFAULT_POLICY
) -> list[str]:
    """Every broken invariant of ``state`` (``first`` is the item as submitted)."""
    status = state.status
    checks = {
        "status reachable for type": status in reachable_statuses(state.type),
        "pending ⇔ target": (status is Status.TRANSFER_PENDING)
        == (state.transfer_target_id is not None)
        == (state.status_before_transfer is not None),
        "awaiting ⇔ paused": (status is Status.AWAITING_CITIZEN)
        == (state.paused_since is not None),
        "transfers within cap": 0 <= state.transfer_count <= policy.max_transfers,
        "answered ⇔ responded_at": (status in (Status.RESPONDED, Status.CLOSED))
        == (state.responded_at is not None),
        "closed ⇔ resolution": (status is Status.CLOSED)
        == (state.resolution is not None)
        == (state.closed_at is not None),
        "assigned ⇒ assignee": status is not Status.ASSIGNED or state.assignee_id is not None,
        "acknowledged ⇒ acknowledged_at": status not in ACKNOWLEDGED_STATUSES
        or state.acknowledged_at is not None,
        "rating 1..5 and only once answered": state.rating is None
        or (1 <= state.rating <= 5 and status in (Status.RESPONDED, Status.CLOSED)),
        "deadlines never earlier": state.acknowledge_due >= first.acknowledge_due
        and state.respond_due >= first.respond_due,
        "acknowledge before respond": state.acknowledge_due <= state.respond_due,
        "escalation level valid": isinstance(state.escalation_level, EscalationLevel),
        "compliments never escalated": state.type is not FeedbackType.COMPLIMENT
        or state.escalation_level is EscalationLevel.NONE,
    }
    return [name for name, holds in checks.items() if not holds]


def _mostly(valid: st.SearchStrategy, invalid: st.SearchStrategy) -> st.SearchStrategy:
    """Usually a valid input, sometimes a missing or wrong one, so runs get deep."""
    return st.one_of(valid, valid, valid, valid, invalid)


def commands(action: Action) -> st.SearchStrategy[Command]:
    """Commands for ``action`` with mostly valid, sometimes missing or wrong inputs."""
    return st.builds(
        Command,
        action=st.just(action),
        expected_version=st.none(),
        assignee_id=_mostly(st.integers(1, 3), st.none()),
        target_institution_id=_mostly(st.integers(1, 4), st.none()),
        reason=_mostly(st.just("Sababu ya mafunzo"), st.sampled_from(["", "  "])),
        rejection_reason=_mostly(st.sampled_from(RejectionReason), st.none()),
        resolution=_mostly(st.sampled_from(Resolution), st.none()),
        public_reply=_mostly(st.just("Jibu kwa mwananchi"), st.just("")),
        note=_mostly(st.just("Dokezo"), st.just("")),
        rating=_mostly(st.integers(1, 5), st.none() | st.integers(-1, 7)),
    )


COMMANDS = {action: commands(action) for action in Action if action is not Action.SUBMIT}
ANY_INDEX = st.integers(0, 10_000)
HOURS = st.integers(0, 24 * 20)
PICK_OFFERED = st.integers(0, 4)  # four times in five, pick an action the UI would offer


@FAST
@given(
    feedback_type=st.sampled_from(FeedbackType),
    received_at=st.datetimes(datetime(2024, 1, 1), datetime(2030, 6, 30)),
    data=st.data(),
)
def test_random_commands_never_break_invariants(
    feedback_type: FeedbackType, received_at: datetime, data: st.DataObject
) -> None:
    state = first = submit(feedback_type, 1, received_at)
    now = received_at
    assert invariants(state, first) == []
    for _ in range(data.draw(st.integers(0, 40), label="steps")):
        now += timedelta(hours=data.draw(HOURS, label="hours later"))
        offered = allowed_actions(state, now)
        choices = offered if offered and data.draw(PICK_OFFERED) else list(COMMANDS)
        action = choices[data.draw(ANY_INDEX, label="action") % len(choices)]
        command = data.draw(COMMANDS[action], label="command")
        try:
            transition = apply(state, command, now=now)
        except WorkflowError as error:
            assert error.message("sw") and error.message("en")
            continue
        assert command.action in offered
        assert transition.after.version == state.version + 1
        state = transition.after
        assert invariants(state, first) == [], (command.action, state)
        event(f"reached {state.status}")


@FAST
@given(
    start=st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31)),
    n=st.integers(0, 40),
)
def test_deadlines_fall_on_working_days_only(start: datetime, n: int) -> None:
    deadline = TANZANIA.add_working_days(start, n)
    day = deadline.date()
    assert day.weekday() < 5
    assert day not in TANZANIA.holidays_in(day.year)
    assert deadline > start or n == 0
    assert TANZANIA.working_days_between(start, deadline) == n or (
        n == 0 and not TANZANIA.is_working_day(start.date())
    )


@FAST
@given(
    deadline=st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31)),
    paused_from=st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31)),
    pause=st.timedeltas(timedelta(days=-5), timedelta(days=60)),
)
def test_extend_for_pause_never_shortens(
    deadline: datetime, paused_from: datetime, pause: timedelta
) -> None:
    resumed = paused_from + pause
    extended = extend_for_pause(deadline, paused_from, resumed)
    assert extended >= deadline


@FAST
@given(
    moves=st.lists(
        st.one_of(
            st.tuples(st.just("advance"), st.timedeltas(timedelta(0), timedelta(days=10))),
            st.tuples(st.just("working_days"), st.integers(0, 5)),
            st.tuples(st.just("wall"), st.timedeltas(timedelta(0), timedelta(hours=8))),
            st.tuples(st.just("freeze"), st.none()),
            st.tuples(st.just("run"), st.none()),
        ),
        max_size=30,
    )
)
def test_workspace_clock_never_goes_back(moves: list[tuple[str, object]]) -> None:
    wall = FixedClock(datetime(2030, 1, 1, 8, 0))
    clock = WorkspaceClock(base=datetime(2026, 12, 20, 9, 0), started_at=None, wall=wall.now)
    previous = clock.now()
    for kind, value in moves:
        if kind == "advance":
            clock = clock.advanced(value)
        elif kind == "working_days":
            clock = clock.advanced_working_days(value, TANZANIA)
        elif kind == "wall":
            wall.advance(value)
        else:
            clock = clock.frozen() if kind == "freeze" else clock.running()
        assert clock.now() >= previous
        previous = clock.now()


def test_invariant_checker_can_fail() -> None:
    first = submit(FeedbackType.COMPLAINT, 1, datetime(2026, 3, 2, 9))
    broken = replace(first, status=Status.TRANSFER_PENDING, paused_since=datetime(2026, 3, 3))
    assert set(invariants(broken, first)) >= {"pending ⇔ target", "awaiting ⇔ paused"}
    assert invariants(replace(first, transfer_count=4), first) == ["transfers within cap"]
    assert "acknowledged ⇒ acknowledged_at" in invariants(
        replace(first, status=Status.ACKNOWLEDGED), first
    )


def test_holiday_lookup_covers_every_year_used_above() -> None:
    for year in range(2024, 2032):
        assert date(year, 12, 9) in TANZANIA.holidays_in(year)
