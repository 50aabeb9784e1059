"""Saved states of a cohort's workspaces: snapshots (named or automatic), the reset log,
and each cohort's base world.

A snapshot copies the rows of every *world table* (what a trainee's work changes in a
workspace, ``WORLD_TABLES``) into a mirror table ``snapshot_<table>``: the same columns, the
same ids, plus ``snapshot_id``. Restoring deletes the live rows and copies the saved ones
back with their own ids, so scenario attempts that name items by id stay right. The mirror
tables are made from the live ones (``_mirror``), so a column added to a world table is
added to its mirror by the same migration. The workspace's clock and the attempts' state
are mirrored too (``snapshot_workspace``, ``snapshot_attempt``): a reset changes them.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db
from sandbox.models.attachment import Attachment
from sandbox.models.desk import IdentityReveal
from sandbox.models.feedback import Feedback, FeedbackEvent, StatusLookup
from sandbox.models.sms import SmsMessage
from sandbox.models.training import ScenarioAttempt
from sandbox.models.ussd import UssdSession
from sandbox.models.workspace import DeclaredHoliday, SlaRuleSetting, Workspace, WorkspaceFlag


class Snapshot(db.Model):
    """One saved state of some workspaces of a cohort: named by the facilitator or automatic.

    ``label`` is the facilitator's name for it ("after exercise 2"); an automatic snapshot
    (taken before every reset) has ``is_automatic`` and the reset's description as label;
    a fresh one (``is_fresh``, automatic too, never pruned) holds one trainee's fresh world.
    ``workspaces`` and ``items`` give its size.
    """

    __table_args__ = (sa.Index("ix_snapshot_cohort_created", "cohort_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"))
    label: Mapped[str] = mapped_column(sa.String(120))
    is_automatic: Mapped[bool] = mapped_column(default=False)
    # A trainee's fresh world, saved once after it was first made: resets restore it.
    is_fresh: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime]
    workspaces: Mapped[int] = mapped_column(default=0)
    items: Mapped[int] = mapped_column(default=0)


class ResetRecord(db.Model):
    """Who reset what and when: one row per reset, with the snapshot that undoes it.

    ``grain`` is a ``services.facilitation.grains.Grain`` value; ``enrolment_id``,
    ``scenario_id`` and ``step_id`` say which trainee, scenario and step (None: all).
    """

    __tablename__ = "reset_record"
    __table_args__ = (sa.Index("ix_reset_record_cohort", "cohort_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"))
    grain: Mapped[str] = mapped_column(sa.String(20))
    enrolment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("enrolment.id"))
    scenario_id: Mapped[str | None] = mapped_column(sa.String(60))
    step_id: Mapped[str | None] = mapped_column(sa.String(60))
    keeps_progress: Mapped[bool] = mapped_column(default=True)
    workspaces: Mapped[int] = mapped_column(default=0)
    items: Mapped[int] = mapped_column(default=0)
    snapshot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("snapshot.id"))  # None: pruned
    reset_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    reset_at: Mapped[datetime]
    undone_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    undone_at: Mapped[datetime | None]


class CohortWorld(db.Model):
    """A cohort's base world: a hidden workspace generated once from the cohort's seed.

    Every reset to a fresh world copies its rows inside the database (services/facilitation/
    worlds.py). The workspace has no enrolment and no login; its clock stays frozen.
    """

    __tablename__ = "cohort_world"
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), unique=True)


# Children first: deleting goes in this order, inserting in the reverse.
WORLD_TABLES: tuple[sa.Table, ...] = tuple(
    model.__table__
    for model in (
        FeedbackEvent,
        SmsMessage,
        IdentityReveal,
        StatusLookup,
        Attachment,
        Feedback,
        UssdSession,
        WorkspaceFlag,
        DeclaredHoliday,
        SlaRuleSetting,
    )
)
CLOCK_COLUMNS = ("clock_base", "clock_started_at", "next_reference_seq", "escalations_checked_at")
ATTEMPT_COLUMNS = (
    "placed",
    "hints_opened",
    "steps_passed",
    "score",
    "is_completed",
    "is_success",
    "is_current",
    "checked_wall",
)


def _plain(column: sa.Column) -> sa.Column:
    """A copy of a live column for a mirror: same name and storage, no key or constraint."""
    kind = column.type
    if isinstance(kind, sa.Enum):
        kind = sa.String(kind.length)
    return sa.Column(column.name, kind, nullable=True)


def _mirror(table: sa.Table, columns: tuple[str, ...] | None = None, key: str = "id") -> sa.Table:
    """``snapshot_<table>``: the chosen columns (all by default) of the table, per snapshot."""
    chosen = [c for c in table.columns if columns is None or c.name in (key, *columns)]
    return sa.Table(
        f"snapshot_{table.name}",
        db.metadata,
        sa.Column("snapshot_row", sa.Integer, primary_key=True),
        sa.Column("snapshot_id", sa.ForeignKey("snapshot.id"), nullable=False),
        *[_plain(c) for c in chosen],
        sa.Index(f"ix_snapshot_{table.name}_snapshot", "snapshot_id"),
    )


MIRRORS: dict[str, sa.Table] = {table.name: _mirror(table) for table in WORLD_TABLES}
WORKSPACE_MIRROR = _mirror(Workspace.__table__, CLOCK_COLUMNS)
ATTEMPT_MIRROR = _mirror(ScenarioAttempt.__table__, (*ATTEMPT_COLUMNS, "workspace_id"))
