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
