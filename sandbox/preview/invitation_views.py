"""Invitation codes: the organisers' list and form, revoking one, the printable sheet."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.preview.blueprint import bp
from sandbox.preview.forms import ButtonForm, InvitationForm
from sandbox.services.facilitation.join_sheet import qr_svg
from sandbox.services.preview import invitations as service
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
