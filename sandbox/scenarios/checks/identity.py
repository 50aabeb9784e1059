"""Checks on confidentiality (usiri): who looked at the identity, and what the public read."""

from __future__ import annotations

from sandbox.scenarios.checks.registry import (
    NOTHING,
    CheckResult,
    ItemParams,
    ReasonParams,
    both,
    check,
    missing_item,
    result,
)
from sandbox.scenarios.text import contains, name_parts, shows_phone
from sandbox.scenarios.view import Actor, Item, WorkspaceView


class RevealParams(ItemParams):
    """Only the item: nobody may have revealed its identity during the attempt."""


@check("identity_not_revealed", RevealParams, reads=("reveals",))
def identity_not_revealed(params: RevealParams, view: WorkspaceView) -> CheckResult:
    """Nobody revealed the complainant's identity (the reveal log has no entry for the item)."""
    expected = ("utambulisho haujafunuliwa", "identity not revealed")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    count = len(item.reveals)
    found = (f"umefunuliwa mara {count}", f"revealed {count} time(s)") if count else expected
    return result(not count, expected, found, item)


@check("identity_revealed_with_reason", ReasonParams, reads=("reveals",))
def identity_revealed_with_reason(params: ReasonParams, view: WorkspaceView) -> CheckResult:
    """The trainee revealed the identity with a real reason (long enough, the words given)."""
    expected = params.expected("kufunua kwa sababu", "revealed with a reason")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    mine = [r for r in item.reveals if r.actor is Actor.TRAINEE]
    if not mine:
        return result(False, expected, ("haujafunuliwa", "not revealed"), item)
    good = [r for r in mine if params.is_met_by(r.reason)]
    return result(bool(good), expected, both(f"'{mine[-1].reason}'"), item)


class ExposureParams(ItemParams):
    """The item's public texts and SMS are read for the complainant's identity; ``internal``:
    also the texts colleagues read (internal notes, transfer and escalation reasons) — for a
    sensitive case, where the accused may be a colleague."""

    internal: bool = False


def exposures(item: Item, internal: bool = False) -> list[tuple[str, str]]:
    """Which parts of the identity appear in the item's public texts or its SMS (kind pairs);
    with ``internal``, in the staff's internal texts too (the citizen's own words excepted)."""
    who = item.identity
    if who is None:
        return []
    sent = [s.text for s in item.sms if not s.inbound]  # what the citizen wrote is theirs
    staff = [e for e in item.events if e.actor is not Actor.CITIZEN and e.text]
    texts = [e.text for e in staff if e.is_public or internal] + sent
    found = []
    if any(contains(t, part) for t in texts for part in name_parts(who.name)):
        found.append(("jina", "name"))
    if who.phone and any(shows_phone(t, who.phone) for t in texts):
        found.append(("namba ya simu", "phone number"))
    if who.email and any(contains(t, who.email) for t in texts):
        found.append(("barua pepe", "e-mail"))
    return found


@check("no_identity_in_public_replies", ExposureParams, reads=("sms",))
def no_identity_in_public_replies(params: ExposureParams, view: WorkspaceView) -> CheckResult:
    """The complainant's name, phone and e-mail appear in no public text and no SMS of the item
    (with ``internal``: nor in any internal note or reason)."""
    expected = ("hakuna utambulisho hadharani", "no identity in public")
    if params.internal:
        expected = (
            "hakuna utambulisho hadharani wala kwenye maandishi ya ndani",
            "no identity in public or internal texts",
        )
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    found = exposures(item, params.internal)
    shown = (", ".join(f[0] for f in found), ", ".join(f[1] for f in found)) if found else NOTHING
    return result(not found, expected, shown if found else expected, item)
