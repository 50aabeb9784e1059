"""Per-action rules read by the interpreter in ``transitions.py``.

Three tables, each keyed by ``Action``:

- ``REQUIRED``: the Command fields that must be filled in;
- ``GUARDS``: checks on the item (and policy/time) that need no user input, so a UI can
  hide the action when they fail; ``VALIDATORS``: checks on the values given;
- ``EFFECTS``: the field changes an action makes besides the status.

All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from sandbox.workflow.calendar import WorkingCalendar
from sandbox.workflow.enums import Action, FeedbackType
from sandbox.workflow.errors import (
    EscalationLimitReached,
    MissingInput,
    NotOurInstitution,
    ReopenNotAllowed,
    TransferLimitReached,
    WorkflowError,
)
from sandbox.workflow.sla import SlaPolicy, extend_for_pause
from sandbox.workflow.state import Command, FeedbackState
from sandbox.workflow.table import REOPEN_WITHIN_WINDOW

RATING_RANGE = range(1, 6)


@dataclass(frozen=True)
class Context:
    """What the rules may consult besides the item: the time, the policy, the calendar.

    ``now`` is None when a UI asks what to offer without a time; time-based guards then
    fail closed.
    """

    now: datetime | None
    policy: SlaPolicy
    calendar: WorkingCalendar


@dataclass(frozen=True)
class Field:
    """A Command field an action needs, with its bilingual name for error messages.

    ``only_for`` limits the need to some feedback types (empty: every type); ``why`` is a
    sentence (Swahili, English) the refusal adds, e.g. which workspace rule asks for it.
    """

    name: str
    label_sw: str
    label_en: str
    only_for: frozenset[FeedbackType] = frozenset()
    why: tuple[str, str] = ("", "")

    def is_needed_for(self, feedback_type: FeedbackType) -> bool:
        """True when an item of ``feedback_type`` must have this field for the action."""
        return not self.only_for or feedback_type in self.only_for


REPLY = Field("public_reply", "jibu kwa mwananchi", "a reply to the citizen")
QUESTION = Field("public_reply", "swali kwa mwananchi", "the question for the citizen")
ANSWER = Field("note", "jibu la mwananchi", "the citizen's answer")
NOTE = Field("note", "dokezo", "a note")
DIRECTIVE = Field("note", "maelekezo", "the directive")
REASON = Field("reason", "sababu", "a reason")
ASSIGNEE = Field("assignee_id", "afisa wa kupangiwa", "the officer to assign")
TARGET = Field("target_institution_id", "taasisi ya kuhamishia", "the receiving institution")
REJECTION = Field("rejection_reason", "aina ya sababu ya kukataa", "a rejection reason")
RESOLUTION = Field("resolution", "matokeo ya kufunga", "a resolution")
RATING = Field("rating", "alama ya tathmini (1–5)", "a rating (1–5)")

REQUIRED: Mapping[Action, tuple[Field, ...]] = MappingProxyType(
    {
        Action.ASSIGN: (ASSIGNEE,),
        Action.REQUEST_INFO: (QUESTION,),
        Action.CITIZEN_REPLIED: (ANSWER,),
        Action.TRANSFER_REQUEST: (TARGET, REASON),
        Action.TRANSFER_RETURN: (REASON,),
        Action.RESPOND: (REPLY,),
        Action.CLOSE: (RESOLUTION,),
        Action.REJECT: (REJECTION, REASON),
        Action.DIRECTIVE: (DIRECTIVE,),
        Action.RATE: (RATING,),
        Action.NOTE: (NOTE,),
    }
)


def is_filled(value: object) -> bool:
    """True for a non-blank string or any non-None value."""
    return bool(value.strip()) if isinstance(value, str) else value is not None


def missing(action: Action, field: Field) -> MissingInput:
    """The error for ``field`` missing when doing ``action``."""
    why_sw, why_en = field.why
    return MissingInput(
        f"Tafadhali weka {field.label_sw} ili '{action.label_sw}'. {why_sw}".strip(),
        f"Please give {field.label_en} to '{action.label_en}'. {why_en}".strip(),
    )


# --- guards: item-level checks a UI can run without user input -------------------------

Guard = Callable[[FeedbackState, Context], WorkflowError | None]


def _transfer_limit(state: FeedbackState, ctx: Context) -> WorkflowError | None:
    """Refuse a new transfer once the cap of accepted transfers is reached."""
    limit = ctx.policy.max_transfers
    return TransferLimitReached(limit) if state.transfer_count >= limit else None


def _escalation_limit(state: FeedbackState, ctx: Context) -> WorkflowError | None:
    """Refuse to escalate beyond the leader."""
    return EscalationLimitReached() if state.escalation_level.next_level is None else None


def _appeal_allowed(state: FeedbackState, ctx: Context) -> WorkflowError | None:
    """Allow an appeal after a low rating, or (complaints, suggestions) within the window."""
    policy = ctx.policy
    if state.rating is not None and state.rating <= policy.low_rating_threshold:
        return None
    window_open = (
        state.type in REOPEN_WITHIN_WINDOW
        and ctx.now is not None
        and state.responded_at is not None
        and ctx.now <= state.responded_at + timedelta(days=policy.reopen_window_days)
    )
    if window_open:
        return None
    return ReopenNotAllowed(
        f"Rufaa inaruhusiwa tu ndani ya siku {policy.reopen_window_days} baada ya kujibiwa "
        f"(kwa malalamiko na mapendekezo) au mwananchi akitoa tathmini ya "
        f"{policy.low_rating_threshold} au chini.",
        f"An appeal is allowed only within {policy.reopen_window_days} days of the response "
        f"(complaints and suggestions) or after the citizen rates it "
        f"{policy.low_rating_threshold} or lower.",
    )


GUARDS: Mapping[Action, Guard] = MappingProxyType(
    {
        Action.TRANSFER_REQUEST: _transfer_limit,
        Action.ESCALATE: _escalation_limit,
        Action.REOPEN: _appeal_allowed,
    }
)

# --- validators: checks on the values the user gave ------------------------------------

Validator = Callable[[FeedbackState, Command], WorkflowError | None]


def _not_own_institution(state: FeedbackState, cmd: Command) -> WorkflowError | None:
    """A transfer must go to another institution."""
    if cmd.target_institution_id != state.institution_id:
        return None
    return MissingInput(
        "Chagua taasisi nyingine: huwezi kuhamishia mrejesho kwa taasisi yako mwenyewe.",
        "Choose another institution: you cannot transfer feedback to your own institution.",
    )


def _not_our_institution(state: FeedbackState, cmd: Command) -> WorkflowError | None:
    """Rejecting as "not our institution" is refused with the advice to transfer."""
    is_refused = cmd.rejection_reason is not None and not cmd.rejection_reason.is_accepted
    return NotOurInstitution() if is_refused else None


def _rating_in_range(state: FeedbackState, cmd: Command) -> WorkflowError | None:
    """A rating must be a whole number from 1 to 5."""
    if cmd.rating is None or cmd.rating in RATING_RANGE:
        return None
    return MissingInput(
        f"Tathmini lazima iwe namba kati ya 1 na 5 (umeweka {cmd.rating}).",
        f"A rating must be a number from 1 to 5 (got {cmd.rating}).",
    )


VALIDATORS: Mapping[Action, Validator] = MappingProxyType(
    {
        Action.TRANSFER_REQUEST: _not_own_institution,
        Action.REJECT: _not_our_institution,
        Action.RATE: _rating_in_range,
    }
)

# --- effects: field changes besides the status ------------------------------------------

Effect = Callable[[FeedbackState, Command, datetime, Context], Mapping[str, Any]]


def _resumed(state: FeedbackState, cmd: Command, now: datetime, ctx: Context) -> dict:
    """Unpause and push both deadlines later by the working days spent waiting."""
    paused = state.paused_since or now
    return {
        "paused_since": None,
        "acknowledge_due": extend_for_pause(state.acknowledge_due, paused, now, ctx.calendar),
        "respond_due": extend_for_pause(state.respond_due, paused, now, ctx.calendar),
    }


def _transfer_accepted(state: FeedbackState, cmd: Command, now: datetime, ctx: Context) -> dict:
    """Move the item to the target institution; the citizen's deadlines keep running."""
    return {
        "institution_id": state.transfer_target_id,
        "transfer_count": state.transfer_count + 1,
        "transfer_target_id": None,
        "status_before_transfer": None,
        "assignee_id": None,
        "acknowledged_at": state.acknowledged_at or now,
    }


def _reopened(state: FeedbackState, cmd: Command, now: datetime, ctx: Context) -> dict:
    """Start the appeal with a fresh response deadline; the old answer no longer counts."""
    rule = ctx.policy.rule(state.type)
    return {
        "reopen_count": state.reopen_count + 1,
        "responded_at": None,
        "closed_at": None,
        "resolution": None,
        "rating": None,
        "root_cause": None,
        "respond_due": ctx.calendar.add_working_days(now, rule.respond_days),
    }


EFFECTS: Mapping[Action, Effect] = MappingProxyType(
    {
        Action.ACKNOWLEDGE: lambda s, c, now, ctx: {"acknowledged_at": now},
        Action.ASSIGN: lambda s, c, now, ctx: {"assignee_id": c.assignee_id},
        Action.REQUEST_INFO: lambda s, c, now, ctx: {"paused_since": now},
        Action.CITIZEN_REPLIED: _resumed,
        Action.TRANSFER_REQUEST: lambda s, c, now, ctx: {
            "transfer_target_id": c.target_institution_id,
            "status_before_transfer": s.status,
        },
        Action.TRANSFER_ACCEPT: _transfer_accepted,
        Action.TRANSFER_RETURN: lambda s, c, now, ctx: {
            "transfer_target_id": None,
            "status_before_transfer": None,
        },
        Action.RESPOND: lambda s, c, now, ctx: {
            "responded_at": now,
            "acknowledged_at": s.acknowledged_at or now,
        },
        Action.CLOSE: lambda s, c, now, ctx: {
            "closed_at": now,
            "resolution": c.resolution,
            "root_cause": c.root_cause,
        },
        Action.REJECT: lambda s, c, now, ctx: {"paused_since": None},
        Action.ESCALATE: lambda s, c, now, ctx: {"escalation_level": s.escalation_level.next_level},
        Action.RATE: lambda s, c, now, ctx: {"rating": c.rating},
        Action.REOPEN: _reopened,
    }
)
