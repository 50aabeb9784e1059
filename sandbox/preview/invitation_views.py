"""Invitation codes: the organisers' list and form, revoking one, the printable sheet, who
joined with one, and a new PIN for a stakeholder who forgot theirs."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.preview.blueprint import bp
from sandbox.preview.forms import ButtonForm, InvitationForm
from sandbox.services.facilitation.join_sheet import qr_svg
from sandbox.services.preview import invitations as service
from sandbox.services.preview import stakeholders
from sandbox.services.training.codes import grouped
from sandbox.workflow.permissions import Capability


@bp.route("/invitations", methods=["GET", "POST"])
@requires(Capability.MANAGE_PROPOSALS)
def invitations():
    """Every invitation with its uses, and the form for a new one."""
    form = InvitationForm()
    status = 200
    if form.is_submitted():
        if form.validate():
            try:
                made = service.create_invitation(
                    form.label.data, form.days.data, form.max_uses.data, current_user
                )
            except service.InvitationRefused as refused:
                form[refused.field].errors = [refused.message(current_language())]
            else:
                flash(_("Invitation %(code)s created.", code=grouped(made.code)), "success")
                return redirect(url_for(".invitations"))
        status = 422
    return render_template(
        "preview/invitations.html",
        form=form,
        invitations=service.invitations(),
        is_open=service.is_open,
        button=ButtonForm(),
    ), status


@bp.post("/invitations/<int:invitation_id>/revoke")
@requires(Capability.MANAGE_PROPOSALS)
def revoke(invitation_id: int):
    """Withdraw an invitation: no further joins."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        invitation = service.revoke_invitation(service.invitation_by_id(invitation_id))
    except LookupError:
        abort(404)
    flash(_("Invitation %(code)s withdrawn.", code=grouped(invitation.code)), "success")
    return redirect(url_for(".invitations"))


@bp.get("/invitations/<int:invitation_id>/sheet")
@requires(Capability.MANAGE_PROPOSALS)
def invitation_sheet(invitation_id: int):
    """The printable invitation: address, code and a QR code of the join address."""
    try:
        invitation = service.invitation_by_id(invitation_id)
    except LookupError:
        abort(404)
    address = url_for(".join", _external=True)
    scan = f"{address}?code={grouped(invitation.code)}"
    return render_template(
        "preview/invitation_sheet.html",
        invitation=invitation,
        code=grouped(invitation.code),
        address=address,
        qr=qr_svg(scan),
        closed=service.closed_reason(invitation),
        next_url=request.path,
    )


def _invitation(invitation_id: int):
    """The invitation with this id (404 when none)."""
    try:
        return service.invitation_by_id(invitation_id)
    except LookupError:
        abort(404)


@bp.get("/invitations/<int:invitation_id>/stakeholders")
@requires(Capability.MANAGE_PROPOSALS, hidden=True)
def invitation_stakeholders(invitation_id: int):
    """Who joined with this invitation, each with a "new PIN" button."""
    invitation = _invitation(invitation_id)
    return render_template(
        "preview/invitation_stakeholders.html",
        invitation=invitation,
        joined=stakeholders.joined_with(invitation),
    )


@bp.route(
    "/invitations/<int:invitation_id>/stakeholders/<int:stakeholder_id>/pin",
    methods=["GET", "POST"],
)
@requires(Capability.MANAGE_PROPOSALS, hidden=True)
def stakeholder_pin(invitation_id: int, stakeholder_id: int):
    """Ask, then give the stakeholder a new PIN (shown once) and end their sign-ins."""
    invitation = _invitation(invitation_id)
    try:
        stakeholder = stakeholders.stakeholder_of_invitation(invitation, stakeholder_id)
    except LookupError:
        abort(404)
    form = ButtonForm()
    pin = stakeholders.give_new_pin(stakeholder) if form.validate_on_submit() else None
    page = render_template(
        "preview/stakeholder_pin.html",
        invitation=invitation,
        stakeholder=stakeholder,
        code=grouped(stakeholder.personal_code or ""),
        pin=pin,
        form=form,
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # it may show a PIN
    return response
