"""Proposals: the code-backed ones synced from data, text-only ones written in the app.

Decisions (written down):

- **Sync** (``sync_proposals``) inserts a data entry missing from the database, and updates
  a stored one's text, toggle, walkthrough, screens and version only when the data's
  version is higher; it never touches the status, the owner, the revisit date or any
  decision field, and running it twice changes nothing. It runs where the demo world is
  seeded (``services/workspace/demo.ensure_demo``) and as ``mrejesho proposals sync``. A new
  code-backed proposal starts **in preview** (it ships to be tried); a text-only one starts
  as a draft.
- ``asked_by`` is stored as ``"<Swahili> / <English>"`` (one column, both languages).
- A text-only proposal is written by an administrator or a facilitator (``Capability.
  PREVIEW``): both languages of title and summary required; problem and changes optional;
  its key is made from the English title (a slug, made unique with ``-2``, ``-3``…). It
  has no toggle, no walkthrough, no pair. Editing it never changes a code-backed one's
  text (that comes from data) but sets the owner and the revisit date of any proposal.
- Moving between **draft** and **in preview** is ``Capability.PREVIEW``; a decided
  proposal (accepted, rejected, deferred) is not moved here (deciding belongs to
  ``DECIDE_PROPOSAL``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import User
from sandbox.models.proposal import Proposal
from sandbox.proposals.enums import ProposalStatus
from sandbox.proposals.loader import load_proposals
from sandbox.proposals.schema import ProposalEntry
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError

TEXTS = ("title", "summary", "problem", "changes")


class ProposalNotFound(LookupError):
    """No proposal with this key (404)."""


class ProposalRefused(BilingualError, ValueError):
    """A proposal change refused; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Keep the field and both languages."""
        super().__init__(message_sw, message_en)
        self.field = field


@dataclass(frozen=True)
class ProposalText:
    """What the proposal form carries (both languages of each text, owner, revisit date)."""

    title_sw: str
    title_en: str
    summary_sw: str
    summary_en: str
    problem_sw: str = ""
    problem_en: str = ""
    changes_sw: str = ""
    changes_en: str = ""
    asked_by: str = ""
    owner_id: int | None = None
    revisit_on: date | None = None


def sync_proposals(entries: list[ProposalEntry] | None = None) -> tuple[int, int]:
    """Write the data's proposals into the database: (added, updated); commits.

    ProposalDataError (from the loader) when the file has problems."""
    entries = load_proposals() if entries is None else entries
    stored = {p.key: p for p in db.session.scalars(sa.select(Proposal))}
    added = updated = 0
    for entry in entries:
        proposal = stored.get(entry.key)
        if proposal is None:
            db.session.add(_new_from(entry))
            added += 1
        elif entry.version > proposal.version:
            _copy_entry(entry, proposal)
            updated += 1
    db.session.commit()
    return added, updated


def _new_from(entry: ProposalEntry) -> Proposal:
    """A code-backed proposal for a data entry, in preview."""
    now = wall_now()
    proposal = Proposal(
        key=entry.key, is_code_backed=True, status=ProposalStatus.IN_PREVIEW, created_at=now
    )
    _copy_entry(entry, proposal)
    return proposal


def _copy_entry(entry: ProposalEntry, proposal: Proposal) -> None:
    """The data's text, toggle, walkthrough, screens and version onto the row."""
    for name in TEXTS:
        text = getattr(entry, name)
        setattr(proposal, f"{name}_sw", text.sw)
        setattr(proposal, f"{name}_en", text.en)
    proposal.asked_by = f"{entry.asked_by.sw} / {entry.asked_by.en}"
    proposal.toggle = entry.toggle.value if entry.toggle else None
    proposal.walkthrough = entry.walkthrough
    proposal.screens = list(entry.screens)
    proposal.version = entry.version
    proposal.updated_at = wall_now()


def proposal_by_key(key: str) -> Proposal:
    """The proposal with this key (ProposalNotFound: 404)."""
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.key == key))
    if proposal is None:
        raise ProposalNotFound(key)
    return proposal


def proposals_in_preview() -> list[Proposal]:
    """The proposals a stakeholder may try and judge now (in preview), code-backed first."""
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.status == ProposalStatus.IN_PREVIEW)
            .order_by(Proposal.is_code_backed.desc(), Proposal.id)
        )
    )


def every_proposal() -> list[Proposal]:
    """Every proposal, newest changes first (the organisers' list)."""
    return list(db.session.scalars(sa.select(Proposal).order_by(Proposal.updated_at.desc())))


def possible_owners() -> list[User]:
    """The people who may own a proposal: active administrators and facilitators."""
    from_roles = ("admin", "facilitator")
    return [
        user
        for user in db.session.scalars(sa.select(User).order_by(User.display_name))
        if user.role.value in from_roles and user.is_active
    ]
