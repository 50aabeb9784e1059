"""Fixtures for workflow tests (the factories themselves live in ``factories.py``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from sandbox.workflow import FeedbackState

from .factories import RECEIVED_AT, state_in


@pytest.fixture
def make_state() -> Callable[..., FeedbackState]:
    """Factory fixture: ``make_state(status, feedback_type, **overrides)``."""
    return state_in


@pytest.fixture
def now() -> datetime:
    """A time shortly after every timestamp ``state_in`` sets (inside the reopen window)."""
    return RECEIVED_AT + timedelta(days=5, hours=2)
