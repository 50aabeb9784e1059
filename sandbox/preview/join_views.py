"""Joining the preview with an invitation code, and signing back in with code and PIN."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from sandbox.access import public
from sandbox.i18n import current_language
from sandbox.limits import join_attempts, personal_code_attempts, trainee_sign_in
from sandbox.preview.blueprint import bp
from sandbox.preview.forms import PreviewJoinForm, PreviewSignInForm
from sandbox.proposals.enums import JobRole
from sandbox.redirects import local_path
from sandbox.services.feedback.once import new_form_key
from sandbox.services.people.users import log_out, open_session
from sandbox.services.preview.invitations import InvitationRefused
from sandbox.services.preview.joining import (
    StakeholderJoin,
    StakeholderSignInRefused,
    join_choices,
    join_preview,
    join_problems,
    shown_personal_code,
    sign_in_stakeholder,
    stakeholder_of,
)
from sandbox.services.training.joining import JoinRefused

FIELDS = {"institution_id": "institution", "region_id": "region"}


@bp.route("/join", methods=["GET", "POST"])
@public
@join_attempts
def join():
    """The join form; on success the stakeholder is signed in and sees the proposals."""
    form = _join_form()
    if form.is_submitted():
        stakeholder = _try_join(form)
        if stakeholder is not None:
            _sign_in(stakeholder)
            flash(
                _(
                    "Welcome, %(name)s! Your personal code is %(code)s. Write it down: with "
                    "your PIN it signs you back in, on this device or another.",
                    name=stakeholder.user.display_name,
                    code=shown_personal_code(stakeholder),
                ),
                "success",
            )
            return redirect(url_for(".proposals"))
    status = 422 if request.method == "POST" else 200
    joined = stakeholder_of(current_user)
    return render_template("preview/join.html", form=form, joined=joined), status


@bp.route("/signin", methods=["GET", "POST"])
@public
@trainee_sign_in
@personal_code_attempts
def sign_in():
    """A stakeholder's way back in: personal code and PIN."""
    form = PreviewSignInForm()
    if form.validate_on_submit():
        try:
            stakeholder = sign_in_stakeholder(form.personal_code.data, form.pin.data)
        except StakeholderSignInRefused as refused:
            form.pin.errors.append(refused.message(current_language()))
        else:
            _sign_in(stakeholder)
            flash(_("Welcome back, %(name)s.", name=stakeholder.user.display_name), "success")
            return redirect(local_path(request.args.get("next"), url_for(".proposals")))
    status = 422 if request.method == "POST" else 200
    return render_template("preview/sign_in.html", form=form), status


def _join_form() -> PreviewJoinForm:
    """The join form with its choices (and the code from the sheet's QR code filled in)."""
    form = PreviewJoinForm()
    lang = current_language()
    institutions, regions = join_choices()
    form.job_role.choices = [("", _("Choose…"))] + [(r.value, r.label(lang)) for r in JobRole]
    form.institution.choices = [(0, _("Choose…"))] + [(i.id, i.name(lang)) for i in institutions]
    form.region.choices = [(0, _("Choose…"))] + [(r.id, r.name) for r in regions]
    if not form.is_submitted():
        form.form_key.data = new_form_key()
        form.code.data = (request.args.get("code") or "")[:20] or None
    return form


def _try_join(form: PreviewJoinForm):
    """The new profile, or None with every problem written under its field at once."""
    form.validate()
    typed = StakeholderJoin(
        code=form.code.data or "",
        name=form.name.data or "",
        job_role=form.job_role.data or "",
        institution_id=form.institution.data or None,
        region_id=form.region.data or None,
        pin=form.pin.data or "",
        join_key=form.form_key.data or "",
    )
    problems = join_problems(typed)
    g.wrong_join_code = any(p.field == "code" for p in problems)  # what the limit counts
    for refused in problems:
        field = form[FIELDS.get(refused.field, refused.field)]
        if not field.errors:
            field.errors = [refused.message(current_language())]
    if form.errors:
        return None
    try:
        return join_preview(typed)
    except (InvitationRefused, JoinRefused) as refused:  # used up or revoked a moment ago
        form[FIELDS.get(refused.field, refused.field)].errors = [
            refused.message(current_language())
        ]
        return None


def _sign_in(stakeholder) -> None:
    """Sign this browser in as the stakeholder (ending another user's session here first)."""
    if current_user.is_authenticated and current_user.id != stakeholder.user_id:
        log_out(current_user)
        logout_user()
    user = stakeholder.user  # one object: open_session sets its browser key for the cookie
    open_session(user)
    login_user(user)
