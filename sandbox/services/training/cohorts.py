"""Cohorts: a group of trainees who join with one code and each get a world of their own.

Decisions (a facilitator's expectations, written down):

- A cohort's name is unique, compared without regard to case or surrounding spaces.
- The seed is the cohort's: every trainee's workspace is generated from it, so the whole
  hall has the same items and a facilitator can talk about ``MRJ-…-000042`` to everyone.
  Without ``seed`` a random one is drawn (and shown, so the world can be made again).
- The simulated start is a date: each trainee's workspace clock starts at 08:00 on it (the
  start of a working day), then runs. Without ``start`` it is today.
- The training institution is a council with a real queue in the seeded world
  (``DODOMA_CC``, the demo personas' council): every trainee is its feedback officer.
- An archived cohort keeps its trainees and workspaces but takes no new joins and lets no
  trainee sign back in (the workshop is over).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Institution, User
from sandbox.services.people.trainees import DEFAULT_INSTITUTION
from sandbox.services.people.users import end_every_sign_in
from sandbox.services.training.codes import is_well_formed, new_code, normalise_code
from sandbox.services.workspace.now import wall_now
from sandbox.text import one_line
from sandbox.workflow import BilingualError

LANGUAGES = ("sw", "en")
WORKDAY_START = time(8, 0)
MAX_NAME = 120
CODE_ATTEMPTS = 20


class CohortRefused(BilingualError, ValueError):
    """A cohort that cannot be created or changed (name taken, unknown language…)."""


def create_cohort(
    name: str,
    *,
    seed: int | None = None,
    start: date | None = None,
    language: str = "sw",
    institution_code: str = DEFAULT_INSTITUTION,
    facilitator=None,
) -> Cohort:
    """A new cohort with a fresh join code, run by ``facilitator`` (a User or None); commits."""
    name = cohort_name(name)
    _check_name(name)
    check_start(start)
    if language not in LANGUAGES:
        raise CohortRefused("Lugha ya kundi iwe sw au en.", "A cohort's language is sw or en.")
    institution = db.session.scalar(
        sa.select(Institution).where(Institution.code == institution_code)
    )
    if institution is None:
        raise CohortRefused(
            f"Hakuna taasisi yenye msimbo '{institution_code}'.",
            f"There is no institution with the code '{institution_code}'.",
        )
    now = wall_now()
    for _ in range(CODE_ATTEMPTS):
        cohort = Cohort(
            name=name,
            language=language,
            seed=secrets.randbelow(1_000_000) if seed is None else seed,
            start_at=datetime.combine(start or now.date(), WORKDAY_START),
            join_code=_unused_join_code(),
            institution_id=institution.id,
            created_at=now,
            facilitator_id=facilitator.id if facilitator is not None else None,
        )
        db.session.add(cohort)
        try:
            db.session.commit()
            return cohort
        except IntegrityError:  # another cohort took the code (or the name) meanwhile
            db.session.rollback()
            _check_name(name)
    raise RuntimeError("no free join code found")  # pragma: no cover - 887 million codes


FIRST_START, LAST_START = date(2000, 1, 1), date(2099, 12, 31)


def cohort_name(typed: str | None) -> str:
    """A cohort's name as stored: control characters dropped, runs of spaces made one."""
    return one_line(typed)


def check_start(start: date | None) -> None:
    """A simulated start from 2000 to 2099 (None: today); the worlds, their deadlines and a
    year of clock moves must fit in the calendar (a tester's 9999-12-31 overflowed)."""
    if start is not None and not FIRST_START <= start <= LAST_START:
        raise CohortRefused(
            "Tarehe ya kuanza iwe kati ya 2000-01-01 na 2099-12-31.",
            "The start date is between 2000-01-01 and 2099-12-31.",
        )


def _check_name(name: str) -> None:
    """A name of 1 to 120 characters that no other cohort has (whatever its case)."""
    if not 1 <= len(name) <= MAX_NAME:
        raise CohortRefused(
            f"Jina la kundi liwe na herufi 1 hadi {MAX_NAME}.",
            f"A cohort's name has 1 to {MAX_NAME} characters.",
        )
    if find_cohort(name) is not None:
        raise CohortRefused(
            f"Kundi lenye jina '{name}' lipo tayari.", f"A cohort named '{name}' already exists."
        )


def _unused_join_code() -> str:
    """A join code no cohort has yet."""
    while True:
        code = new_code()
        if not db.session.scalar(sa.select(Cohort.id).where(Cohort.join_code == code)):
            return code


def find_cohort(name: str) -> Cohort | None:
    """The cohort with this name, whatever its case and surrounding spaces."""
    folded = " ".join((name or "").split()).lower()
    return db.session.scalar(sa.select(Cohort).where(sa.func.lower(Cohort.name) == folded))


def cohort_by_join_code(typed: str | None) -> Cohort | None:
    """The cohort whose join code was typed (any case, spaces and dashes ignored), if any."""
    code = normalise_code(typed)
    if not is_well_formed(code):
        return None
    return db.session.scalar(sa.select(Cohort).where(Cohort.join_code == code))


def list_cohorts() -> list[tuple[Cohort, int]]:
    """Every cohort, newest first, with how many trainees joined it."""
    joined = (
        sa.select(sa.func.count(Enrolment.id))
        .where(Enrolment.cohort_id == Cohort.id)
        .scalar_subquery()
    )
    rows = db.session.execute(sa.select(Cohort, joined).order_by(Cohort.id.desc()))
    return [(cohort, count) for cohort, count in rows]


def archive_cohort(cohort: Cohort, archived: bool = True) -> None:
    """Close a cohort to new joins and sign-ins, signing its trainees out everywhere (the
    workshop is over: a tester's trainee kept working after it closed), or open it again;
    commits."""
    cohort.is_archived = archived
    if archived:
        trainees = sa.select(Enrolment.user_id).where(Enrolment.cohort_id == cohort.id)
        end_every_sign_in(list(db.session.scalars(sa.select(User).where(User.id.in_(trainees)))))
    db.session.commit()
