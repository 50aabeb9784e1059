"""The cohort's clock page and its shared workspace page.

Screens only (``services/facilitation/clock.py``, ``shared_workspace.py``). A clock move
asks first, saying how many workspaces will move; the shared workspace's password is shown
once (``Cache-Control: no-store``).
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.cohort_forms import ClockForm, ConfirmForm
from sandbox.i18n import current_language
from sandbox.services.facilitation.clock import (
    check_cohort_move,
    cohort_now,
    cohort_workspaces,
    move_cohort_clock,
)
from sandbox.services.facilitation.shared_workspace import (
    SharedWorkspaceRefused,
    give_shared_workspace,
    group_login,
    new_group_password,
)
from sandbox.services.workspace.clock import ClockConflict, ClockRefused
from sandbox.workflow.permissions import Capability


@bp.route("/cohorts/<int:cohort_id>/clock", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def clock(cohort_id: int):
    """Move every workspace of the cohort forward: first a confirmation, then the move."""
    cohort = my_cohort(cohort_id)
    form = ClockForm()
    confirming = False
    if form.validate_on_submit():
        if form.confirmed.data == "yes":
            try:
                moved = move_cohort_clock(cohort, working_days=form.days.data, to=form.to.data)
            except (ClockRefused, ClockConflict) as refused:
                form.days.errors.append(refused.message(current_language()))
            else:
                flash(_moved_message(moved), "success")
                return redirect(url_for("facilitator.clock", cohort_id=cohort.id))
        else:
            try:
                check_cohort_move(cohort, working_days=form.days.data, to=form.to.data)
            except ClockRefused as refused:
                form.days.errors.append(refused.message(current_language()))
            else:
                confirming = True
                form.confirmed.data = "yes"
    workspaces = cohort_workspaces(cohort)
    page = render_template(
        "facilitator/clock.html",
        cohort=cohort,
        form=form,
        confirming=confirming,
        count=len(workspaces),
        now=cohort_now(cohort),
    )
    return page, 422 if form.errors else 200


def _moved_message(moved) -> str:
    """What a move did, for the flash."""
    return _(
        "The clock moved in %(count)d workspaces; %(escalated)d items were escalated. "
        "Sandbox date now: %(date)s.",
        count=moved.workspaces,
        escalated=moved.escalated,
        date=moved.latest.strftime("%Y-%m-%d %H:%M"),
    )


@bp.get("/cohorts/<int:cohort_id>/shared")
@requires(Capability.RUN_COHORT, hidden=True)
def shared(cohort_id: int):
    """The cohort's shared workspace: its addresses and group login, or a button to make it."""
    cohort = my_cohort(cohort_id)
    login = group_login(cohort)
    return render_template(
        "facilitator/clock_shared.html", cohort=cohort, login=login, form=ConfirmForm()
    )


@bp.post("/cohorts/<int:cohort_id>/shared")
@requires(Capability.RUN_COHORT, hidden=True)
def shared_make(cohort_id: int):
    """Make the shared workspace (or a new group password); the password is shown once."""
    cohort = my_cohort(cohort_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("facilitator.shared", cohort_id=cohort.id))
    try:
        made = (
            new_group_password(cohort)
            if cohort.shared_workspace_id
            else give_shared_workspace(cohort)
        )
    except SharedWorkspaceRefused as refused:
        flash(refused.message(current_language()), "error")
        return redirect(url_for("facilitator.shared", cohort_id=cohort.id))
    page = render_template("facilitator/clock_shared.html", cohort=cohort, login=made, form=form)
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response
