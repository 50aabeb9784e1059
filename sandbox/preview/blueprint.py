"""The stakeholder preview's blueprint, shared by its view modules (one per area)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("preview", __name__, url_prefix="/preview", template_folder="templates")
