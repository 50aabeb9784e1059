"""The app channel as an Open311 GeoReport v2 API (JSON); the api_key selects the workspace.

Not workspace-prefixed: the same URLs serve every workspace, chosen by the api_key.
"""

from flask import Blueprint

from sandbox.extensions import csrf

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
csrf.exempt(bp)
