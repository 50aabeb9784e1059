"""Resets, undo and named snapshots of a cohort (issue 12, point 4).

Screens only (``services/facilitation/resets.py``, ``snapshots.py``, ``reset_console.py``).
Choosing what to reset is a GET (nothing changes); the confirmation page says what will be
reset and how many workspaces and items, and only its POST (CSRF) resets. Undo and restore
are confirmed the same way. A refusal comes back on the page in the user's language (422).
Every route needs ``Capability.RESET`` (the permission table's own word for this; the
facilitator and the administrator have it) and goes through ``my_cohort`` (404 otherwise).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.reset_forms import (
    ConfirmForm,
    ResetChoiceForm,
    ResetForm,
    SnapshotForm,
)
from sandbox.i18n import current_language
from sandbox.services.facilitation import resets
from sandbox.services.facilitation.reset_console import reset_page, snapshot_of
from sandbox.services.facilitation.snapshots import SnapshotRefused, save_snapshot
from sandbox.services.training.library import scenario_library
from sandbox.workflow.permissions import Capability


def _page(cohort, choice=None, snapshot_form=None, status=200):
    """The reset page, with the forms as typed."""
    page = reset_page(cohort, scenario_library())
    choice = choice or ResetChoiceForm(formdata=None)
    choice.offer(page.trainees, page.scenarios, current_language())
    return (
        render_template(
            "facilitator/resets.html",
            cohort=cohort,
            page=page,
            choice=choice,
            snapshot_form=snapshot_form or SnapshotForm(formdata=None),
            undo_form=ConfirmForm(formdata=None),
        ),
        status,
    )


def _plan(cohort, form):
    """The plan the form's choices name (ResetRefused when one is unknown)."""
    return resets.plan_reset(
        cohort,
        scenario_library(),
        personal_code=form.trainee.data or None,
        scenario_id=form.scenario.data or None,
        step_id=(form.step.data or "").strip() or None,
        keep_progress=form.keep_progress.data in (True, "y", "1"),
    )


@bp.get("/cohorts/<int:cohort_id>/resets")
@requires(Capability.RESET, hidden=True)
def resets_page(cohort_id: int):
    """What can be reset, the reset log, undo and the named snapshots."""
    return _page(my_cohort(cohort_id))


@bp.get("/cohorts/<int:cohort_id>/resets/confirm")
@requires(Capability.RESET, hidden=True)
def confirm_reset(cohort_id: int):
    """Say exactly what the chosen reset will do, and ask."""
    cohort = my_cohort(cohort_id)
    page = reset_page(cohort, scenario_library())
    choice = ResetChoiceForm(request.args)
    choice.offer(page.trainees, page.scenarios, current_language())
    if not choice.validate():
        return _page(cohort, choice=choice, status=422)
    try:
        plan = _plan(cohort, choice)
    except resets.ResetRefused as refused:
        choice.step.errors = [refused.message(current_language())]
        return _page(cohort, choice=choice, status=422)
    form = ResetForm(
        formdata=None,
        data={**choice.data, "keep_progress": "1" if choice.keep_progress.data else ""},
    )
    return render_template("facilitator/resets_confirm.html", cohort=cohort, plan=plan, form=form)


@bp.post("/cohorts/<int:cohort_id>/resets")
@requires(Capability.RESET, hidden=True)
def reset(cohort_id: int):
    """Run the confirmed reset (one transaction, an automatic snapshot first)."""
    cohort = my_cohort(cohort_id)
    form = ResetForm()
    if not form.validate():
        abort(400)
    try:
        resets.run_reset(_plan(cohort, form), current_user)
    except resets.ResetRefused as refused:
        flash(refused.message(current_language()), "error")
        return _page(cohort, status=422)
    flash(_("Reset done. You can undo it below."), "success")
    return redirect(url_for("facilitator.resets_page", cohort_id=cohort.id))


@bp.route("/cohorts/<int:cohort_id>/resets/<int:record_id>/undo", methods=["GET", "POST"])
@requires(Capability.RESET, hidden=True)
def undo_reset(cohort_id: int, record_id: int):
    """Confirm (GET) and undo (POST) the cohort's latest reset."""
    cohort = my_cohort(cohort_id)
    record = resets.undoable(cohort)
    if record is None or record.id != record_id:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template(
            "facilitator/resets_undo.html", cohort=cohort, record=record, form=form
        )
    resets.undo_reset(cohort, record.id, current_user)
    flash(_("The reset was undone."), "success")
    return redirect(url_for("facilitator.resets_page", cohort_id=cohort.id))


@bp.post("/cohorts/<int:cohort_id>/snapshots")
@requires(Capability.RESET, hidden=True)
def save_cohort_snapshot(cohort_id: int):
    """Save a named snapshot of every workspace of the cohort."""
    cohort = my_cohort(cohort_id)
    form = SnapshotForm()
    if not form.validate():
        return _page(cohort, snapshot_form=form, status=422)
    try:
        saved = save_snapshot(cohort, form.label.data, current_user)
    except SnapshotRefused as refused:
        form.label.errors = [refused.message(current_language())]
        return _page(cohort, snapshot_form=form, status=422)
    flash(_("Snapshot “%(label)s” saved.", label=saved.label), "success")
    return redirect(url_for("facilitator.resets_page", cohort_id=cohort.id))


@bp.route("/cohorts/<int:cohort_id>/snapshots/<int:snapshot_id>/restore", methods=["GET", "POST"])
@requires(Capability.RESET, hidden=True)
def restore_cohort_snapshot(cohort_id: int, snapshot_id: int):
    """Confirm (GET) and restore (POST) a named snapshot; the restore can be undone."""
    cohort = my_cohort(cohort_id)
    snapshot = snapshot_of(cohort, snapshot_id)
    if snapshot is None:
        abort(404)
    plan = resets.plan_restore(cohort, snapshot)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template(
            "facilitator/resets_restore.html", cohort=cohort, plan=plan, form=form
        )
    resets.run_reset(plan, current_user)
    flash(
        _("Snapshot “%(label)s” restored. You can undo it below.", label=snapshot.label), "success"
    )
    return redirect(url_for("facilitator.resets_page", cohort_id=cohort.id))
