"""The feedback form: who is asked, validation in both languages, one answer edited, closing."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.proposal import ProposalFeedback
from sandbox.proposals.enums import JobRole, ProposalStatus, Respondent, Side
from sandbox.services.preview import feedback as service
from tests.preview.feedback_support import (
    add_step,
    good_form,
    make_proposal,
    make_stakeholder,
    opened_stamp,
    sign_in,
)

URL = "/preview/proposals/sms-kila-hatua/feedback"


def rows():
    return db.session.scalars(sa.select(ProposalFeedback)).all()


@pytest.fixture
def proposal(demo_world):
    return make_proposal()


@pytest.fixture
def stakeholder(client, proposal):
    user = make_stakeholder("mdau.afya", JobRole.HEAD)
    sign_in(client, "mdau.afya")
    return user


def test_the_form_offers_general_screens_and_walkthrough_steps(client, stakeholder, proposal):
    add_step(proposal, stakeholder, "fungua-kisanduku", Side.BEFORE, 12)
    page = client.get(URL).get_data(as_text=True)
    assert 'value="general"' in page and 'value="inbox"' in page
    assert 'value="fungua-kisanduku"' in page
    assert 'name="job_role"' not in page  # the profile says it


def test_saving_copies_the_profile_and_the_page_language(client, stakeholder, proposal):
    client.get("/lang/en")
    response = client.post(URL, data=good_form())
    assert response.status_code == 302
    (row,) = rows()
    assert (row.rating, row.helps.value, row.ease) == (4, "yes", 5)
    assert row.concerns == ["workload", "training"] and row.screen == "inbox"
    assert row.job_role is JobRole.HEAD and row.respondent is Respondent.STAKEHOLDER
    assert row.institution_kind == stakeholder.institution.kind.value
    assert row.region == stakeholder.region.name
    assert row.language == "en" and row.proposal_version == 1 and row.cohort_id is None


def edit(client, **changes):
    """Open the form (as a browser does) and send it with ``changes``."""
    return client.post(URL, data=good_form(opened=opened_stamp(client, URL), **changes))


def test_a_second_answer_edits_the_first(client, stakeholder):
    client.post(URL, data=good_form())
    assert edit(client, rating="2", comment="Nimebadili mawazo").status_code == 302
    (row,) = rows()
    assert row.rating == 2 and row.comment == "Nimebadili mawazo"
    page = client.get(URL).get_data(as_text=True)
    assert "Nimebadili mawazo" in page
    assert re.search(r'<input checked id="rating-1"[^>]*value="2"', page)


@pytest.mark.parametrize(
    ("field", "value", "sw", "en"),
    [
        ("rating", None, "Chagua alama kuanzia 1 hadi 5.", "Choose a rating from 1 to 5."),
        ("rating", "9", "Si chaguo sahihi.", "Not a valid choice"),
        ("helps", None, "Sema kama ingesaidia taasisi yako.", "Say whether it would help"),
        ("ease", None, "Chagua urahisi wake", "Choose how easy it was"),
        ("concerns", ["hacking"], "si chaguo sahihi kwa sehemu hii", "is not a valid choice"),
        ("comment", "x" * 2001, "Herufi zisizozidi 2000.", "At most 2000 characters."),
        ("concern_text", "x" * 1001, "Herufi zisizozidi 1000.", "At most 1000 characters."),
        ("screen", "nowhere", "Si chaguo sahihi.", "Not a valid choice"),
    ],
)
@pytest.mark.parametrize("language", ["sw", "en"])
def test_bad_input_keeps_what_was_typed(client, stakeholder, field, value, sw, en, language):
    client.get(f"/lang/{language}")
    form = good_form(comment="Maneno yangu yabaki")
    if field == "comment":
        form = good_form()
    form[field] = value
    if value is None:
        del form[field]
    response = client.post(URL, data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (en if language == "en" else sw) in page
    if field != "comment":
        assert "Maneno yangu yabaki" in page
    assert rows() == []


def test_two_tabs_the_older_form_is_refused_and_keeps_what_was_typed(client, stakeholder):
    client.post(URL, data=good_form(comment="Ya kwanza"))
    first_tab = second_tab = opened_stamp(client, URL)
    assert (
        client.post(URL, data=good_form(opened=second_tab, comment="Tab ya pili")).status_code
        == 302
    )
    response = client.post(URL, data=good_form(opened=first_tab, comment="Tab ya kwanza"))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Jibu lako lilibadilishwa mahali pengine" in page and "Tab ya kwanza" in page
    assert rows()[0].comment == "Tab ya pili"  # the newer answer is not overwritten
    newer = re.search(r'name="opened" type="hidden" value="([^"]*)"', page).group(1)
    assert newer == opened_stamp(client, URL) != first_tab  # sending again replaces knowingly
    assert (
        client.post(URL, data=good_form(opened=newer, comment="Tab ya kwanza")).status_code == 302
    )
    assert rows()[0].comment == "Tab ya kwanza"


def test_a_first_answer_over_an_existing_one_is_refused(client, stakeholder):
    """Two tabs opened before any answer: the second first answer is told, not silently kept."""
    client.post(URL, data=good_form(comment="Ya kwanza"))
    response = client.post(URL, data=good_form(opened="new", comment="Ya pili"))
    assert response.status_code == 409
    assert rows()[0].comment == "Ya kwanza"


def test_a_lost_race_is_refused_as_changed(client, stakeholder, proposal, monkeypatch):
    """Two first answers: the second finds no row, inserts, loses, and is told it changed."""
    client.post(URL, data=good_form(rating="5"))
    real = service.earlier_answer
    calls = []

    def blind_once(proposal_id, user_id):
        calls.append(1)
        return None if len(calls) == 1 else real(proposal_id, user_id)

    monkeypatch.setattr(service, "earlier_answer", blind_once)
    who = service.asked(stakeholder, proposal.key)
    with pytest.raises(service.FeedbackChanged):
        service.save_feedback(who, service.Answer(1, service.Helpfulness.NO, 1), "sw")
    (row,) = rows()
    assert row.rating == 5 and row.helps.value == "yes"


def test_the_answer_stays_pinned_to_the_version_it_was_given_for(client, stakeholder, proposal):
    client.post(URL, data=good_form())
    proposal.version = 2
    db.session.commit()
    assert rows()[0].proposal_version == 1
    page = client.get(URL).get_data(as_text=True)
    assert 'data-testid="feedback-older-version"' in page
    assert edit(client, rating="3").status_code == 302
    (row,) = rows()
    assert (row.proposal_version, row.rating) == (2, 3)


def test_a_decided_proposal_shows_the_answer_read_only(client, stakeholder, proposal):
    client.post(URL, data=good_form(comment="Kabla ya uamuzi"))
    proposal.status = ProposalStatus.REJECTED
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert 'data-testid="feedback-closed"' in page and "Kabla ya uamuzi" in page
    assert "<fieldset disabled" in page
    response = client.post(URL, data=good_form(comment="Baada"))
    assert response.status_code == 409
    assert rows()[0].comment == "Kabla ya uamuzi"


def test_a_draft_or_unknown_proposal_is_not_found(client, stakeholder, proposal):
    make_proposal("rasimu", status=ProposalStatus.DRAFT)
    assert client.get("/preview/proposals/rasimu/feedback").status_code == 404
    assert client.get("/preview/proposals/hakuna/feedback").status_code == 404


def test_a_stakeholder_without_profile_is_asked_their_role(client, proposal):
    make_stakeholder("mdau.bila", job_role=None)
    sign_in(client, "mdau.bila")
    page = client.get(URL).get_data(as_text=True)
    assert 'name="job_role"' in page
    assert client.post(URL, data=good_form()).status_code == 422
    assert client.post(URL, data=good_form(job_role="ict_officer")).status_code == 302
    assert rows()[0].job_role is JobRole.ICT_OFFICER


@pytest.mark.parametrize("username", ["afisa.dodoma", "mwezeshaji", "msimamizi"])
def test_others_cannot_answer(client, login_as, proposal, username):
    login_as(username)
    assert client.get(URL).status_code == 404
    assert client.post(URL, data=good_form()).status_code == 404
    assert client.get("/preview/opinions").status_code == 404


def test_the_list_shows_proposals_in_preview_and_what_was_answered(client, stakeholder):
    make_proposal("rasimu", status=ProposalStatus.DRAFT)
    client.post(URL, data=good_form())
    page = client.get("/preview/opinions").get_data(as_text=True)
    assert 'data-testid="opinion-sms-kila-hatua"' in page and "rasimu" not in page
    assert "Umejibu" in page
