"""The cohort archive's upload form (the import page of the console)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

from sandbox.forms import Form


class ImportForm(Form):
    """One archive file, made by "Export this cohort" here or on another installation."""

    archive = FileField(
        _l("Cohort archive (.zip)"),
        description=_l("The file made by “Export this cohort”, here or on another installation."),
        validators=[FileRequired(message=_l("Choose the archive file to import."))],
        render_kw={"accept": ".zip,application/zip"},
    )
    submit = SubmitField(_l("Import the cohort"))
