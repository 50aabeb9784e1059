"""The console's cohorts: a facilitator runs their own, an administrator every one, and a
cohort run by someone else does not exist for the user (404)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.facilitation.cohorts import cohort_run_by, cohorts_run_by
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import CohortRefused, create_cohort


def test_a_facilitator_runs_their_own_cohorts_and_an_administrator_every_one(
    cohort, facilitator, other_facilitator
):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    unowned = create_cohort("Warsha ya CLI", seed=5)

    assert [c.name for c, _ in cohorts_run_by(facilitator)] == ["Warsha ya Dodoma"]
    assert [c.name for c, _ in cohorts_run_by(other_facilitator)] == ["Warsha ya Mwanza"]
    admin = find_username("msimamizi")
    assert {c.name for c, _ in cohorts_run_by(admin)} == {
        "Warsha ya Dodoma",
        "Warsha ya Mwanza",
        "Warsha ya CLI",
    }
    assert cohort_run_by(facilitator, theirs.id) is None
    assert cohort_run_by(facilitator, unowned.id) is None
    assert cohort_run_by(admin, unowned.id) is unowned


def test_the_console_lists_and_opens_only_the_users_cohorts(
    client, login_as, cohort, other_facilitator, make_trainee
):
    make_trainee("Asha Mushi")
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    login_as("mwezeshaji")

    listing = client.get("/facilitator/").get_data(as_text=True)
    assert "Warsha ya Dodoma" in listing and "Warsha ya Mwanza" not in listing
    page = client.get(f"/facilitator/cohorts/{cohort.id}")
    assert page.status_code == 200 and "Warsha ya Dodoma" in page.get_data(as_text=True)
    assert client.get(f"/facilitator/cohorts/{theirs.id}").status_code == 404
    assert client.get("/facilitator/cohorts/999999").status_code == 404


def test_roles_without_cohorts_are_told_nothing_exists(client, login_as, cohort, make_trainee):
    enrolment = make_trainee("Asha Mushi")
    for username in ("afisa.dodoma", "mkuu.dodoma", "kiongozi.dodoma", "mdau"):
        login_as(username)
        assert client.get(f"/facilitator/cohorts/{cohort.id}").status_code == 404, username
        assert client.get("/facilitator/").status_code == 404, username
        client.post("/logout")
    client.post("/join/signin", data={"personal_code": enrolment.personal_code, "pin": "4821"})
    assert client.get(f"/facilitator/cohorts/{cohort.id}").status_code == 404
    assert client.get("/facilitator/").status_code == 404


def test_the_menu_offers_cohorts_to_a_facilitator(client, login_as, demo_world):
    login_as("mwezeshaji", DEMO_PASSWORD)
    assert 'href="/facilitator/"' in client.get("/").get_data(as_text=True)


def test_the_command_line_names_the_facilitator(runner, demo_world):
    made = runner.invoke(
        args=[
            "cohort",
            "create",
            "Warsha ya Arusha",
            "--seed",
            "7",
            "--start",
            "2026-12-01",
            "--facilitator",
            "MWEZESHAJI",
        ]
    )
    assert made.exit_code == 0, made.output
    [(made_cohort, _)] = cohorts_run_by(find_username("mwezeshaji"))
    assert (made_cohort.name, made_cohort.start_at.date()) == (
        "Warsha ya Arusha",
        date(2026, 12, 1),
    )
    refused = runner.invoke(args=["cohort", "create", "X", "--facilitator", "afisa.dodoma"])
    assert refused.exit_code != 0 and "No facilitator 'afisa.dodoma'" in refused.output


@pytest.mark.parametrize("start", [date(9999, 12, 31), date(1, 1, 1), date(1999, 12, 31)])
def test_a_start_date_outside_the_sandbox_s_calendar_is_refused(facilitator, start):
    """A tester's cohort starting on 9999-12-31 made every join a 500 (a date overflow)."""
    with pytest.raises(CohortRefused, match="between 2000-01-01 and 2099-12-31"):
        create_cohort("Mbali sana", seed=1, start=start, facilitator=facilitator)


def test_the_console_refuses_an_extreme_start_in_the_user_s_language(client, login_as, demo_world):
    login_as("mwezeshaji")
    form = {"name": "Mbali sana", "seed": "1", "start": "9999-12-31", "language": "sw"}
    answer = client.post("/facilitator/cohorts/new", data=form)
    assert answer.status_code == 422
    assert "Tarehe ya kuanza iwe kati ya 2000-01-01 na 2099-12-31" in answer.get_data(as_text=True)


def test_control_characters_never_reach_a_cohort_s_name(facilitator):
    assert create_cohort("Warsha\x00 ya\u200b\tPwani", seed=2, facilitator=facilitator).name == (
        "Warsha ya Pwani"
    )
