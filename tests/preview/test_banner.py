"""The banner of a side: its switch carries the walkthrough, "check my work", closed worlds."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.proposal import PreviewPair, WalkthroughStep
from sandbox.proposals.enums import ProposalStatus, Side
from tests.preview.test_views import post

KEY = "auto-escalation"
BASE = f"/preview/proposals/{KEY}"


@pytest.fixture
def joined(form_joined):
    return form_joined


def steps() -> set[tuple[Side, str]]:
    return {(r.side, r.step) for r in db.session.scalars(sa.select(WalkthroughStep))}


def test_the_switch_begins_the_walkthrough_on_the_other_side(client, joined):
    assert post(client, f"{BASE}/walkthrough/before").status_code == 302
    response = post(client, f"{BASE}/switch/after")
    assert response.status_code == 302 and response.location.endswith("/desk/")
    pair = db.session.scalar(sa.select(PreviewPair))
    db.session.refresh(joined.user)
    assert joined.user.workspace_id == pair.after_id
    assert steps() == {(Side.BEFORE, "reach-head"), (Side.AFTER, "reach-head")}
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert "BAADA (imewashwa)" in desk and "Hatua ya matembezi" in desk
    assert f'action="{BASE}/walkthrough/after/check"' in desk  # "check my work" on the bar
    assert f'action="{BASE}/switch/before"' in desk
    post(client, f"{BASE}/switch/before")  # and back: resumed, not started twice
    assert len(steps()) == 2


def test_the_switch_without_a_walkthrough_only_moves(client, joined):
    post(client, f"{BASE}/sides/before")
    assert post(client, f"{BASE}/switch/after").status_code == 302
    pair = db.session.scalar(sa.select(PreviewPair))
    db.session.refresh(joined.user)
    assert joined.user.workspace_id == pair.after_id and steps() == set()
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert "/walkthrough/after/check" not in desk


def test_check_my_work_from_the_bar_checks_that_side(client, joined):
    post(client, f"{BASE}/walkthrough/before")
    response = post(client, f"{BASE}/walkthrough/before/check")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Bado hakuna hatua mpya iliyokamilika" in page


@pytest.mark.parametrize(
    ("status", "sw", "en"),
    [
        (ProposalStatus.ACCEPTED, "Uamuzi umeshafanywa", "This proposal has been decided"),
        (ProposalStatus.DEFERRED, "Imeahirishwa", "Deferred"),
        (ProposalStatus.DRAFT, "imeondolewa kwenye majaribio", "withdrawn from preview"),
    ],
)
def test_a_closed_proposal_ends_the_banner_and_refuses_to_act(client, joined, status, sw, en):
    post(client, f"{BASE}/walkthrough/before")
    proposal = db.session.scalar(sa.select(PreviewPair)).proposal
    proposal.status = status
    db.session.commit()
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert 'data-testid="preview-closed"' in desk and sw in desk
    assert f'href="{BASE}"' not in desk  # the proposal page is 404 to them now
    assert 'href="/preview/proposals"' in desk and "/switch/" not in desk and "/check" not in desk
    client.get("/lang/en")
    assert en in client.get("/desk/feedback").get_data(as_text=True)
    for url in (f"{BASE}/compare", f"{BASE}/start-again"):
        response = client.get(url)
        assert response.status_code == 409 and en in response.get_data(as_text=True)
    before = db.session.scalar(sa.select(PreviewPair)).before_id
    for action in ("start-again", "switch/after", "sides/after", "walkthrough/after"):
        response = post(client, f"{BASE}/{action}")
        assert response.status_code in (302, 409)
    db.session.refresh(joined.user)
    assert joined.user.workspace_id == before  # nothing moved
    assert steps() == {(Side.BEFORE, "reach-head")}  # nothing began
    response = post(client, f"{BASE}/walkthrough/before/check")
    assert response.status_code == 302 and response.location.endswith("/preview/proposals")
