"""Certificates, the attendance and results sheet, and the public verify page.

Screens only: the work is in ``services/facilitation/certificates.py`` and ``sheets.py``.
Every console route takes its cohort through ``my_cohort`` (404 for another's cohort);
the verify page is its own blueprint at ``/verify``, public and rate-limited.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import public, requires
from sandbox.certificates.codes import grouped
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.certificate_forms import (
    IssueAllForm,
    IssueForm,
    RequiredScenariosForm,
    RevokeForm,
    VerifyForm,
)
from sandbox.i18n import current_language
from sandbox.limits import certificate_lookup
from sandbox.services.facilitation.certificates import (
    CertificateRefused,
    certificate_in,
    issue_all_eligible,
    issue_certificate,
    revoke_certificate,
    set_required_scenarios,
    verify_certificate,
)
from sandbox.services.facilitation.sheets import (
    certificate_page,
    certificates_overview,
    open_badge,
    results_sheet,
    valid_certificate_pages,
)
from sandbox.text import parse_id
from sandbox.workflow.permissions import Capability

verify_bp = Blueprint("certificates", __name__, template_folder="templates")
bp.add_app_template_filter(grouped, "certificate_code")


@bp.get("/cohorts/<int:cohort_id>/certificates")
@requires(Capability.RUN_COHORT, hidden=True)
def certificates(cohort_id: int):
    """Required scenarios, who is eligible, issuing, and each certificate's links."""
    return _overview(cohort_id)


@bp.post("/cohorts/<int:cohort_id>/certificates/required")
@requires(Capability.RUN_COHORT, hidden=True)
def required(cohort_id: int):
    """Save the scenarios a trainee must pass; 422 with the form as typed when refused."""
    cohort = my_cohort(cohort_id)
    form = _required_form(certificates_overview(cohort))
    if form.validate_on_submit():
        try:
            set_required_scenarios(cohort, form.scenarios.data)
        except CertificateRefused as refused:
            form.scenarios.errors = [refused.message(current_language())]
        else:
            flash(_("The required scenarios are saved."), "success")
            return redirect(url_for(".certificates", cohort_id=cohort_id))
    return _overview(cohort_id, required_form=form)


@bp.post("/cohorts/<int:cohort_id>/certificates/issue")
@requires(Capability.RUN_COHORT, hidden=True)
def issue(cohort_id: int):
    """Issue one trainee's certificate, then show it (409 when not eligible)."""
    cohort = my_cohort(cohort_id)
    form = IssueForm()
    enrolment_id = parse_id(form.enrolment.data) if form.validate_on_submit() else None
    if enrolment_id is None:
        abort(400)
    try:
        certificate = issue_certificate(cohort, enrolment_id, current_user)
    except LookupError:
        abort(404)
    except CertificateRefused as refused:
        flash(refused.message(current_language()), "error")
        return _overview(cohort_id, status=409)
    return redirect(url_for(".certificate", cohort_id=cohort_id, certificate_id=certificate.id))


@bp.post("/cohorts/<int:cohort_id>/certificates/issue-all")
@requires(Capability.RUN_COHORT, hidden=True)
def issue_all(cohort_id: int):
    """Issue a certificate to every eligible trainee who has none."""
    cohort = my_cohort(cohort_id)
    if not IssueAllForm().validate_on_submit():
        abort(400)
    count = issue_all_eligible(cohort, current_user)
    flash(_("Certificates issued: %(num)d.", num=count), "success")
    return redirect(url_for(".certificates", cohort_id=cohort_id))


@bp.get("/cohorts/<int:cohort_id>/certificates/<int:certificate_id>")
@requires(Capability.RUN_COHORT, hidden=True)
def certificate(cohort_id: int, certificate_id: int):
    """One certificate, ready to print on A4 (Swahili and English on the page)."""
    found = certificate_in(my_cohort(cohort_id), certificate_id) or abort(404)
    page = certificate_page(found, _verify_url(found.code))
    return render_template("facilitator/certificates_print.html", page=page)


@bp.get("/cohorts/<int:cohort_id>/certificates/print")
@requires(Capability.RUN_COHORT, hidden=True)
def print_all(cohort_id: int):
    """Every valid certificate of the cohort, one per A4 page, to print at once."""
    cohort = my_cohort(cohort_id)
    pages = valid_certificate_pages(cohort, _verify_url)
    return render_template("facilitator/certificates_print_all.html", cohort=cohort, pages=pages)


@bp.get("/cohorts/<int:cohort_id>/certificates/<int:certificate_id>/badge.json")
@requires(Capability.RUN_COHORT, hidden=True)
def badge(cohort_id: int, certificate_id: int):
    """The certificate as an unsigned Open Badges 3.0 credential (JSON)."""
    found = certificate_in(my_cohort(cohort_id), certificate_id) or abort(404)
    issuer = url_for("main.index", _external=True)
    return open_badge(found, _verify_url(found.code), issuer)


@bp.route(
    "/cohorts/<int:cohort_id>/certificates/<int:certificate_id>/revoke", methods=["GET", "POST"]
)
@requires(Capability.RUN_COHORT, hidden=True)
def revoke(cohort_id: int, certificate_id: int):
    """Ask for a reason and confirmation, then revoke the certificate."""
    cohort = my_cohort(cohort_id)
    found = certificate_in(cohort, certificate_id)
    if found is None or found.is_revoked:
        abort(404)
    form = RevokeForm()
    if form.validate_on_submit():
        revoke_certificate(cohort, certificate_id, form.reason.data, current_user)
        flash(_("The certificate is revoked."), "success")
        return redirect(url_for(".certificates", cohort_id=cohort_id))
    status = 422 if request.method == "POST" else 200
    template = "facilitator/certificates_revoke.html"
    return render_template(template, cohort=cohort, certificate=found, form=form), status


@bp.get("/cohorts/<int:cohort_id>/sheet")
@requires(Capability.RUN_COHORT, hidden=True)
def sheet(cohort_id: int):
    """The attendance and results sheet, ready to print on A4."""
    page = results_sheet(my_cohort(cohort_id))
    return render_template("facilitator/certificates_sheet.html", sheet=page)


@verify_bp.get("/verify")
@public
@certificate_lookup
def verify():
    """The verify form; with ``?code=`` the verdict on that code."""
    form = VerifyForm(request.args)
    if not request.args.get("code", "").strip():
        return render_template("facilitator/certificates_verify.html", form=VerifyForm())
    return _verdict(form, form.code.data)


@verify_bp.get("/verify/<code>")
@public
@certificate_lookup
def verify_code(code: str):
    """The verdict on the code in the address (what the certificate's QR code opens)."""
    return _verdict(VerifyForm(data={"code": code[:40]}), code[:40])


def _verdict(form: VerifyForm, code: str):
    """The verify page with the verdict on ``code``."""
    found = verify_certificate(code)
    return render_template("facilitator/certificates_verify.html", form=form, found=found)


def _verify_url(code: str) -> str:
    """The public address that verifies ``code``: under PUBLIC_BASE_URL when set, else as
    this request reached the app."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for("certificates.verify_code", code=code)
    return url_for("certificates.verify_code", code=code, _external=True)


def _required_form(overview) -> RequiredScenariosForm:
    """The required-scenarios form with the library as choices."""
    form = RequiredScenariosForm()
    lang = 1 if current_language() == "en" else 0
    form.scenarios.choices = [(sid, title[lang]) for sid, title in overview.choices]
    if not form.is_submitted():
        form.scenarios.data = list(overview.required)
    return form


def _overview(cohort_id: int, required_form=None, status: int | None = None):
    """The certificates page (422 when the required-scenarios form came back refused)."""
    overview = certificates_overview(my_cohort(cohort_id))
    form = required_form or _required_form(overview)
    code = status or (422 if form.errors else 200)
    return render_template(
        "facilitator/certificates.html",
        overview=overview,
        required_form=form,
        issue_form=IssueForm(),
        issue_all_form=IssueAllForm(),
    ), code
