"""Channel URLs for any workspace: plain URLs serve the demo, /w/<code>/… a given workspace.

A channel blueprint is registered twice by ``register_channel_blueprint``: at its own prefix
(the demo workspace) and under ``/w/<ws_code>`` (name ``<bp>_ws``). Views never see
``ws_code``: it is moved to ``g`` and put back into every ``url_for`` of that blueprint, so
links made with relative endpoints (``url_for(".track")``) stay in the same workspace.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort, current_app, g

from sandbox.models import Workspace
from sandbox.services.workspace.workspaces import find_workspace

WORKSPACE_PREFIX = "/w/<ws_code>"


def register_channel_blueprint(app: Flask, bp: Blueprint) -> None:
    """Serve a blueprint for the demo workspace and for every workspace by its code."""
    app.register_blueprint(bp)
    app.register_blueprint(
        bp, url_prefix=WORKSPACE_PREFIX + (bp.url_prefix or ""), name=f"{bp.name}_ws"
    )


def workspace_aware(bp: Blueprint) -> Blueprint:
    """Move ws_code from the URL into g, and back into URLs built for the same blueprint."""

    @bp.url_value_preprocessor
    def _pull_code(endpoint, values):
        if values is not None and "ws_code" in values:
            g.ws_code = values.pop("ws_code")

    @bp.url_defaults
    def _push_code(endpoint, values):
        code = g.get("ws_code")
        if code and "ws_code" not in values and endpoint.split(".")[0].endswith("_ws"):
            values["ws_code"] = code

    return bp


def current_workspace() -> Workspace:
    """The workspace this channel request is for (404 for an unknown code)."""
    if "workspace" not in g:
        code = g.get("ws_code") or current_app.config["DEMO_WORKSPACE"]
        workspace = find_workspace(code)
        if workspace is None:
            abort(404)
        g.workspace = workspace
    return g.workspace
