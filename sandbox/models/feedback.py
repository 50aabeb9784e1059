"""Feedback items and their append-only event history, all inside a workspace."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.reference import Category, District, Institution, Region
from sandbox.models.types import enum_column
from sandbox.models.user import User
from sandbox.workflow.enums import (
    Action,
    Channel,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    Resolution,
    RootCause,
    Status,
)

_OPEN_NOW = (
    "status",
    "type",
    "channel",
    "acknowledge_due",
    "respond_due",
    "escalation_level",
    "assignee_id",
)
_PERIOD = (
    "status",
    "type",
    "channel",
    "category_id",
    "institution_id",
    "acknowledged_at",
    "responded_at",
    "acknowledge_due",
    "respond_due",
    "paused_since",
)


class Feedback(db.Model):
    """One complaint, suggestion, inquiry or compliment; times are on the workspace clock."""

    __table_args__ = (
        sa.UniqueConstraint("workspace_id", "reference"),
        sa.UniqueConstraint(
            "workspace_id", "submission_token", name="uq_feedback_submission_token"
        ),
        # Covering indexes (the query reads the index alone, never the table): see
        # docs/PERFORMANCE.md for the plans. Open items now: the home page's counts, overdue
        # counts, escalation's candidates, the dashboard's workload.
        sa.Index("ix_feedback_ws_status", "workspace_id", *_OPEN_NOW),
        # Items received in a period: every figure of the dashboard, and "newest first".
        sa.Index("ix_feedback_ws_received", "workspace_id", "received_at", *_PERIOD),
        # An officer's scope is "our institution OR transferred to us": one index per side.
        sa.Index("ix_feedback_ws_institution", "workspace_id", "institution_id", "status"),
        sa.Index("ix_feedback_ws_transfer_target", "workspace_id", "transfer_target_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"))
    reference: Mapped[str] = mapped_column(sa.String(32))
    type: Mapped[FeedbackType] = mapped_column(enum_column(FeedbackType))
    complainant_type: Mapped[ComplainantType] = mapped_column(enum_column(ComplainantType))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    institution_id: Mapped[int] = mapped_column(sa.ForeignKey("institution.id"))
    category_id: Mapped[int | None] = mapped_column(sa.ForeignKey("category.id"))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("district.id"))
    description: Mapped[str] = mapped_column(sa.Text)
    language: Mapped[str] = mapped_column(sa.String(8), default="sw")
    is_sensitive: Mapped[bool] = mapped_column(default=False)
    # Identity: all three stay NULL for anonymous items; nothing identifying is stored.
    complainant_name: Mapped[str | None] = mapped_column(sa.String(120))
    complainant_phone: Mapped[str | None] = mapped_column(sa.String(20))
    complainant_email: Mapped[str | None] = mapped_column(sa.String(120))
    # Digest of the citizen's secret (workflow.citizen_secret): needed to reply, rate, appeal.
    citizen_secret_digest: Mapped[str | None] = mapped_column(sa.String(64))
    status: Mapped[Status] = mapped_column(enum_column(Status))
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    transfer_count: Mapped[int] = mapped_column(default=0)
    transfer_target_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institution.id"))
    status_before_transfer: Mapped[Status | None] = mapped_column(
        enum_column(Status, "status_before_transfer")
    )
    escalation_level: Mapped[EscalationLevel] = mapped_column(
        enum_column(EscalationLevel), default=EscalationLevel.NONE
    )
    received_at: Mapped[datetime]
    acknowledge_due: Mapped[datetime]
    respond_due: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    paused_since: Mapped[datetime | None]
    rating: Mapped[int | None]
    reopen_count: Mapped[int] = mapped_column(default=0)
    resolution: Mapped[Resolution | None] = mapped_column(enum_column(Resolution))
    # Why a complaint happened, chosen at closing (required where root_cause_required is on).
    root_cause: Mapped[RootCause | None] = mapped_column(enum_column(RootCause))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    # The channel's idempotency key ("web:<form token>", "ussd:<sessionId>"…): a submission
    # delivered twice finds the item the first delivery made (unique per workspace; NULL = none).
    submission_token: Mapped[str | None] = mapped_column(sa.String(80))

    institution: Mapped[Institution] = relationship(foreign_keys=[institution_id])
    transfer_target: Mapped[Institution | None] = relationship(foreign_keys=[transfer_target_id])
    category: Mapped[Category | None] = relationship()
    region: Mapped[Region | None] = relationship()
    district: Mapped[District | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    events: Mapped[list[FeedbackEvent]] = relationship(
        back_populates="feedback", order_by="(FeedbackEvent.at, FeedbackEvent.id)"
    )

    # Optimistic locking: an UPDATE carries "WHERE version = <read version>". The workflow
    # sets the new version itself (every action adds one), so even an action that changes no
    # other column (a note on a frozen clock) still moves the version and conflicts are seen.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    # The plain secret, set only on the instance submit_feedback returns (never stored).
    issued_secret = None

    @property
    def is_anonymous(self) -> bool:
        """True when the complainant chose not to be identified."""
        return self.complainant_type is ComplainantType.ANONYMOUS


class FeedbackEvent(db.Model):
    """One entry of an item's history. Rows are only ever inserted (``_refuse_history_rewrite``
    below); ``detail`` follows ``sandbox.workflow.history``."""

    __table_args__ = (
        sa.Index("ix_event_feedback_at", "feedback_id", "at"),
        sa.Index("ix_event_ws_action_at", "workspace_id", "action", "at"),  # directives given
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"))
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"))
    action: Mapped[Action] = mapped_column(enum_column(Action))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    actor_label: Mapped[str] = mapped_column(sa.String(120))
    status_before: Mapped[Status | None] = mapped_column(enum_column(Status, "status_before"))
    status_after: Mapped[Status] = mapped_column(enum_column(Status, "status_after"))
    is_public: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    detail: Mapped[str] = mapped_column(sa.String(200), default="")
    at: Mapped[datetime]

    feedback: Mapped[Feedback] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


@sa.event.listens_for(FeedbackEvent, "before_update")
@sa.event.listens_for(FeedbackEvent, "before_delete")
def _refuse_history_rewrite(mapper, connection, target) -> None:
    """The event history is append-only: the ORM never updates or deletes an entry."""
    raise PermissionError("FeedbackEvent rows are append-only")


class StatusLookup(db.Model):
    """A citizen looked an item's status up on USSD (*152*00#, "Fuatilia") or the portal's
    tracking page: which item, on which channel, when (workspace clock). No phone, no
    session: only that the status was asked for, which scenarios check ("tracked by USSD").
    A status request by SMS is the inbound message itself (``SmsMessage``), not a row here."""

    __table_args__ = (sa.Index("ix_status_lookup_feedback", "feedback_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    at: Mapped[datetime]
