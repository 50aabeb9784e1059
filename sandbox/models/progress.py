"""Progress: the append-only log of xAPI statements, and a trainee's "I need help" flag."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db


class XapiStatement(db.Model):
    """One xAPI statement as it was recorded; rows are only ever inserted (see below).

    ``body`` is the whole statement (``sandbox.progress``); ``statement_id`` its UUID,
    ``verb`` its verb IRI, ``registration`` the attempt's UUID (the link that outlives the
    attempt row: a reset may remove the attempt, the statement stays), ``stored`` the wall
    time it was written (naive EAT). Written in the same transaction as the action it
    records (``services/training/progress.py``).
    """

    __table_args__ = (sa.Index("ix_xapi_statement_user_order", "user_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    verb: Mapped[str] = mapped_column(sa.String(200))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    attempt_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("scenario_attempt.id", ondelete="SET NULL"), index=True
    )
    registration: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    body: Mapped[dict] = mapped_column(sa.JSON)
    stored: Mapped[datetime]


@sa.event.listens_for(XapiStatement, "before_update")
@sa.event.listens_for(XapiStatement, "before_delete")
def _refuse_rewriting_the_record(mapper, connection, target) -> None:
    """The statement log is append-only: the ORM never updates or deletes a statement."""
    raise PermissionError("XapiStatement rows are append-only")


class HelpRequest(db.Model):
    """A trainee's "Nahitaji msaada / I need help": when it was asked, and withdrawn if it was.

    At most one open request per trainee (``withdrawn_at`` empty), held by a partial unique
    index. ``scenario_id`` is the scenario the trainee was in, if any; ``statement_id`` the
    ``asked`` statement. The facilitator's console (next) reads the open ones.
    """

    __table_args__ = (
        sa.Index(
            "uq_help_request_open",
            "user_id",
            unique=True,
            sqlite_where=sa.text("withdrawn_at IS NULL"),
            postgresql_where=sa.text("withdrawn_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    attempt_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("scenario_attempt.id", ondelete="SET NULL")
    )
    scenario_id: Mapped[str | None] = mapped_column(sa.String(60))
    statement_id: Mapped[str] = mapped_column(sa.String(36))
    asked_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
