"""The institution's identity-reveal log: every reveal of the items the reader may see.

The head (and a trainee in their own workspace) reads who looked at which complainant's
identity, when and why — the audit that makes revealing accountable. Rows come from
``IdentityReveal`` (append-only); the items' scope is the reader's (``scope_clause``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.desk import IdentityReveal
from sandbox.services.feedback.scope import scope_clause

PAGE_LIMIT = 500  # a screen shows the newest 500; the CSV export has them all


@dataclass(frozen=True)
class RevealFilter:
    """Narrow the log: a period (inclusive days), who revealed, an item's reference."""

    date_from: date | None = None
    date_to: date | None = None
    revealer_id: int | None = None
    reference: str = ""


@dataclass(frozen=True)
class RevealRow:
    """One reveal as the log shows it (the identity itself is never part of the log)."""

    at: datetime
    revealer: str
    feedback_id: int
    reference: str
    reason: str


def _clauses(workspace: Workspace, reader: User, f: RevealFilter) -> list:
    """WHERE conditions: this workspace, items in the reader's scope, the filter."""
    wheres = [IdentityReveal.workspace_id == workspace.id, scope_clause(reader)]
    if f.date_from:
        wheres.append(IdentityReveal.at >= datetime.combine(f.date_from, time.min))
    if f.date_to:
        wheres.append(IdentityReveal.at <= datetime.combine(f.date_to, time.max))
    if f.revealer_id:
        wheres.append(IdentityReveal.user_id == f.revealer_id)
    if f.reference.strip():
        wheres.append(Feedback.reference == f.reference.strip().upper())
    return wheres


def reveal_log(
    workspace: Workspace, reader: User, f: RevealFilter, *, limit: int | None = PAGE_LIMIT
) -> list[RevealRow]:
    """The reveals matching ``f``, newest first (``limit=None`` for every row)."""
    query = (
        sa.select(IdentityReveal.at, User.display_name, Feedback.id, Feedback.reference)
        .add_columns(IdentityReveal.reason)
        .join(Feedback, Feedback.id == IdentityReveal.feedback_id)
        .join(User, User.id == IdentityReveal.user_id)
        .where(*_clauses(workspace, reader, f))
        .order_by(IdentityReveal.at.desc(), IdentityReveal.id.desc())
        .limit(limit)
    )
    return [RevealRow(*row) for row in db.session.execute(query)]


def revealers(workspace: Workspace, reader: User) -> list[User]:
    """The people who revealed an identity of the reader's items, by name (for the filter)."""
    ids = (
        sa.select(IdentityReveal.user_id)
        .join(Feedback, Feedback.id == IdentityReveal.feedback_id)
        .where(*_clauses(workspace, reader, RevealFilter()))
    )
    query = sa.select(User).where(User.id.in_(ids)).order_by(User.display_name)
    return list(db.session.scalars(query))
