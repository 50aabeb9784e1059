"""The transition table: which action may move which feedback type from which status.

This module is pure data. ``TRANSITIONS[(type, status, action)]`` gives the target: a
``Status``, or a ``Goto`` meaning "stay where you are" or "go back to the status before
the transfer". Guards, required inputs and effects live in ``rules.py``; ``transitions.py``
is the small interpreter that reads both.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from sandbox.workflow.enums import Action, FeedbackType, Status


class Goto(Enum):
    """Targets that depend on the item rather than being a fixed status."""

    SAME = "same"
    BEFORE_TRANSFER = "before_transfer"


Target = Status | Goto
Moves = Mapping[Action, tuple[frozenset[Status], Target]]

S = Status
ALL = frozenset(Status)
OPEN = frozenset(s for s in Status if s.is_open)
ANSWERED = frozenset({S.RESPONDED, S.CLOSED})
WORKING = frozenset({S.RECEIVED, S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS})


def _moves(**moves: tuple[set[Status] | frozenset[Status], Target]) -> Moves:
    """Freeze ``action_name=(sources, target)`` pairs into a read-only mapping."""
    return MappingProxyType(
        {Action[name.upper()]: (frozenset(src), target) for name, (src, target) in moves.items()}
    )


# Complaint and suggestion: the full flow.
FULL_FLOW = _moves(
    acknowledge=({S.RECEIVED}, S.ACKNOWLEDGED),
    assign=({S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS}, S.ASSIGNED),
    start=({S.ASSIGNED}, S.IN_PROGRESS),
    request_info=({S.ASSIGNED, S.IN_PROGRESS}, S.AWAITING_CITIZEN),
    citizen_replied=({S.AWAITING_CITIZEN}, S.IN_PROGRESS),
    transfer_request=(WORKING, S.TRANSFER_PENDING),
    transfer_accept=({S.TRANSFER_PENDING}, S.ACKNOWLEDGED),
    transfer_return=({S.TRANSFER_PENDING}, Goto.BEFORE_TRANSFER),
    respond=({S.ASSIGNED, S.IN_PROGRESS}, S.RESPONDED),
    close=({S.RESPONDED}, S.CLOSED),
    reject=(WORKING | {S.AWAITING_CITIZEN}, S.REJECTED),
    escalate=(OPEN - {S.TRANSFER_PENDING}, Goto.SAME),
    directive=(OPEN, Goto.SAME),
    rate=(ANSWERED, Goto.SAME),
    reopen=(ANSWERED, S.IN_PROGRESS),
    note=(ALL, Goto.SAME),
)

# Inquiry: no START (an answer is usually one step); IN_PROGRESS is reached only after the
# citizen replies to a question or on appeal, so it may be answered from there too.
INQUIRY_FLOW = _moves(
    acknowledge=({S.RECEIVED}, S.ACKNOWLEDGED),
    assign=({S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS}, S.ASSIGNED),
    request_info=({S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS}, S.AWAITING_CITIZEN),
    citizen_replied=({S.AWAITING_CITIZEN}, S.IN_PROGRESS),
    transfer_request=(WORKING, S.TRANSFER_PENDING),
    transfer_accept=({S.TRANSFER_PENDING}, S.ACKNOWLEDGED),
    transfer_return=({S.TRANSFER_PENDING}, Goto.BEFORE_TRANSFER),
    respond=({S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS}, S.RESPONDED),
    close=({S.RESPONDED}, S.CLOSED),
    reject=(WORKING | {S.AWAITING_CITIZEN}, S.REJECTED),
    escalate=(OPEN - {S.TRANSFER_PENDING}, Goto.SAME),
    directive=(OPEN, Goto.SAME),
    rate=(ANSWERED, Goto.SAME),
    reopen=(ANSWERED, S.IN_PROGRESS),
    note=(ALL, Goto.SAME),
)

# Compliment: thank the citizen and close; it may still be meant for another institution.
COMPLIMENT_FLOW = _moves(
    acknowledge=({S.RECEIVED}, S.ACKNOWLEDGED),
    transfer_request=({S.RECEIVED, S.ACKNOWLEDGED}, S.TRANSFER_PENDING),
    transfer_accept=({S.TRANSFER_PENDING}, S.ACKNOWLEDGED),
    transfer_return=({S.TRANSFER_PENDING}, Goto.BEFORE_TRANSFER),
    respond=({S.RECEIVED, S.ACKNOWLEDGED}, S.RESPONDED),
    close=({S.RESPONDED}, S.CLOSED),
    note=(ALL, Goto.SAME),
)

FLOWS: Mapping[FeedbackType, Moves] = MappingProxyType(
    {
        FeedbackType.COMPLAINT: FULL_FLOW,
        FeedbackType.SUGGESTION: FULL_FLOW,
        FeedbackType.INQUIRY: INQUIRY_FLOW,
        FeedbackType.COMPLIMENT: COMPLIMENT_FLOW,
    }
)

Table = Mapping[tuple[FeedbackType, Status, Action], Target]


def flatten(flows: Mapping[FeedbackType, Moves]) -> Table:
    """The flat view of per-type moves, keyed by (type, status, action)."""
    return MappingProxyType(
        {
            (feedback_type, status, action): target
            for feedback_type, moves in flows.items()
            for action, (sources, target) in moves.items()
            for status in sources
        }
    )


TRANSITIONS: Table = flatten(FLOWS)
"""Flat view of the base table, keyed by (type, status, action); the interpreter reads this
(or the effective table of a workspace's rules, see ``behaviour.py``)."""

# Feedback types for which an appeal is allowed within the reopen window, not only after
# a low rating. Inquiries may be reopened only on a low rating.
REOPEN_WITHIN_WINDOW = frozenset({FeedbackType.COMPLAINT, FeedbackType.SUGGESTION})

# Events the citizen sees when tracking the item; every other event is internal.
PUBLIC_ACTIONS = frozenset(
    {
        Action.SUBMIT,
        Action.ACKNOWLEDGE,
        Action.REQUEST_INFO,
        Action.CITIZEN_REPLIED,
        Action.TRANSFER_ACCEPT,
        Action.RESPOND,
        Action.CLOSE,
        Action.REJECT,
        Action.RATE,
        Action.REOPEN,
    }
)

# Which Command field holds the event text for each action.
TEXT_FIELD: Mapping[Action, str] = MappingProxyType(
    {
        Action.REQUEST_INFO: "public_reply",
        Action.RESPOND: "public_reply",
        Action.TRANSFER_ACCEPT: "public_reply",
        Action.CITIZEN_REPLIED: "note",
        Action.DIRECTIVE: "note",
        Action.NOTE: "note",
        Action.TRANSFER_REQUEST: "reason",
        Action.TRANSFER_RETURN: "reason",
        Action.REJECT: "reason",
        Action.ESCALATE: "reason",
        Action.REOPEN: "reason",
    }
)


def reachable_statuses(feedback_type: FeedbackType) -> frozenset[Status]:
    """Statuses an item of ``feedback_type`` can reach from RECEIVED by the table."""
    moves = FLOWS[feedback_type]
    seen, frontier = {Status.RECEIVED}, [Status.RECEIVED]
    while frontier:
        status = frontier.pop()
        for sources, target in moves.values():
            if status in sources and isinstance(target, Status) and target not in seen:
                seen.add(target)
                frontier.append(target)
    return frozenset(seen)


def table_actions(
    feedback_type: FeedbackType, status: Status, transitions: Table = TRANSITIONS
) -> list[Action]:
    """Actions the table allows for ``feedback_type`` in ``status``, in declaration order."""
    return [a for a in Action if (feedback_type, status, a) in transitions]
