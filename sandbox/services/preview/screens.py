"""The side-by-side page: the screens a proposal changes, drawn live from both sides.

A registry maps a screen name (``proposals.schema.SCREENS``) to a renderer
``(workspace, pair, user, lang) -> view model``; each has one partial template
(``preview/screens/<name>.html``). A name without a renderer is skipped with a note.
Decisions: the items shown are the walkthrough's items on that side (the items the
stakeholder worked), else the first three items of the world; SMS show their text and
time, never the phone number; the USSD screens are the menus a citizen walks from
``*152*00#`` through "9" and "2" (submit), read from the side's rules.
``transfer`` says how a transfer request goes on that side (read from the side's tables: the
receiving institution must accept, or the item moves at once) and, per shown item, where it
sits now and which institution it waits for; ``rating`` draws what the citizen's tracking
page offers per shown item (the portal's own ``track`` view: rating form, appeal form, the
rating given) under the same workspace line the tracking page prints (``offers_rating``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sandbox.channels.ussd.menus import screens_for
from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage, User, Workspace
from sandbox.models.proposal import PreviewPair
from sandbox.proposals.enums import Side
from sandbox.services.channels.portal import offers_rating, track
from sandbox.services.channels.ussd import latest_reply
from sandbox.services.feedback.states import state_of
from sandbox.services.training.attempts import current_attempt
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Action, FeedbackType, Status, allowed_actions, is_overdue
from sandbox.workflow.permissions import permitted

Renderer = Callable[[Workspace, PreviewPair, User, str], Any]
RENDERERS: dict[str, Renderer] = {}
USSD_PATH = ("gateway", "9", "2")


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    """Register a screen's renderer under its name."""

    def register(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        return function

    return register


@dataclass(frozen=True)
class Compared:
    """One screen drawn on both sides (``skipped``: no renderer for the name)."""

    name: str
    sides: dict[Side, Any]
    skipped: bool = False


def compare(pair: PreviewPair, user: User, lang: str) -> list[Compared]:
    """Every screen of the proposal, drawn from both sides (unknown names skipped)."""
    found = []
    for name in pair.proposal.screens or []:
        draw = RENDERERS.get(name)
        if draw is None:
            found.append(Compared(name, {}, skipped=True))
            continue
        found.append(Compared(name, {s: draw(pair.workspace(s), pair, user, lang) for s in Side}))
    return found


def shown_items(workspace: Workspace, pair: PreviewPair, user: User) -> list[int]:
    """The walkthrough's items on this side, else the world's first three."""
    attempt = (
        current_attempt(workspace, user, pair.proposal.walkthrough)
        if pair.proposal.walkthrough
        else None
    )
    if attempt is not None:
        return list(attempt.placed["items"].values())
    query = sa.select(Feedback.id).where(Feedback.workspace_id == workspace.id)
    return list(db.session.scalars(query.order_by(Feedback.id).limit(3)))


def _shown(workspace: Workspace, pair: PreviewPair, user: User) -> list[Feedback]:
    """The shown items of this side, oldest first (the user's own side: no other scope)."""
    return list(
        db.session.scalars(
            sa.select(Feedback)
            .where(Feedback.workspace_id == workspace.id)
            .where(Feedback.id.in_(shown_items(workspace, pair, user)))
            .order_by(Feedback.id)
        )
    )


@renderer("desk_item")
def desk_item(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> list[dict]:
    """Each shown item's status, escalation, deadline and the actions offered now."""
    rules, now = rules_for(workspace), workspace_now(workspace)
    rows = []
    for item in _shown(workspace, pair, user):
        state = state_of(item)
        rows.append(
            {
                "reference": item.reference,
                "status": item.status.label(lang),
                "escalation": item.escalation_level.label(lang),
                "overdue": is_overdue(state, now, rules.calendar),
                "actions": [
                    a.label(lang) for a in permitted(user, item, allowed_actions(state, now, rules))
                ],
            }
        )
    return rows


@renderer("sms_outbox")
def sms_outbox(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> list[dict]:
    """The SMS the citizens of the shown items were sent (text and time, no number)."""
    ids = shown_items(workspace, pair, user)
    messages = db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.workspace_id == workspace.id, SmsMessage.feedback_id.in_(ids))
        .order_by(SmsMessage.at, SmsMessage.id)
    )
    return [{"at": m.at, "text": m.text, "direction": m.direction.value} for m in messages]


@renderer("close_form")
def close_form(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> list[str]:
    """What closing an item requires on this side."""
    fields = rules_for(workspace).tables.required.get(Action.CLOSE, ())
    return [f.label_en if lang == "en" else f.label_sw for f in fields]


@renderer("ussd")
def ussd(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> list[str]:
    """The menus a citizen walks from *152*00#, then 9 and 2, on this side."""
    screens = screens_for(rules_for(workspace))
    name, shown = USSD_PATH[0], []
    for choice in (*USSD_PATH[1:], None):
        screen = screens.get(name) or {}
        shown.append(str((screen.get("text") or {}).get(lang, "")))
        step = (screen.get("options") or {}).get(choice or "", {})
        if choice is None or "go" not in step:
            break
        name = step["go"]
    return shown


@renderer("tracking")
def tracking(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> list[dict]:
    """What the citizen reads when tracking each shown item: status and the latest reply."""
    return [
        {"reference": i.reference, "status": i.status.label(lang), "reply": latest_reply(i) or ""}
        for i in _shown(workspace, pair, user)
    ]


@renderer("transfer")
def transfer(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> dict:
    """Whether a transfer waits for acceptance here, and where each shown item sits now."""
    transitions = rules_for(workspace).tables.transitions
    waits = (FeedbackType.COMPLAINT, Status.TRANSFER_PENDING, Action.TRANSFER_ACCEPT) in transitions
    rows = [
        {
            "reference": item.reference,
            "status": item.status.label(lang),
            "at": item.institution.name(lang),
            "awaiting": item.transfer_target.name(lang) if item.transfer_target else "",
            "transfers": item.transfer_count,
        }
        for item in _shown(workspace, pair, user)
    ]
    return {"needs_acceptance": waits, "items": rows}


@renderer("rating")
def rating(workspace: Workspace, pair: PreviewPair, user: User, lang: str) -> dict:
    """What the tracking page offers the citizen of each shown item: rating, appeal, given."""
    rows = []
    for item in _shown(workspace, pair, user):
        tracked = track(workspace, item)
        rows.append(
            {
                "reference": item.reference,
                "status": item.status.label(lang),
                "can_rate": Action.RATE in tracked.actions,
                "can_appeal": Action.REOPEN in tracked.actions,
                "rating": tracked.rating,
            }
        )
    return {"offered": offers_rating(workspace), "items": rows}
