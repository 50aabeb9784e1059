"""Writing text-only proposals in the app, and moving a proposal between draft and preview.

The rules are in ``services/preview/proposals.py``'s docstring.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import User
from sandbox.models.proposal import Proposal, ProposalFeedback, WalkthroughStep
from sandbox.proposals.enums import ProposalStatus
from sandbox.services.preview.proposals import ProposalRefused, ProposalText, possible_owners
from sandbox.services.workspace.now import wall_now
from sandbox.text import one_line

MOVABLE = (ProposalStatus.DRAFT, ProposalStatus.IN_PREVIEW)
RESERVED_KEYS = ("new",)
REQUIRED = ("title_sw", "title_en", "summary_sw", "summary_en")
TEXTS = (*REQUIRED, "problem_sw", "problem_en", "changes_sw", "changes_en", "asked_by")


def create_proposal(text: ProposalText, author: User) -> Proposal:
    """A new text-only proposal (a draft) from the form; commits. ProposalRefused: 422."""
    _check(text)
    _check_owner(text.owner_id)
    now = wall_now()
    proposal = Proposal(
        key=_unused_key(text.title_en),
        is_code_backed=False,
        status=ProposalStatus.DRAFT,
        created_by_id=author.id,
        created_at=now,
    )
    _apply(text, proposal)
    db.session.add(proposal)
    db.session.commit()
    return proposal


def edit_proposal(proposal: Proposal, text: ProposalText) -> Proposal:
    """Save the form on a proposal: a text-only one's text, any one's owner and revisit date;
    commits. A code-backed proposal's text comes from data and is left as it is. Changing
    the text of a version people answered or walked through makes a new version, so their
    answers stay with what they read (the key, the proposal's address, stays)."""
    _check_owner(text.owner_id)
    if proposal.is_code_backed:
        proposal.owner_id, proposal.revisit_on = text.owner_id, text.revisit_on
    else:
        _check(text)
        before = _texts(proposal)
        _apply(text, proposal)
        if _texts(proposal) != before and _has_answers(proposal):
            proposal.version += 1
    proposal.updated_at = wall_now()
    db.session.commit()
    return proposal


def move_proposal(proposal: Proposal, status: ProposalStatus) -> Proposal:
    """Move a proposal between draft and in preview; commits. Decided ones are refused."""
    if status not in MOVABLE or proposal.status not in MOVABLE:
        raise ProposalRefused(
            "status",
            "Hoja iliyokwisha amuliwa haihamishwi hapa.",
            "A decided proposal is not moved here.",
        )
    proposal.status = status
    proposal.updated_at = wall_now()
    db.session.commit()
    return proposal


def _check(text: ProposalText) -> None:
    """Title and summary in both languages, not empty once trimmed."""
    for name in REQUIRED:
        if not one_line(getattr(text, name)):
            raise ProposalRefused(
                name,
                "Sehemu hii inahitajika kwa Kiswahili na Kiingereza.",
                "This field is required in Swahili and English.",
            )


def _check_owner(owner_id: int | None) -> None:
    """No owner, or an active administrator or facilitator (the form's choices)."""
    if owner_id and owner_id not in {user.id for user in possible_owners()}:
        raise ProposalRefused(
            "owner",
            "Chagua mmiliki kwenye orodha: msimamizi au mwezeshaji.",
            "Choose the owner from the list: an administrator or a facilitator.",
        )


def _texts(proposal: Proposal) -> tuple[str, ...]:
    """What a respondent read: the proposal's texts in both languages."""
    return tuple(getattr(proposal, name) or "" for name in TEXTS)


def _has_answers(proposal: Proposal) -> bool:
    """True when someone answered or walked through the proposal's current version."""
    for model in (ProposalFeedback, WalkthroughStep):
        found = sa.select(model.id).where(
            model.proposal_id == proposal.id, model.proposal_version == proposal.version
        )
        if db.session.scalar(found.limit(1)) is not None:
            return True
    return False


def _apply(text: ProposalText, proposal: Proposal) -> None:
    """The form's texts (trimmed), owner and revisit date onto the row."""
    for name in ("title_sw", "title_en", "asked_by"):
        setattr(proposal, name, one_line(getattr(text, name)))
    for name in ("summary_sw", "summary_en", "problem_sw", "problem_en"):
        setattr(proposal, name, (getattr(text, name) or "").strip())
    proposal.changes_sw = (text.changes_sw or "").strip()
    proposal.changes_en = (text.changes_en or "").strip()
    proposal.owner_id, proposal.revisit_on = text.owner_id, text.revisit_on
    proposal.updated_at = wall_now()


def _unused_key(title: str) -> str:
    """A slug of the English title that no proposal uses yet (``-2``, ``-3``… added)."""
    base = re.sub(r"[^a-z0-9]+", "-", one_line(title).lower()).strip("-")[:50] or "proposal"
    if base in RESERVED_KEYS:  # /preview/proposals/new is the form, never a proposal
        base = f"{base}-proposal"
    key, n = base, 1
    while db.session.scalar(sa.select(Proposal.id).where(Proposal.key == key)):
        n += 1
        key = f"{base}-{n}"
    return key
