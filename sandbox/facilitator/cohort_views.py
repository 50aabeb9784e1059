"""Cohort pages of the console: create, edit, archive/reopen, the join code and join sheet.

Screens only (``services/facilitation/cohort_admin.py``, ``join_sheet.py``). Every route
with a cohort id goes through ``my_cohort`` (404 for a cohort the user does not run).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.cohort_forms import CohortForm, ConfirmForm, EditCohortForm
from sandbox.i18n import current_language
from sandbox.services.facilitation.cohort_admin import (
    CohortChange,
    edit_cohort,
    is_empty,
    open_new_cohort,
    set_archived,
)
from sandbox.services.facilitation.cohorts import cohorts_run_by
from sandbox.services.facilitation.join_sheet import join_sheet
from sandbox.services.training.cohorts import CohortRefused
from sandbox.workflow.permissions import Capability


@bp.post("/cohorts/new")
@requires(Capability.RUN_COHORT, hidden=True)
def create_cohort():
    """Create a cohort run by the signed-in user, then open its hub (422 with the errors)."""
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = open_new_cohort(
                current_user, form.name.data, form.seed.data, form.start.data, form.language.data
            )
        except CohortRefused as refused:
            form.name.errors.append(refused.message(current_language()))
        else:
            flash(_("Cohort %(name)s created.", name=cohort.name), "success")
            return redirect(url_for("facilitator.cohort", cohort_id=cohort.id))
    listing = cohorts_run_by(current_user)
    return render_template("facilitator/cohorts.html", cohorts=listing, form=form), 422


@bp.route("/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def edit(cohort_id: int):
    """Rename a cohort or change its language (its seed and start while nobody joined)."""
    cohort = my_cohort(cohort_id)
    form = EditCohortForm(obj=cohort, start=cohort.start_at.date())
    if form.validate_on_submit():
        change = CohortChange(form.name.data, form.language.data, form.seed.data, form.start.data)
        try:
            edit_cohort(cohort, change)
        except CohortRefused as refused:
            form.name.errors.append(refused.message(current_language()))
        else:
            flash(_("Cohort saved."), "success")
            return redirect(url_for("facilitator.cohort", cohort_id=cohort.id))
    status = 422 if form.errors else 200
    return render_template(
        "facilitator/cohort_edit.html", cohort=cohort, form=form, empty=is_empty(cohort)
    ), status


@bp.route("/cohorts/<int:cohort_id>/archive", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def archive(cohort_id: int):
    """Ask, then archive an open cohort or reopen an archived one."""
    cohort = my_cohort(cohort_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        set_archived(cohort, not cohort.is_archived)
        flash(_("Cohort archived.") if cohort.is_archived else _("Cohort open again."), "success")
        return redirect(url_for("facilitator.cohort", cohort_id=cohort.id))
    return render_template("facilitator/cohort_archive.html", cohort=cohort, form=form)


@bp.get("/cohorts/<int:cohort_id>/join-code")
@requires(Capability.RUN_COHORT, hidden=True)
def join_code(cohort_id: int):
    """The join code huge, for a projector, with the join address and its QR code."""
    cohort = my_cohort(cohort_id)
    sheet = join_sheet(cohort, url_for("training.join", _external=True))
    return render_template(
        "facilitator/cohort_join_code.html",
        sheet=sheet,
        cohort_id=cohort_id,
        cohort_archived=cohort.is_archived,
    )


@bp.get("/cohorts/<int:cohort_id>/join-sheet")
@requires(Capability.RUN_COHORT, hidden=True)
def join_sheet_page(cohort_id: int):
    """The printable A4 join sheet: code, address and QR code, in both languages."""
    sheet = join_sheet(my_cohort(cohort_id), url_for("training.join", _external=True))
    return render_template("facilitator/cohort_join_sheet.html", sheet=sheet, cohort_id=cohort_id)
