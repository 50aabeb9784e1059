"""A stakeholder who forgot their PIN gets a new one from an organiser; one join per name."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.proposal import Stakeholder
from sandbox.services.preview.invitations import create_invitation
from sandbox.services.preview.joining import (
    StakeholderSignInRefused,
    join_preview,
    join_problems,
    sign_in_stakeholder,
)
from sandbox.services.training.joining import JoinRefused


def test_an_organiser_gives_a_new_pin_shown_once(client, login_as, stakeholder, facilitator):
    login_as("mwezeshaji")
    invitation = stakeholder.invitation
    listed = client.get(f"/preview/invitations/{invitation.id}/stakeholders")
    assert listed.status_code == 200 and "Neema Mushi" in listed.text
    url = f"/preview/invitations/{invitation.id}/stakeholders/{stakeholder.id}/pin"
    assert 'data-testid="new-pin"' not in client.get(url).text  # asked first
    response = client.post(url)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    pin = re.search(r'data-testid="new-pin">(\d{6})<', response.text).group(1)
    assert sign_in_stakeholder(stakeholder.personal_code, pin).id == stakeholder.id
    with pytest.raises(StakeholderSignInRefused):
        sign_in_stakeholder(stakeholder.personal_code, "4321")  # the old PIN stops working


def test_the_pin_page_is_for_organisers_and_the_invitation_s_own_stakeholders(
    client, login_as, stakeholder, facilitator
):
    other = create_invitation("Nyingine", days=7, max_uses=3, by=facilitator)
    login_as("mwezeshaji")
    wrong = f"/preview/invitations/{other.id}/stakeholders/{stakeholder.id}/pin"
    assert client.post(wrong).status_code == 404
    login_as("afisa.dodoma")
    right = f"/preview/invitations/{stakeholder.invitation_id}/stakeholders/{stakeholder.id}/pin"
    assert client.post(right).status_code in (403, 404)
    assert client.get(f"/preview/invitations/{other.id}/stakeholders").status_code in (403, 404)


@pytest.mark.parametrize("name", ["Neema Mushi", "  neema   MUSHI "])
def test_joining_twice_with_the_same_name_points_to_signing_in(stakeholder, join_request, name):
    problems = join_problems(join_request(name=name))
    assert [p.field for p in problems] == ["name"]
    assert "personal code" in problems[0].message("en")
    assert "msimbo wako binafsi" in problems[0].message("sw")
    assert db.session.scalar(sa.select(sa.func.count(Stakeholder.id))) == 1


def test_another_name_joins_and_the_same_form_twice_still_joins_once(stakeholder, join_request):
    assert join_preview(join_request(name="Neema Mushi Kisanga")).id != stakeholder.id
    again = join_request(name="Asha Juma", join_key="k1")
    assert join_preview(again).id == join_preview(again).id


@pytest.mark.parametrize("changed", [{"name": "Tabu Ally"}, {"pin": "9876"}, {"code": "ZZZ-ZZZ"}])
def test_the_same_form_sent_again_with_another_name_or_pin_is_refused(
    stakeholder, join_request, changed
):
    """A stale page's key with someone else's name or PIN does not sign them in as the first."""
    first = join_preview(join_request(name="Asha Juma", join_key="k2"))
    assert join_preview(join_request(name=" asha  JUMA", join_key="k2")).id == first.id
    again = join_request(**{"name": "Asha Juma", "join_key": "k2", **changed})
    assert [p.field for p in join_problems(again)] == ["pin"]
    with pytest.raises(JoinRefused, match="sent already"):
        join_preview(again)
    assert db.session.scalar(sa.select(sa.func.count(Stakeholder.id))) == 2
