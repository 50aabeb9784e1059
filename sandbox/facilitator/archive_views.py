"""The cohort archive in the console: export a cohort (download) and import one (upload).

Screens only; the work is ``services/facilitation/archive.py``. Export goes through
``my_cohort`` (404 for a cohort the user does not run); the download is a GET (it changes
nothing) and is never cached (it holds personal data). The upload is a POST with CSRF whose
body may be at most the archive limit plus a little for the form: a bigger one is answered
with the form again and a message (413), never a bare error page.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from sandbox.access import requires
from sandbox.facilitator.archive_forms import ImportForm
from sandbox.facilitator.blueprint import bp, my_cohort
from sandbox.i18n import current_language
from sandbox.services.facilitation import archive_format
from sandbox.services.facilitation.archive import (
    ArchiveRefused,
    archive_filename,
    export_cohort,
    import_cohort,
)
from sandbox.workflow.permissions import Capability

FORM_OVERHEAD = 64 * 1024  # the CSRF token, the field names, the multipart boundaries


def _limit_mb() -> int:
    """The archive limit in MB, as the pages say it."""
    return archive_format.MAX_ARCHIVE_BYTES // archive_format.MiB


@bp.url_value_preprocessor
def _limit_upload(endpoint, values) -> None:
    """Before CSRF reads the body: the import page's own size limit."""
    if endpoint == "facilitator.import_archive":
        request.max_content_length = archive_format.MAX_ARCHIVE_BYTES + FORM_OVERHEAD


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """An upload over the limit: the form again, with the limit said (nothing was read)."""
    form = ImportForm(formdata=None)
    form.archive.errors = [_("The file is too large: the limit is %(mb)s MB.", mb=_limit_mb())]
    return _import_page(form, 413)


@bp.get("/cohorts/<int:cohort_id>/export")
@requires(Capability.RUN_COHORT, hidden=True)
def export_page(cohort_id: int):
    """The export page: what the archive holds (personal data) and the download."""
    return render_template("facilitator/archive_export.html", cohort=my_cohort(cohort_id))


@bp.get("/cohorts/<int:cohort_id>/export.zip")
@requires(Capability.RUN_COHORT, hidden=True)
def export_download(cohort_id: int):
    """The cohort's archive as a file download."""
    cohort = my_cohort(cohort_id)
    response = Response(export_cohort(cohort), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{archive_filename(cohort)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/import", methods=["GET", "POST"])
@requires(Capability.RUN_COHORT, hidden=True)
def import_archive():
    """Upload a cohort archive; the imported cohort is then run by the user."""
    form = ImportForm()
    if not form.validate_on_submit():
        return _import_page(form, 422 if form.is_submitted() else 200)
    try:
        imported = import_cohort(form.archive.data.read(), current_user)
    except ArchiveRefused as refused:
        form.archive.errors = [refused.message(current_language())]
        return _import_page(form, 422)
    if not imported.is_new:
        flash(_("This archive was imported already: nothing changed."), "info")
        return redirect(url_for("facilitator.cohorts"))
    flash(_("Cohort “%(name)s” imported.", name=imported.cohort.name), "success")
    for what, (old, new) in imported.renamed.items():
        message = _("%(what)s “%(old)s” was taken here: it is now “%(new)s”.")
        flash(message % {"what": _label(what), "old": old, "new": new}, "info")
    return redirect(url_for("facilitator.cohort", cohort_id=imported.cohort.id))


def _label(what: str) -> str:
    """What a renamed value is, in the reader's language."""
    return {"name": _("The name"), "join_code": _("The join code")}.get(what, what)


def _import_page(form: ImportForm, status: int):
    """The import page with ``form``, answered with ``status``."""
    page = render_template("facilitator/archive_import.html", form=form, limit_mb=_limit_mb())
    return page, status
