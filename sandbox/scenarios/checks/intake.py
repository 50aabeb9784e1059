"""Checks on the trainee's citizen side and desk intake: walk-ins, citizen submissions and
status requests (tracking)."""

from __future__ import annotations

from pydantic import Field

from sandbox.scenarios.checks.registry import (
    NOTHING,
    CheckResult,
    InstitutionCode,
    ItemKey,
    Params,
    Phrases,
    check,
    label,
    missing_item,
    quoted,
    result,
)
from sandbox.scenarios.text import contains_any
from sandbox.scenarios.view import Actor, Item, WorkspaceView
from sandbox.workflow import Channel, FeedbackType

WALK_IN = Channel.WALK_IN


class MadeParams(Params):
    """Filters on an item made during the attempt: its type, institution, description words."""

    type: FeedbackType | None = None
    institution: InstitutionCode | None = None
    text: Phrases | None = None


def _fits(item: Item, params: MadeParams, view: WorkspaceView) -> bool:
    """True when the item passes the type, institution and description filters."""
    return (
        (params.type is None or item.type is params.type)
        and (params.institution is None or item.institution == view.institution(params.institution))
        and (params.text is None or contains_any(item.description, params.text) is not None)
    )


def _filters(params: MadeParams, view: WorkspaceView) -> tuple[str, str]:
    """The filters in words, to say what was expected."""
    sw, en = [], []
    if params.type is not None:
        sw.append(params.type.label_sw)
        en.append(params.type.label_en)
    if params.institution is not None:
        name_sw, name_en = view.institution_named(params.institution)
        sw.append(f"kwa {name_sw}")
        en.append(f"to {name_en}")
    if params.text:
        says = quoted(params.text)
        sw.append(f"ikitaja {says[0]}")
        en.append(f"saying {says[1]}")
    return " ".join(sw), " ".join(en)


def described(items: tuple[Item, ...], view: WorkspaceView) -> tuple[str, str]:
    """What the attempt made: channel, type, institution and whether named, for each item."""
    if not items:
        return NOTHING
    names = {i.institution: view.institution_named(i.institution) for i in items}
    sw = [
        f"{i.channel.label_sw} {i.type.label_sw} kwa {names[i.institution][0]} "
        f"({'bila jina' if i.is_anonymous else 'kwa jina'})"
        for i in items
    ]
    en = [
        f"{i.channel.label_en} {i.type.label_en} to {names[i.institution][1]} "
        f"({'anonymous' if i.is_anonymous else 'named'})"
        for i in items
    ]
    return "; ".join(sw), "; ".join(en)


class WalkInParams(MadeParams):
    """``consent``: True when the citizen agreed to be identified, False when they refused."""

    consent: bool


@check("walk_in_recorded_with_consent", WalkInParams)
def walk_in_recorded_with_consent(params: WalkInParams, view: WorkspaceView) -> CheckResult:
    """The trainee recorded a walk-in that keeps the identity only if the citizen consented.

    Consent is what the officer recorded: agreed, the item is identified; refused, it is
    anonymous and stores no identity at all.
    """
    sw, en = _filters(params, view)
    agreed = ("kwa ridhaa ya kujulikana", "identified, with consent")
    refused = ("bila kujulikana (hakuna ridhaa)", "anonymous (no consent)")
    want = agreed if params.consent else refused
    expected = (f"mrejesho wa dawati {sw} {want[0]}", f"a walk-in {en} {want[1]}")
    recorded = [i for i in view.created if i.channel is WALK_IN and i.submitted_by is Actor.TRAINEE]
    walk_ins = [i for i in recorded if _fits(i, params, view)]
    if not walk_ins:  # say what was recorded instead (another type, another subject)
        return CheckResult(False, expected, described(tuple(recorded), view))
    latest = walk_ins[-1]
    identified = latest.has_identity and not latest.is_anonymous
    found = agreed if identified else refused
    return CheckResult(identified == params.consent, expected, found, latest.reference)


class SubmissionParams(MadeParams):
    """``channel``: how the trainee, playing the citizen, submitted (ussd, web, sms, app)."""

    channel: Channel
    anonymous: bool | None = None
    at_least: int = Field(default=1, ge=1, le=10)


@check("citizen_submission_made", SubmissionParams)
def citizen_submission_made(params: SubmissionParams, view: WorkspaceView) -> CheckResult:
    """The trainee, playing the citizen, submitted by the channel given (and filters)."""
    sw, en = _filters(params, view)
    channel = label(params.channel)
    expected = (f"mrejesho kwa {channel[0]} {sw}".strip(), f"feedback by {channel[1]} {en}".strip())
    made = [
        i
        for i in view.created
        if i.channel is params.channel
        and i.submitted_by is Actor.CITIZEN
        and (params.anonymous is None or i.is_anonymous == params.anonymous)
        and _fits(i, params, view)
    ]
    if len(made) < params.at_least:
        return CheckResult(False, expected, described(view.created, view))
    return CheckResult(
        True, expected, (f"mara {len(made)}", f"{len(made)} time(s)"), made[-1].reference
    )


class TrackParams(Params):
    """``item``: a setup key (``null``: any item made during the attempt); ``channel``: how
    the status was asked for (``sms``: FUATILIA / TRACK <reference>; ``ussd``: *152*00#,
    "Fuatilia"; ``web``: the portal's tracking page)."""

    item: ItemKey | None = None
    channel: Channel = Channel.SMS
    at_least: int = Field(default=1, ge=1, le=10)


@check("citizen_tracked", TrackParams, reads=("trackings",))
def citizen_tracked(params: TrackParams, view: WorkspaceView) -> CheckResult:
    """The citizen asked for the item's status by the channel given (e.g. FUATILIA by SMS)."""
    channel = label(params.channel)
    expected = (f"kufuatilia hali kwa {channel[0]}", f"status tracked by {channel[1]}")
    if params.item is not None:
        item = view.item(params.item)
        if item is None:
            return missing_item(expected, params.item)
        candidates: tuple[Item, ...] = (item,)
    else:
        candidates = view.created
    counts = [(i, sum(t.channel is params.channel for t in i.trackings)) for i in candidates]
    done = [(i, n) for i, n in counts if n >= params.at_least]
    if done:
        item, n = done[-1]
        return result(True, expected, (f"mara {n}", f"{n} time(s)"), item)
    made = max((n for _i, n in counts), default=0)
    found = (f"mara {made}", f"{made} time(s)") if made else ("haijafuatiliwa", "not tracked")
    return result(False, expected, found, candidates[-1] if candidates else None)
