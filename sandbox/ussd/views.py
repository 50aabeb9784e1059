"""USSD *152*00# as an Africa's Talking gateway callback, and the in-browser phone emulator."""

from flask import Blueprint

from sandbox.extensions import csrf
from sandbox.workspace_routing import workspace_aware

bp = workspace_aware(Blueprint("ussd", __name__, url_prefix="/ussd", template_folder="templates"))
csrf.exempt(bp)
