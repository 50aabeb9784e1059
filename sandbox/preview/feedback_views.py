"""Feedback on proposals: the list of proposals asking for opinions, and one proposal's form.

Screens only; who is asked, what is copied and the one-answer rule are in
``services/preview/feedback.py``. A trainee sees a link to the list on their training
pages while their cohort collects feedback (``opinions_wanted`` in every template).
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.preview.blueprint import bp
from sandbox.preview.feedback_forms import FeedbackForm, answer_from, form_data_of
from sandbox.services.preview.feedback import (
    GENERAL,
    FeedbackChanged,
    FeedbackClosed,
    NotAsked,
    answer_stamp,
    asked,
    earlier_answer,
    is_asked,
    open_proposals,
    save_feedback,
)
from sandbox.services.preview.labels import choice_labels
from sandbox.workflow.permissions import Capability


@bp.app_context_processor
def _opinions() -> dict:
    """``opinions_wanted()``: True when the signed-in user is asked for opinions now."""

    def opinions_wanted() -> bool:
        return bool(current_user.is_authenticated) and is_asked(current_user)

    return {"opinions_wanted": opinions_wanted}


def back_link() -> str | None:
    """The proposals list of the preview, when that page exists."""
    if "preview.proposals" in current_app.view_functions:
        return url_for("preview.proposals")
    return None


@bp.get("/opinions")
@requires(Capability.GIVE_OPINION, hidden=True)
def feedback_list():
    """The proposals in preview, each with "answered" or not and a link to its form."""
    if not is_asked(current_user):
        abort(404)
    return render_template("preview/feedback_list.html", rows=open_proposals(current_user))


def _screens(who, language: str) -> list[SelectChoice]:
    """The screen select's choices: "general", then the screens and steps, all in words."""
    labels = {**choice_labels(who.proposal, language), GENERAL: _("The proposal as a whole")}
    return [SelectChoice(s, labels.get(s, s)) for s in who.screens]


@bp.route("/proposals/<key>/feedback", methods=["GET", "POST"])
@requires(Capability.GIVE_OPINION, hidden=True)
def feedback(key: str):
    """The form, prefilled with the earlier answer; POST saves it (one answer, edited)."""
    try:
        who = asked(current_user, key)
    except NotAsked:
        abort(404)
    language = current_language()
    form = FeedbackForm(data=None if who.earlier is None else form_data_of(who.earlier))
    form.fill_choices(language, _screens(who, language))
    if who.job_role is not None:
        del form.job_role
    status = 200
    if form.is_submitted():
        if who.is_closed:
            flash(FeedbackClosed().message(language), "error")
            status = 409
        elif form.validate():
            try:
                save_feedback(who, answer_from(form), language)
            except FeedbackChanged as changed:
                flash(changed.message(language), "error")
                form.opened.data = answer_stamp(earlier_answer(who.proposal.id, who.user.id))
                status = 409
            else:
                flash(_("Thank you: your opinion is saved. You can change it until the decision."))
                return redirect(url_for("preview.feedback", key=key))
        else:
            status = 422
    else:
        form.opened.data = answer_stamp(who.earlier)
    page = render_template("preview/feedback_form.html", who=who, form=form, back=back_link())
    return page, status
