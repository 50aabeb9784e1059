"""The shape of ``seed_data/proposals.yaml``: one entry per code-backed proposal.

Decisions (written down):

- ``key`` is a slug (``auto-escalation``), unique across the file; ``version`` an integer
  from 1. A higher version in the data updates the stored proposal's text (``services/
  preview/proposals.sync_proposals``); its status and decision fields never come from data.
- Every text (``asked_by``, ``title``, ``summary``, ``problem``, ``changes``) is given in
  Swahili and English, both non-empty.
- ``toggle`` is a value of ``workflow.behaviour.Toggle``; ``walkthrough`` names a scenario
  file of ``scenarios/walkthroughs/`` (its id: scenario ids are slugs, so
  ``auto-escalation``, never ``auto_escalation``); ``screens`` come from ``SCREENS``.
- A screen's name is an id for data and the CSV; people read its label (``SCREEN_LABELS``,
  both languages, the compare page's titles) wherever a screen is named to them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sandbox.scenarios.schema import Bilingual, Model, Slug
from sandbox.workflow import Toggle

SCREENS = ("desk_item", "close_form", "transfer", "sms_outbox", "ussd", "tracking", "rating")
ScreenName = Literal[
    "desk_item", "close_form", "transfer", "sms_outbox", "ussd", "tracking", "rating"
]

SCREEN_LABELS: dict[str, tuple[str, str]] = {
    "desk_item": ("Mrejesho kwenye dawati", "The item at the desk"),
    "close_form": ("Kinachohitajika kufunga", "What closing requires"),
    "transfer": ("Uhamisho", "Transfer"),
    "sms_outbox": ("SMS kwa mwananchi", "SMS to the citizen"),
    "ussd": ("Skrini za USSD", "USSD screens"),
    "tracking": ("Jibu la ufuatiliaji kwa mwananchi", "The citizen's tracking answer"),
    "rating": ("Tathmini ya mwananchi", "The citizen's rating"),
}


def screen_label(name: str, language: str) -> str:
    """A screen's label in ``language`` (an unknown name as it is)."""
    words = SCREEN_LABELS.get(name)
    return name if words is None else words[language == "en"]


class ProposalEntry(Model):
    """One code-backed proposal as the data file writes it."""

    key: Slug
    version: int = Field(ge=1)
    toggle: Toggle | None = None
    walkthrough: Slug | None = None
    screens: list[ScreenName] = []
    asked_by: Bilingual
    title: Bilingual
    summary: Bilingual
    problem: Bilingual
    changes: Bilingual
