"""Which cohorts a facilitator runs.

Decision (a shared training server where councils train their own staff): a facilitator
runs the cohorts they created (``Cohort.facilitator_id``); an administrator runs every
cohort of the installation. A cohort made at the command line belongs to the facilitator
named with ``--facilitator`` (or to the administrators alone). Another facilitator's cohort
does not exist for them: lookups answer None, and the console answers 404.
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment
from sandbox.workflow import Role


def runs_every_cohort(user) -> bool:
    """Administrators run every cohort; facilitators only their own."""
    return user.role is Role.ADMIN


def _run_by(user) -> sa.ColumnElement[bool]:
    """The SQL condition "``user`` runs this cohort"."""
    if runs_every_cohort(user):
        return sa.true()
    return Cohort.facilitator_id == user.id


def cohorts_run_by(user, *, archived: bool | None = None) -> list[tuple[Cohort, int]]:
    """The cohorts ``user`` runs, newest first, each with how many trainees joined it.

    ``archived``: None for all, True or False for only the archived or the open ones.
    """
    joined = (
        sa.select(sa.func.count(Enrolment.id))
        .where(Enrolment.cohort_id == Cohort.id)
        .scalar_subquery()
    )
    query = sa.select(Cohort, joined).where(_run_by(user)).order_by(Cohort.id.desc())
    if archived is not None:
        query = query.where(Cohort.is_archived.is_(archived))
    return [(cohort, count) for cohort, count in db.session.execute(query)]


def cohort_run_by(user, cohort_id: int) -> Cohort | None:
    """The cohort with this id if ``user`` runs it, else None (the caller answers 404)."""
    return db.session.scalar(sa.select(Cohort).where(Cohort.id == cohort_id, _run_by(user)))
