"""``<int:…>`` in every route matches only ids a row can have (1 … MAX_ID).

A bigger number (``/portal/institutions/9223372036854775808/feedback``) names no row, so the
URL is simply not found: it never reaches a query, where SQLite would overflow (a 500).
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from sandbox.text import MAX_ID


class RowIdConverter(IntegerConverter):
    """An integer converter bounded to the database's id range unless a route says otherwise."""

    def __init__(self, url_map, fixed_digits=0, min=1, max=MAX_ID, signed=False) -> None:
        """Werkzeug's integer converter with the id range as its default bounds."""
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bound_url_integers(app: Flask) -> None:
    """Make ``<int:…>`` the bounded converter (call before any blueprint is registered)."""
    app.url_map.converters["int"] = RowIdConverter
