"""Joining a cohort, signing back in with a personal code and PIN, and "My training"."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_user, logout_user

from sandbox.access import public, requires
from sandbox.i18n import current_language
from sandbox.limits import join_attempts, personal_code_attempts, trainee_sign_in
from sandbox.redirects import local_path
from sandbox.services.feedback.once import new_form_key
from sandbox.services.people.users import log_out, open_session
from sandbox.services.training.joining import (
    JoinRefused,
    JoinRequest,
    SignInRefused,
    enrolment_of,
    join_cohort,
    join_problems,
    shown_code,
    sign_in_trainee,
)
from sandbox.services.training.my_training import trainee_card
from sandbox.training import (
    progress_views,  # noqa: F401  (its routes join this blueprint)
    scenario_views,  # noqa: F401  (its routes join this blueprint)
)
from sandbox.training.blueprint import bp
from sandbox.training.forms import JoinForm, SignInForm
from sandbox.workflow.permissions import Capability


@bp.route("/join", methods=["GET", "POST"])
@public
@join_attempts
def join():
    """The join form; on success the trainee is signed in and lands on their own desk."""
    form = JoinForm()
    if not form.is_submitted():
        form.form_key.data = new_form_key()
    if not form.is_submitted() and request.args.get("code"):
        form.join_code.data = request.args["code"][:20]  # the join sheet's QR code fills it in
    if form.is_submitted():
        enrolment = _try_join(form)
        if enrolment is not None:
            _sign_in(enrolment)
            flash(
                _(
                    "Welcome, %(name)s! Your personal code is %(code)s. Write it down: with "
                    "your PIN it signs you back in, on this device or another.",
                    name=enrolment.user.display_name,
                    code=shown_code(enrolment),
                ),
                "success",
            )
            return redirect(url_for("desk.index"))
    return _page("training/join.html", form, joined=enrolment_of(current_user))


@bp.route("/join/signin", methods=["GET", "POST"])
@public
@trainee_sign_in
@personal_code_attempts
def sign_in():
    """A trainee's way back in: personal code and PIN, then where they were going."""
    form = SignInForm()
    if form.validate_on_submit():
        try:
            enrolment = sign_in_trainee(form.personal_code.data, form.pin.data)
        except SignInRefused as refused:
            form.pin.errors.append(refused.message(current_language()))
        else:
            _sign_in(enrolment)
            flash(_("Welcome back, %(name)s.", name=enrolment.user.display_name), "success")
            return redirect(local_path(request.args.get("next"), url_for("desk.index")))
    return _page("training/sign_in.html", form)


@bp.get("/training/me")
@requires(Capability.TAKE_SCENARIOS)
def me():
    """The trainee's own page: personal code, cohort, their world's date, where to practise."""
    return render_template("training/me.html", card=trainee_card(current_user))


def _try_join(form: JoinForm):
    """The new enrolment, or None with every problem written under its field at once."""
    form.validate()
    typed = JoinRequest(
        join_code=form.join_code.data or "",
        name=form.name.data or "",
        pin=form.pin.data or "",
        home_institution=form.home_institution.data or "",
        phone=form.phone.data or "",
        join_key=form.form_key.data or "",
    )
    problems = join_problems(typed)
    _add_errors(form, problems)
    g.wrong_join_code = any(p.field == "join_code" for p in problems)  # what the limit counts
    if form.errors:
        return None
    try:
        return join_cohort(typed)
    except JoinRefused as refused:  # the cohort was archived a moment ago
        _add_errors(form, [refused])
        return None


def _sign_in(enrolment) -> None:
    """Sign this browser in as the trainee (ending another user's session here first)."""
    if current_user.is_authenticated and current_user.id != enrolment.user_id:
        log_out(current_user)
        logout_user()
    user = enrolment.user
    open_session(user)
    login_user(user)
    session.setdefault("lang", enrolment.cohort.language)  # a choice made here stays
    refresh()  # this request's messages (the welcome) in that language too


def _add_errors(form, problems) -> None:
    """Each refusal under its field, unless the form already says what is wrong there."""
    for refused in problems:
        field = form[refused.field]
        if not field.errors:
            field.errors = [refused.message(current_language())]


def _page(template: str, form, **context):
    """The form page: 200 when first shown, 422 when it comes back with what is wrong."""
    status = 422 if request.method == "POST" else 200
    return render_template(template, form=form, **context), status
