"""Checks on where an item stands: status, type, owner, transfer, resolution, deadlines."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from sandbox.scenarios.checks.registry import (
    NOTHING,
    CheckResult,
    InstitutionCode,
    ItemKey,
    ItemParams,
    both,
    check,
    label,
    labels,
    missing_item,
    result,
)
from sandbox.scenarios.view import Actor, WorkspaceView
from sandbox.workflow import Action, EscalationLevel, FeedbackType, Resolution, Status


def _when(at: datetime | None) -> tuple[str, str]:
    """A simulated time as the messages show it (dd/mm/yyyy hh:mm), or nothing."""
    return both(f"{at:%d/%m/%Y %H:%M}") if at else NOTHING


class StatusParams(ItemParams):
    """``status``: one status or a list of acceptable ones."""

    status: Status | list[Status]


@check("item_status", StatusParams)
def item_status(params: StatusParams, view: WorkspaceView) -> CheckResult:
    """The item is in the status (or one of the statuses) given."""
    wanted = params.status if isinstance(params.status, list) else [params.status]
    item = view.item(params.item)
    if item is None:
        return missing_item(labels(wanted), params.item)
    return result(item.status in wanted, labels(wanted), label(item.status), item)


class TypeParams(ItemParams):
    """``type``: the feedback type the item must have."""

    type: FeedbackType


@check("item_type_is", TypeParams)
def item_type_is(params: TypeParams, view: WorkspaceView) -> CheckResult:
    """The item is of the feedback type given (a compliment handled as a compliment)."""
    item = view.item(params.item)
    if item is None:
        return missing_item(label(params.type), params.item)
    return result(item.type is params.type, label(params.type), label(item.type), item)


class TransferParams(ItemParams):
    """``institution``: the code of the institution the item must be transferred to."""

    institution: InstitutionCode


@check("transferred_to", TransferParams)
def transferred_to(params: TransferParams, view: WorkspaceView) -> CheckResult:
    """The item's latest transfer request went to the institution given (pending or accepted)."""
    wanted = view.institution(params.institution)
    expected = view.institution_named(wanted)
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    requests = item.events_of(Action.TRANSFER_REQUEST)
    found = requests[-1].institution if requests else None
    said = view.institution_named(found) if found else NOTHING
    return result(found == wanted, expected, said, item)


class ResolutionParams(ItemParams):
    """``resolution``: how the item must have been closed."""

    resolution: Resolution


@check("closed_with_resolution", ResolutionParams)
def closed_with_resolution(params: ResolutionParams, view: WorkspaceView) -> CheckResult:
    """The item is closed with the resolution given."""
    item = view.item(params.item)
    if item is None:
        return missing_item(label(params.resolution), params.item)
    closed = item.status is Status.CLOSED and item.resolution is params.resolution
    found = label(item.resolution) if item.status is Status.CLOSED else label(item.status)
    return result(closed, label(params.resolution), found, item)


class EscalationParams(ItemParams):
    """``level``: the escalation level the item must have reached (or passed)."""

    level: EscalationLevel


@check("escalated_to", EscalationParams)
def escalated_to(params: EscalationParams, view: WorkspaceView) -> CheckResult:
    """The item has been escalated at least to the level given."""
    item = view.item(params.item)
    if item is None:
        return missing_item(label(params.level), params.item)
    order = list(EscalationLevel)
    reached = order.index(item.escalation_level) >= order.index(params.level)
    return result(reached, label(params.level), label(item.escalation_level), item)


class AcknowledgeParams(ItemParams):
    """``by``: who must have acknowledged (the trainee unless said; ``null``: anyone)."""

    by: Actor | None = Actor.TRAINEE


@check("acknowledged_before_deadline", AcknowledgeParams)
def acknowledged_before_deadline(params: AcknowledgeParams, view: WorkspaceView) -> CheckResult:
    """The item was acknowledged (by whom is given) on or before its acknowledgement deadline."""
    item = view.item(params.item)
    if item is None:
        return missing_item(NOTHING, params.item)
    due = item.acknowledge_due
    expected = (f"kuthibitisha kabla ya {due:%d/%m/%Y}", f"acknowledged by {due:%d/%m/%Y}")
    acks = [
        e for e in item.events_of(Action.ACKNOWLEDGE) if params.by is None or e.actor is params.by
    ]
    if not acks:
        return result(False, expected, ("haijathibitishwa", "not acknowledged"), item)
    return result(acks[0].at <= due, expected, _when(acks[0].at), item)


class PauseParams(ItemParams):
    """No more than the item: the question must have been asked and answered."""


@check("paused_and_resumed", PauseParams)
def paused_and_resumed(params: PauseParams, view: WorkspaceView) -> CheckResult:
    """Information was requested (clock paused), the citizen answered, and the clock runs again."""
    expected = ("saa ilisimamishwa kisha ikaendelea", "clock paused, then resumed")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    asked = [i for i, e in enumerate(item.events) if e.action is Action.REQUEST_INFO]
    answered = [i for i, e in enumerate(item.events) if e.action is Action.CITIZEN_REPLIED]
    if not asked:
        return result(
            False, expected, ("hakuna ombi la taarifa", "no request for information"), item
        )
    if not any(a > asked[0] for a in answered) or item.is_paused:
        found = ("bado inasubiri mwananchi", "still waiting for the citizen")
        return result(False, expected, found, item)
    return result(True, expected, expected, item)


class WithinParams(ItemParams):
    """``action`` must happen within ``days`` working days of the item's arrival."""

    action: Action
    days: int = Field(ge=0, le=60)
    by: Actor | None = Actor.TRAINEE


@check("event_within_working_days", WithinParams, reads=("calendar",))
def event_within_working_days(params: WithinParams, view: WorkspaceView) -> CheckResult:
    """The action happened within N working days of the item's arrival (working-day calendar)."""
    expected = (
        f"'{params.action.label_sw}' ndani ya siku {params.days} za kazi",
        f"'{params.action.label_en}' within {params.days} working days",
    )
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    done = [e for e in item.events_of(params.action) if params.by is None or e.actor is params.by]
    if not done:
        return result(False, expected, NOTHING, item)
    days = view.calendar.working_days_between(item.received_at, done[0].at)
    found = (f"baada ya siku {days} za kazi", f"after {days} working days")
    return result(days <= params.days, expected, found, item)


class AssigneeParams(ItemParams):
    """``to``: the setup staff key of the officer the item must be assigned to (``null``:
    anyone)."""

    to: ItemKey | None = None


@check("assigned_to", AssigneeParams, reads=("assignee_names",))
def assigned_to(params: AssigneeParams, view: WorkspaceView) -> CheckResult:
    """The item is assigned now to the officer of the setup's staff given (or to anyone)."""
    if params.to is None:
        expected = ("amepangiwa afisa", "assigned to an officer")
    else:
        name = view.staff.get(params.to, params.to)
        expected = (f"amepangiwa {name}", f"assigned to {name}")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    who = item.assignee
    if not who:
        found = ("hajapangiwa mtu", "assigned to nobody")
    elif who == "trainee":
        found = ("amepangiwa wewe mwenyewe", "assigned to yourself")
    elif who == "other":
        name = f" ({item.assignee_name})" if item.assignee_name else ""
        found = (f"amepangiwa afisa mwingine{name}", f"assigned to another officer{name}")
    else:
        name = view.staff.get(who, who)
        found = (f"amepangiwa {name}", f"assigned to {name}")
    ok = bool(who) if params.to is None else who == params.to
    return result(ok, expected, found, item)
