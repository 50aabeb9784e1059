"""The facilitator console's blueprint, shared by its view modules (one per area)."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from sandbox.models import Cohort
from sandbox.services.facilitation.cohorts import cohort_run_by

bp = Blueprint("facilitator", __name__, url_prefix="/facilitator", template_folder="templates")


def my_cohort(cohort_id: int) -> Cohort:
    """The cohort with this id if the signed-in user runs it; 404 for any other."""
    cohort = cohort_run_by(current_user, cohort_id)
    if cohort is None:
        abort(404)
    return cohort
