"""The preview's screens through the test client: join, proposals, sides, banner, 404s."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, Region, User
from sandbox.models.proposal import Invitation, PreviewPair, Stakeholder, WalkthroughStep
from sandbox.proposals.enums import Side
from sandbox.services.preview import pairs

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def token(client, url="/preview/join") -> str:
    """The page's CSRF token (tests run with CSRF off: then none)."""
    found = CSRF.search(client.get(url).get_data(as_text=True))
    return found.group(1) if found else ""


def join_form(client, code, **changes):
    institution = db.session.scalar(sa.select(Institution).order_by(Institution.id))
    region = db.session.scalar(sa.select(Region).order_by(Region.id))
    data = {
        "csrf_token": token(client),
        "code": code,
        "name": "Juma Hamisi",
        "job_role": "ict_officer",
        "institution": str(institution.id),
        "region": str(region.id),
        "pin": "2468",
        "pin_confirm": "2468",
    }
    return {**data, **changes}


@pytest.fixture
def joined(client, invitation, proposals):
    """A stakeholder joined through the form (signed in on ``client``)."""
    response = client.post("/preview/join", data=join_form(client, invitation.code))
    assert response.status_code == 302 and response.location.endswith("/preview/proposals")
    return db.session.scalar(sa.select(Stakeholder).order_by(Stakeholder.id.desc()))


def post(client, url, **data):
    return client.post(url, data={"csrf_token": token(client, "/preview/proposals"), **data})


def test_join_lands_on_the_proposals_in_preview(client, joined):
    page = client.get("/preview/proposals").get_data(as_text=True)
    assert "Kupandisha ngazi kiotomatiki" in page and joined.personal_code
    assert joined.user.role.value == "stakeholder"


def test_a_mistyped_code_keeps_what_was_typed_and_says_why(client, invitation, proposals):
    response = client.post("/preview/join", data=join_form(client, "ABC-XYZ"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hakuna mwaliko wenye msimbo huu" in page and 'value="Juma Hamisi"' in page
    assert db.session.scalar(sa.select(sa.func.count(Stakeholder.id))) == 0


def test_an_expired_code_is_refused_in_english(client, invitation, proposals):
    from datetime import timedelta

    invitation.expires_at -= timedelta(days=30)
    db.session.commit()
    client.get("/lang/en")
    response = client.post("/preview/join", data=join_form(client, invitation.code))
    assert response.status_code == 422
    assert "This invitation has expired" in response.get_data(as_text=True)


def test_sides_banner_and_switching(client, joined, proposals):
    del proposals  # synced: the proposal exists
    response = post(client, "/preview/proposals/auto-escalation/sides/before")
    assert response.status_code == 302 and response.location.endswith("/desk/")
    pair = db.session.scalar(sa.select(PreviewPair))
    db.session.refresh(joined.user)
    assert joined.user.workspace_id == pair.before_id
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert 'data-testid="preview-banner"' in desk and "KABLA (imezimwa)" in desk
    post(client, "/preview/proposals/auto-escalation/sides/after")
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert "BAADA (imewashwa)" in desk
    assert db.session.scalar(sa.select(sa.func.count(PreviewPair.id))) == 1


def test_others_cannot_reach_a_pair_or_its_workspace(client, joined, proposals, join_request):
    auto, _ = proposals
    other = pairs.ensure_pair(
        __import__("sandbox.services.preview.joining", fromlist=["x"])
        .join_preview(join_request(name="Mwingine"))
        .user,
        auto,
    )
    assert client.get("/preview/proposals/auto-escalation/compare").status_code == 404
    assert client.get("/preview/proposals/auto-escalation/start-again").status_code == 404
    post(client, "/preview/proposals/auto-escalation/sides/before")
    item = db.session.scalar(
        sa.select(sa.text("id"))
        .select_from(sa.table("feedback", sa.column("id"), sa.column("workspace_id")))
        .where(sa.column("workspace_id") == other.before_id)
        .limit(1)
    )
    assert client.get(f"/desk/feedback/{item}").status_code == 404


def test_walkthrough_on_both_sides_and_compare(client, joined, proposals):
    for side in ("before", "after"):
        response = post(client, f"/preview/proposals/auto-escalation/walkthrough/{side}")
        assert response.status_code == 302
    rows = db.session.scalars(sa.select(WalkthroughStep)).all()
    assert {(r.side, r.step) for r in rows} == {
        (Side.BEFORE, "reach-head"),
        (Side.AFTER, "reach-head"),
    }
    page = client.get("/preview/proposals/auto-escalation").get_data(as_text=True)
    assert 'data-testid="step-before-reach-head"' in page
    compare = client.get("/preview/proposals/auto-escalation/compare")
    assert compare.status_code == 200
    text = compare.get_data(as_text=True)
    assert 'data-testid="compare-desk_item-before"' in text
    assert 'data-testid="compare-desk_item-after"' in text


def test_organiser_writes_a_text_only_proposal_and_invitations(client, login_as, proposals):
    login_as("mwezeshaji")
    bad = client.post(
        "/preview/proposals/new",
        data={
            "csrf_token": token(client, "/preview/proposals/new"),
            "title_sw": "Wazo",
            "owner": "0",
        },
    )
    assert bad.status_code == 422 and 'value="Wazo"' in bad.get_data(as_text=True)
    good = client.post(
        "/preview/proposals/new",
        data={
            "csrf_token": token(client, "/preview/proposals/new"),
            "title_sw": "Wazo",
            "title_en": "An idea",
            "summary_sw": "Muhtasari",
            "summary_en": "Summary",
            "owner": "0",
            "revisit_on": "2027-01-31",
        },
    )
    assert good.status_code == 302 and good.location.endswith("/preview/proposals/an-idea")
    made = client.post(
        "/preview/invitations",
        data={
            "csrf_token": token(client, "/preview/invitations"),
            "label": "Wizara ya Maji",
            "days": "5",
            "max_uses": "10",
        },
    )
    assert made.status_code == 302
    invitation = db.session.scalar(sa.select(Invitation))
    sheet = client.get(f"/preview/invitations/{invitation.id}/sheet").get_data(as_text=True)
    assert "<svg" in sheet and "/preview/join" in sheet


def test_a_stakeholder_may_not_organise(client, joined):
    assert client.get("/preview/invitations").status_code == 403
    assert client.get("/preview/proposals/new").status_code == 403
    assert client.get("/preview/proposals/no-such-key").status_code == 404


def test_a_refusal_at_the_desk_counts_against_the_open_step(client, joined, proposals):
    post(client, "/preview/proposals/reply-identity-warning/walkthrough/after")
    pair = db.session.scalar(sa.select(PreviewPair))
    from sandbox.services.training.attempts import current_attempt

    user = db.session.get(User, joined.user_id)
    attempt = current_attempt(pair.after, user, "reply-identity-warning")
    item = attempt.placed["items"]["A"]
    page = client.get(f"/desk/feedback/{item}").get_data(as_text=True)
    csrf = (CSRF.search(page) or re.search("()", "")).group(1)
    response = client.post(
        f"/desk/feedback/{item}/actions/respond",
        data={
            "csrf_token": csrf,
            "respond-version": str(db.session.get(Feedback, item).version),
            "respond-text": "Dear Asha Mwakalinga, we are investigating.",
        },
    )
    assert response.status_code == 422
    row = db.session.scalar(sa.select(WalkthroughStep).where(WalkthroughStep.side == Side.AFTER))
    db.session.refresh(row)
    assert row.refusals == 1


def test_a_stakeholder_sees_no_item_outside_their_own_preview_worlds(client, login_as, demo_world):
    officer = db.session.scalar(sa.select(User).where(User.username == "afisa.dodoma"))
    item = db.session.scalar(
        sa.select(Feedback.id)
        .where(Feedback.workspace_id == demo_world.id)
        .where(Feedback.institution_id == officer.institution_id)
        .limit(1)
    )
    login_as("afisa.dodoma")  # an officer of the demo world sees it, and a list of items
    assert client.get(f"/desk/feedback/{item}").status_code == 200
    assert "MRJ-T-" in client.get("/desk/feedback").get_data(as_text=True)
    login_as("mdau")  # the demo persona: their workspace is the shared demo world
    assert client.get(f"/desk/feedback/{item}").status_code == 404
    assert "MRJ-T-" not in client.get("/desk/feedback").get_data(as_text=True)


def test_a_stakeholder_records_walk_ins_only_in_their_own_preview_worlds(
    client, login_as, demo_world
):
    data = {"type": "complaint", "description": "Foleni ndefu", "language": "sw", "consent": "no"}
    count = lambda: db.session.scalar(  # noqa: E731
        sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == demo_world.id)
    )
    before = count()
    login_as("mdau")  # in the shared demo world: refused with the reason, the text kept
    refused = client.post("/desk/walk-in", data=data)
    assert refused.status_code == 422 and "KABLA au BAADA" in refused.text
    assert "Foleni ndefu" in refused.text and count() == before
