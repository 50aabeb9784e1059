"""Training cohorts and the trainees enrolled in them."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.reference import Institution
from sandbox.models.user import User
from sandbox.models.workspace import Workspace


class Cohort(db.Model):
    """A group of trainees who join with one code and each get a world from the same seed.

    ``start_at`` is the simulated moment every trainee's workspace clock starts at;
    ``language`` (``sw`` or ``en``) is the language their pages open in; ``institution``
    is the training institution whose feedback officer each trainee plays.
    """

    __table_args__ = (sa.CheckConstraint("language IN ('sw', 'en')", name="language"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    language: Mapped[str] = mapped_column(sa.String(2))
    seed: Mapped[int]
    start_at: Mapped[datetime]
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)  # stored normalised
    institution_id: Mapped[int] = mapped_column(sa.ForeignKey("institution.id"))
    is_archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    # Who runs it: that facilitator (and every administrator) sees and drives it; None for a
    # cohort made at the command line without --facilitator (administrators only).
    facilitator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    # The cohort's one shared workspace for plenary group exercises (None until given one).
    shared_workspace_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workspace.id"))
    # The scenario ids a trainee must pass for a certificate; None until the facilitator
    # chooses: every scenario of the library (services/facilitation/certificates.py).
    required_scenarios: Mapped[list | None] = mapped_column(sa.JSON)
    institution: Mapped[Institution] = relationship()
    # The cohort's stable identity across installations: an archive of it imported twice is
    # recognised by it (services/facilitation/archive.py). ``imported_digest`` is the content
    # digest of the archive this cohort was imported from (None when made here): local only.
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True, default=lambda: str(uuid4()))
    imported_digest: Mapped[str | None] = mapped_column(sa.String(64))
    # The facilitator's switch: the cohort's trainees may give feedback on proposals in preview.
    collects_proposal_feedback: Mapped[bool] = mapped_column(default=False, server_default="0")
    facilitator: Mapped[User | None] = relationship()
    shared_workspace: Mapped[Workspace | None] = relationship()


class Enrolment(db.Model):
    """One trainee in one cohort: their login, their own workspace and how they sign back in.

    ``home_institution`` and ``phone`` are the trainee's own personal data (optional): shown
    only to the trainee and the cohort's facilitator or administrator, never to other
    trainees, never logged. The PIN is stored only as a salted hash, like passwords.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), unique=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), unique=True)
    personal_code: Mapped[str] = mapped_column(sa.String(16), unique=True)  # stored normalised
    pin_hash: Mapped[str] = mapped_column(sa.String(256))
    home_institution: Mapped[str | None] = mapped_column(sa.String(160))
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    joined_at: Mapped[datetime]
    # The join form's one-time key: the same form sent twice (a retried request, a double
    # submit) finds this enrolment instead of making a second trainee.
    join_key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    cohort: Mapped[Cohort] = relationship()
    user: Mapped[User] = relationship()
    workspace: Mapped[Workspace] = relationship()
