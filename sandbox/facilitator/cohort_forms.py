"""Forms of the console's cohort pages: a cohort, a roster upload, the clock, a confirmation.

What was typed is kept when a form comes back with an error (422).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from sandbox.forms import Form, FormKeyField, IsoDateField

LANGUAGE_CHOICES = [SelectChoice("sw", "Kiswahili"), SelectChoice("en", "English")]


class CohortForm(Form):
    """A new cohort: name, optional seed, simulated start date, language."""

    name = StringField(
        _l("Cohort name"),
        validators=[DataRequired(message=_l("Enter the cohort's name.")), Length(max=120)],
    )
    seed = IntegerField(
        _l("Seed (optional)"),
        description=_l("The same seed gives the same practice world. Empty: a random one."),
        validators=[Optional(), NumberRange(min=0, max=999_999_999)],
        render_kw={"inputmode": "numeric"},
    )
    start = IsoDateField(
        _l("Simulated start date (optional)"),
        description=_l("The date the trainees' sandbox starts on. Empty: today."),
        validators=[Optional()],
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="sw")
    submit = SubmitField(_l("Create the cohort"))


class EditCohortForm(CohortForm):
    """A cohort's name and language; seed and start while nobody has joined."""

    submit = SubmitField(_l("Save"))


class ConfirmForm(Form):
    """A destructive or irreversible action, confirmed by pressing the button (CSRF)."""

    submit = SubmitField(_l("Yes, go ahead"))


class RosterUploadForm(Form):
    """A roster CSV to check (nothing is created by checking)."""

    roster = FileField(
        _l("Roster file (CSV)"),
        description=_l(
            "Columns name, institution, phone, with a header row; UTF-8; ; or , between "
            "columns; at most 2 MB."
        ),
        validators=[FileRequired(message=_l("Choose a CSV file."))],
        render_kw={"accept": ".csv,text/csv"},
    )
    submit = SubmitField(_l("Check the file"))


class RosterEnrolForm(Form):
    """The checked roster sent back to be enrolled (checked again before anything is made)."""

    content = HiddenField()
    form_key = FormKeyField()  # the same confirmation sent twice enrols once
    submit = SubmitField(_l("Enrol these trainees"))


class ClockForm(Form):
    """Move the cohort's clock: working days, or to a date (one of them)."""

    days = IntegerField(
        _l("Working days forward"),
        validators=[Optional(), NumberRange(min=1, max=60)],
        render_kw={"inputmode": "numeric"},
    )
    to = IsoDateField(_l("Or to the date"), validators=[Optional()])
    confirmed = HiddenField()
    submit = SubmitField(_l("Move the clock"))

    def validate(self, extra_validators=None) -> bool:
        """Exactly one of days and date."""
        if not super().validate(extra_validators):
            return False
        if (self.days.data is None) == (self.to.data is None):
            self.days.errors.append(_l("Give working days or a date (one of them)."))
            return False
        return True
