"""Deterministic synthetic feedback: one row and a coherent event history per item.

Pure Python (no Flask, no database session, no wall clock): ``generate(catalog, ...)``
yields ``GeneratedItem(feedback, events)`` dicts ready for Core inserts; the caller adds
``workspace_id`` and, for events, ``feedback_id``. The same catalog, seed and ``now`` give
the same items; histories are driven through ``workflow.apply`` step by step, so every
event is a legal transition and the row holds the final state.

Event ``detail`` is a short machine-readable ``key:value`` string:

- ``channel:<Channel value>``      SUBMIT
- ``assignee:<user id>``           ASSIGN
- ``institution:<id>``             TRANSFER_REQUEST (the target), TRANSFER_ACCEPT (the new
                                   owner), TRANSFER_RETURN (the institution that returned it)
- ``resolution:<Resolution value>`` CLOSE
- ``rejection:<RejectionReason value>`` REJECT
- ``rating:<1-5>``                 RATE
- ``escalation:<EscalationLevel value>`` ESCALATE (the new level), DIRECTIVE (the level
                                   of the leader giving it)
- ``""``                           every other action

Actors: staff ``actor_id`` and display name for officer and head actions; ``actor_id``
None with ``actor_label`` "Mwananchi" for the citizen, "Mfumo" for the system
(automatic escalation) and a leader's title for a leader's directive.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from sandbox.seeding.data import SeedData, template_slots
from sandbox.seeding.plans import PLANS, Step
from sandbox.seeding.provider import make_faker
from sandbox.workflow import (
    DEFAULT_POLICY,
    TANZANIA,
    Action,
    Channel,
    Command,
    ComplainantType,
    EscalationLevel,
    FeedbackState,
    FeedbackType,
    RejectionReason,
    Resolution,
    SlaPolicy,
    Status,
    WorkingCalendar,
    apply,
    format_reference,
    submit,
)
