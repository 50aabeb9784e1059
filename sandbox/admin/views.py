"""The installation's administration: every workspace at a glance, the settings in force, and
the calendar (holidays announced for a workspace)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.accounts.forms import ConfirmForm
from sandbox.admin.forms import HolidayForm
from sandbox.i18n import current_language
from sandbox.services.workspace import holidays, installation
from sandbox.workflow.permissions import Capability

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.get("/")
@requires(Capability.ADMINISTER, hidden=True)
def index():
    """Workspaces (items, logins, clock, changed behaviours) and read-only settings."""
    return render_template(
        "admin/index.html",
        workspaces=installation.workspaces_overview(),
        settings=installation.settings_overview(current_app.config),
    )


def _calendar_workspace(code: str | None):
    """The chosen workspace among those the user may change (404 for any other)."""
    choices = holidays.calendar_workspaces(current_user)
    chosen = next((w for w in choices if w.code == code), choices[0] if choices else None)
    if chosen is None or (code and chosen.code != code):
        abort(404)
    return chosen, choices


@bp.get("/calendar")
@requires(Capability.MANAGE_CALENDAR, hidden=True)
def calendar():
    """Holidays announced for a workspace; declare one or withdraw one."""
    workspace, choices = _calendar_workspace(request.args.get("workspace"))
    return _render_calendar(workspace, choices, HolidayForm(workspace=workspace.code))


def _render_calendar(workspace, choices, form, status: int = 200):
    return render_template(
        "admin/calendar.html",
        workspace=workspace,
        choices=choices,
        form=form,
        holidays=holidays.declared_holidays(workspace),
        confirm=ConfirmForm(),
    ), status


@bp.post("/calendar")
@requires(Capability.MANAGE_CALENDAR, hidden=True)
def declare():
    """Close a day in the workspace: deadlines, overdue flags and escalations follow."""
    form = HolidayForm()
    workspace, choices = _calendar_workspace(form.workspace.data)
    if not form.validate():
        return _render_calendar(workspace, choices, form, 422)
    try:
        change = holidays.declare_holiday(workspace, form.day.data, form.name.data)
    except holidays.HolidayRefused as refused:
        form.day.errors = [refused.message(current_language())]
        return _render_calendar(workspace, choices, form, 422)
    flash(
        _(
            "%(day)s is now a holiday; %(n)d open items' deadlines moved.",
            day=change.day,
            n=change.items_moved,
        ),
        "success",
    )
    return redirect(url_for(".calendar", workspace=workspace.code))


@bp.post("/calendar/<day>/withdraw")
@requires(Capability.MANAGE_CALENDAR, hidden=True)
def withdraw(day: str):
    """Open a declared day again (what became late is escalated)."""
    workspace, _choices = _calendar_workspace(request.form.get("workspace"))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        change = holidays.withdraw_holiday(workspace, date.fromisoformat(day))
    except (ValueError, holidays.HolidayRefused):
        abort(404)
    flash(
        _(
            "%(day)s is a working day again; %(n)d items moved, %(e)d escalated.",
            day=change.day,
            n=change.items_moved,
            e=change.escalated,
        ),
        "success",
    )
    return redirect(url_for(".calendar", workspace=workspace.code))
