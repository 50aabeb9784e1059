"""The simulated SMS gateway: every message in or out of a workspace. Nothing is ever sent."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.feedback import Feedback
from sandbox.models.types import enum_column
from sandbox.workflow.labels import Labelled


class SmsDirection(Labelled):
    """Which way a message went through the simulated gateway."""

    OUTBOUND = ("outbound", "Uliotumwa", "Sent")
    INBOUND = ("inbound", "Uliopokelewa", "Received")


class SmsMessage(db.Model):
    """One SMS in a workspace's outbox or inbox, on the workspace clock."""

    __table_args__ = (
        sa.Index("ix_sms_ws_phone", "workspace_id", "phone", "at"),
        # A gateway re-delivery (same message id) can never be stored, so never handled, twice.
        sa.UniqueConstraint("workspace_id", "gateway_id", name="uq_sms_message_gateway_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    direction: Mapped[SmsDirection] = mapped_column(enum_column(SmsDirection))
    phone: Mapped[str] = mapped_column(sa.String(20))
    short_code: Mapped[str] = mapped_column(sa.String(20), default="")
    text: Mapped[str] = mapped_column(sa.Text)
    feedback_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    gateway_id: Mapped[str | None] = mapped_column(sa.String(64))  # inbound only; NULL if none
    # The USSD session a message answers, when it has no phone (an anonymous item's reference
    # SMS): the emulator's handset finds it by its own sessions, nothing ties it to a number.
    ussd_session_id: Mapped[str] = mapped_column(sa.String(128), default="", server_default="")
    at: Mapped[datetime]
    feedback: Mapped[Feedback | None] = relationship()
