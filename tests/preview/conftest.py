"""Fixtures of the stakeholder preview: synced proposals, an invitation, a stakeholder."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution, Region, User
from sandbox.models.proposal import Stakeholder
from sandbox.services.preview.invitations import create_invitation
from sandbox.services.preview.joining import StakeholderJoin, join_preview
from sandbox.services.preview.proposals import proposal_by_key, sync_proposals


@pytest.fixture
def proposals(demo_world):
    """The shipped proposals, synced."""
    sync_proposals()
    return proposal_by_key("auto-escalation"), proposal_by_key("reply-identity-warning")


@pytest.fixture
def facilitator(demo_world):
    return db.session.scalar(sa.select(User).where(User.username == "mwezeshaji"))


@pytest.fixture
def invitation(facilitator):
    return create_invitation("Wizara ya Afya", days=7, max_uses=3, by=facilitator)


@pytest.fixture
def join_request(invitation):
    """A factory of join requests with the invitation's code."""

    def make(**changes) -> StakeholderJoin:
        institution = db.session.scalar(sa.select(Institution).order_by(Institution.id))
        region = db.session.scalar(sa.select(Region).order_by(Region.id))
        fields = {
            "code": invitation.code,
            "name": "Neema Mushi",
            "job_role": "officer",
            "institution_id": institution.id,
            "region_id": region.id,
            "pin": "4321",
        }
        return StakeholderJoin(**{**fields, **changes})

    return make


@pytest.fixture
def stakeholder(join_request):
    return join_preview(join_request())


@pytest.fixture
def form_joined(client, invitation, proposals):
    """A stakeholder joined through the join form (signed in on ``client``)."""
    from tests.preview.test_views import join_form

    assert client.post("/preview/join", data=join_form(client, invitation.code)).status_code == 302
    return db.session.scalar(sa.select(Stakeholder).order_by(Stakeholder.id.desc()))
