"""Checks on an item's event history: what happened, by whom, with which words, in order."""

from __future__ import annotations

from pydantic import Field

from sandbox.scenarios.checks.registry import (
    NOTHING,
    CheckResult,
    ItemParams,
    Phrases,
    ReasonParams,
    both,
    check,
    label,
    labels,
    missing_item,
    quoted,
    result,
)
from sandbox.scenarios.text import contains_any
from sandbox.scenarios.view import Actor, Event, Item, WorkspaceView
from sandbox.workflow import Action, RejectionReason
from sandbox.workflow.history import parse_detail


class EventParams(ItemParams):
    """``action`` done (``by`` whom; ``null``: anyone), its text holding one of ``text``."""

    action: Action
    by: Actor | None = Actor.TRAINEE
    text: Phrases | None = None
    at_least: int = Field(default=1, ge=1, le=10)


def _matching(item: Item, params: EventParams) -> list[Event]:
    """The item's events that fit the params."""
    return [
        e
        for e in item.events_of(params.action)
        if (params.by is None or e.actor is params.by)
        and (params.text is None or contains_any(e.text, params.text))
    ]


def _described(params: EventParams) -> tuple[str, str]:
    """'Acknowledge' (by the trainee, saying 'x')."""
    sw, en = label(params.action)
    if params.by is not None:
        sw, en = f"{sw} ({params.by.label_sw})", f"{en} ({params.by.label_en})"
    if params.text:
        says = quoted(params.text)
        sw, en = f"{sw} ikitaja {says[0]}", f"{en} saying {says[1]}"
    return sw, en


@check("event_happened", EventParams)
def event_happened(params: EventParams, view: WorkspaceView) -> CheckResult:
    """An event of the action happened (by whom and with which words, as given), N times or more."""
    expected = _described(params)
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    count = len(_matching(item, params))
    found = (f"mara {count}", f"{count} time(s)") if count else NOTHING
    if not count and params.text:  # the action was done in other words: quote them
        said = [
            e.text
            for e in item.events_of(params.action)
            if (params.by is None or e.actor is params.by) and e.text
        ]
        found = both(f"'{said[-1][:80]}'") if said else found
    return result(count >= params.at_least, expected, found, item)


class NoEventParams(ItemParams):
    """``action`` must not have been done (``by`` whom; ``null``: anyone)."""

    action: Action
    by: Actor | None = Actor.TRAINEE


@check("event_not_happened", NoEventParams)
def event_not_happened(params: NoEventParams, view: WorkspaceView) -> CheckResult:
    """No event of the action happened (by whom is given): e.g. never rejected."""
    sw, en = label(params.action)
    expected = (f"hakuna '{sw}'", f"no '{en}'")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    done = [e for e in item.events_of(params.action) if params.by is None or e.actor is params.by]
    found = (f"'{sw}' mara {len(done)}", f"'{en}' {len(done)} time(s)") if done else expected
    return result(not done, expected, found, item)


class OrderParams(ItemParams):
    """``actions`` must appear in this order (others may come between), ``by`` whom."""

    actions: list[Action] = Field(min_length=2)
    by: Actor | None = Actor.TRAINEE


@check("events_in_order", OrderParams)
def events_in_order(params: OrderParams, view: WorkspaceView) -> CheckResult:
    """The actions happened in the order given (other events may come between them)."""
    expected = labels(params.actions)
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    done = [e.action for e in item.events if params.by is None or e.actor is params.by]
    position = 0
    for action in done:
        if position < len(params.actions) and action is params.actions[position]:
            position += 1
    relevant = [a for a in done if a in params.actions]
    found = labels(relevant) if relevant else NOTHING
    return result(position == len(params.actions), expected, found, item)


class ReturnParams(ReasonParams):
    """The transfer must be returned with a reason of ``min_length`` letters (holding ``text``)."""

    min_length: int = Field(default=15, ge=1, le=500)


@check("returned_with_reason", ReturnParams)
def returned_with_reason(params: ReturnParams, view: WorkspaceView) -> CheckResult:
    """An incoming transfer was returned with a real reason (long enough, with the words given)."""
    expected = params.expected("imerudishwa na sababu", "returned with a reason")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    returns = item.events_of(Action.TRANSFER_RETURN)
    if not returns:
        return result(False, expected, ("haujarudishwa", "not returned"), item)
    reason = returns[-1].text
    return result(params.is_met_by(reason), expected, both(f"'{reason}'"), item)


class DirectiveParams(ItemParams):
    """After the leader's latest directive the trainee must do one of ``actions``."""

    actions: list[Action] = Field(default_factory=lambda: [Action.RESPOND], min_length=1)


@check("directive_acted_on", DirectiveParams)
def directive_acted_on(params: DirectiveParams, view: WorkspaceView) -> CheckResult:
    """After the latest leader's directive, the trainee did one of the actions given."""
    expected = labels(params.actions)
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    positions = [i for i, e in enumerate(item.events) if e.action is Action.DIRECTIVE]
    if not positions:
        return result(False, expected, ("hakuna maelekezo", "no directive"), item)
    after = [
        e.action
        for e in item.events[positions[-1] + 1 :]
        if e.actor is Actor.TRAINEE and e.action is not Action.DIRECTIVE
    ]
    done = any(a in params.actions for a in after)
    return result(done, expected, labels(after) if after else NOTHING, item)


class RejectParams(ReasonParams):
    """The trainee rejected with ``reason`` and a text of ``min_length`` letters (``text``)."""

    reason: RejectionReason


@check("rejected_with_reason", RejectParams)
def rejected_with_reason(params: RejectParams, view: WorkspaceView) -> CheckResult:
    """The trainee rejected the item with the reason given and an explanation the citizen
    can use (long enough, with the words given)."""
    sw, en = label(params.reason)
    expected = params.expected(
        f"imekataliwa kwa sababu '{sw}' na maelezo",
        f"rejected as '{en}' with an explanation",
        saying_sw="yakitaja",
    )
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    rejections = [e for e in item.events_of(Action.REJECT) if e.actor is Actor.TRAINEE]
    if not rejections:
        return result(False, expected, ("haijakataliwa", "not rejected"), item)
    latest = rejections[-1]
    parsed = parse_detail(latest.detail)
    reason = None
    if parsed is not None and parsed[0] == "rejection":
        reason = next((r for r in RejectionReason if r.value == parsed[1]), None)
    ok = reason is params.reason and params.is_met_by(latest.text)
    shown = label(reason)
    found = (f"'{shown[0]}': '{latest.text}'", f"'{shown[1]}': '{latest.text}'")
    return result(ok, expected, found, item)
