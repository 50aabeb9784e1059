"""Desk pages besides the queue: walk-in intake and the institution's own templates."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.desk.blueprint import bp, current_workspace
from sandbox.desk.forms import TemplateForm, WalkInForm, as_member
from sandbox.i18n import current_language
from sandbox.models.desk import Situation
from sandbox.services.desk import inbox as desk
from sandbox.services.desk import intake as desk_intake
from sandbox.services.desk import templates
from sandbox.services.feedback.lifecycle import InvalidSubmission
from sandbox.workflow import ComplainantType, FeedbackType
from sandbox.workflow.permissions import Capability


@bp.route("/walk-in", methods=["GET", "POST"])
@requires(Capability.WALK_IN)
def walk_in():
    """Record feedback for a citizen at the desk (channel: walk-in desk)."""
    lang = current_language()
    form = WalkInForm()
    form.fill_choices(lang, desk.filter_choices()[0])
    if not form.validate_on_submit():
        return render_template("desk/walk_in.html", form=form), 422 if form.errors else 200
    entry = desk_intake.WalkIn(
        type=FeedbackType(form.type.data),
        description=form.description.data,
        agrees_to_be_identified=form.consent.data == "yes",
        complainant_type=as_member(
            ComplainantType, form.complainant_type.data, ComplainantType.CITIZEN
        ),
        category_id=form.category.data,
        language=form.language.data,
        name=form.name.data,
        phone=form.phone.data,
        email=form.email.data,
    )
    try:
        item = desk_intake.record_walk_in(
            current_workspace(), current_user, entry, form.form_key.data
        )
    except InvalidSubmission as refusal:
        flash(refusal.message(lang), "error")
        return render_template("desk/walk_in.html", form=form), 422
    flash(_("Recorded as %(reference)s.", reference=item.reference), "success")
    return redirect(url_for(".feedback_detail", feedback_id=item.id))


@bp.route("/templates", methods=["GET", "POST"])
@requires(Capability.VIEW)
def response_templates():
    """The templates offered to this institution; officers and heads may add their own."""
    lang = current_language()
    form = TemplateForm()
    form.fill_choices(lang)
    may_add = desk.can_manage_templates(current_user)
    if request.method == "POST" and not may_add:
        abort(403)
    if may_add and form.validate_on_submit():
        templates.add_template(
            current_workspace(),
            current_user,
            situation=Situation(form.situation.data),
            feedback_type=FeedbackType(form.feedback_type.data)
            if form.feedback_type.data
            else None,
            title_sw=form.title_sw.data,
            title_en=form.title_en.data,
            text_sw=form.text_sw.data,
            text_en=form.text_en.data,
        )
        flash(_("Template added."), "success")
        return redirect(url_for(".response_templates"))
    listed = templates.templates_for(current_workspace(), current_user.institution_id)
    status = 422 if form.errors else 200
    return render_template(
        "desk/templates.html", form=form, templates=listed, may_add=may_add
    ), status
