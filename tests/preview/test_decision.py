"""The decision: admins only, a note required, closing feedback, reopening, a lost race."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.extensions import db
from sandbox.proposals.enums import JobRole, ProposalStatus
from sandbox.services.people.users import find_username
from sandbox.services.preview.decision import (
    Decision,
    DecisionRaced,
    DecisionRefused,
    decide_proposal,
)
from tests.preview.feedback_support import good_form, make_proposal, make_stakeholder, sign_in

URL = "/preview/proposals/sms-kila-hatua/decision"


@pytest.fixture
def proposal(demo_world):
    return make_proposal()


def decision_form(**changes) -> dict:
    return {
        "seen": "in_preview",
        "status": "accepted",
        "note": "Tuanze Januari",
        "rationale": "Wengi waliona inasaidia",
        "watch_after": "Gharama za SMS",
        "revisit_on": "2027-03-01",
        **changes,
    }


def test_an_admin_records_the_decision(client, login_as, proposal):
    login_as("msimamizi")
    assert client.get(URL).status_code == 200
    assert client.post(URL, data=decision_form()).status_code == 302
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.ACCEPTED
    assert (proposal.decision_note, proposal.watch_after) == ("Tuanze Januari", "Gharama za SMS")
    assert proposal.revisit_on == date(2027, 3, 1)
    assert proposal.decided_by_id == find_username("msimamizi").id
    assert proposal.decided_at is not None
    page = client.get("/preview/proposals/sms-kila-hatua/report").get_data(as_text=True)
    assert "Wengi waliona inasaidia" in page


@pytest.mark.parametrize(
    ("changes", "sw", "en"),
    [
        ({"note": ""}, "Andika kumbukumbu ya uamuzi.", "Write a decision note."),
        ({"status": ""}, "Chagua uamuzi.", "Choose a decision."),
        ({"status": "draft"}, "Si chaguo sahihi.", "Not a valid choice."),
        ({"revisit_on": "1/3/2027"}, "2026-11-30", "2026-11-30"),
        (
            {"status": "deferred", "revisit_on": ""},
            "inahitaji tarehe ya kuirudia",
            "needs a revisit date",
        ),
    ],
)
@pytest.mark.parametrize("language", ["sw", "en"])
def test_a_refused_decision_keeps_what_was_typed(
    client, login_as, proposal, changes, sw, en, language
):
    login_as("msimamizi")
    client.get(f"/lang/{language}")
    response = client.post(URL, data=decision_form(rationale="Maneno yangu", **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (en if language == "en" else sw) in page
    assert "Maneno yangu" in page
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.IN_PREVIEW


def test_a_decision_closes_feedback_and_reopening_opens_it(client, login_as, proposal):
    make_stakeholder("mdau.uamuzi", JobRole.OFFICER)
    admin = find_username("msimamizi")
    decide_proposal(proposal.key, Decision(ProposalStatus.REJECTED, "Si sasa"), admin)
    sign_in(client, "mdau.uamuzi")
    feedback = "/preview/proposals/sms-kila-hatua/feedback"
    assert client.post(feedback, data=good_form()).status_code == 409
    with pytest.raises(DecisionRefused):
        decide_proposal(proposal.key, Decision(ProposalStatus.ACCEPTED, "Ndiyo"), admin)
    decide_proposal(proposal.key, Decision(ProposalStatus.IN_PREVIEW, "Toleo jipya"), admin)
    assert proposal.status is ProposalStatus.IN_PREVIEW
    assert proposal.decision_note == "Toleo jipya"
    assert client.post(feedback, data=good_form()).status_code == 302


def test_reopening_needs_a_note(proposal):
    admin = find_username("msimamizi")
    decide_proposal(proposal.key, Decision(ProposalStatus.ACCEPTED, "Ndiyo"), admin)
    with pytest.raises(DecisionRefused):
        decide_proposal(proposal.key, Decision(ProposalStatus.IN_PREVIEW, "  "), admin)


def test_a_decision_raced_by_another_admin_is_told_not_overwritten(client, login_as, proposal):
    admin = find_username("msimamizi")
    login_as("msimamizi")
    decide_proposal(proposal.key, Decision(ProposalStatus.REJECTED, "Kwanza"), admin)
    response = client.post(URL, data=decision_form())  # the form was opened before
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Msimamizi mwingine" in page
    for typed in ("Tuanze Januari", "Wengi waliona inasaidia", "Gharama za SMS", "2027-03-01"):
        assert typed in page  # what the admin typed is kept, not lost with the race
    db.session.refresh(proposal)
    assert (proposal.status, proposal.decision_note) == (ProposalStatus.REJECTED, "Kwanza")
    with pytest.raises(DecisionRaced):
        decide_proposal(
            proposal.key,
            Decision(ProposalStatus.ACCEPTED, "Pili", seen_status=ProposalStatus.IN_PREVIEW),
            admin,
        )


@pytest.mark.parametrize("username", ["mwezeshaji", "mdau", "afisa.dodoma"])
def test_only_admins_decide(client, login_as, proposal, username):
    login_as(username)
    assert client.get(URL).status_code == 404
    assert client.post(URL, data=decision_form()).status_code == 404
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.IN_PREVIEW
