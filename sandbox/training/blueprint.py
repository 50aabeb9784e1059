"""The training blueprint, shared by its view modules (joining, scenarios, progress)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("training", __name__, template_folder="templates")
