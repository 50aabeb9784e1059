"""USSD conversations kept in the database, so any app process can serve the next screen."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db

MAX_SESSION_ID = 128


class UssdSession(db.Model):
    """One *152*00# conversation of one phone, keyed by the gateway's sessionId."""

    __table_args__ = (sa.UniqueConstraint("workspace_id", "session_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    session_id: Mapped[str] = mapped_column(sa.String(MAX_SESSION_ID))
    # A keyed hash of the dialling phone (services/channels/ussd.phone_key), never the number;
    # cleared when an anonymous submission ends.
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    state: Mapped[str] = mapped_column(sa.Text, default="{}")  # engine.Conversation as JSON
    language: Mapped[str] = mapped_column(sa.String(8), default="sw")
    updated_at: Mapped[datetime]
