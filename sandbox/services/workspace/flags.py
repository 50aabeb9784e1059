"""Switching a workspace's behaviour toggles, and explaining why each is on or off.

Each toggle is declared once in ``workflow.toggles.Toggle`` with its default; a workspace
stores only the toggles it changed (``WorkspaceFlag`` rows), so a new toggle needs no
migration and no backfill. Services read toggles from the rules value (``rules_for``),
never one by one. A row records who switched it (``FlagSource``), why (``note``), who
(``set_by_id``) and when (``set_at``, wall time: the moment a person acted, not the
workspace's simulated clock); ``explain`` turns the rows into the "why is this on?" panel's
resolutions (``workflow.evaluation``).
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, User, Workspace, WorkspaceFlag
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Toggle
from sandbox.workflow.evaluation import (
    EvaluationContext,
    FlagSource,
    Resolution,
    StoredFlag,
    resolve_all,
)

__all__ = ["FlagSource", "differs_from_defaults", "explain", "flags_of", "set_flag"]

NOTE_MAX = 200


def set_flag(
    workspace: Workspace,
    flag: Toggle,
    enabled: bool,
    *,
    source: FlagSource = FlagSource.MANUAL,
    note: str = "",
    by: User | None = None,
    commit: bool = True,
) -> WorkspaceFlag:
    """Switch a toggle for one workspace (others keep theirs); the row, committed or flushed.

    Clears the workspace's escalation stamp: switching automatic escalation on must escalate
    what is due at the next inbox read, even on a frozen clock. ``commit=False`` flushes
    inside the caller's transaction (a preview pair's creation, a scenario's setup)."""
    row = db.session.scalar(
        sa.select(WorkspaceFlag).where(
            WorkspaceFlag.workspace_id == workspace.id, WorkspaceFlag.flag == flag.value
        )
    )
    if row is None:
        row = WorkspaceFlag(workspace_id=workspace.id, flag=flag.value)
        db.session.add(row)
    row.is_enabled = enabled
    row.source, row.note = source.value, note.strip()[:NOTE_MAX]
    row.set_by_id, row.set_at = (by.id if by is not None else None), wall_now()
    workspace.escalations_checked_at = None  # new rules: the next inbox read checks again
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return row


def flags_of(workspace: Workspace) -> dict[Toggle, bool]:
    """Every toggle with its value in this workspace (read once, from its rules)."""
    rules = rules_for(workspace)
    return {toggle: rules.is_on(toggle) for toggle in Toggle}


def explain(workspace: Workspace, user: User | None, lang: str = "sw") -> list[Resolution]:
    """Every toggle's resolution in ``workspace`` for ``user`` reading in ``lang`` (two queries:
    the rows and the workspace's cohort)."""
    rows = db.session.scalars(
        sa.select(WorkspaceFlag).where(WorkspaceFlag.workspace_id == workspace.id)
    )
    known = {t.value: t for t in Toggle}
    stored = {
        known[r.flag]: StoredFlag(r.is_enabled, FlagSource.of(r.source), r.note, r.set_at)
        for r in rows
        if r.flag in known
    }
    return resolve_all(stored, _context(workspace, user, lang))


def differs_from_defaults(resolutions: list[Resolution]) -> bool:
    """True when some toggle has another value than its default (the panel is then shown)."""
    return any(not r.is_default for r in resolutions)


def _context(workspace: Workspace, user: User | None, lang: str) -> EvaluationContext:
    """The evaluation context of ``user`` reading ``workspace``."""
    institution = user.institution.code if user is not None and user.institution else None
    return EvaluationContext(
        targeting_key=workspace.code,
        workspace_kind=workspace.kind.value,
        cohort=_cohort_of(workspace),
        role=user.role if user is not None else None,
        institution=institution,
        language="en" if lang == "en" else "sw",
    )


def _cohort_of(workspace: Workspace) -> str | None:
    """The name of the cohort a workspace belongs to (a trainee's, or its shared one)."""
    return db.session.scalar(
        sa.select(Cohort.name)
        .outerjoin(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(
            sa.or_(
                Enrolment.workspace_id == workspace.id, Cohort.shared_workspace_id == workspace.id
            )
        )
        .limit(1)
    )
