"""Enrolling a cohort's trainees from a roster, the roster itself, and PIN resets.

Decisions (a facilitator's expectations, written down):

- Bulk enrolment goes through the same path as joining with the code
  (``training/joining.enrol_trainee``): each trainee gets their own workspace of the
  cohort's world, a TRAINEE login and a personal code.
- The facilitator hands out the first PIN: a generated 6-digit PIN per trainee, shown once
  on the printable code cards right after enrolling and never again (only its hash is
  kept). A lost card is answered with "reset PIN", which makes a new one.
- Enrolling runs only on a roster with no problem at all (the dry run says what to fix),
  and only in an open cohort. Each trainee is committed on their own, as when joining: a
  failure half-way keeps those already enrolled (they are real accounts with cards).
- Resetting a PIN ends every open sign-in of that trainee (a card found by someone else
  stops working at once).
- The roster shows home institution and phone only to the cohort's facilitator or an
  administrator (the console's 404 guard); nothing here logs them.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment
from sandbox.services.facilitation.roster_csv import Roster
from sandbox.services.people.users import end_every_sign_in
from sandbox.services.training.codes import grouped
from sandbox.services.training.joining import JoinRefused, enrol_trainee
from sandbox.text import LIKE_ESCAPE, like_pattern
from sandbox.workflow import BilingualError

PIN_DIGITS = 6
# One trainee's world (300 items, staff, leader, login) took 1.37 s (in-process, 6 trainees)
# and 1.9 s (CLI, 10 trainees, start-up included) on the shared 2-core development machine,
# SQLite; the pages say "about X minutes for N" from this rounded-up figure.
SECONDS_PER_TRAINEE = 1.5


class EnrolmentRefused(BilingualError, ValueError):
    """A roster that cannot be enrolled (problems left, the cohort is archived)."""


@dataclass(frozen=True)
class CodeCard:
    """What one trainee is handed: name, personal code and the first PIN (shown once)."""

    name: str
    personal_code: str
    pin: str


@dataclass(frozen=True)
class RosterEntry:
    """One trainee as the facilitator's roster shows them."""

    enrolment_id: int
    name: str
    personal_code: str
    home_institution: str | None
    phone: str | None
    joined_at: datetime


def new_pin() -> str:
    """A random 6-digit PIN (leading zeros kept)."""
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def minutes_to_enrol(count: int) -> int:
    """About how many minutes enrolling ``count`` trainees takes (at least 1)."""
    return max(1, round(count * SECONDS_PER_TRAINEE / 60))


def enrol_roster(
    cohort: Cohort,
    roster: Roster,
    progress: Callable[[int], None] | None = None,
    batch_key: str = "",
) -> list[CodeCard]:
    """Enrol every row of a clean roster; one code card each. Commits per trainee.

    ``batch_key`` is the confirmation form's one-time key: each row's enrolment keeps
    ``<key>:<row>``, so the same confirmation sent again (a refresh, a replay) is refused
    instead of enrolling everyone twice. Raises EnrolmentRefused when the roster has
    problems, the cohort is archived, or this batch was enrolled already.
    """
    if not roster.is_clean or cohort.is_archived:
        raise EnrolmentRefused(
            "Hakuna aliyesajiliwa: rekebisha makosa ya faili, au kundi limefungwa.",
            "Nobody was enrolled: fix the file's problems, or the cohort is archived.",
        )
    if batch_key and _enrolled_already(batch_key):
        raise _sent_twice()
    cards = []
    for n, row in enumerate(roster.rows, start=1):
        pin = new_pin()
        key = f"{batch_key}:{n}" if batch_key else ""
        try:
            enrolment = enrol_trainee(
                cohort, row.name, pin, row.institution, row.phone, join_key=key
            )
        except JoinRefused:  # the same confirmation, sent at once, enrolled this row first
            raise _sent_twice() from None
        cards.append(CodeCard(enrolment.user.display_name, grouped(enrolment.personal_code), pin))
        if progress is not None:
            progress(1)
    return cards


def _sent_twice() -> EnrolmentRefused:
    return EnrolmentRefused(
        "Orodha hii imeshasajiliwa (fomu ilitumwa mara mbili): tazama wanafunzi wa kundi.",
        "This list was enrolled already (the form was sent twice): see the cohort's trainees.",
    )


def _enrolled_already(batch_key: str) -> bool:
    """True when a row of this confirmation was enrolled (its key is kept per enrolment)."""
    pattern = like_pattern(f"{batch_key}:", prefix=True)
    keys = sa.select(Enrolment.id).where(Enrolment.join_key.like(pattern, escape=LIKE_ESCAPE))
    return db.session.scalar(keys.limit(1)) is not None


def roster_of(cohort: Cohort) -> list[RosterEntry]:
    """The cohort's trainees in the order they joined (personal data: the facilitator only)."""
    enrolments = db.session.scalars(
        sa.select(Enrolment).where(Enrolment.cohort_id == cohort.id).order_by(Enrolment.id)
    )
    return [
        RosterEntry(
            e.id,
            e.user.display_name,
            grouped(e.personal_code),
            e.home_institution,
            e.phone,
            e.joined_at,
        )
        for e in enrolments
    ]


def enrolment_in(cohort: Cohort, enrolment_id: int) -> Enrolment | None:
    """The enrolment with this id if it belongs to ``cohort`` (None otherwise: a 404)."""
    return db.session.scalar(
        sa.select(Enrolment).where(Enrolment.id == enrolment_id, Enrolment.cohort_id == cohort.id)
    )


def reset_pin(enrolment: Enrolment) -> CodeCard:
    """A new generated PIN for this trainee, every open sign-in of theirs ended; commits."""
    pin = new_pin()
    enrolment.pin_hash = generate_password_hash(pin)
    end_every_sign_in([enrolment.user])
    db.session.commit()
    return CodeCard(enrolment.user.display_name, grouped(enrolment.personal_code), pin)
