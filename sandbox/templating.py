"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, request

from sandbox.i18n import LANGUAGE_NAMES, current_language
from sandbox.navigation import menu_for_current_user

MONTHS = {
    "sw": ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def label(member) -> str:
    """A workflow enum's label in the current language."""
    return member.label(current_language()) if member is not None else "—"


def localized_name(obj) -> str:
    """An institution's or category's name in the current language."""
    return obj.name(current_language()) if obj is not None else "—"


def when(value: datetime | None, with_time: bool = True) -> str:
    """A workspace-clock time, written the Tanzanian way (day month year, 24-hour)."""
    if value is None:
        return "—"
    month = MONTHS[current_language()][value.month - 1]
    text = f"{value.day:02d} {month} {value.year}"
    return f"{text} {value:%H:%M}" if with_time else text


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in templates."""
    app.add_template_filter(label, "label")
    app.add_template_filter(localized_name, "localized")
    app.add_template_filter(when, "when")

    @app.context_processor
    def _globals():
        return {
            "lang": current_language(),
            "language_names": LANGUAGE_NAMES,
            "current_path": request.full_path.rstrip("?") if request else "/",
            "menu": menu_for_current_user(),
        }
