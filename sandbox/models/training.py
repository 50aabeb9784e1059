"""Scenario attempts: a trainee's run of one scenario in their workspace, and its result."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db


class ScenarioAttempt(db.Model):
    """One attempt: what the setup placed, hints opened per step, the latest check's result.

    ``placed`` is ``{"items": {key: id}, "staff": {key: id}, "first_new_id": n}``;
    ``hints_opened`` is ``{step id: count}``; completion and success are stored apart
    (``sandbox.scenarios.scoring``). Restarting makes a new attempt; the earlier one stays,
    no longer current. Times: ``started_at`` on the workspace clock, the rest wall time.
    """

    __table_args__ = (
        sa.Index("ix_attempt_ws_user_scenario", "workspace_id", "user_id", "scenario_id"),
        # One current attempt per trainee and scenario: two starts racing each other (two
        # tabs, a retried request) cannot both win; the loser meets this index.
        sa.Index(
            "uq_attempt_current",
            "workspace_id",
            "user_id",
            "scenario_id",
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    scenario_id: Mapped[str] = mapped_column(sa.String(60))
    scenario_version: Mapped[int]
    placed: Mapped[dict] = mapped_column(sa.JSON)
    hints_opened: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    steps_passed: Mapped[list] = mapped_column(sa.JSON, default=list)
    score: Mapped[float] = mapped_column(sa.Float, default=0.0)
    is_completed: Mapped[bool] = mapped_column(default=False)
    is_success: Mapped[bool] = mapped_column(default=False)
    is_current: Mapped[bool] = mapped_column(default=True)
    started_at: Mapped[datetime]
    started_wall: Mapped[datetime]
    checked_wall: Mapped[datetime | None]
    # The attempt's UUID: the xAPI registration of its statements (models/progress.py).
    registration: Mapped[str] = mapped_column(
        sa.String(36), unique=True, default=lambda: str(uuid.uuid4())
    )
