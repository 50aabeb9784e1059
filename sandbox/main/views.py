"""Home page, health check and the language switch."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from sandbox.access import public
from sandbox.extensions import db
from sandbox.redirects import local_path
from sandbox.services.feedback.queries import count_all_feedback
from sandbox.services.reports import home

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/")
@public
def index():
    """The demo world at a glance."""
    return render_template("main/home.html", summary=home.summary(current_app.config, current_user))


@bp.get("/lang/<code>")
@public
def set_language(code: str):
    """Switch the interface language and go back where the user was."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(local_path(request.args.get("next"), "/"))


@bp.get("/healthz")
@public
def healthz():
    """Liveness and database check for load balancers and set-up scripts."""
    dialect = db.engine.dialect.name
    try:
        db.session.execute(sa.text("SELECT 1"))
        items = count_all_feedback()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database=dialect, feedback_items=None), 503
    return jsonify(status="ok", database=dialect, feedback_items=items)
