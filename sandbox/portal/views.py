"""The citizen web portal (no login): submit, confirm, track, rate, appeal."""

from flask import Blueprint

from sandbox.workspace_routing import workspace_aware

bp = workspace_aware(
    Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")
)
