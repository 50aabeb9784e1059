"""Fixtures for the training services and screens: a throw-away workspace with a trainee,
scenarios, a cohort and trainees who joined it."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from sandbox.scenarios.loader import SCENARIOS_DIR, load_file
from sandbox.scenarios.schema import Scenario
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.trial import throwaway_workspace
from tests.scenarios.factories import MINIMAL

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


def text(response) -> str:
    """A response's body as text."""
    return response.get_data(as_text=True)


def sign_in(client, enrolment, pin: str = PIN) -> None:
    """Sign the client out, then back in as the trainee with their personal code and PIN."""
    client.post("/logout")
    response = client.post(
        "/join/signin", data={"personal_code": enrolment.personal_code, "pin": pin}
    )
    assert response.status_code == 302


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


@pytest.fixture
def desk(app_ctx):
    """(workspace, trainee) in a throw-away workspace, discarded afterwards."""
    with throwaway_workspace() as pair:
        yield pair


@pytest.fixture
def shipped():
    """Factory: shipped("kuthibitisha-kwa-wakati") — a shipped scenario."""
    return lambda scenario_id: load_file(SCENARIOS_DIR / f"{scenario_id}.yaml")


@pytest.fixture
def scenario_from():
    """Factory: scenario_from(steps=…, setup=…) — the minimal scenario with changes."""

    def make(**changes) -> Scenario:
        return Scenario.model_validate(copy.deepcopy(MINIMAL) | changes)

    return make
