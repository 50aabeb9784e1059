"""What a citizen tracking an item is told about its deadline (``tracking_deadline``), as data.

Decisions: the date given is the **response** deadline (the one a citizen waits for), in the
workspace's working days (pauses already moved it); while the institution waits for the
citizen the clock is paused and the line says so; past the date the line says it is late;
an answered, closed or rejected item gets no line. Every channel asks the same function, so
the portal, ``*152*00#`` and the SMS ``FUATILIA`` reply agree; where the toggle is off they
say what they said before.
"""

from __future__ import annotations

from datetime import datetime

from sandbox.workflow.behaviour import WorkspaceRules
from sandbox.workflow.enums import Status
from sandbox.workflow.state import FeedbackState
from sandbox.workflow.toggles import Toggle

DUE_BY = ("Jibu linatarajiwa kabla ya {date}.", "A response is due by {date}.")
LATE = (
    "Jibu lilitakiwa kabla ya {date}; limechelewa.",
    "A response was due by {date}; it is late.",
)
PAUSED = (
    "Muda umesimama: taasisi inasubiri jibu lako.",
    "The clock is paused: the institution waits for your answer.",
)


def citizen_deadline(
    state: FeedbackState, now: datetime, rules: WorkspaceRules
) -> tuple[str, str] | None:
    """The deadline sentence (Swahili, English) at ``now``, or None (off, or answered)."""
    if not rules.is_on(Toggle.TRACKING_DEADLINE) or not state.status.is_open:
        return None
    if state.status is Status.AWAITING_CITIZEN:
        return PAUSED
    sentence = LATE if now > state.respond_due else DUE_BY
    day = _day(state.respond_due)
    return sentence[0].format(date=day), sentence[1].format(date=day)


def _day(moment: datetime) -> str:
    """A date as citizens write it: 14/12/2026."""
    return moment.strftime("%d/%m/%Y")
