"""The shapes of the synthetic world: weights, plans (the paths items take) and steps.

Data read by ``sandbox.seeding.generator``; change the mix of the demo world here.
"""

from __future__ import annotations

from collections.abc import Mapping

from sandbox.workflow import (
    Action,
    Channel,
    ComplainantType,
    FeedbackType,
    RejectionReason,
    Resolution,
)
from sandbox.workflow.history import CITIZEN_ACTOR, SYSTEM_ACTOR

WINDOW_DAYS = 90  # items are received over the calendar days before now
RECENT_WORKING_DAYS = 12  # "recent" for plans that end open…
RECENT_SHARE = 0.85  # …most of which arrived recently (the rest are stuck, overdue)
FOCUS_SHARE = 0.3  # share of items sent to the focus institutions (the demo personas' desks)
CITIZEN = CITIZEN_ACTOR
SYSTEM = SYSTEM_ACTOR

T, C, S = FeedbackType, Channel, ComplainantType
TYPE_WEIGHTS = ((T.COMPLAINT, 55), (T.SUGGESTION, 20), (T.INQUIRY, 15), (T.COMPLIMENT, 10))
CHANNEL_WEIGHTS = ((C.WEB, 30), (C.APP, 20), (C.USSD, 20), (C.SMS, 15), (C.WALK_IN, 15))
COMPLAINANT_WEIGHTS = ((S.CITIZEN, 55), (S.PUBLIC_SERVANT, 15), (S.ANONYMOUS, 30))
# Share of web/app/USSD/SMS items sent in the evening or at the weekend.
OFF_HOURS_SHARE = {C.WEB: 0.3, C.APP: 0.35, C.USSD: 0.3, C.SMS: 0.3, C.WALK_IN: 0.0}

# Plans: (weight, steps). A step is a token of STEPS; the item stops at the last step
# reached before now, so "close" plans leave recent items open on the way.
FULL_PLANS = (
    (3, ""),
    (3, "ack"),
    (3, "ack assign"),
    (5, "ack assign start"),
    (2, "ack assign start note"),
    (3, "ack assign start ask"),
    (3, "ack transfer"),
    (9, "ack assign start respond"),
    (4, "ack assign start ask reply respond"),
    (24, "ack assign start respond close"),
    (10, "ack assign start respond rate close"),
    (5, "ack assign start note respond close rate"),
    (3, "ack reject"),
    (2, "ack assign start ask reject_silent"),
    (2, "ack assign start respond rate_low reopen"),
    (2, "ack assign start respond rate_low reopen respond close"),
    (4, "transfer accept assign start respond close"),
    (2, "ack transfer return assign start respond close"),
    (4, "ack assign start escalate directive respond close"),
    (2, "ack assign start escalate directive"),
    (1, "ack assign escalate escalate directive"),
)
INQUIRY_PLANS = (
    (4, ""),
    (4, "ack"),
    (4, "ack assign"),
    (3, "ack assign ask"),
    (3, "ack assign ask reply"),
    (3, "ack transfer"),
    (12, "ack respond"),
    (30, "ack respond close"),
    (12, "ack assign respond rate close"),
    (5, "ack assign ask reply respond close"),
    (3, "ack reject"),
    (2, "ack assign respond rate_low reopen"),
    (4, "transfer accept respond close"),
    (4, "ack assign escalate directive respond close"),
    (2, "ack assign escalate directive"),
)
COMPLIMENT_PLANS = (
    (5, ""),
    (6, "ack"),
    (15, "ack respond"),
    (50, "ack respond close"),
    (14, "respond close"),
    (3, "transfer"),
    (7, "transfer accept respond close"),
)
PLANS = {T.COMPLAINT: FULL_PLANS, T.SUGGESTION: FULL_PLANS, T.INQUIRY: INQUIRY_PLANS}
PLANS[T.COMPLIMENT] = COMPLIMENT_PLANS
ENDS_ANSWERED = frozenset({"respond", "close", "rate", "reject", "reject_silent"})

A = Action
# token: (action, who acts, delay range: working days for staff, hours for the citizen)
STEPS: Mapping[str, tuple[Action, str, tuple[int, int]]] = {
    "ack": (A.ACKNOWLEDGE, "officer", (0, 3)),
    "assign": (A.ASSIGN, "head", (0, 2)),
    "start": (A.START, "officer", (0, 2)),
    "ask": (A.REQUEST_INFO, "officer", (1, 4)),
    "reply": (A.CITIZEN_REPLIED, "citizen", (2, 150)),
    "note": (A.NOTE, "officer", (0, 2)),
    "transfer": (A.TRANSFER_REQUEST, "officer", (0, 3)),
    "accept": (A.TRANSFER_ACCEPT, "target", (1, 4)),
    "return": (A.TRANSFER_RETURN, "target", (1, 4)),
    "respond": (A.RESPOND, "officer", (2, 7)),
    "close": (A.CLOSE, "officer", (1, 5)),
    "reject": (A.REJECT, "officer", (0, 3)),
    "reject_silent": (A.REJECT, "officer", (7, 10)),
    "escalate": (A.ESCALATE, "system", (0, 3)),
    "directive": (A.DIRECTIVE, "leader", (0, 2)),
    "rate": (A.RATE, "citizen", (2, 170)),
    "rate_low": (A.RATE, "citizen", (2, 170)),
    "reopen": (A.REOPEN, "citizen", (1, 72)),
}
SLOW_SHARE, SLOW_EXTRA = 0.15, (2, 6)  # slow officers add working days to every step
REJECTIONS = tuple(
    r
    for r in RejectionReason
    if r not in (RejectionReason.NOT_OUR_INSTITUTION, RejectionReason.NO_CITIZEN_RESPONSE)
)
R = Resolution
CLOSING = {
    T.COMPLAINT: ((R.RESOLVED, 7), (R.PARTIALLY_RESOLVED, 2), (R.CANNOT_BE_RESOLVED, 1)),
    T.SUGGESTION: ((R.SUGGESTION_NOTED, 1),),
    T.INQUIRY: ((R.INFORMATION_PROVIDED, 1),),
    T.COMPLIMENT: ((R.COMPLIMENT_ACKNOWLEDGED, 1),),
}
REPLY_TEXTS = {
    T.COMPLAINT: "respond",
    T.SUGGESTION: "respond_suggestion",
    T.INQUIRY: "respond_inquiry",
    T.COMPLIMENT: "respond_compliment",
}
ARG_FIELD = {
    A.ASSIGN: "assignee_id",
    A.TRANSFER_REQUEST: "target_institution_id",
    A.CLOSE: "resolution",
    A.REJECT: "rejection_reason",
    A.RATE: "rating",
}
EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com")


def expand(weighted) -> tuple:
    """A tuple repeating each value by its weight, for a fast ``rng.choice``."""
    return tuple(value for value, weight in weighted for _ in range(weight))


def compile_plan(plan: str) -> tuple[tuple[str, Action, str, int, int], ...]:
    """A plan string as (token, action, who, lo, hi) steps."""
    return tuple((token, *STEPS[token][:2], *STEPS[token][2]) for token in plan.split())
