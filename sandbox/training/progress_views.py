""" "Maendeleo yangu / My progress" and "Nahitaji msaada / I need help": the trainee's own only.

No route takes an id: every page and button acts on the signed-in trainee, so one trainee
cannot reach another's progress or flag.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.redirects import local_path
from sandbox.services.training.help import ask_for_help, withdraw_help
from sandbox.services.training.my_progress import my_progress
from sandbox.training.blueprint import bp
from sandbox.training.forms import HelpForm
from sandbox.workflow.permissions import Capability


@bp.get("/training/progress")
@requires(Capability.TAKE_SCENARIOS)
def progress():
    """The trainee's scenarios by competency: status, score, hints, time; the help button."""
    form = HelpForm(next=url_for("training.progress"))
    return render_template("training/progress.html", page=my_progress(current_user), form=form)


@bp.post("/training/help")
@requires(Capability.TAKE_SCENARIOS)
def ask_help():
    """Flag the trainee for the facilitator, then back to the page the button was on."""
    form = _submitted()
    ask_for_help(current_user)
    flash(
        _(
            "Your request for help is recorded. Raise your hand as well, so that your "
            "facilitator sees you."
        ),
        "success",
    )
    return redirect(local_path(form.next.data, url_for("training.progress")))


@bp.post("/training/help/withdraw")
@requires(Capability.TAKE_SCENARIOS)
def withdraw_help_request():
    """Take the request back (nothing happens when there was none)."""
    form = _submitted()
    if withdraw_help(current_user) is not None:
        flash(_("Your request for help was withdrawn."), "success")
    return redirect(local_path(form.next.data, url_for("training.progress")))


def _submitted() -> HelpForm:
    """The posted help form (400 when it fails CSRF or is not a form post)."""
    form = HelpForm()
    if not form.validate_on_submit():
        abort(400)
    return form
