"""Preview pairs: a stakeholder's two worlds for one proposal, switching sides, starting again.

Decisions (written down):

- A pair is made when the stakeholder first opens a side or the walkthrough of a
  code-backed proposal (not at joining, which stays fast). Both workspaces
  (``WorkspaceKind.STAKEHOLDER``, random codes ``p…``) are generated from ONE seed with
  ``PREVIEW_ITEMS`` items, the same synthetic staff and leader, clocks from the same
  start; then the proposal's toggle is written OFF in ``before`` and ON in ``after``
  (source ``preview``, note ``<key> v<version>``). Both worlds are generated under the
  default rules on purpose: the generator draws differently when a toggle changes a
  history, and the two sides must hold the same items; what the stakeholder does from
  then on (and the walkthrough's own items) follows each side's rules. Both worlds and
  the pair row are one commit, so a server killed while making them leaves nothing. Two
  clicks racing: the loser's transaction is rolled back and it gets the winner's pair.
- Only stakeholders get pairs: working in a side moves ``User.workspace_id``, which an
  organiser's console and desk depend on; an organiser reads the proposal page and joins
  with an invitation (another login) to try it.
- Working in a side sets ``User.workspace_id`` (what the desk reads); the stakeholder sees
  one side at a time, and a banner on every page says which (``pair_banner``).
- **Start again** empties both worlds and generates them again from the pair's seed, the
  clocks back at the start; walkthrough attempts there stop being current (their items
  are gone). Feedback and recorded behaviour (``WalkthroughStep``) are outside workspaces
  and stay.
- **Only while in preview**: once the proposal is decided (accepted, rejected, deferred) or
  moved back to draft, its pair stays (the stakeholder's current workspace may still be one
  of its sides) but nothing acts on it: working in a side, the walkthrough, its check,
  compare and start again are refused with ``PairClosed`` (the banner says why and offers
  the proposals list). Joined stakeholders have no workspace of their own outside their
  preview worlds (joining makes none), so the proposals list is the way out.
- Pairs are found by their owner only: another user's pair, or a workspace that is not one
  of the user's sides, is "not found" (404).
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import ScenarioAttempt, User, Workspace, WorkspaceKind
from sandbox.models.proposal import PreviewPair, Proposal
from sandbox.proposals.enums import ProposalStatus, Side
from sandbox.services.desk.templates import ensure_response_templates
from sandbox.services.people.trainees import ensure_leader
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.planner import refresh_planner_statistics
from sandbox.services.workspace.seeding import clear_workspace_feedback, seed_workspace
from sandbox.services.workspace.workspaces import DEFAULT_CLOCK_START, create_workspace
from sandbox.workflow import BilingualError, Role, Toggle

PREVIEW_ITEMS = 60
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class PairNotFound(LookupError):
    """No such pair or side of this user (404)."""


class PairRefused(BilingualError, ValueError):
    """A proposal without a toggle, or not in preview, has no pair."""


class PairClosed(BilingualError, ValueError):
    """The proposal is no longer in preview (decided, or back to draft): its worlds are closed."""


def closed_because(proposal: Proposal) -> PairClosed:
    """Why a proposal's worlds are closed, in both languages (its decision or its withdrawal)."""
    if proposal.status.is_decided:
        return PairClosed(
            f"Uamuzi umeshafanywa kuhusu hoja hii ({proposal.status.label('sw')}): "
            "majaribio yake yamekwisha.",
            f"This proposal has been decided ({proposal.status.label('en')}): "
            "its preview has ended.",
        )
    return PairClosed(
        "Hoja hii imeondolewa kwenye majaribio (imerudishwa kuwa rasimu).",
        "This proposal was withdrawn from preview (moved back to draft).",
    )


def check_open(proposal: Proposal) -> None:
    """Nothing acts on the worlds of a proposal that is not in preview (PairClosed)."""
    if proposal.status is not ProposalStatus.IN_PREVIEW:
        raise closed_because(proposal)


def pair_of(user: User, proposal: Proposal) -> PreviewPair | None:
    """The user's pair for this proposal, if made."""
    return db.session.scalar(
        sa.select(PreviewPair).where(
            PreviewPair.user_id == user.id, PreviewPair.proposal_id == proposal.id
        )
    )


def ensure_pair(user: User, proposal: Proposal) -> PreviewPair:
    """The user's pair for the proposal, made now when missing (two worlds, one seed)."""
    pair = pair_of(user, proposal)
    if pair is not None:
        check_open(proposal)
        return pair
    if user.role is not Role.STAKEHOLDER:  # an organiser's own workspace must not move
        raise PairRefused(
            "Mazingira ya kujaribu ni ya wadau walioalikwa: jiunge kwa mwaliko ili kujaribu.",
            "Preview worlds are for invited stakeholders: join with an invitation to try it.",
        )
    if not proposal.toggle or proposal.status is not ProposalStatus.IN_PREVIEW:
        raise PairRefused(
            "Hoja hii haina mazingira ya kujaribu (haina swichi, au haiko kwenye majaribio).",
            "This proposal has no preview worlds (no toggle, or not in preview).",
        )
    seed = secrets.randbelow(2**31)
    ensure_response_templates()  # global, loaded once (a commit of its own, that first time)
    before, after = (_world(user, proposal, seed, side) for side in Side)
    pair = PreviewPair(
        user_id=user.id,
        proposal_id=proposal.id,
        before_id=before.id,
        after_id=after.id,
        seed=seed,
        created_at=wall_now(),
    )
    db.session.add(pair)
    try:
        db.session.commit()  # both worlds and the pair at once: a killed server leaves none
    except IntegrityError:  # a second click made the pair first: ours is rolled back
        db.session.rollback()
        pair = pair_of(user, proposal)
        if pair is None:
            raise
        return pair
    refresh_planner_statistics()
    return pair


def _world(user: User, proposal: Proposal, seed: int, side: Side) -> Workspace:
    """One side's workspace: seeded from ``seed``, toggle written; clock running; no commit."""
    workspace = create_workspace(
        _unused_code(),
        proposal.title_en[:80],
        WorkspaceKind.STAKEHOLDER,
        seed=seed,
        clock_base=DEFAULT_CLOCK_START,
        running=False,
        commit=False,
    )  # named after the proposal, never the stakeholder
    seed_workspace(workspace, count=PREVIEW_ITEMS, seed=seed, commit=False)
    ensure_leader(workspace, user.institution, seed, commit=False)
    _write_toggle(workspace, proposal, user, on=side is Side.AFTER)
    workspace.clock_started_at = wall_now()
    return workspace


def _write_toggle(workspace: Workspace, proposal: Proposal, user: User, *, on: bool) -> None:
    """The proposal's toggle on this side, with its reason, in the caller's transaction."""
    note = f"{proposal.key} v{proposal.version}"
    set_flag(
        workspace,
        Toggle(proposal.toggle),
        on,
        source=FlagSource.PREVIEW,
        note=note,
        by=user,
        commit=False,
    )


def own_pair(user: User, proposal: Proposal) -> PreviewPair:
    """The user's existing pair for the proposal (PairNotFound: 404)."""
    pair = pair_of(user, proposal)
    if pair is None:
        raise PairNotFound(proposal.key)
    return pair


def open_pair(user: User, proposal: Proposal) -> PreviewPair:
    """The user's pair of a proposal in preview (PairNotFound: 404; PairClosed: not in preview)."""
    pair = own_pair(user, proposal)
    check_open(proposal)
    return pair


def work_in(user: User, pair: PreviewPair, side: Side) -> Workspace:
    """Make ``side`` of the user's own pair their current workspace; commits."""
    if pair.user_id != user.id:
        raise PairNotFound(pair.id)
    check_open(pair.proposal)
    workspace = pair.workspace(side)
    user.workspace_id = workspace.id
    db.session.commit()
    return workspace


def side_in(user: User, workspace: Workspace | None) -> tuple[PreviewPair, Side] | None:
    """The user's pair and side the workspace is, if it is one of theirs (the banner's)."""
    if workspace is None or workspace.kind is not WorkspaceKind.STAKEHOLDER:
        return None
    pair = db.session.scalar(
        sa.select(PreviewPair).where(
            PreviewPair.user_id == user.id,
            sa.or_(PreviewPair.before_id == workspace.id, PreviewPair.after_id == workspace.id),
        )
    )
    if pair is None:
        return None
    return pair, Side.BEFORE if pair.before_id == workspace.id else Side.AFTER


def start_again(user: User, pair: PreviewPair) -> PreviewPair:
    """Regenerate both worlds of the user's own pair from its seed, the same world as when the
    pair was made (generated with the toggles at their defaults); commits per world."""
    if pair.user_id != user.id:
        raise PairNotFound(pair.id)
    check_open(pair.proposal)
    for side in Side:
        workspace = pair.workspace(side)
        clear_workspace_feedback(workspace)
        _retire_attempts(workspace)
        workspace.clock_base, workspace.clock_started_at = DEFAULT_CLOCK_START, None
        workspace.escalations_checked_at = None
        db.session.commit()
        seed_workspace(workspace, count=PREVIEW_ITEMS, seed=pair.seed, toggles_at_default=True)
        workspace.clock_started_at = wall_now()
        workspace.escalations_checked_at = None  # the toggle applies from now, as when made
        db.session.commit()
    return pair


def _retire_attempts(workspace: Workspace) -> None:
    """Walkthrough attempts in the workspace stop being current (their items are gone)."""
    db.session.execute(
        sa.update(ScenarioAttempt)
        .where(ScenarioAttempt.workspace_id == workspace.id)
        .values(is_current=False)
    )


def _unused_code() -> str:
    """A random workspace code (``p`` + 7 characters) that no workspace has."""
    while True:
        code = "p" + "".join(secrets.choice(ALPHABET) for _ in range(7))
        if not db.session.scalar(sa.select(Workspace.id).where(Workspace.code == code)):
            return code
