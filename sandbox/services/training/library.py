"""The scenario library the app serves: the configured folder (``SCENARIOS_DIR``), read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import current_app

from sandbox.scenarios.loader import SCENARIOS_DIR, Library, load_folder


def scenario_library() -> Library:
    """The configured scenarios (``SCENARIOS_DIR``, else the shipped ones)."""
    return _load(str(Path(current_app.config.get("SCENARIOS_DIR") or SCENARIOS_DIR)))


@lru_cache(maxsize=4)
def _load(folder: str) -> Library:
    """A folder's scenarios, read once (``mrejesho run`` refuses to serve a broken folder)."""
    return load_folder(Path(folder))
