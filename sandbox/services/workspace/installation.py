"""What the installation's administrator reads: every workspace at a glance, and the settings.

Read-only: workspaces are created by their owners' commands (demo, trainees, and the
cohorts and previews to come), and settings come from the environment (README).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace, WorkspaceFlag
from sandbox.services.workspace.now import workspace_now


@dataclass(frozen=True)
class WorkspaceRow:
    """One workspace as the administrator's list shows it."""

    workspace: Workspace
    items: int
    logins: int
    now: datetime
    changed_toggles: int


def workspaces_overview() -> list[WorkspaceRow]:
    """Every workspace with its item and login counts and its clock, oldest first (3 queries)."""
    items = dict(
        db.session.execute(
            sa.select(Feedback.workspace_id, sa.func.count()).group_by(Feedback.workspace_id)
        ).all()
    )
    logins = dict(
        db.session.execute(
            sa.select(User.workspace_id, sa.func.count())
            .where(User.is_active_account)
            .group_by(User.workspace_id)
        ).all()
    )
    toggles = dict(
        db.session.execute(
            sa.select(WorkspaceFlag.workspace_id, sa.func.count()).group_by(
                WorkspaceFlag.workspace_id
            )
        ).all()
    )
    workspaces = db.session.scalars(sa.select(Workspace).order_by(Workspace.id))
    return [
        WorkspaceRow(
            ws, items.get(ws.id, 0), logins.get(ws.id, 0), workspace_now(ws), toggles.get(ws.id, 0)
        )
        for ws in workspaces
    ]


def settings_overview(config) -> list[tuple[str, str]]:
    """(setting, value) pairs safe to show: never a password, a key or a full database URL."""
    url = sa.engine.make_url(config["SQLALCHEMY_DATABASE_URI"])
    return [
        ("MREJESHO_ENV", "production" if config.get("PRODUCTION") else "development"),
        ("DATABASE_URL", url.get_backend_name()),
        ("SECRET_KEY", "environment" if _key_from_environment(config) else "instance/secret_key"),
        ("RATELIMIT_STORAGE_URI", str(config.get("RATELIMIT_STORAGE_URI", "")).split(":", 1)[0]),
        ("RATE_LIMIT_LOGIN", str(config.get("RATE_LIMIT_LOGIN", ""))),
        ("DEMO_WORKSPACE", str(config["DEMO_WORKSPACE"])),
        ("DEMO_SEED / DEMO_ITEMS", f"{config['DEMO_SEED']} / {config['DEMO_ITEMS']}"),
        ("LANGUAGES", ", ".join(config["LANGUAGES"])),
        ("holidays", _installed("holidays")),
    ]


def _key_from_environment(config) -> bool:
    """True when the session key was given in the environment (not generated here)."""
    return bool(os.environ.get("SECRET_KEY"))


def _installed(package: str) -> str:
    """The installed version of a package, or "—"."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "—"
