"""The cohort's switch for trainees' opinions on the proposals in preview.

When it is on, the cohort's trainees see "Give your opinion on the proposals" on their
training pages and answer the same form as stakeholders (``preview.feedback``); the
answers carry the cohort's id. Switching it off hides the link and the form; answers
already given stay (they belong to the proposal, not to the cohort's worlds).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SubmitField
from wtforms.validators import AnyOf

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.forms import Form
from sandbox.services.preview.feedback import set_collects_feedback
from sandbox.workflow.permissions import Capability


class CollectForm(Form):
    """Switch on ("1") or off ("0"); the page shows the button for the other state."""

    collect = HiddenField(validators=[AnyOf(["0", "1"])])
    submit = SubmitField(_l("Save"))


@bp.route("/cohorts/<int:cohort_id>/proposal-feedback", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def proposal_feedback(cohort_id: int):
    """Show whether the cohort's trainees are asked; POST switches it on or off."""
    cohort = my_cohort(cohort_id)
    form = CollectForm()
    if form.validate_on_submit():
        set_collects_feedback(cohort, form.collect.data == "1")
        flash(_("Saved."), "success")
        return redirect(url_for("facilitator.proposal_feedback", cohort_id=cohort.id))
    status = 422 if form.is_submitted() else 200
    form.collect.data = "0" if cohort.collects_proposal_feedback else "1"
    return render_template("facilitator/proposal_feedback.html", cohort=cohort, form=form), status
