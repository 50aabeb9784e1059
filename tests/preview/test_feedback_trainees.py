"""Trainees' opinions: only while their own cohort collects them; they survive every reset."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.proposal import ProposalFeedback
from sandbox.proposals.enums import JobRole, Respondent
from sandbox.services.facilitation.resets import plan_reset, plan_restore, run_reset, undo_reset
from sandbox.services.facilitation.snapshots import named_snapshot, save_snapshot
from sandbox.services.people.accounts import NewAccount, create_account
from sandbox.services.people.users import find_username
from sandbox.services.training.library import scenario_library
from tests.preview.feedback_support import (
    good_form,
    make_cohort,
    make_proposal,
    make_trainee,
    sign_in,
    sign_in_trainee,
)

URL = "/preview/proposals/sms-kila-hatua/feedback"


@pytest.fixture
def cohort(demo_world):
    make_proposal()
    return make_cohort(collects=True)


def rows():
    return db.session.scalars(sa.select(ProposalFeedback)).all()


def test_a_trainee_answers_with_the_role_they_give(client, cohort):
    enrolment = make_trainee(cohort)
    sign_in_trainee(client, enrolment)
    assert 'data-testid="opinions-link"' in client.get("/training/scenarios").get_data(as_text=True)
    assert 'name="job_role"' in client.get(URL).get_data(as_text=True)
    assert client.post(URL, data=good_form(job_role="officer")).status_code == 302
    (row,) = rows()
    assert row.respondent is Respondent.TRAINEE and row.cohort_id == cohort.id
    assert row.job_role is JobRole.OFFICER
    assert (row.institution_kind, row.region) == ("", "")


def test_not_asked_while_their_cohort_does_not_collect(client, cohort):
    quiet = make_cohort("Warsha kimya", collects=False)
    enrolment = make_trainee(quiet, "Juma Ali")
    sign_in_trainee(client, enrolment)
    assert 'data-testid="opinions-link"' not in client.get("/training/scenarios").get_data(
        as_text=True
    )
    assert client.get(URL).status_code == 404
    assert client.post(URL, data=good_form(job_role="officer")).status_code == 404
    assert client.get("/preview/opinions").status_code == 404
    assert rows() == []


def test_the_facilitator_switches_it_on_and_off(client, login_as, demo_world):
    make_proposal()
    cohort = make_cohort(collects=False)
    login_as("mwezeshaji")
    hub = client.get(f"/facilitator/cohorts/{cohort.id}").get_data(as_text=True)
    assert f"/facilitator/cohorts/{cohort.id}/proposal-feedback" in hub
    page = f"/facilitator/cohorts/{cohort.id}/proposal-feedback"
    assert client.post(page, data={"collect": "1"}).status_code == 302
    db.session.refresh(cohort)
    assert cohort.collects_proposal_feedback is True
    assert client.post(page, data={"collect": "maybe"}).status_code == 422
    client.post(page, data={"collect": "0"})
    db.session.refresh(cohort)
    assert cohort.collects_proposal_feedback is False


def test_another_facilitators_cohort_is_not_found(client, demo_world):
    cohort = make_cohort(collects=False)
    admin = find_username("msimamizi")
    password = "Nenosiri-la-pili-42"
    create_account(admin, NewAccount("mwezeshaji.pili", "Mwezeshaji", "facilitator", password))
    sign_in(client, "mwezeshaji.pili", password)
    page = f"/facilitator/cohorts/{cohort.id}/proposal-feedback"
    assert client.post(page, data={"collect": "1"}).status_code == 404
    db.session.refresh(cohort)
    assert cohort.collects_proposal_feedback is False


def test_feedback_survives_every_kind_of_reset(client, cohort):
    enrolment = make_trainee(cohort)
    sign_in_trainee(client, enrolment)
    client.post(URL, data=good_form(job_role="officer", comment="Inadumu"))
    facilitator = find_username("mwezeshaji")
    library = scenario_library()
    save_snapshot(cohort, "kabla", facilitator)
    run_reset(plan_reset(cohort, library, personal_code=enrolment.personal_code), facilitator)
    run_reset(plan_reset(cohort, library), facilitator)
    record = run_reset(plan_restore(cohort, named_snapshot(cohort, "kabla")), facilitator)
    undo_reset(cohort, record.id, facilitator)
    (row,) = rows()
    assert row.comment == "Inadumu" and row.cohort_id == cohort.id
