"""The desk blueprint and the workspace its pages work in (shared by the desk's view modules)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_login import current_user

from sandbox.services.workspace.workspaces import find_workspace

bp = Blueprint(
    "desk", __name__, url_prefix="/desk", template_folder="templates", static_folder=None
)


def current_workspace():
    """The signed-in user's workspace (the demo workspace for users without one)."""
    workspace = current_user.workspace or find_workspace(current_app.config["DEMO_WORKSPACE"])
    if workspace is None:
        abort(404)
    return workspace
