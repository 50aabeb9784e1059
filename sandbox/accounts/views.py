"""An ICT officer manages the officer accounts of their institution in their workspace."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.accounts.forms import ConfirmForm, NewAccountForm, PasswordForm
from sandbox.i18n import current_language
from sandbox.services.people import accounts
from sandbox.services.people.accounts import AccountNotFound, AccountRefused
from sandbox.workflow.permissions import Capability

bp = Blueprint("accounts", __name__, url_prefix="/accounts", template_folder="templates")


def _or_404(service, *args):
    """Call a service; an account outside the manager's reach does not exist for them (404)."""
    try:
        return service(current_user, *args)
    except AccountNotFound:
        abort(404)


@bp.get("/")
@requires(Capability.MANAGE_ACCOUNTS, hidden=True)
def account_list():
    """The institution's logins with their actions."""
    return render_template(
        "accounts/list.html",
        users=accounts.institution_accounts(current_user),
        every=accounts.manages_every_account(current_user),
        manageable=accounts.manageable_roles(current_user),
        confirm=ConfirmForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Capability.MANAGE_ACCOUNTS, hidden=True)
def create():
    """Create an account of a role below the manager's own."""
    form = NewAccountForm()
    institutions = accounts.institution_choices(current_user)
    form.fill_choices(accounts.manageable_roles(current_user), current_language(), institutions)
    if form.validate_on_submit():
        new = accounts.NewAccount(
            form.username.data,
            form.display_name.data,
            form.role.data,
            form.password.data,
            form.institution.data if institutions else None,
        )
        try:
            user = accounts.create_account(current_user, new)
        except AccountRefused as refused:
            _field_error(form, refused)
        else:
            flash(_("Account %(username)s created.", username=user.username), "success")
            return redirect(url_for(".account_list"))
    status = 422 if form.errors else 200
    return render_template("accounts/new.html", form=form, institutions=institutions), status


@bp.post("/<int:user_id>/deactivate")
@requires(Capability.MANAGE_ACCOUNTS, hidden=True)
def deactivate(user_id: int):
    """Stop an account from logging in."""
    return _set_active(user_id, False)


@bp.post("/<int:user_id>/reactivate")
@requires(Capability.MANAGE_ACCOUNTS, hidden=True)
def reactivate(user_id: int):
    """Let a deactivated account log in again."""
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    """Deactivate or reactivate, then back to the list with a message."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        user = _or_404(accounts.set_account_active, user_id, active)
    except AccountRefused as refused:
        flash(refused.message(current_language()), "error")
    else:
        done = _("%(name)s can log in again.") if active else _("%(name)s can no longer log in.")
        flash(done % {"name": user.display_name}, "success")
    return redirect(url_for(".account_list"))


@bp.route("/<int:user_id>/password", methods=["GET", "POST"])
@requires(Capability.MANAGE_ACCOUNTS, hidden=True)
def password(user_id: int):
    """Set a new password for an account."""
    user = _or_404(accounts.managed_account, user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            _or_404(accounts.reset_password, user_id, form.password.data)
        except AccountRefused as refused:
            _field_error(form, refused)
        else:
            flash(_("New password set for %(name)s.", name=user.display_name), "success")
            return redirect(url_for(".account_list"))
    status = 422 if form.errors else 200
    return render_template("accounts/password.html", form=form, user=user), status


def _field_error(form, refused: AccountRefused) -> None:
    """Show the service's refusal beside its field (or on the first field)."""
    target = form[refused.field] if refused.field in form else next(iter(form))
    target.errors = [*target.errors, refused.message(current_language())]
