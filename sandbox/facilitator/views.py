"""The facilitator console: the cohorts the facilitator runs, and one cohort's hub.

Screens only; the work is in ``services/facilitation``. Every route takes the cohort
through ``my_cohort`` (404 for a cohort the user does not run). The areas' view modules are
imported at the bottom so that their routes join the one blueprint.
"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.cohort_forms import CohortForm
from sandbox.services.facilitation.cohorts import cohorts_run_by, runs_every_cohort
from sandbox.workflow.permissions import Capability


@bp.get("/")
@requires(Capability.RUN_COHORT, hidden=True)
def cohorts():
    """The cohorts this facilitator runs (every cohort for an administrator)."""
    listing = cohorts_run_by(current_user)
    return render_template(
        "facilitator/cohorts.html",
        cohorts=listing,
        form=CohortForm(),
        every=runs_every_cohort(current_user),
    )


@bp.get("/cohorts/<int:cohort_id>")
@requires(Capability.RUN_COHORT, hidden=True)
def cohort(cohort_id: int):
    """One cohort's hub: its code, its trainees and the console's pages for it."""
    return render_template("facilitator/cohort.html", cohort=my_cohort(cohort_id))


from sandbox.facilitator import (  # noqa: E402, F401  (their routes join bp)
    archive_views,
    certificate_views,
    chart_views,
    clock_views,
    cohort_views,
    enrol_views,
    proposal_feedback_views,
    reset_views,
    room_views,
)
