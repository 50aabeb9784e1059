"""The decision on a proposal: accepted, rejected or deferred, and reopening it.

Decisions (written down):

- Only administrators decide (``Capability.DECIDE_PROPOSAL``; the view declares it). A
  decision needs a note; the rationale, what to watch after go-live and the revisit date
  are recorded as given (a deferred proposal without a revisit date is refused: "later"
  must say when). ``decided_at`` / ``decided_by`` say who and when; deciding closes the
  proposal's feedback (``ProposalStatus.is_decided``).
- **Reopening** (back to "in preview") is a decision too: it needs a note saying why, the
  note replaces the decision note, and ``decided_at`` / ``decided_by`` then say who reopened
  it and when; the rationale and what to watch stay for the next decision to overwrite.
  Answers given before are kept and can be edited again.
- Only a proposal in preview can be decided and only a decided one reopened. The form
  carries the status the admin saw: when another admin decided meanwhile, the save is
  refused with ``DecisionRaced`` (409) instead of silently overwriting their decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import User
from sandbox.models.proposal import Proposal
from sandbox.proposals.enums import ProposalStatus
from sandbox.services.preview.report import find_proposal
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError

DECISIONS = (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED, ProposalStatus.DEFERRED)


class DecisionRefused(BilingualError, ValueError):
    """The decision cannot be recorded as asked (the message says why)."""


class DecisionRaced(BilingualError, ValueError):
    """Someone changed the proposal's status since the form was opened."""

    def __init__(self) -> None:
        super().__init__(
            "Msimamizi mwingine ameshabadili hali ya hoja hii. Soma hali mpya kisha uamue.",
            "Another administrator changed this proposal's status. Read it again, then decide.",
        )


@dataclass(frozen=True)
class Decision:
    """What the admin records: the new status and its reasons."""

    status: ProposalStatus
    note: str
    rationale: str = ""
    watch_after: str = ""
    revisit_on: date | None = None
    seen_status: ProposalStatus | None = None


def allowed_statuses(status: ProposalStatus) -> tuple[ProposalStatus, ...]:
    """The statuses an admin may move a proposal in ``status`` to."""
    if status is ProposalStatus.IN_PREVIEW:
        return DECISIONS
    if status.is_decided:
        return (ProposalStatus.IN_PREVIEW,)
    return ()


def _check(proposal: Proposal, decision: Decision) -> None:
    """Refuse a raced, impossible or incomplete decision."""
    if decision.seen_status is not None and decision.seen_status is not proposal.status:
        raise DecisionRaced()
    if decision.status not in allowed_statuses(proposal.status):
        raise DecisionRefused(
            "Hoja hii haiwezi kuhamishiwa hali hiyo sasa.",
            "This proposal cannot be moved to that status now.",
        )
    if not decision.note.strip():
        raise DecisionRefused("Andika kumbukumbu ya uamuzi.", "Write a decision note.")
    if decision.status is ProposalStatus.DEFERRED and decision.revisit_on is None:
        raise DecisionRefused(
            "Hoja iliyoahirishwa inahitaji tarehe ya kuirudia.",
            "A deferred proposal needs a revisit date.",
        )


def decide_proposal(key: str, decision: Decision, by: User) -> Proposal:
    """Record ``decision`` on proposal ``key``; DecisionRefused / DecisionRaced / NotAsked."""
    proposal = find_proposal(key)
    _check(proposal, decision)
    now = wall_now()
    values = {
        "status": decision.status,
        "decision_note": decision.note.strip(),
        "revisit_on": decision.revisit_on,
        "decided_at": now,
        "decided_by_id": by.id,
        "updated_at": now,
    }
    if decision.status is not ProposalStatus.IN_PREVIEW:
        values["decision_rationale"] = decision.rationale.strip()
        values["watch_after"] = decision.watch_after.strip()
    # Only if the status is still the one checked: a concurrent decision makes this a no-op.
    changed = db.session.execute(
        sa.update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.status == proposal.status)
        .values(**values)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise DecisionRaced()
    db.session.commit()
    db.session.refresh(proposal)
    return proposal
