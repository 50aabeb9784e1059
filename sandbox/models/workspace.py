"""Workspaces: the unit of tenancy, each with its own data, clock and behaviour flags."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.types import enum_column
from sandbox.workflow.enums import FeedbackType
from sandbox.workflow.labels import Labelled
from sandbox.workflow.reference import workspace_tag


class WorkspaceKind(Labelled):
    """Who a workspace belongs to."""

    DEMO = ("demo", "Onyesho", "Demo")
    TRAINEE = ("trainee", "Mwanafunzi", "Trainee")
    STAKEHOLDER = ("stakeholder", "Mdau", "Stakeholder")
    COHORT = ("cohort", "Kundi", "Cohort")


class Workspace(db.Model):
    """Everything a trainee can change lives in one workspace and carries its id.

    The simulated clock is stored, never kept in memory: now = clock_base while frozen,
    clock_base + (wall now - clock_started_at) while running.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[WorkspaceKind] = mapped_column(enum_column(WorkspaceKind))
    seed: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0, server_default="0")  # items it was seeded with
    clock_base: Mapped[datetime]
    clock_started_at: Mapped[datetime | None]
    next_reference_seq: Mapped[int] = mapped_column(default=1)
    # Simulated time up to which automatic escalation has run (services/workspace/escalation.py).
    escalations_checked_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    flags: Mapped[list[WorkspaceFlag]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan"
    )
    sla_rules: Mapped[list[SlaRuleSetting]] = relationship(cascade="all, delete-orphan")

    @property
    def reference_tag(self) -> str:
        """The letters after ``MRJ-`` in this workspace's references (``T`` for the demo)."""
        return workspace_tag(self.id, is_demo=self.kind is WorkspaceKind.DEMO)


class WorkspaceFlag(db.Model):
    """A behaviour switched on or off for one workspace (the base of proposal toggles).

    ``source`` says who or what switched it (``services.workspace.flags.FlagSource``: a
    scenario's setup, a preview pair, a facilitator, an administrator), ``note`` why, and
    ``set_at`` (wall time) when; the "why is this on?" panel reads them.
    """

    __table_args__ = (sa.UniqueConstraint("workspace_id", "flag"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    flag: Mapped[str] = mapped_column(sa.String(60))
    is_enabled: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(sa.String(20), default="manual", server_default="manual")
    note: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    set_at: Mapped[datetime | None]
    workspace: Mapped[Workspace] = relationship(back_populates="flags")


class DeclaredHoliday(db.Model):
    """A public holiday or closure announced for one workspace (Eid, by moon sighting).

    Its working-day calendar skips the day from then on; open items' deadlines move with it.
    """

    __table_args__ = (sa.UniqueConstraint("workspace_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    day: Mapped[date]
    name: Mapped[str] = mapped_column(sa.String(120))
    declared_at: Mapped[datetime]


class SlaRuleSetting(db.Model):
    """A workspace's own acknowledge/respond limits for one feedback type."""

    __table_args__ = (sa.UniqueConstraint("workspace_id", "feedback_type"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    feedback_type: Mapped[FeedbackType] = mapped_column(enum_column(FeedbackType))
    acknowledge_days: Mapped[int]
    respond_days: Mapped[int]
