"""Fixtures of the training screens: a cohort, and trainees who joined it."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort

PIN = "4821"


@pytest.fixture
def cohort(app_ctx):
    """An open cohort starting on Monday 9 November 2026."""
    return create_cohort("Warsha ya Dodoma", seed=3, start=date(2026, 11, 9))


@pytest.fixture
def make_trainee(cohort):
    """Factory: make_trainee("Asha Mushi", phone=...) joins the cohort (service, no browser)."""

    def make(name: str = "Asha Mushi", pin: str = PIN, **extra):
        return join_cohort(JoinRequest(cohort.join_code, name, pin, **extra))

    return make


def join_form(cohort, **changes) -> dict:
    """The join form as a trainee fills it, with ``changes``."""
    return {
        "join_code": cohort.join_code.lower(),
        "name": "Asha Mushi",
        "home_institution": "Halmashauri ya Bahi",
        "phone": "0712 345 678",
        "pin": PIN,
        "pin_confirm": PIN,
        **changes,
    }
