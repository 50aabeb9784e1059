"""The feedback list's filter form (GET, so no CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from sandbox.workflow import FeedbackType, Status


class FilterForm(FlaskForm):
    """Narrow the list by status, type, institution, region or reference."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()], validate_choice=True)
    type = SelectField(_l("Type"), validators=[Optional()], validate_choice=True)
    institution = SelectField(_l("Institution"), validators=[Optional()], validate_choice=True)
    region = SelectField(_l("Region"), validators=[Optional()], validate_choice=True)
    reference = StringField(_l("Reference number"), validators=[Optional(), Length(max=32)])
    submit = SubmitField(_l("Filter"))

    def fill_choices(self, lang: str, institutions, regions) -> None:
        """Choices in the user's language; the empty choice means any."""
        any_ = ("", str(_l("Any")))
        self.status.choices = [any_] + [(s.value, s.label(lang)) for s in Status]
        self.type.choices = [any_] + [(t.value, t.label(lang)) for t in FeedbackType]
        self.institution.choices = [any_] + [(str(i.id), i.name(lang)) for i in institutions]
        self.region.choices = [any_] + [(str(r.id), r.name) for r in regions]
