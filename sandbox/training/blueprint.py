"""The training blueprint, shared by its view modules (views.py, progress_views.py)."""

from flask import Blueprint

bp = Blueprint("training", __name__, template_folder="templates")
