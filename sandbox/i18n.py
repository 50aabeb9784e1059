"""Language choice: Swahili by default, English one click away."""

from __future__ import annotations

from flask import current_app, session

LANGUAGE_NAMES = {"sw": "Kiswahili", "en": "English"}


def select_locale() -> str:
    """The language chosen in this browser session, else Swahili."""
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """The language of the current request ('sw' or 'en')."""
    from flask_babel import get_locale

    return str(get_locale() or "sw")
