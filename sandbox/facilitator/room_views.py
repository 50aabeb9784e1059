"""The live room: the matrix, its conditional poll, a cell's detail, flags, thresholds, exports.

Screens only; the work is in ``services/facilitation`` (room, room_poll, room_detail, stuck,
acknowledgements, progress_export). Every route takes the cohort through ``my_cohort``.
"""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.facilitator.room_forms import AcknowledgeForm, ThresholdsForm
from sandbox.i18n import current_language
from sandbox.progress import Verb
from sandbox.services.facilitation import progress_export, room_poll
from sandbox.services.facilitation.acknowledgements import NothingToAcknowledge, acknowledge
from sandbox.services.facilitation.room import build_room
from sandbox.services.facilitation.room_detail import CellNotFound, cell_detail
from sandbox.services.facilitation.stuck import set_thresholds, thresholds_of
from sandbox.services.training.library import scenario_library
from sandbox.workflow.permissions import Capability


@bp.get("/cohorts/<int:cohort_id>/room")
@requires(Capability.RUN_COHORT, hidden=True)
def room(cohort_id: int):
    """The matrix of every trainee × scenario; ``?projector=1`` hides names and codes."""
    cohort = my_cohort(cohort_id)
    projector = request.args.get("projector") == "1"
    etag = room_poll.room_etag(cohort.id)
    return render_template(
        "facilitator/room.html",
        room=build_room(cohort, scenario_library()),
        projector=projector,
        keep={"projector": "1"} if projector else {},
        version=etag.strip('"'),
        labels=room_poll.labels(current_language()),
        letters=room_poll.LETTERS,
    )


@bp.get("/cohorts/<int:cohort_id>/room.json")
@requires(Capability.RUN_COHORT, hidden=True)
def room_json(cohort_id: int):
    """The matrix as compact JSON with an ETag; 304 when the browser's copy is current."""
    cohort = my_cohort(cohort_id)
    etag = room_poll.room_etag(cohort.id)
    if request.if_none_match.contains(etag.strip('"')):
        return Response(status=304, headers={"ETag": etag})
    payload = room_poll.poll_payload(build_room(cohort, scenario_library()), etag)
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return Response(body, mimetype="application/json", headers={"ETag": etag})


@bp.get("/cohorts/<int:cohort_id>/room/<int:enrolment_id>/<scenario_id>")
@requires(Capability.RUN_COHORT, hidden=True)
def room_cell(cohort_id: int, enrolment_id: int, scenario_id: str):
    """One trainee × scenario: steps, checks, hints, statements, time on the step."""
    cohort = my_cohort(cohort_id)
    try:
        detail = cell_detail(cohort, enrolment_id, scenario_id, scenario_library())
    except CellNotFound:
        abort(404)
    return render_template(
        "facilitator/room_cell.html",
        cohort=cohort,
        detail=detail,
        labels=room_poll.labels(current_language()),
        letter=room_poll.LETTERS[detail.cell.status],
        verbs={verb.value: verb.display[current_language()] for verb in Verb},
    )


@bp.post("/cohorts/<int:cohort_id>/room/<int:enrolment_id>/acknowledge")
@requires(Capability.RUN_COHORT, hidden=True)
def room_acknowledge(cohort_id: int, enrolment_id: int):
    """Acknowledge a trainee's help request or stuck episode, then back to the room."""
    cohort = my_cohort(cohort_id)
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        acknowledge(cohort, current_user, enrolment_id, form.kind.data, form.episode.data)
    except NothingToAcknowledge:
        abort(404)
    flash(_("Acknowledged."), "success")
    return redirect(url_for(".room", cohort_id=cohort.id, **_projector()) + f"#t{enrolment_id}")


@bp.route("/cohorts/<int:cohort_id>/room/settings", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def room_settings(cohort_id: int):
    """The cohort's stuck thresholds: N minutes without progress, K failed checks in a row."""
    cohort = my_cohort(cohort_id)
    saved = thresholds_of(cohort)
    form = ThresholdsForm(data={"minutes": saved.minutes, "failed_checks": saved.failed_checks})
    if form.validate_on_submit():
        set_thresholds(cohort, form.minutes.data, form.failed_checks.data)
        flash(_("The thresholds are saved."), "success")
        return redirect(url_for(".room", cohort_id=cohort.id))
    status = 422 if form.is_submitted() else 200
    return render_template("facilitator/room_settings.html", cohort=cohort, form=form), status


@bp.get("/cohorts/<int:cohort_id>/progress.csv")
@requires(Capability.RUN_COHORT, hidden=True)
def room_progress_csv(cohort_id: int):
    """The matrix's figures as CSV, one row per trainee × scenario."""
    cohort = my_cohort(cohort_id)
    body = progress_export.progress_csv(build_room(cohort, scenario_library()), current_language())
    name = progress_export.export_filename(cohort, "progress", "csv")
    return _download(body, "text/csv", name)


@bp.get("/cohorts/<int:cohort_id>/statements.json")
@requires(Capability.RUN_COHORT, hidden=True)
def room_statements(cohort_id: int):
    """The cohort's xAPI statements, as stored, in the order recorded."""
    cohort = my_cohort(cohort_id)
    body = json.dumps(progress_export.cohort_statements(cohort), ensure_ascii=False, indent=1)
    name = progress_export.export_filename(cohort, "xapi", "json")
    return _download(body, "application/json", name)


def _download(body: str, mimetype: str, filename: str) -> Response:
    """A file to save (UTF-8), under a name made safe by the service."""
    return Response(
        body.encode("utf-8"),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _projector() -> dict[str, str]:
    """Keep projector mode across a redirect back to the room."""
    return {"projector": "1"} if request.args.get("projector") == "1" else {}
