"""The decision report of a proposal, its CSV and printable summary, and the decision.

Screens only; the figures are ``services/preview/report.py``'s (counted by the pure
``proposals/report.py``), the decision ``services/preview/decision.py``'s. Respondents
appear only as role, institution kind, region and language: never a name.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.models.reference import InstitutionKind
from sandbox.preview.blueprint import bp
from sandbox.preview.feedback_views import back_link
from sandbox.preview.report_forms import DecisionForm, decision_from, seen_status
from sandbox.proposals.enums import Concern, Helpfulness, JobRole
from sandbox.proposals.report import OTHER_GROUPS, distribution_chart
from sandbox.services.preview import report as reports
from sandbox.services.preview.decision import (
    DecisionRaced,
    DecisionRefused,
    allowed_statuses,
    decide_proposal,
)
from sandbox.services.preview.feedback import GENERAL, NotAsked
from sandbox.services.preview.labels import choice_labels
from sandbox.workflow.permissions import Capability, can


def names(language: str, proposal=None) -> dict[str, dict[str, str]]:
    """Labels of every stored value the report shows, in ``language`` (screens and steps:
    the proposal's)."""
    with force_locale(language):  # the printout shows both languages, whatever the reader's
        groups = {OTHER_GROUPS: _("Other groups (fewer than 3 people each)"), "": _("Not stated")}
        general = _("The proposal as a whole")
    steps = choice_labels(proposal, language) if proposal is not None else {}
    return {
        "job_role": {**groups, **{r.value: r.label(language) for r in JobRole}},
        "institution_kind": {**groups, **{k.value: k.label(language) for k in InstitutionKind}},
        "region": groups,
        "helps": {h.value: h.label(language) for h in Helpfulness},
        "concern": {c.value: c.label(language) for c in Concern},
        "screen": {**steps, GENERAL: general},
        "step": steps,
    }


def _page(key: str):
    """The report page's data for ``key`` and ``?version=``; 404 when there is none."""
    version = request.args.get("version", type=int)
    try:
        return reports.proposal_report(key, version)
    except NotAsked:
        abort(404)


@bp.get("/proposals/<key>/report")
@requires(Capability.READ_PROPOSAL_REPORTS, hidden=True)
def report(key: str):
    """Invited vs responded, ratings, helpfulness, ease, behaviour, concerns, comments."""
    lang = current_language()
    page = _page(key)
    return render_template(
        "preview/report_page.html",
        page=page,
        names=names(lang, page.proposal),
        chart=distribution_chart,
        back=back_link(),
        can_decide=can(current_user, Capability.DECIDE_PROPOSAL),
    )


@bp.get("/proposals/<key>/report.csv")
@requires(Capability.READ_PROPOSAL_REPORTS, hidden=True)
def report_csv(key: str):
    """The responses and the behaviour summary as CSV (UTF-8 with BOM, formula-safe)."""
    try:
        version = request.args.get("version", type=int)
        page, text = reports.report_csv(key, version, current_language())
    except NotAsked:
        abort(404)
    filename = f"mrejesho-hoja-{page.proposal.id}-v{page.version}.csv"
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/proposals/<key>/report/print")
@requires(Capability.READ_PROPOSAL_REPORTS, hidden=True)
def report_print(key: str):
    """Two A4 pages for the decision meeting, Swahili and English together, no menus."""
    page = _page(key)
    return render_template(
        "preview/report_print.html",
        page=page,
        sw=names("sw", page.proposal),
        en=names("en", page.proposal),
        chart=distribution_chart,
    )


@bp.route("/proposals/<key>/decision", methods=["GET", "POST"])
@requires(Capability.DECIDE_PROPOSAL, hidden=True)
def decide(key: str):
    """Record the decision (or reopen it) with its note; 422 refused, 409 raced."""
    page = _page(key)
    lang = current_language()
    form = DecisionForm(data={"seen": page.proposal.status.value})
    # The choices the admin was shown (from the status they saw), so that a decision raced
    # by another admin reaches the service and is told as such (409), not as a bad choice.
    form.fill_choices(allowed_statuses(seen_status(form.seen.data, page.proposal)), lang)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            try:
                decide_proposal(key, decision_from(form), current_user)
            except DecisionRaced as raced:
                flash(raced.message(lang), "error")
                return _decision_page(key, lang, form), 409
            except DecisionRefused as refused:
                flash(refused.message(lang), "error")
            else:
                flash(_("The decision is recorded."), "success")
                return redirect(url_for("preview.report", key=key))
    return render_template("preview/report_decide.html", page=page, form=form), status


def _decision_page(key: str, lang: str, typed: DecisionForm) -> str:
    """The decision page after a lost race: the status another admin recorded, and the
    note, rationale, watch list and revisit date this admin typed kept (the choice of
    status is asked again, among those allowed now). When the proposal is decided now, the
    form only reopens it: the typed rationale and watch list are shown to copy, not lost."""
    page = _page(key)
    kept = {name: typed[name].data for name in ("note", "rationale", "watch_after", "revisit_on")}
    form = DecisionForm(formdata=None, data={"seen": page.proposal.status.value, **kept})
    form.fill_choices(allowed_statuses(page.proposal.status), lang)
    return render_template("preview/report_decide.html", page=page, form=form, kept=kept)
