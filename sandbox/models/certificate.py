"""Certificates issued to trainees who passed their cohort's required scenarios."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.cohort import Cohort, Enrolment


class Certificate(db.Model):
    """One certificate: what it says, as it was issued, and whether it was revoked.

    ``code`` is the verification code, normalised (``sandbox.certificates.codes``);
    ``name`` and ``scenarios`` (the scenario ids passed, required first) are copied at issue,
    so a renamed login or a later reset never changes a printed certificate. A revoked
    certificate keeps its row (the verify page says "revoked", with the date); the trainee
    may be issued a new one. Times are wall time (naive EAT).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"), index=True)
    enrolment_id: Mapped[int] = mapped_column(sa.ForeignKey("enrolment.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    scenarios: Mapped[list] = mapped_column(sa.JSON)
    issued_at: Mapped[datetime]
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(300))
    cohort: Mapped[Cohort] = relationship()
    enrolment: Mapped[Enrolment] = relationship()

    @property
    def is_revoked(self) -> bool:
        """True once the facilitator revoked it."""
        return self.revoked_at is not None
