"""Open311 API keys: each key selects the workspace an app (or a trainee with curl) talks to."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.workspace import Workspace


class ApiKey(db.Model):
    """A key of the Open311 app channel: it reads and writes its own workspace only."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(120), default="")
    created_at: Mapped[datetime]

    workspace: Mapped[Workspace] = relationship()
