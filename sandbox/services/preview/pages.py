"""What the preview's pages show, as plain values (one call per view).

Decisions: the proposals list shows a stakeholder the proposals in preview, and an
organiser (``Capability.MANAGE_PROPOSALS``) every proposal with its status, drafts too.
The banner of a side whose proposal left preview (decided, or back to draft) says so, with
no link to the proposal page (404 to a stakeholder then), no step, no switch and no check:
only the way out, the proposals list (``Banner.closed``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.models import User, Workspace
from sandbox.models.proposal import PreviewPair, Proposal
from sandbox.proposals.enums import Side
from sandbox.scenarios.schema import Scenario, Step
from sandbox.services.preview import pairs, walkthroughs
from sandbox.services.preview.proposals import every_proposal, proposal_by_key, proposals_in_preview
from sandbox.services.workspace.flags import explain
from sandbox.workflow.evaluation import Resolution
from sandbox.workflow.permissions import Capability, can


@dataclass(frozen=True)
class ProposalPage:
    """One proposal with the user's pair, each side's switches and walkthrough progress."""

    proposal: Proposal
    pair: PreviewPair | None
    flags: dict[Side, list[Resolution]]  # each side's toggles and why (the panel)
    walkthrough: Scenario | None
    progress: dict[Side, list[walkthroughs.StepProgress]]
    current_side: Side | None


@dataclass(frozen=True)
class Banner:
    """The preview banner of a page seen in one of the user's sides."""

    proposal: Proposal
    side: Side
    step: Step | None  # the walkthrough step to do on this side, if one is open
    closed: pairs.PairClosed | None = None  # why nothing acts here any more, if so

    @property
    def other_side(self) -> Side:
        """The side the banner's switch moves to."""
        return Side.AFTER if self.side is Side.BEFORE else Side.BEFORE


def proposal_list(user: User) -> list[Proposal]:
    """The proposals this user sees listed (organisers: all; others: those in preview)."""
    return every_proposal() if can(user, Capability.MANAGE_PROPOSALS) else proposals_in_preview()


def proposal_page(user: User, key: str, lang: str = "sw") -> ProposalPage:
    """The proposal page's values, explained in ``lang`` (ProposalNotFound: 404; a draft is 404
    to stakeholders)."""
    proposal = proposal_by_key(key)
    if proposal not in proposal_list(user):
        raise pairs.PairNotFound(key)
    pair = pairs.pair_of(user, proposal)
    flags = {side: explain(pair.workspace(side), user, lang) for side in Side} if pair else {}
    scenario = walkthroughs.walkthrough_of(proposal) if proposal.walkthrough else None
    progress = walkthroughs.progress(user, proposal) if scenario and pair else {}
    found = pairs.side_in(user, user.workspace) if pair else None
    here = found[1] if found and found[0].id == pair.id else None  # not another proposal's side
    return ProposalPage(proposal, pair, flags, scenario, progress, here)


def open_side(user: User, key: str, side: Side) -> Workspace:
    """Work in one side of the proposal's pair (made now when missing); commits."""
    proposal = proposal_by_key(key)
    return pairs.work_in(user, pairs.ensure_pair(user, proposal), side)


def switch_side(user: User, key: str, side: Side) -> Workspace:
    """The banner's switch: to ``side``, carrying an underway walkthrough there; commits
    (PairNotFound, PairClosed)."""
    return walkthroughs.switch_side(user, pairs.open_pair(user, proposal_by_key(key)), side)


def banner_for(user: User) -> Banner | None:
    """The banner when the user's current workspace is one of their sides, else None."""
    found = pairs.side_in(user, user.workspace)
    if found is None:
        return None
    pair, side = found
    try:
        pairs.check_open(pair.proposal)
    except pairs.PairClosed as closed:
        return Banner(pair.proposal, side, None, closed)
    step = None
    if pair.proposal.walkthrough:
        rows = walkthroughs.progress(user, pair.proposal)[side]
        step = next((r.step for r in rows if r.row is not None and not r.is_done), None)
    return Banner(pair.proposal, side, step)
