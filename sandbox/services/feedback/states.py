"""Translate between a Feedback row and the workflow's FeedbackState."""

from __future__ import annotations

from dataclasses import fields

from sandbox.models import Feedback
from sandbox.workflow import FeedbackState

STATE_FIELDS = tuple(f.name for f in fields(FeedbackState))


def state_of(item: Feedback) -> FeedbackState:
    """The domain's view of a stored item."""
    return FeedbackState(**{name: getattr(item, name) for name in STATE_FIELDS})


def store_state(item: Feedback, state: FeedbackState) -> None:
    """Copy a new domain state onto the row, version included (the UPDATE checks the old one)."""
    for name in STATE_FIELDS:
        setattr(item, name, getattr(state, name))
