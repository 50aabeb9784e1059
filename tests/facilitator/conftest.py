"""Fixtures for the facilitator console: the demo world with its facilitator, a cohort they
run, a cohort another facilitator runs, and trainees who joined."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.services.people.accounts import NewAccount, create_account
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort

PIN = "4821"


@pytest.fixture
def facilitator(demo_world):
    """The demo world's facilitator persona (``mwezeshaji``)."""
    return find_username("mwezeshaji")


@pytest.fixture
def other_facilitator(demo_world):
    """A second facilitator of the installation, made by the administrator."""
    admin = find_username("msimamizi")
    return create_account(
        admin,
        NewAccount("mwezeshaji.pili", "Mwezeshaji wa Pili", "facilitator", "Nenosiri-la-pili-42"),
    )


@pytest.fixture
def cohort(facilitator):
    """An open cohort run by the demo facilitator, starting on Monday 9 November 2026."""
    return create_cohort(
        "Warsha ya Dodoma", seed=3, start=date(2026, 11, 9), facilitator=facilitator
    )


@pytest.fixture
def make_trainee(cohort):
    """Factory: make_trainee("Asha Mushi") joins ``cohort`` (service, no browser)."""

    def make(name: str = "Asha Mushi", pin: str = PIN, **extra):
        return join_cohort(JoinRequest(cohort.join_code, name, pin, **extra))

    return make
