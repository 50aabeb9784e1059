"""Charts a projector can show: one page of four server-side SVG charts, each with its table.

Screens only: the figures are ``services/facilitation/charts.py``'s.
"""

from __future__ import annotations

from flask import render_template

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.services.facilitation.charts import cohort_charts
from sandbox.workflow.permissions import Capability


@bp.get("/cohorts/<int:cohort_id>/charts")
@requires(Capability.RUN_COHORT, hidden=True)
def charts(cohort_id: int):
    """Completion over time, score by competency, the hardest steps, help over time."""
    cohort = my_cohort(cohort_id)
    return render_template("facilitator/charts.html", cohort=cohort, charts=cohort_charts(cohort))
