"""Desk pages besides the queue: walk-in intake and the institution's own templates."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.desk.blueprint import bp, current_workspace
from sandbox.desk.forms import DeleteTemplateForm, TemplateForm, WalkInForm, as_member
from sandbox.i18n import current_language
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
        try:
            templates.add_template(current_workspace(), current_user, form.draft())
        except templates.InvalidTemplate as refusal:
            return _template_refused(form, refusal, "desk/templates.html", may_add=True)
        flash(_("Template added."), "success")
        return redirect(url_for(".response_templates"))
    listed = templates.templates_for(current_workspace(), current_user.institution_id)
    status = 422 if form.errors else 200
    return render_template(
        "desk/templates.html", form=form, templates=listed, may_add=may_add
    ), status


@bp.route("/templates/<int:template_id>/edit", methods=["GET", "POST"])
@requires(Capability.MANAGE_TEMPLATES)
def edit_response_template(template_id: int):
    """Change one of the institution's own templates (the standard ones are not editable)."""
    template = _own_or_404(template_id)
    form = TemplateForm(obj=template)
    form.fill_choices(current_language())
    form.submit.label.text = _("Save the template")
    if not form.validate_on_submit():
        html = render_template("desk/template_edit.html", form=form, template=template)
        return html, 422 if form.errors else 200
    try:
        templates.update_template(current_workspace(), current_user, template_id, form.draft())
    except templates.InvalidTemplate as refusal:
        return _template_refused(form, refusal, "desk/template_edit.html", template=template)
    flash(_("Template saved."), "success")
    return redirect(url_for(".response_templates"))


@bp.route("/templates/<int:template_id>/delete", methods=["GET", "POST"])
@requires(Capability.MANAGE_TEMPLATES)
def delete_response_template(template_id: int):
    """Ask, then delete one of the institution's own templates."""
    template = _own_or_404(template_id)
    form = DeleteTemplateForm()
    if not form.validate_on_submit():
        html = render_template("desk/template_delete.html", form=form, template=template)
        return html, 422 if form.errors else 200
    templates.delete_template(current_workspace(), current_user, template_id)
    flash(_("Template deleted."), "success")
    return redirect(url_for(".response_templates"))


def _own_or_404(template_id: int):
    """The user's institution's own template, or 404 (a standard or another's template)."""
    try:
        return templates.own_template(current_workspace(), current_user, template_id)
    except templates.TemplateNotFound:
        abort(404)


def _template_refused(form, refusal, page: str, **context):
    """Show the service's refusal on the field it is about."""
    getattr(form, refusal.field).errors = [refusal.message(current_language())]
    listed = templates.templates_for(current_workspace(), current_user.institution_id)
    return render_template(page, form=form, templates=listed, **context), 422
