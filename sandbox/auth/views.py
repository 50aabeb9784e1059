"""Logging in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from sandbox.access import public, signed_in
from sandbox.auth.forms import LoginForm
from sandbox.extensions import login
from sandbox.limits import login_attempts
from sandbox.redirects import local_path
from sandbox.services.people.users import (
    authenticate,
    find_session_user,
    log_out,
    open_session,
)

bp = Blueprint("auth", __name__, template_folder="templates")


@login.user_loader
def load_user(session_id: str):
    """Flask-Login's loader: the user whose id and session token the cookie carries."""
    return find_session_user(session_id)


@bp.route("/login", methods=["GET", "POST"], endpoint="login")
@public
@login_attempts
def login_page():
    """Show the login form; on success go to the feedback list (or where the user was going)."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is not None:
            open_session(user)
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            target = local_path(request.args.get("next"), url_for("desk.feedback_list"))
            return redirect(target)
        form.password.errors.append(_("Wrong username or password. Check both and try again."))
    status = 200 if request.method == "GET" else 422 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@signed_in
def logout():
    """End this browser's session, and every copy of its cookie."""
    log_out(current_user)
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.index"))
