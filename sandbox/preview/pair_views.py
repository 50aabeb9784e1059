"""Working in a side, the walkthrough's buttons, starting again, and the banner.

The banner (``preview_banner()``, a template global read by the layout) shows on every page
a stakeholder sees while their current workspace is one of their sides. After a
stakeholder's successful POST at the desk or a channel, ``_check_walkthrough`` checks the
open walkthrough of that side (as the training blueprint does for a trainee's scenario),
so a step done is recorded at once.

Once the proposal left preview (decided, or back to draft) its sides are closed
(``pairs.PairClosed``): a button answers with the reason on the proposals list, compare and
start again with the reason as a 409 page; none of them acts.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.preview.blueprint import bp
from sandbox.preview.forms import ButtonForm
from sandbox.proposals.enums import Side
from sandbox.services.preview import pages, pairs, screens, walkthroughs
from sandbox.services.preview.proposals import ProposalNotFound, proposal_by_key
from sandbox.workflow import BilingualError, Role
from sandbox.workflow.permissions import Capability

ACTING_AREAS = ("desk", "portal", "portal_ws", "ussd", "ussd_ws", "sms", "sms_ws")


def _side(name: str) -> Side:
    """The side named in the address (404 for anything else)."""
    try:
        return Side(name)
    except ValueError:
        abort(404)


def _button() -> None:
    """A state-changing POST needs the form's CSRF token."""
    if not ButtonForm().validate_on_submit():
        abort(400)


def _own_pair(key: str):
    """The signed-in user's pair for the proposal (404: none, or not theirs)."""
    try:
        return pairs.own_pair(current_user, proposal_by_key(key))
    except (ProposalNotFound, pairs.PairNotFound):
        abort(404)


def _open_pair(key: str):
    """The user's pair of a proposal in preview (404: none; PairClosed: not in preview)."""
    pair = _own_pair(key)
    pairs.check_open(pair.proposal)
    return pair


def _closed_page(closed: pairs.PairClosed):
    """The refusal of a page of a closed proposal's worlds (409), with the way out."""
    return render_template("error.html", code=409, message=closed.message(current_language())), 409


def _refused(refused: BilingualError, key: str):
    """A refused button: its reason flashed, back to the proposal (the list when closed)."""
    flash(refused.message(current_language()), "error")
    closed = isinstance(refused, pairs.PairClosed)
    return redirect(url_for(".proposals") if closed else url_for(".proposal", key=key))


def _then_the_desk(key: str, act: Callable[[], object]):
    """A side's button: check its token, ``act``, then the desk (404: no such proposal or
    pair of this user; a refusal: flashed, back to the proposal)."""
    _button()
    try:
        act()
    except (ProposalNotFound, pairs.PairNotFound):
        abort(404)
    except BilingualError as refused:
        return _refused(refused, key)
    return redirect(url_for("desk.index"))


@bp.post("/proposals/<key>/sides/<side>")
@requires(Capability.PREVIEW)
def work_in(key: str, side: str):
    """Work in one side (the pair is made on the first visit), then go to the desk."""
    chosen = _side(side)
    return _then_the_desk(key, lambda: pages.open_side(current_user, key, chosen))


@bp.post("/proposals/<key>/switch/<side>")
@requires(Capability.PREVIEW)
def switch(key: str, side: str):
    """The banner's switch: the other side, carrying a walkthrough underway; then the desk."""
    chosen = _side(side)
    return _then_the_desk(key, lambda: pages.switch_side(current_user, key, chosen))


@bp.post("/proposals/<key>/walkthrough/<side>")
@requires(Capability.PREVIEW)
def begin(key: str, side: str):
    """Start (or continue) the walkthrough on one side, working there."""
    chosen = _side(side)

    def begin_there():
        pages.open_side(current_user, key, chosen)
        walkthroughs.begin_walkthrough(current_user, _own_pair(key), chosen)

    return _then_the_desk(key, begin_there)


@bp.post("/proposals/<key>/walkthrough/<side>/check")
@requires(Capability.PREVIEW)
def check(key: str, side: str):
    """Check my work: record the steps done on that side, say what is left."""
    chosen = _side(side)
    _button()
    try:
        done = walkthroughs.check_walkthrough(current_user, _open_pair(key), chosen)
    except BilingualError as refused:
        return _refused(refused, key)
    lang = current_language()
    for step in done:
        flash(_("Step done: %(step)s", step=step.instruction.text(lang)), "success")
    if not done:
        flash(_("No new step is done yet. Read the step and try again at the desk."), "info")
    return redirect(url_for(".proposal", key=key))


@bp.get("/proposals/<key>/compare")
@requires(Capability.PREVIEW)
def compare(key: str):
    """The screens the proposal changes, drawn live from both sides next to each other."""
    try:
        pair = _open_pair(key)
    except pairs.PairClosed as closed:
        return _closed_page(closed)
    shown = screens.compare(pair, current_user, current_language())
    return render_template("preview/compare.html", proposal=pair.proposal, screens=shown, Side=Side)


@bp.route("/proposals/<key>/start-again", methods=["GET", "POST"])
@requires(Capability.PREVIEW)
def start_again(key: str):
    """After a confirmation: both worlds made again from their seed (opinions kept)."""
    try:
        pair = _open_pair(key)
    except pairs.PairClosed as closed:
        return _closed_page(closed)
    form = ButtonForm()
    if form.validate_on_submit():
        pairs.start_again(current_user, pair)
        flash(_("Both worlds were made again. Your opinions and steps are kept."), "success")
        return redirect(url_for(".proposal", key=key))
    return render_template("preview/start_again.html", proposal=pair.proposal, form=form)


@bp.app_template_global()
def preview_banner():
    """The banner of a stakeholder's page in one of their sides, else None."""
    if not current_user.is_authenticated or current_user.role is not Role.STAKEHOLDER:
        return None
    return pages.banner_for(current_user)


@bp.after_app_request
def _check_walkthrough(response):
    """After a stakeholder's successful action in a side: record walkthrough steps done."""
    if (
        request.method != "POST"
        or response.status_code >= 400
        or request.blueprint not in ACTING_AREAS
        or not current_user.is_authenticated
        or current_user.role is not Role.STAKEHOLDER
    ):
        return response
    lang = current_language()
    for step in walkthroughs.check_after_action(current_user, current_user.workspace):
        flash(_("Step done: %(step)s", step=step.instruction.text(lang)), "success")
    return response
