"""The interpreter: apply a Command to a FeedbackState by reading the tables.

``table.py`` says which moves exist; ``rules.py`` says what each action needs and changes.
All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.enums import Action, Status
from sandbox.workflow.errors import IllegalTransition, VersionConflict, WorkflowError
from sandbox.workflow.rules import (
    EFFECTS,
    GUARDS,
    REQUIRED,
    VALIDATORS,
    Context,
    is_filled,
    missing,
)
from sandbox.workflow.sla import DEFAULT_POLICY, SlaPolicy
from sandbox.workflow.state import Command, FeedbackState, Transition
from sandbox.workflow.table import PUBLIC_ACTIONS, TEXT_FIELD, TRANSITIONS, Goto, Target


def apply(
    state: FeedbackState,
    command: Command,
    *,
    now: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
) -> Transition:
    """Apply ``command`` at ``now`` and return the transition, or raise a WorkflowError."""
    ctx = Context(now=now, policy=policy, calendar=calendar)
    target = _check(state, command, ctx)
    effect = EFFECTS.get(command.action)
    changes = dict(effect(state, command, now, ctx)) if effect else {}
    after = replace(
        state,
        **changes,
        status=_resolve(target, state),
        version=state.version + 1,
    )
    text_field = TEXT_FIELD.get(command.action)
    return Transition(
        before=state,
        after=after,
        action=command.action,
        at=now,
        text=getattr(command, text_field).strip() if text_field else "",
        is_public=command.action in PUBLIC_ACTIONS,
        command=command,
    )


def _check(state: FeedbackState, command: Command, ctx: Context) -> Target:
    """Run every check in order and return the table target, or raise the first error."""
    expected = command.expected_version
    if expected is not None and expected != state.version:
        raise VersionConflict(expected, state.version)
    action = command.action
    target = TRANSITIONS.get((state.type, state.status, action))
    if target is None:
        raise IllegalTransition(
            state.type,
            state.status,
            action,
            allowed_actions(state, ctx.now, ctx.policy, ctx.calendar),
        )
    error = _guard_error(state, action, ctx) or _input_error(state, command)
    if error is not None:
        raise error
    return target


def _guard_error(state: FeedbackState, action: Action, ctx: Context) -> WorkflowError | None:
    """The error from the action's item-level guard, if it fails."""
    guard = GUARDS.get(action)
    return guard(state, ctx) if guard else None


def _input_error(state: FeedbackState, command: Command) -> WorkflowError | None:
    """The first problem with the values given, then with the values left out."""
    validator = VALIDATORS.get(command.action)
    error = validator(state, command) if validator else None
    if error is not None:
        return error
    for field in REQUIRED.get(command.action, ()):
        if not is_filled(getattr(command, field.name)):
            return missing(command.action, field)
    return None


def _resolve(target: Target, state: FeedbackState) -> Status:
    """The concrete status a table target means for ``state``."""
    if target is Goto.SAME:
        return state.status
    if target is Goto.BEFORE_TRANSFER:
        return state.status_before_transfer or Status.ACKNOWLEDGED
    return target


def allowed_actions(
    state: FeedbackState,
    now: datetime | None = None,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
) -> list[Action]:
    """Actions a UI may offer: allowed by the table and passing the input-free guards.

    Without ``now``, time-based guards fail closed (REOPEN is offered only after a low
    rating).
    """
    ctx = Context(now=now, policy=policy, calendar=calendar)
    return [
        action
        for action in Action
        if (state.type, state.status, action) in TRANSITIONS
        and _guard_error(state, action, ctx) is None
    ]
