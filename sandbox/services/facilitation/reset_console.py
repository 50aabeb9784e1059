"""What the console's reset page shows: the trainees and scenarios to choose from, the reset
log, the reset that can be undone, and the named snapshots.

Trainees are listed by name and personal code only (never their phone or institution).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, ResetRecord, Snapshot, User
from sandbox.scenarios.loader import Library
from sandbox.services.facilitation.resets import Grain, undoable
from sandbox.services.facilitation.snapshots import named_snapshots


@dataclass(frozen=True)
class LogLine:
    """One reset of the log, as the page shows it."""

    record: ResetRecord
    grain: Grain
    by: str | None  # who reset (None: the command line)
    trainee: str  # the trainee's personal code, or ""


@dataclass(frozen=True)
class ResetPage:
    """The reset page of one cohort."""

    trainees: list[tuple[str, str]]  # (personal code, name)
    scenarios: list[tuple[str, str, str]]  # (id, Swahili title, English title)
    log: list[LogLine]
    undoable: LogLine | None  # the reset that can be undone now, if any
    snapshots: list[tuple[Snapshot, str | None]]  # (snapshot, who saved it)


def reset_page(cohort: Cohort, library: Library) -> ResetPage:
    """Everything the reset page of ``cohort`` shows (reads only)."""
    trainees = db.session.execute(
        sa.select(Enrolment.personal_code, User.display_name)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.cohort_id == cohort.id)
        .order_by(User.display_name, Enrolment.id)
    ).all()
    scenarios = [(s.id, s.title.sw, s.title.en) for s in library.in_order()]
    log, last = reset_log(cohort), undoable(cohort)
    return ResetPage(
        [tuple(t) for t in trainees],
        scenarios,
        log,
        next((line for line in log if last and line.record.id == last.id), None),
        [(s, _name_of(s.created_by_id)) for s in named_snapshots(cohort)],
    )


def _name_of(user_id: int | None) -> str | None:
    """A user's display name (None for None: the command line)."""
    return db.session.get(User, user_id).display_name if user_id else None


def reset_log(cohort: Cohort, limit: int = 50) -> list[LogLine]:
    """The cohort's resets, newest first, with who reset and which trainee."""
    who = User.__table__.alias("who")
    query = (
        sa.select(ResetRecord, who.c.display_name, Enrolment.personal_code)
        .outerjoin(who, who.c.id == ResetRecord.reset_by_id)
        .outerjoin(Enrolment, Enrolment.id == ResetRecord.enrolment_id)
        .where(ResetRecord.cohort_id == cohort.id)
        .order_by(ResetRecord.id.desc())
        .limit(limit)
    )
    return [
        LogLine(record, Grain(record.grain), name, code or "")
        for record, name, code in db.session.execute(query)
    ]


def snapshot_of(cohort: Cohort, snapshot_id: int) -> Snapshot | None:
    """The cohort's named snapshot with this id (None for another cohort's, or automatic)."""
    found = db.session.get(Snapshot, snapshot_id)
    if found is None or found.cohort_id != cohort.id or found.is_automatic:
        return None
    return found
