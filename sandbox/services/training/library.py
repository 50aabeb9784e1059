"""The scenario library of the running app: loaded once at start-up, kept as data.

``create_app`` calls ``load_library`` once; requests read ``scenario_library()`` and never
read a file. A folder with a problem leaves an empty library and its error beside it:
``mrejesho run`` refuses to serve with it (``cli._check_scenarios``), and the other
commands (``scenario lint``) still work.
"""

from __future__ import annotations

from types import MappingProxyType

from flask import Flask, current_app

from sandbox.scenarios.loader import SCENARIOS_DIR, Library, ScenarioError, load_folder

KEY = "scenario_library"
EMPTY = Library(MappingProxyType({}), MappingProxyType({}))


def load_library(app: Flask) -> None:
    """Read the app's scenario folder (SCENARIOS_DIR) once and keep it on the app."""
    try:
        app.extensions[KEY] = load_folder(app.config.get("SCENARIOS_DIR") or SCENARIOS_DIR)
        app.extensions[KEY + "_error"] = None
    except ScenarioError as error:
        app.extensions[KEY], app.extensions[KEY + "_error"] = EMPTY, error


def scenario_library() -> Library:
    """The scenarios the app loaded at start-up (empty when the folder had a problem)."""
    return current_app.extensions.get(KEY, EMPTY)
