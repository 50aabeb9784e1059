"""Service-level deadlines: when an item must be acknowledged and answered.

All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).

The limits in ``DEFAULT_POLICY`` are TRAINING DEFAULTS: the only published charter found
says "acknowledge within 7 working days, reply within 14 working days". The real system's
limits were not found in public sources, so every screen showing them should also show
``TRAINING_DEFAULT_NOTICE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.enums import Action, EscalationLevel, FeedbackType, Status
from sandbox.workflow.table import TRANSITIONS, Table

if TYPE_CHECKING:
    from sandbox.workflow.state import FeedbackState

TRAINING_DEFAULT_NOTICE = (
    "Muda huu ni wa mafunzo: siku 7 za kazi kuthibitisha kupokea na siku 14 za kazi "
    "kujibu. Si muda rasmi wa mfumo halisi wa e-Mrejesho.",
    "These limits are training defaults: 7 working days to acknowledge and 14 working days "
    "to respond. They are not the official limits of the real e-Mrejesho system.",
)


@dataclass(frozen=True)
class SlaRule:
    """Working days allowed to acknowledge and to respond, counted from receipt."""

    acknowledge_days: int
    respond_days: int


@dataclass(frozen=True)
class SlaPolicy:
    """Deadlines per feedback type plus the appeal, transfer and escalation limits.

    ``reopen_window_days`` are calendar days after the response during which an appeal is
    allowed; a rating at or below ``low_rating_threshold`` allows an appeal at any time.
    """

    rules: Mapping[FeedbackType, SlaRule]
    reopen_window_days: int = 30
    low_rating_threshold: int = 2
    max_transfers: int = 3
    auto_escalate_after_days: int = 5

    def rule(self, feedback_type: FeedbackType) -> SlaRule:
        """The deadline rule for ``feedback_type``."""
        return self.rules[feedback_type]


DEFAULT_POLICY = SlaPolicy(
    rules=MappingProxyType({t: SlaRule(acknowledge_days=7, respond_days=14) for t in FeedbackType})
)
"""TRAINING DEFAULTS (7 / 14 working days for every type); see ``TRAINING_DEFAULT_NOTICE``."""


def deadlines(
    received_at: datetime,
    feedback_type: FeedbackType,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
) -> tuple[datetime, datetime]:
    """The (acknowledge_due, respond_due) deadlines of an item received at ``received_at``."""
    rule = policy.rule(feedback_type)
    return (
        calendar.add_working_days(received_at, rule.acknowledge_days),
        calendar.add_working_days(received_at, rule.respond_days),
    )


def extend_for_pause(
    deadline: datetime,
    paused_from: datetime,
    resumed_at: datetime,
    calendar: WorkingCalendar = TANZANIA,
) -> datetime:
    """``deadline`` pushed later by the working days spent paused; never earlier."""
    paused_days = calendar.working_days_between(paused_from, resumed_at)
    if paused_days <= 0:
        return deadline
    return max(deadline, calendar.add_working_days(deadline, paused_days))


# The one statement of each rule; the SQL forms (services/feedback/queries.py) are built
# from these sets, and tests/services/test_queries.py checks they agree with the functions.
ACKNOWLEDGE_COUNTS = frozenset({Status.RECEIVED})
"""Statuses in which the acknowledge deadline counts; every other one counts the respond one."""
PAUSED = frozenset({Status.AWAITING_CITIZEN})
"""Statuses in which the clock stops (waiting on the citizen): a paused item is never late."""


def deadline_for(status: Status, acknowledge_due: datetime, respond_due: datetime) -> datetime:
    """Which of an item's two deadlines counts in ``status``."""
    return acknowledge_due if status in ACKNOWLEDGE_COUNTS else respond_due


def can_be_late(status: Status) -> bool:
    """True for open statuses whose clock runs (never for paused or finished items)."""
    return status.is_open and status not in PAUSED


def relevant_deadline(state: FeedbackState) -> datetime | None:
    """The deadline that matters now, or None for responded, closed and rejected items."""
    if not state.status.is_open:
        return None
    return deadline_for(state.status, state.acknowledge_due, state.respond_due)


def is_overdue(state: FeedbackState, now: datetime, calendar: WorkingCalendar = TANZANIA) -> bool:
    """True when an open, unpaused item is past its relevant deadline."""
    deadline = relevant_deadline(state)
    if deadline is None or not can_be_late(state.status):
        return False
    return now > deadline


def late_since(now: datetime, days: int, calendar: WorkingCalendar = TANZANIA) -> datetime:
    """Deadlines before this moment are overdue by at least ``days`` working days at ``now``."""
    day = calendar.day_before_working_days(now.date(), days)
    return datetime.combine(day + timedelta(days=1), time.min)


def working_days_left(
    state: FeedbackState, now: datetime, calendar: WorkingCalendar = TANZANIA
) -> int:
    """Working days until the relevant deadline (negative when overdue; 0 on the last day).

    While paused the count is frozen at ``paused_since``; items that are no longer open
    have nothing left to count and give 0.
    """
    deadline = relevant_deadline(state)
    if deadline is None:
        return 0
    at = state.paused_since or now
    if at <= deadline:
        return calendar.working_days_between(at, deadline)
    return -calendar.working_days_between(deadline, at)


@dataclass(frozen=True)
class DeadlineView:
    """How an item's two deadlines read on a page (the desk's item page, the citizen's tracking).

    ``counting`` names the deadline that counts now ("acknowledge" or "respond"; None once
    the item is answered, closed or rejected): only that one carries ``days_left`` (working
    days, negative when late), ``is_overdue`` or ``is_paused`` (the clock waits for the
    citizen's answer, so nothing counts down).
    """

    acknowledge_due: datetime
    respond_due: datetime
    counting: str | None
    days_left: int
    is_overdue: bool
    is_paused: bool


def deadline_view(
    state: FeedbackState, now: datetime, calendar: WorkingCalendar = TANZANIA
) -> DeadlineView:
    """Both deadlines, which one counts now, and how it stands at ``now``."""
    counting = None
    if relevant_deadline(state) is not None:
        counting = "acknowledge" if state.status in ACKNOWLEDGE_COUNTS else "respond"
    return DeadlineView(
        acknowledge_due=state.acknowledge_due,
        respond_due=state.respond_due,
        counting=counting,
        days_left=working_days_left(state, now, calendar),
        is_overdue=is_overdue(state, now, calendar),
        is_paused=state.status in PAUSED,
    )


def can_escalate(
    feedback_type: FeedbackType, status: Status, transitions: Table = TRANSITIONS
) -> bool:
    """True when the table lets an item of this type escalate in this status."""
    return (feedback_type, status, Action.ESCALATE) in transitions


def escalation_due(
    state: FeedbackState,
    now: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
    transitions: Table = TRANSITIONS,
) -> EscalationLevel | None:
    """The next level an overdue item should be escalated to automatically, if any.

    After ``auto_escalate_after_days`` overdue working days the head should act; after
    twice that, the leader. None when no (further) escalation is due.
    """
    if not is_overdue(state, now, calendar) or not can_escalate(
        state.type, state.status, transitions
    ):
        return None
    late = -working_days_left(state, now, calendar)
    step = max(policy.auto_escalate_after_days, 1)
    due = _LEVELS[min(late // step, 2)]
    return due if _LEVELS.index(due) > _LEVELS.index(state.escalation_level) else None


def next_escalation_at(
    state: FeedbackState,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
    transitions: Table = TRANSITIONS,
) -> datetime | None:
    """The moment the next automatic escalation of ``state`` falls due, if it ever can.

    Lateness counts whole working days after the deadline's date (``working_days_left``),
    so the head's level falls due at midnight starting the ``auto_escalate_after_days``-th
    working day after the relevant deadline, the leader's at twice that. None for paused,
    answered or finished items, for types the workflow never escalates (compliments) and
    once the leader has it. ``escalation_due`` agrees at that moment and at every later one
    (tests/workflow/test_sla.py checks it).
    """
    deadline = relevant_deadline(state)
    if (
        deadline is None
        or not can_be_late(state.status)
        or not can_escalate(state.type, state.status, transitions)
    ):
        return None
    level = _LEVELS.index(state.escalation_level) + 1
    if level >= len(_LEVELS):
        return None
    days = max(policy.auto_escalate_after_days, 1) * level
    return datetime.combine(calendar.add_working_days(deadline, days).date(), time.min)


_LEVELS = (EscalationLevel.NONE, EscalationLevel.HEAD, EscalationLevel.LEADER)
