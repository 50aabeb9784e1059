"""Plain factories for the feedback, report and decision tests (no fixtures: call them)."""

from __future__ import annotations

import re
from datetime import date, datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution, Region
from sandbox.models.proposal import (
    Invitation,
    Proposal,
    ProposalFeedback,
    Stakeholder,
    WalkthroughStep,
)
from sandbox.proposals.enums import (
    Helpfulness,
    JobRole,
    ProposalStatus,
    Respondent,
    Side,
)
from sandbox.services.people.accounts import NewAccount, create_account
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort

PIN = "4821"
PASSWORD = "Nenosiri-la-mdau-42"
MOMENT = datetime(2026, 11, 30, 9, 0)


def make_proposal(key: str = "sms-kila-hatua", **changes) -> Proposal:
    """A text-only proposal in preview (``changes`` override any column)."""
    fields = {
        "key": key,
        "version": 1,
        "title_sw": "SMS kwa mwananchi kila hatua",
        "title_en": "An SMS to the citizen at every step",
        "summary_sw": "Mwananchi anapata SMS kila hali inapobadilika.",
        "summary_en": "The citizen gets an SMS whenever the status changes.",
        "screens": ["inbox", "item"],
        "walkthrough": "sms-walkthrough",
        "status": ProposalStatus.IN_PREVIEW,
        "created_at": MOMENT,
        "updated_at": MOMENT,
    }
    proposal = Proposal(**{**fields, **changes})
    db.session.add(proposal)
    db.session.commit()
    return proposal


def make_stakeholder(username: str, job_role: JobRole | None = JobRole.HEAD, invited=True):
    """A stakeholder login (institution and region of the first ones) with a profile."""
    admin = find_username("msimamizi")
    institution = db.session.scalar(sa.select(Institution).order_by(Institution.id))
    user = create_account(admin, NewAccount(username, f"Mdau {username}", "stakeholder", PASSWORD))
    user.institution_id = institution.id
    user.region_id = db.session.scalar(sa.select(Region.id).order_by(Region.id))
    if job_role is not None:
        profile = Stakeholder(user_id=user.id, job_role=job_role, joined_at=MOMENT)
        profile.invitation_id = make_invitation().id if invited else None
        db.session.add(profile)
    db.session.commit()
    return user


def make_invitation():
    """An invitation code (unique per call)."""
    count = db.session.scalar(sa.select(sa.func.count(Invitation.id))) or 0
    invitation = Invitation(
        code=f"INV{count + 1:05d}",
        label="Wizara",
        expires_at=datetime(2027, 1, 1),
        created_at=MOMENT,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def make_cohort(name: str = "Warsha ya maoni", collects: bool = True):
    """A cohort of the demo facilitator, collecting proposal feedback or not."""
    cohort = create_cohort(
        name, seed=3, start=date(2026, 11, 9), facilitator=find_username("mwezeshaji")
    )
    cohort.collects_proposal_feedback = collects
    db.session.commit()
    return cohort


def make_trainee(cohort, name: str = "Asha Mushi"):
    """A trainee who joined ``cohort``; their enrolment."""
    return join_cohort(JoinRequest(cohort.join_code, name, PIN))


def sign_in_trainee(client, enrolment) -> None:
    """Sign the client in as the trainee."""
    client.post("/logout")
    response = client.post(
        "/join/signin", data={"personal_code": enrolment.personal_code, "pin": PIN}
    )
    assert response.status_code == 302


def sign_in(client, username: str, password: str = PASSWORD) -> None:
    """Sign the client in with a username and password."""
    client.post("/logout")
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302


def opened_stamp(client, url: str) -> str:
    """The stamp of the answer the feedback form at ``url`` is opened with (its hidden field)."""
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'id="opened" name="opened" type="hidden" value="([^"]*)"', page)
    return found.group(1) if found else ""


def good_form(**changes) -> dict:
    """A valid feedback form, as a browser sends it."""
    return {
        "rating": "4",
        "helps": "yes",
        "ease": "5",
        "concerns": ["workload", "training"],
        "concern_text": "",
        "comment": "Itasaidia sana",
        "screen": "inbox",
        **changes,
    }


def add_answer(proposal, user, **changes) -> ProposalFeedback:
    """An answer row written directly (for report tests)."""
    fields = {
        "proposal_id": proposal.id,
        "proposal_version": proposal.version,
        "user_id": user.id,
        "respondent": Respondent.STAKEHOLDER,
        "rating": 4,
        "helps": Helpfulness.YES,
        "ease": 4,
        "concerns": [],
        "job_role": JobRole.OFFICER,
        "institution_kind": "council",
        "region": "Dodoma",
        "language": "sw",
        "created_at": MOMENT,
        "updated_at": MOMENT,
    }
    row = ProposalFeedback(**{**fields, **changes})
    db.session.add(row)
    db.session.commit()
    return row


def add_step(proposal, user, step: str, side: Side, seconds: int | None, refusals: int = 0):
    """A walkthrough step row, as the walkthrough engine writes it."""
    row = WalkthroughStep(
        user_id=user.id,
        proposal_id=proposal.id,
        proposal_version=proposal.version,
        side=side,
        step=step,
        started_at=MOMENT,
        completed_at=MOMENT if seconds is not None else None,
        seconds=seconds,
        refusals=refusals,
    )
    db.session.add(row)
    db.session.commit()
    return row
