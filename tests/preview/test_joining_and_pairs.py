"""Invitations, joining, preview pairs and walkthroughs, as services."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, WorkspaceFlag
from sandbox.models.proposal import Invitation, ProposalFeedback, Stakeholder, WalkthroughStep
from sandbox.proposals.enums import Helpfulness, JobRole, Respondent, Side
from sandbox.services.preview import pairs, walkthroughs
from sandbox.services.preview.invitations import InvitationRefused, revoke_invitation
from sandbox.services.preview.joining import (
    StakeholderSignInRefused,
    join_preview,
    sign_in_stakeholder,
)
from sandbox.services.preview.proposals import proposal_by_key
from sandbox.services.training.joining import JoinRefused
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import Role


def test_join_makes_a_stakeholder_and_counts_one_use(stakeholder, invitation):
    assert stakeholder.user.role is Role.STAKEHOLDER
    assert stakeholder.job_role is JobRole.OFFICER and stakeholder.home_region_id
    assert db.session.get(Invitation, invitation.id).uses == 1
    assert sign_in_stakeholder(stakeholder.personal_code, "4321") == stakeholder
    with pytest.raises(StakeholderSignInRefused):
        sign_in_stakeholder(stakeholder.personal_code, "0000")


def test_the_same_form_twice_joins_once(join_request, invitation):
    first = join_preview(join_request(join_key="k1"))
    assert join_preview(join_request(join_key="k1")) == first
    assert db.session.get(Invitation, invitation.id).uses == 1


@pytest.mark.parametrize("state", ["revoked", "expired", "used_up", "mistyped"])
def test_closed_codes_are_refused_with_a_reason(join_request, invitation, state):
    if state == "revoked":
        revoke_invitation(invitation)
    elif state == "expired":
        invitation.expires_at = wall_now() - timedelta(minutes=1)
    elif state == "used_up":
        invitation.uses = invitation.max_uses
    db.session.commit()
    code = "ZZZ-ZZZ" if state == "mistyped" else invitation.code
    with pytest.raises(InvitationRefused) as refused:
        join_preview(join_request(code=code))
    assert refused.value.message("en") and refused.value.message("sw")
    assert db.session.scalar(sa.select(sa.func.count(Stakeholder.id))) == 0


def test_the_last_use_is_taken_once(join_request, invitation):
    invitation.uses = invitation.max_uses - 1
    db.session.commit()
    join_preview(join_request())
    with pytest.raises(InvitationRefused, match="used by everyone"):
        join_preview(join_request(name="Second Person"))


def test_bad_fields_are_each_refused(join_request):
    with pytest.raises(JoinRefused) as refused:
        join_preview(join_request(job_role="minister", pin="12"))
    assert refused.value.field == "job_role"


def test_a_pair_is_one_seed_with_the_toggle_off_before_and_on_after(stakeholder, proposals):
    auto, _ = proposals
    pair = pairs.ensure_pair(stakeholder.user, auto)
    assert pairs.ensure_pair(stakeholder.user, auto) == pair  # a second click: the same pair

    def descriptions(workspace):
        query = sa.select(Feedback.description).where(Feedback.workspace_id == workspace.id)
        return sorted(db.session.scalars(query))

    assert descriptions(pair.before) == descriptions(pair.after) != []
    flags = {
        f.workspace_id: (f.is_enabled, f.source, f.note)
        for f in db.session.scalars(
            sa.select(WorkspaceFlag).where(WorkspaceFlag.flag == auto.toggle)
        )
    }
    assert flags[pair.before_id] == (False, "preview", "auto-escalation v1")
    assert flags[pair.after_id] == (True, "preview", "auto-escalation v1")


def test_another_users_pair_is_not_found(stakeholder, join_request, proposals):
    auto, _ = proposals
    pair = pairs.ensure_pair(stakeholder.user, auto)
    other = join_preview(join_request(name="Other One"))
    with pytest.raises(pairs.PairNotFound):
        pairs.own_pair(other.user, auto)
    with pytest.raises(pairs.PairNotFound):
        pairs.work_in(other.user, pair, Side.AFTER)
    assert pairs.side_in(other.user, pair.after) is None
    assert pairs.side_in(stakeholder.user, pair.after) == (pair, Side.AFTER)


def test_walkthrough_runs_on_both_sides_with_behaviour_recorded(stakeholder, proposals):
    from sandbox.services.desk.item import perform
    from sandbox.services.training.attempts import placed_of
    from sandbox.workflow import Action, Command

    _, warning = proposals
    user = stakeholder.user
    pair = pairs.ensure_pair(user, warning)
    for side in Side:
        attempt = walkthroughs.begin_walkthrough(user, pair, side)
        workspace = pair.workspace(side)
        assert user.workspace_id == workspace.id
        item = placed_of(attempt).items["A"]
        naming = Command(Action.RESPOND, public_reply="Dear Asha Mwakalinga, we are investigating.")
        try:
            perform(workspace, user, item, naming, False)
        except Exception:  # the warning (after) is a refusal met
            db.session.rollback()
            walkthroughs.record_refusal(user, workspace)
        assert walkthroughs.check_walkthrough(user, pair, side) == []
        safe = Command(Action.RESPOND, public_reply="The matter is under investigation.")
        if side is Side.BEFORE:
            continue  # the named reply went out: the step cannot pass on this side
        perform(workspace, user, item, safe, False)
        assert [s.id for s in walkthroughs.check_walkthrough(user, pair, side)] == ["reply-safely"]
    rows = {
        r.side: r
        for r in db.session.scalars(
            sa.select(WalkthroughStep).where(WalkthroughStep.user_id == user.id)
        )
    }
    assert rows[Side.BEFORE].refusals == 0 and rows[Side.BEFORE].completed_at is None
    assert rows[Side.AFTER].refusals == 1 and rows[Side.AFTER].seconds is not None


def test_start_again_keeps_feedback_and_behaviour(stakeholder, proposals):
    auto, _ = proposals
    user = stakeholder.user
    pair = pairs.ensure_pair(user, auto)
    walkthroughs.begin_walkthrough(user, pair, Side.BEFORE)
    now = wall_now()
    db.session.add(
        ProposalFeedback(
            proposal_id=auto.id,
            proposal_version=1,
            user_id=user.id,
            respondent=Respondent.STAKEHOLDER,
            rating=4,
            helps=Helpfulness.YES,
            ease=4,
            job_role=JobRole.OFFICER,
            language="sw",
            created_at=now,
            updated_at=now,
        )
    )
    db.session.commit()
    count = lambda ws: db.session.scalar(  # noqa: E731
        sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == ws.id)
    )
    before_count = count(pair.after)
    pairs.start_again(user, pair)
    assert count(pair.before) == count(pair.after) == before_count
    assert db.session.scalar(sa.select(sa.func.count(ProposalFeedback.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(WalkthroughStep.id))) == 1


def test_auto_escalation_walkthrough_differs_between_the_sides(stakeholder, proposals):
    from sandbox.services.workspace.escalation import escalate_overdue

    auto, _ = proposals
    user = stakeholder.user
    pair = pairs.ensure_pair(user, auto)
    done = {}
    for side in Side:
        walkthroughs.begin_walkthrough(user, pair, side)
        escalate_overdue(pair.workspace(side))  # what the next inbox read does
        done[side] = [s.id for s in walkthroughs.check_walkthrough(user, pair, side)]
    assert done == {Side.BEFORE: [], Side.AFTER: ["reach-head"]}


def test_two_clicks_racing_end_with_one_pair(stakeholder, proposals, monkeypatch):
    from sandbox.models import Workspace

    auto, _ = proposals
    first = pairs.ensure_pair(stakeholder.user, auto)
    real = pairs.pair_of
    calls = iter([None])  # the second click looked before the first one's pair was written
    monkeypatch.setattr(pairs, "pair_of", lambda u, p: next(calls, real(u, p)))
    count = sa.select(sa.func.count(Workspace.id)).where(Workspace.kind == "stakeholder")
    worlds = db.session.scalar(count)
    assert pairs.ensure_pair(stakeholder.user, auto).id == first.id
    assert db.session.scalar(count) == worlds  # the loser's two worlds were discarded


def test_compare_draws_every_named_screen_and_skips_unknown_ones(stakeholder, proposals):
    from sandbox.services.preview.screens import compare

    _, warning = proposals
    warning.screens = ["desk_item", "sms_outbox", "tracking", "ussd", "close_form", "no_such"]
    db.session.commit()
    pair = pairs.ensure_pair(stakeholder.user, warning)
    walkthroughs.begin_walkthrough(stakeholder.user, pair, Side.AFTER)
    shown = {c.name: c for c in compare(pair, stakeholder.user, "en")}
    assert shown["no_such"].skipped and not shown["tracking"].skipped
    assert shown["ussd"].sides[Side.AFTER][0].startswith("Government services")
    after_items = shown["desk_item"].sides[Side.AFTER]
    assert len(after_items) == 1 and after_items[0]["status"] == "In progress"


def _world_of(workspace) -> list[tuple]:
    """The items of a world as generated: numbers (the tag is the workspace's), types,
    statuses, institutions."""
    rows = db.session.execute(
        sa.select(Feedback.reference, Feedback.type, Feedback.status, Feedback.institution_id)
        .where(Feedback.workspace_id == workspace.id)
        .order_by(Feedback.reference)
    )
    return [(reference.rsplit("-", 1)[1], *rest) for reference, *rest in rows]


@pytest.mark.parametrize("key", ["transfer-acceptance", "root-cause-required", "status-sms"])
def test_start_again_gives_both_sides_the_world_they_were_made_with(stakeholder, proposals, key):
    """The toggle applies from the pair's making on: starting again regenerates the same
    world on both sides (it once regenerated under the toggle and crashed for some)."""
    user = stakeholder.user
    pair = pairs.ensure_pair(user, proposal_by_key(key))
    made = _world_of(pair.before)
    assert made and _world_of(pair.after) == made
    pairs.start_again(user, pair)
    assert _world_of(pair.before) == made and _world_of(pair.after) == made
