"""The installation's administration: every workspace at a glance and the settings in force."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from sandbox.access import requires
from sandbox.services.workspace import installation
from sandbox.workflow.permissions import Capability

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.get("/")
@requires(Capability.ADMINISTER, hidden=True)
def index():
    """Workspaces (items, logins, clock, changed behaviours) and read-only settings."""
    return render_template(
        "admin/index.html",
        workspaces=installation.workspaces_overview(),
        settings=installation.settings_overview(current_app.config),
    )
