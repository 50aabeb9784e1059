"""Enrolment pages of the console: roster upload, dry run, enrol with code cards, the
trainees' roster and PIN resets.

Screens only (``services/facilitation/enrolment.py``, ``roster_csv.py``). Pages that show a
PIN are sent with ``Cache-Control: no-store``: the PIN is shown once and never kept.
"""

from __future__ import annotations

from flask import abort, make_response, render_template, request
from flask_babel import gettext as _

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.cohort_forms import ConfirmForm, RosterEnrolForm, RosterUploadForm
from sandbox.i18n import current_language
from sandbox.services.facilitation.enrolment import (
    EnrolmentRefused,
    enrol_roster,
    enrolment_in,
    minutes_to_enrol,
    reset_pin,
    roster_of,
)
from sandbox.services.facilitation.roster_csv import WEB_MAX_ROWS, RosterUnreadable, read_roster
from sandbox.services.feedback.once import new_form_key
from sandbox.workflow.permissions import Capability

MAX_UPLOAD = 2 * 1024 * 1024  # bytes: a roster of 300 rows is a few dozen KB


@bp.route("/cohorts/<int:cohort_id>/enrol", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def enrol(cohort_id: int):
    """Upload a roster; the answer is a dry run: per-row problems and who would be enrolled."""
    cohort = my_cohort(cohort_id)
    if (request.content_length or 0) > MAX_UPLOAD:
        form = RosterUploadForm(formdata=None)
        form.roster.errors = [_("The file is larger than 2 MB.")]
        return _upload_page(cohort, form, 413)
    form = RosterUploadForm()
    if not form.validate_on_submit():
        return _upload_page(cohort, form, 422 if form.errors else 200)
    data = form.roster.data.read(MAX_UPLOAD + 1)  # a body sent without a length stops here
    if len(data) > MAX_UPLOAD:
        form.roster.errors.append(_("The file is larger than 2 MB."))
        return _upload_page(cohort, form, 413)
    try:
        roster = read_roster(data, WEB_MAX_ROWS)
    except RosterUnreadable as unreadable:
        form.roster.errors.append(unreadable.message(current_language()))
        return _upload_page(cohort, form, 422)
    enrol_form = RosterEnrolForm(content=data.decode("utf-8-sig"), form_key=new_form_key())
    page = render_template(
        "facilitator/enrol_check.html",
        cohort=cohort,
        roster=roster,
        form=enrol_form,
        minutes=minutes_to_enrol(len(roster.rows)),
    )
    return page, 200 if roster.is_clean else 422


@bp.post("/cohorts/<int:cohort_id>/enrol/confirm")
@requires(Capability.RUN_COHORT, hidden=True)
def enrol_confirm(cohort_id: int):
    """Enrol the checked roster (checked again), then print the code cards (PINs once)."""
    cohort = my_cohort(cohort_id)
    form = RosterEnrolForm()
    try:
        if not form.validate_on_submit():
            raise EnrolmentRefused(
                "Fomu imeisha muda; pakia faili tena.", "The form expired; upload the file again."
            )
        roster = read_roster((form.content.data or "").encode("utf-8"), WEB_MAX_ROWS)
        cards = enrol_roster(cohort, roster, batch_key=(form.form_key.data or "")[:32])
    except (RosterUnreadable, EnrolmentRefused) as refused:
        upload = RosterUploadForm(formdata=None)
        upload.roster.errors = [refused.message(current_language())]
        return _upload_page(cohort, upload, 422)
    return _no_store(render_template("facilitator/enrol_cards.html", cohort=cohort, cards=cards))


@bp.get("/cohorts/<int:cohort_id>/trainees")
@requires(Capability.RUN_COHORT, hidden=True)
def trainees(cohort_id: int):
    """The cohort's trainees: name, personal code, home institution, phone, joined at."""
    cohort = my_cohort(cohort_id)
    return render_template("facilitator/enrol_roster.html", cohort=cohort, rows=roster_of(cohort))


@bp.route("/cohorts/<int:cohort_id>/trainees/<int:enrolment_id>/pin", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def reset_trainee_pin(cohort_id: int, enrolment_id: int):
    """Ask, then give the trainee a new PIN (shown once) and end their open sign-ins."""
    cohort = my_cohort(cohort_id)
    enrolment = enrolment_in(cohort, enrolment_id)
    if enrolment is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        card = reset_pin(enrolment)
        page = render_template("facilitator/enrol_cards.html", cohort=cohort, cards=[card])
        return _no_store(page)
    return render_template(
        "facilitator/enrol_pin.html", cohort=cohort, enrolment=enrolment, form=form
    )


def _upload_page(cohort, form, status: int):
    """The upload form with the estimate, answered with ``status``."""
    page = render_template(
        "facilitator/enrol_upload.html",
        cohort=cohort,
        form=form,
        max_rows=WEB_MAX_ROWS,
        minutes=minutes_to_enrol(30),
    )
    return page, status


def _no_store(page: str):
    """A page that must not be kept by the browser or a proxy (it shows PINs)."""
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response
