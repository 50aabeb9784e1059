"""What each toggle changes in the base tables, as data: ``OVERLAYS`` and ``OFF_OVERLAYS``.

An ``Overlay`` is laid over the base tables by ``behaviour.effective_tables``. ``OVERLAYS``
holds what a toggle changes while it is ON; ``OFF_OVERLAYS`` what it changes while it is OFF,
for toggles whose default (on) is today's behaviour and whose proposal is to take something
away (``transfer_acceptance``: off = immediate transfers; ``rating_and_appeal``: off = no rating
and no appeal). A workspace lays, for each toggle in declaration order, the ON overlay when the
toggle is on and the OFF overlay when it is off; the tables of each combination are computed
once (memoised), as before.

Decisions:
- ``status_sms`` adds a notice to every action that changes the status and had none (assign,
  start, the citizen's answer, transfer request and return, reopen). A reassignment keeps the
  status ``assigned`` yet sends the assign notice again: the citizen learns a new officer has it.
- An immediate transfer (``transfer_acceptance`` off) is the ``transfer_request`` action moving
  the item at once to the target's desk as ``acknowledged``, with the accepted transfer's effect
  and notice; accept and return disappear from every flow. The three-transfer cap still counts.
- ``root_cause_required`` needs ``root_cause`` on CLOSE for complaints only (suggestions,
  inquiries and compliments have no "cause"); the refusal says the workspace asks for it.
- ``ussd_region_first`` replaces the type menu's next step and adds a region list; the
  institution list's 0 goes back to the type menu (the list of matches holds one list at a
  time, so the region list is rebuilt from there).
- ``rating_and_appeal`` off removes RATE and REOPEN from every flow (the portal, the replay and
  the desk offer what the table allows, so they follow) and drops the closing SMS's invitation
  to rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sandbox.workflow.enums import Action, FeedbackType, Status
from sandbox.workflow.notices import NOTICES
from sandbox.workflow.rules import Context, Effect, Field, Guard
from sandbox.workflow.state import Command, FeedbackState
from sandbox.workflow.table import FLOWS, Moves
from sandbox.workflow.toggles import Toggle

Screen = Mapping[str, Any]
Notice = tuple[str, str]  # (Swahili, English)


def _empty() -> Mapping:
    """A fresh read-only empty mapping (the default of every overlay part)."""
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a registry constant
class Overlay:
    """What one toggle changes in the base tables; every part is optional data.

    ``removed`` takes actions out of a feedback type's flow before ``added`` puts moves
    in (so a move can be replaced); ``required`` and ``guards`` come on top of the
    base ones; ``effects``, ``ussd_screens`` (by screen name) and ``notices`` replace or
    add entries.
    """

    added: Mapping[FeedbackType, Moves] = field(default_factory=_empty)
    removed: Mapping[FeedbackType, frozenset[Action]] = field(default_factory=_empty)
    required: Mapping[Action, tuple[Field, ...]] = field(default_factory=_empty)
    guards: Mapping[Action, Guard] = field(default_factory=_empty)
    effects: Mapping[Action, Effect] = field(default_factory=_empty)
    ussd_screens: Mapping[str, Screen] = field(default_factory=_empty)
    notices: Mapping[Action, Notice] = field(default_factory=_empty)


def for_every_type(value: Any) -> Mapping[FeedbackType, Any]:
    """The same overlay part for every feedback type (e.g. moves removed from all flows)."""
    return MappingProxyType(dict.fromkeys(FeedbackType, value))


# --- status_sms ---------------------------------------------------------------------------

STATUS_NOTICES: Mapping[Action, Notice] = MappingProxyType(
    {
        Action.ASSIGN: (
            "e-Mrejesho (MAFUNZO): {reference} imepangiwa afisa wa {institution}.",
            "e-Mrejesho (TRAINING): {reference} was assigned to an officer of {institution}.",
        ),
        Action.START: (
            "e-Mrejesho (MAFUNZO): {institution} imeanza kushughulikia {reference}.",
            "e-Mrejesho (TRAINING): {institution} started working on {reference}.",
        ),
        Action.CITIZEN_REPLIED: (
            "e-Mrejesho (MAFUNZO): Jibu lako kuhusu {reference} limepokelewa; kazi inaendelea.",
            "e-Mrejesho (TRAINING): Your answer on {reference} was received; work goes on.",
        ),
        Action.TRANSFER_REQUEST: (
            "e-Mrejesho (MAFUNZO): {institution} imeomba kuhamisha {reference} kwa taasisi "
            "inayohusika.",
            "e-Mrejesho (TRAINING): {institution} asked to transfer {reference} to the "
            "institution concerned.",
        ),
        Action.TRANSFER_RETURN: (
            "e-Mrejesho (MAFUNZO): {reference} imebaki {institution}, itashughulikiwa hapo.",
            "e-Mrejesho (TRAINING): {reference} stays with {institution}, which will handle it.",
        ),
        Action.REOPEN: (
            "e-Mrejesho (MAFUNZO): Rufaa ya {reference} imepokelewa; {institution} itaiangalia "
            "upya.",
            "e-Mrejesho (TRAINING): The appeal on {reference} was received; {institution} will "
            "look at it again.",
        ),
    }
)

# --- transfer_acceptance (off) ------------------------------------------------------------


def _transferred_at_once(
    state: FeedbackState, cmd: Command, now: datetime, ctx: Context
) -> dict[str, Any]:
    """Move the item to the target now: the accepted transfer's effect, without the wait."""
    return {
        "institution_id": cmd.target_institution_id,
        "transfer_count": state.transfer_count + 1,
        "transfer_target_id": None,
        "status_before_transfer": None,
        "assignee_id": None,
        "acknowledged_at": state.acknowledged_at or now,
    }


IMMEDIATE_TRANSFER = Overlay(
    removed=for_every_type(frozenset({Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN})),
    added=MappingProxyType(
        {
            kind: MappingProxyType(
                {Action.TRANSFER_REQUEST: (moves[Action.TRANSFER_REQUEST][0], Status.ACKNOWLEDGED)}
            )
            for kind, moves in FLOWS.items()
        }
    ),
    effects=MappingProxyType({Action.TRANSFER_REQUEST: _transferred_at_once}),
    notices=MappingProxyType({Action.TRANSFER_REQUEST: NOTICES[Action.TRANSFER_ACCEPT]}),
)

# --- root_cause_required --------------------------------------------------------------------

ROOT_CAUSE = Field(
    "root_cause",
    "chanzo cha lalamiko",
    "the complaint's root cause",
    only_for=frozenset({FeedbackType.COMPLAINT}),
    why=(
        "Eneo hili linahitaji chanzo cha kila lalamiko kabla ya kulifunga.",
        "This workspace asks for every complaint's root cause before it is closed.",
    ),
)

# --- rating_and_appeal (off) ----------------------------------------------------------------

CLOSED_WITHOUT_RATING: Notice = (
    "e-Mrejesho (MAFUNZO): {reference} imefungwa. Asante kwa kutumia e-Mrejesho.",
    "e-Mrejesho (TRAINING): {reference} is closed. Thank you for using e-Mrejesho.",
)

NO_RATING_NOR_APPEAL = Overlay(
    removed=for_every_type(frozenset({Action.RATE, Action.REOPEN})),
    notices=MappingProxyType({Action.CLOSE: CLOSED_WITHOUT_RATING}),
)

# --- ussd_region_first ---------------------------------------------------------------------
# Screens in the data language of ``sandbox.channels.ussd.menus`` (the channel lays them over
# its base screens). The type menu leads to the region list (national institutions first),
# the region to its institutions; 0 on the institutions goes back to the type menu, which
# lists the regions again.


def _to_regions(feedback_type: str) -> dict[str, Any]:
    """A type option that stores the type and opens the region list."""
    return {"store": {"type": feedback_type}, "action": "regions", "go": "region"}


REGION_FIRST_SCREENS: Mapping[str, Screen] = MappingProxyType(
    {
        "type": {
            "kind": "menu",
            "back": "emrejesho",
            "text": {
                "sw": "Aina ya mrejesho:\n1. Lalamiko\n2. Pendekezo\n3. Ulizo\n4. Pongezi\n0. Rudi",
                "en": "Type of feedback:\n1. Complaint\n2. Suggestion\n3. Inquiry\n"
                "4. Compliment\n0. Back",
            },
            "options": {
                "1": _to_regions("complaint"),
                "2": _to_regions("suggestion"),
                "3": _to_regions("inquiry"),
                "4": _to_regions("compliment"),
            },
        },
        "region": {
            "kind": "list",
            "back": "type",
            "pick_as": "region",
            "text": {"sw": "Chagua mkoa:", "en": "Choose the region:"},
            "more": {"sw": "98. Zaidi", "en": "98. More"},
            "footer": {"sw": "0. Rudi", "en": "0. Back"},
            "step": {"action": "in_region", "go": "pick"},
        },
        "pick": {
            "kind": "list",
            "back": "type",
            "text": {"sw": "Chagua taasisi:", "en": "Choose the institution:"},
            "more": {"sw": "98. Zaidi", "en": "98. More"},
            "footer": {"sw": "0. Rudi", "en": "0. Back"},
            "step": {"go": "description"},
        },
    }
)

# --- the registries -------------------------------------------------------------------------

OVERLAYS: Mapping[Toggle, Overlay] = MappingProxyType(
    {
        Toggle.STATUS_SMS: Overlay(notices=STATUS_NOTICES),
        Toggle.ROOT_CAUSE_REQUIRED: Overlay(
            required=MappingProxyType({Action.CLOSE: (ROOT_CAUSE,)})
        ),
        Toggle.USSD_REGION_FIRST: Overlay(ussd_screens=REGION_FIRST_SCREENS),
    }
)
"""What a toggle changes while it is ON."""

OFF_OVERLAYS: Mapping[Toggle, Overlay] = MappingProxyType(
    {
        Toggle.TRANSFER_ACCEPTANCE: IMMEDIATE_TRANSFER,
        Toggle.RATING_AND_APPEAL: NO_RATING_NOR_APPEAL,
    }
)
"""What a toggle changes while it is OFF (toggles whose default is today's behaviour)."""
