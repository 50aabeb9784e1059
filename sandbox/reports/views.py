"""Dashboards and reports for heads of institution, leaders, facilitators and admins."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.reports.forms import ReportFilterForm
from sandbox.reports.tables import build_tables, csv_cell
from sandbox.services.reports import dashboard as reports
from sandbox.services.reports.csv_export import csv_text
from sandbox.workflow import TRAINING_DEFAULT_NOTICE
from sandbox.workflow.permissions import Capability

bp = Blueprint(
    "reports",
    __name__,
    url_prefix="/reports",
    template_folder="templates",
    static_folder=None,
)


FILTER_KEYS = ("period", "first", "last", "institution")


def _filter_form() -> ReportFilterForm:
    """The filter form read from the query string, with the user's choices.

    Reports read the user's own workspace: a login without one has no reports (404).
    """
    if current_user.workspace is None:
        abort(404)
    form = ReportFilterForm(request.args)
    wide = reports.has_breakdown(current_user)
    institutions = reports.institutions_in_scope(current_user) if wide else []
    form.fill_choices(current_language(), institutions)
    return form


def _filter_args() -> dict[str, str]:
    """The filter's own query parameters (nothing else is carried into links)."""
    return {key: value for key in FILTER_KEYS if (value := request.args.get(key))}


@bp.get("/")
@requires(Capability.READ_REPORTS, hidden=True)
def dashboard():
    """The dashboard for the user's scope and the chosen period."""
    form = _filter_form()
    chosen = form.to_filter() if form.validate() else reports.ReportFilter()
    board = reports.build_dashboard(current_user, chosen)
    wide = reports.has_breakdown(current_user)
    return render_template(
        "reports/dashboard.html",
        form=form,
        board=board,
        tables=build_tables(board, with_institutions=wide),
        wide=wide,
        query=_filter_args(),
        sla_notice=TRAINING_DEFAULT_NOTICE[current_language() == "en"],
    )


@bp.get("/export/<name>.csv")
@requires(Capability.READ_REPORTS, hidden=True)
def export(name: str):
    """One table of the dashboard as a CSV file, with the same filters."""
    form = _filter_form()
    if not form.validate():
        return redirect(url_for(".dashboard", **_filter_args()))
    board = reports.build_dashboard(current_user, form.to_filter(), limit=None)
    table = build_tables(board, with_institutions=reports.has_breakdown(current_user)).get(name)
    if table is None:
        abort(404)
    body = csv_text(table.header, ([csv_cell(c) for c in row] for row in table.rows))
    filename = f"mrejesho-{name}-{board.period.start:%Y%m%d}-{board.period.end:%Y%m%d}.csv"
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
