"""Friendly, bilingual error pages; no input ever shows a stack trace."""

from __future__ import annotations

import re

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from sandbox.extensions import db

# Machine endpoints, for the demo and under /w/<code>/ (Open311 has its own spec-shaped errors).
MACHINE_PATHS = re.compile(r"^(?:/w/[^/]+)?/(?:healthz|ussd|sms/inbound)(?:/|$)")


def _wants_json() -> bool:
    """Machine endpoints answer errors in JSON, whichever workspace they serve."""
    return MACHINE_PATHS.match(request.path) is not None


def _allow(error: HTTPException) -> dict[str, str]:
    """The Allow header a 405 must carry (werkzeug knows the valid methods)."""
    methods = getattr(error, "valid_methods", None)
    return {"Allow": ", ".join(methods)} if methods else {}


def register_error_handlers(app: Flask) -> None:
    """Route HTTP errors, CSRF failures and unexpected exceptions to error pages."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _("This form has expired. Go back, reload the page and try again.")
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        messages = {
            404: _("We could not find that page."),
            405: _("That action is not available here."),
            413: _("The file is too large."),
            429: _("Too many attempts from this device. Wait a minute, then try again."),
        }
        message = messages.get(error.code, _("The request could not be completed."))
        headers = _allow(error)
        if _wants_json():
            return jsonify(error=message, code=error.code), error.code, headers
        page = render_template("error.html", code=error.code, message=message)
        return page, error.code, headers

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.testing:
            raise error
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        message = _("Something went wrong on our side. Your data is safe; please try again.")
        return render_template("error.html", code=500, message=message), 500
