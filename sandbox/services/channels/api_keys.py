"""Open311 API keys: one per workspace, the demo workspace's fixed and documented."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import current_app

from sandbox.extensions import db
from sandbox.models import Workspace
from sandbox.models.api_key import ApiKey
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.workspaces import find_workspace

# The demo workspace is public synthetic data that anyone may already reach without a key
# (the portal, USSD, and Open311 GETs): a fixed key lets docs and curl examples work as-is.
DEMO_API_KEY = "mrejesho-demo-key"
MAX_KEY_LENGTH = 64


def _is_demo(workspace: Workspace) -> bool:
    """True for the workspace served at the plain channel URLs."""
    return workspace.code == current_app.config["DEMO_WORKSPACE"]


def ensure_api_key(workspace: Workspace, label: str = "") -> str:
    """The workspace's API key, created on first use (the demo's is always DEMO_API_KEY)."""
    existing = db.session.scalar(
        sa.select(ApiKey.key).where(ApiKey.workspace_id == workspace.id).order_by(ApiKey.id)
    )
    if existing is not None:
        return existing
    key = DEMO_API_KEY if _is_demo(workspace) else secrets.token_urlsafe(24)
    db.session.add(
        ApiKey(
            workspace_id=workspace.id, key=key, label=label or workspace.code, created_at=wall_now()
        )
    )
    db.session.commit()
    return key


def workspace_for_key(key: str) -> Workspace | None:
    """The workspace an API key selects, or None for an unknown key."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    workspace = db.session.scalar(
        sa.select(Workspace)
        .join(ApiKey, ApiKey.workspace_id == Workspace.id)
        .where(ApiKey.key == key)
    )
    if workspace is None and key == DEMO_API_KEY:
        return _demo_with_key()
    return workspace


def _demo_with_key() -> Workspace | None:
    """The demo workspace, its key stored on first use (when `mrejesho setup` did not yet)."""
    demo = find_workspace(current_app.config["DEMO_WORKSPACE"])
    if demo is not None and ensure_api_key(demo) == DEMO_API_KEY:
        return demo
    return None


def demo_workspace() -> Workspace | None:
    """The workspace GET requests without a key read."""
    return find_workspace(current_app.config["DEMO_WORKSPACE"])
