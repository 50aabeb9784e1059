"""The head's identity-reveal log: who looked at whose identity, when and why; as CSV too."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.desk.blueprint import bp, current_workspace
from sandbox.desk.forms import RevealLogForm
from sandbox.reports.tables import csv_cell
from sandbox.services.desk import reveal_log
from sandbox.services.reports.csv_export import csv_text
from sandbox.workflow.permissions import Capability


def _filter(form: RevealLogForm) -> reveal_log.RevealFilter:
    """The filter from a valid form; an invalid one filters nothing (its errors show)."""
    if not form.validate():
        return reveal_log.RevealFilter()
    return reveal_log.RevealFilter(
        form.date_from.data, form.date_to.data, form.revealer.data, form.reference.data or ""
    )


def _form() -> RevealLogForm:
    form = RevealLogForm(request.args)
    form.fill_choices(reveal_log.revealers(current_workspace(), current_user))
    return form


@bp.get("/identity-log")
@requires(Capability.READ_REVEAL_LOG)
def reveal_log_page():
    """Every identity reveal of the institution's items, newest first, filterable."""
    form = _form()
    rows = reveal_log.reveal_log(current_workspace(), current_user, _filter(form))
    query = {k: v for k, v in request.args.items() if v and k in form}
    return render_template("desk/reveals.html", form=form, rows=rows, query=query)


@bp.get("/identity-log.csv")
@requires(Capability.READ_REVEAL_LOG)
def reveal_log_csv():
    """The same log as a CSV file (UTF-8 with BOM, formulas neutralised), every row."""
    form = _form()
    rows = reveal_log.reveal_log(current_workspace(), current_user, _filter(form), limit=None)
    header = [_("When"), _("Who revealed"), _("Reference"), _("Reason")]
    body = csv_text(header, ([csv_cell(r.at), r.revealer, r.reference, r.reason] for r in rows))
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=mrejesho-reveal-log.csv"},
    )
