"""Friendly, bilingual error pages; no input ever shows a stack trace.

Machine endpoints answer errors in their own format, under /w/<code>/ too: the USSD callback
a ``text/plain`` ``END …`` screen, the SMS callback and the JSON endpoints JSON (Open311 has
its own spec-shaped errors in sandbox/open311/errors.py). A 405 always says ``Allow``.
"""

from __future__ import annotations

import re

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from sandbox.extensions import db
from sandbox.limits import refusal_of

_WS = r"^(?:/w/[^/]+)?"
# Which error format each machine path speaks; everything else gets the HTML page.
FORMATS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_WS + r"/ussd/?$"), "ussd"),
    (re.compile(_WS + r"/sms/inbound/?$"), "sms"),
    (re.compile(_WS + r"/ussd/phone/(?:inbox\.json|dial|sms)$"), "json"),
    (re.compile(r"^/healthz"), "json"),
)
# For gateways, which have no language: both, Swahili first (a USSD screen stays short).
MACHINE_TEXT: dict[int, tuple[str, str]] = {
    404: ("Huduma haipatikani.", "Service not available."),
    405: ("Ombi hili haliruhusiwi hapa.", "Method not allowed here."),
    413: ("Ombi ni kubwa mno.", "The request is too large."),
    429: ("Majaribio mengi mno. Subiri dakika moja.", "Too many attempts. Wait a minute."),
    500: ("Hitilafu ya mfumo. Jaribu tena.", "System error. Try again."),
    503: ("Mfumo una kazi nyingi. Jaribu tena baada ya muda mfupi.", "Busy. Try again shortly."),
}
BUSY_RETRY_AFTER = "5"  # seconds: SQLite's writer (a seeding, a reset) usually has finished
DEFAULT_MACHINE_TEXT = ("Ombi halikukamilika.", "The request could not be completed.")


def error_format(path: str) -> str:
    """ "ussd", "sms", "json" or "html": how errors on this path are answered."""
    return next((kind for pattern, kind in FORMATS if pattern.match(path)), "html")


def machine_error(kind: str, status: int) -> Response:
    """An error for a gateway or a JSON client, in both languages."""
    sw, en = MACHINE_TEXT.get(status, DEFAULT_MACHINE_TEXT)
    if kind == "ussd":
        return Response(f"END {sw} / {en}", status=status, mimetype="text/plain")
    if kind == "sms":
        return jsonify(status="rejected", error=f"{sw} / {en}"), status
    return jsonify(error=f"{sw} / {en}", code=status), status


def _allow(error: HTTPException) -> dict[str, str]:
    """The Allow header a 405 must carry (werkzeug knows the valid methods)."""
    methods = getattr(error, "valid_methods", None)
    return {"Allow": ", ".join(methods)} if methods else {}


def with_allow(answer, error: HTTPException) -> Response:
    """The answer as a Response, with the ``Allow`` header a 405 must carry."""
    response = make_response(answer)
    response.headers.update(_allow(error))
    return response


def _too_many(error) -> str:
    """The 429 message: which limit, and for how long (its window)."""
    locked_code, minutes = refusal_of(error)
    if locked_code:
        return ngettext(
            "Too many wrong PINs for this personal code: it is locked for %(num)d minute. "
            "If you forgot your PIN, ask your facilitator to give you a new one.",
            "Too many wrong PINs for this personal code: it is locked for %(num)d minutes. "
            "If you forgot your PIN, ask your facilitator to give you a new one.",
            minutes,
        )
    return ngettext(
        "Too many attempts from this device. Wait %(num)d minute, then try again.",
        "Too many attempts from this device. Wait %(num)d minutes, then try again.",
        minutes,
    )


def register_error_handlers(app: Flask) -> None:
    """Route HTTP errors, CSRF failures and unexpected exceptions to error pages."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _("This form has expired. Go back, reload the page and try again.")
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        kind = error_format(request.path)
        if kind != "html":
            return with_allow(machine_error(kind, status), error)
        messages = {
            403: _("This page is for another role than yours: your menu lists your pages."),
            404: _("We could not find that page."),
            405: _("That action is not available here."),
            413: _("The file is too large."),
            429: _too_many(error),
        }
        message = messages.get(status, _("The request could not be completed."))
        page = render_template("error.html", code=status, message=message), status
        return with_allow(page, error)

    @app.errorhandler(OperationalError)
    def database_busy(error: OperationalError):
        """SQLite's single writer held the file past the wait (a world being seeded or reset):
        a 503 to try again, never a 500; any other database error is unexpected."""
        if "database is locked" not in str(error.orig):
            return unexpected_error(error)
        db.session.rollback()
        app.logger.warning("Database busy on %s; answered 503", request.path)
        kind = error_format(request.path)
        if kind != "html":
            answer = machine_error(kind, 503)
        else:
            message = _("The sandbox is busy preparing a world. Wait a few seconds and try again.")
            answer = render_template("error.html", code=503, message=message), 503
        response = make_response(answer)
        response.headers["Retry-After"] = BUSY_RETRY_AFTER
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.testing:
            raise error
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        kind = error_format(request.path)
        if kind != "html":
            return machine_error(kind, 500)
        message = _("Something went wrong on our side. Your data is safe; please try again.")
        return render_template("error.html", code=500, message=message), 500
