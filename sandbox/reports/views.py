"""Dashboards and reports for heads of institution and leaders."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports", template_folder="templates")
