"""The live room's records: a cohort's stuck thresholds, the facilitator's acknowledgements."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db


class RoomSetting(db.Model):
    """A cohort's stuck thresholds: N minutes without progress, K failed checks in a row.

    One row per cohort, made the first time the facilitator saves the form; a cohort without
    one uses the defaults (``services/facilitation/stuck.py``).
    """

    __table_args__ = (
        sa.CheckConstraint("stuck_minutes BETWEEN 1 AND 480", name="stuck_minutes"),
        sa.CheckConstraint("failed_checks BETWEEN 1 AND 50", name="failed_checks"),
    )
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"), primary_key=True)
    stuck_minutes: Mapped[int]
    failed_checks: Mapped[int]
    changed_at: Mapped[datetime]


class RoomAcknowledgement(db.Model):
    """The facilitator saw a trainee's help request or stuck episode: who and when.

    ``kind`` is ``help`` or ``stuck``; ``episode`` names what was seen (``h<request id>`` for
    a help request, ``<attempt id>:<last progress statement id>`` for a stuck episode), so a
    new request or a new episode is not acknowledged and shows again.
    """

    __table_args__ = (
        sa.CheckConstraint("kind IN ('help', 'stuck')", name="kind"),
        sa.UniqueConstraint("user_id", "kind", "episode", name="uq_room_ack_episode"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))  # the trainee
    kind: Mapped[str] = mapped_column(sa.String(8))
    episode: Mapped[str] = mapped_column(sa.String(40))
    acknowledged_by: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    acknowledged_at: Mapped[datetime]
