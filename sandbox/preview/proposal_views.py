"""Proposals: the list, one proposal's page, and the organisers' form for text-only ones."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.preview.blueprint import bp
from sandbox.preview.forms import ButtonForm, ProposalForm
from sandbox.proposals.enums import ProposalStatus, Side
from sandbox.services.preview import pages
from sandbox.services.preview.pairs import PairNotFound
from sandbox.services.preview.proposal_editing import create_proposal, edit_proposal, move_proposal
from sandbox.services.preview.proposals import (
    ProposalNotFound,
    ProposalRefused,
    ProposalText,
    possible_owners,
    proposal_by_key,
)
from sandbox.workflow.permissions import Capability

TEXT_FIELDS = ProposalText.__dataclass_fields__


@bp.get("/")
@requires(Capability.PREVIEW)
def index():
    """The preview's front door: the proposals."""
    return redirect(url_for(".proposals"))


@bp.get("/proposals")
@requires(Capability.PREVIEW)
def proposals():
    """The proposals to try (an organiser: every proposal, drafts too)."""
    return render_template(
        "preview/proposals.html", proposals=pages.proposal_list(current_user), Status=ProposalStatus
    )


@bp.get("/proposals/<key>")
@requires(Capability.PREVIEW)
def proposal(key: str):
    """One proposal: what it changes, both sides' switches, the walkthrough's progress."""
    try:
        page = pages.proposal_page(current_user, key, current_language())
    except (ProposalNotFound, PairNotFound):
        abort(404)
    return render_template(
        "preview/proposal.html",
        page=page,
        Side=Side,
        button=ButtonForm(),
        feedback_url=_feedback_url(key),
        Status=ProposalStatus,
    )


@bp.route("/proposals/new", methods=["GET", "POST"])
@requires(Capability.MANAGE_PROPOSALS)
def new_proposal():
    """A text-only proposal, to collect opinions on an idea not built yet."""
    form = _proposal_form()
    if form.is_submitted() and form.validate():
        try:
            made = create_proposal(_text(form), current_user)
        except ProposalRefused as refused:
            form[refused.field].errors = [refused.message(current_language())]
        else:
            flash(_("Proposal saved as a draft."), "success")
            return redirect(url_for(".proposal", key=made.key))
    status = 422 if form.is_submitted() else 200
    return render_template("preview/proposal_form.html", form=form, proposal=None), status


@bp.route("/proposals/<key>/edit", methods=["GET", "POST"])
@requires(Capability.MANAGE_PROPOSALS)
def edit(key: str):
    """Edit a proposal: a text-only one's texts; any one's owner and revisit date."""
    try:
        found = proposal_by_key(key)
    except ProposalNotFound:
        abort(404)
    form = _proposal_form(found)
    if form.is_submitted() and form.validate():
        try:
            edit_proposal(found, _text(form))
        except ProposalRefused as refused:
            form[refused.field].errors = [refused.message(current_language())]
        else:
            flash(_("Proposal saved."), "success")
            return redirect(url_for(".proposal", key=key))
    status = 422 if form.is_submitted() else 200
    return render_template("preview/proposal_form.html", form=form, proposal=found), status


@bp.post("/proposals/<key>/status")
@requires(Capability.MANAGE_PROPOSALS)
def move(key: str):
    """Move a proposal between draft and in preview."""
    try:
        found = proposal_by_key(key)
        status = ProposalStatus(request.form.get("status", ""))
    except (ProposalNotFound, ValueError):
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        move_proposal(found, status)
    except ProposalRefused as refused:
        flash(refused.message(current_language()), "error")
        return redirect(url_for(".proposal", key=key)), 303
    flash(_("Status: %(status)s.", status=status.label(current_language())), "success")
    return redirect(url_for(".proposal", key=key))


def _proposal_form(proposal=None) -> ProposalForm:
    """The form, filled from the proposal when first shown, with the owners to choose."""
    form = ProposalForm(obj=proposal if request.method == "GET" else None)
    form.owner.choices = [(0, _("Nobody yet"))] + [
        (u.id, u.display_name) for u in possible_owners()
    ]
    if request.method == "GET" and proposal is not None:
        form.owner.data = proposal.owner_id or 0
    return form


def _text(form: ProposalForm) -> ProposalText:
    """What the form carries, as the service reads it."""
    values = {name: form[name].data or "" for name in TEXT_FIELDS if name in form}
    values["owner_id"] = form.owner.data or None
    values["revisit_on"] = form.revisit_on.data
    return ProposalText(**values)


def _feedback_url(key: str) -> str | None:
    """The feedback page's address once that part of the preview exists."""
    if "preview.feedback" not in current_app.view_functions:
        return None
    return url_for("preview.feedback", key=key)
