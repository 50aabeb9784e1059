"""The interpreter: apply a Command to a FeedbackState by reading the tables.

``table.py`` says which moves exist; ``rules.py`` says what each action needs and changes;
a workspace's ``WorkspaceRules`` (``behaviour.py``) gives the effective tables (the base
plus the overlays of its toggles), its SLA policy and its calendar.
All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sandbox.workflow.behaviour import BASE_RULES, Tables, WorkspaceRules
from sandbox.workflow.enums import Action, Status
from sandbox.workflow.errors import IllegalTransition, VersionConflict, WorkflowError
from sandbox.workflow.rules import VALIDATORS, Context, is_filled, missing
from sandbox.workflow.state import Command, FeedbackState, Transition
from sandbox.workflow.table import PUBLIC_ACTIONS, TEXT_FIELD, Goto, Target


def apply(
    state: FeedbackState,
    command: Command,
    *,
    now: datetime,
    rules: WorkspaceRules = BASE_RULES,
) -> Transition:
    """Apply ``command`` at ``now`` under ``rules``; the transition, or a WorkflowError."""
    ctx = Context(now=now, policy=rules.policy, calendar=rules.calendar)
    tables = rules.tables
    target = _check(state, command, ctx, rules)
    effect = tables.effects.get(command.action)
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


def _check(state: FeedbackState, command: Command, ctx: Context, rules: WorkspaceRules) -> Target:
    """Run every check in order and return the table target, or raise the first error."""
    expected = command.expected_version
    if expected is not None and expected != state.version:
        raise VersionConflict(expected, state.version)
    action = command.action
    tables = rules.tables
    target = tables.transitions.get((state.type, state.status, action))
    if target is None:
        raise IllegalTransition(
            state.type, state.status, action, allowed_actions(state, ctx.now, rules)
        )
    error = _guard_error(state, action, ctx, tables) or _input_error(state, command, tables)
    if error is not None:
        raise error
    return target


def _guard_error(
    state: FeedbackState, action: Action, ctx: Context, tables: Tables
) -> WorkflowError | None:
    """The error from the first of the action's item-level guards that fails, if any."""
    for guard in tables.guards.get(action, ()):
        error = guard(state, ctx)
        if error is not None:
            return error
    return None


def _input_error(state: FeedbackState, command: Command, tables: Tables) -> WorkflowError | None:
    """The first problem with the values given, then with the values left out."""
    validator = VALIDATORS.get(command.action)
    error = validator(state, command) if validator else None
    if error is not None:
        return error
    for field in tables.required.get(command.action, ()):
        if field.is_needed_for(state.type) and not is_filled(getattr(command, field.name)):
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
    rules: WorkspaceRules = BASE_RULES,
) -> list[Action]:
    """Actions a UI may offer: allowed by the table and passing the input-free guards.

    Without ``now``, time-based guards fail closed (REOPEN is offered only after a low
    rating).
    """
    ctx = Context(now=now, policy=rules.policy, calendar=rules.calendar)
    tables = rules.tables
    return [
        action
        for action in Action
        if (state.type, state.status, action) in tables.transitions
        and _guard_error(state, action, ctx, tables) is None
    ]
