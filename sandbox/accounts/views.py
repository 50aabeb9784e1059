"""An ICT officer manages the officer accounts of their institution in their workspace."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts", template_folder="templates")
