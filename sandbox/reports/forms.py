"""The dashboard's filter form (GET, so no CSRF token); every message is bilingual."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import Optional

from sandbox.forms import DATE_BOX, DATE_EXAMPLE, Form
from sandbox.services.reports.dashboard import ReportFilter
from sandbox.text import parse_id

PRESETS = {"30": 30, "90": 90}
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _in_choices(form, field) -> None:
    """A value that is not one of the choices is refused with our own bilingual message."""
    if field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Choose one of the options in the list."))


def _iso_date(form, field) -> None:
    """A date written as YYYY-MM-DD within a sensible range."""
    if not field.data:
        return
    try:
        parsed = date.fromisoformat(field.data.strip())
    except ValueError:
        raise ValidationError(_l("Enter a date like 2026-11-30.")) from None
    if not EARLIEST <= parsed <= LATEST:
        raise ValidationError(_l("Enter a date between the years 2000 and 2100."))


def _day(field) -> date:
    """The date of a field that passed ``_iso_date``."""
    return date.fromisoformat(field.data.strip())


class ReportFilterForm(Form):
    """Period (last 30 or 90 days, or custom dates) and, for wide scopes, one institution."""

    class Meta:
        csrf = False

    period = SelectField(_l("Period"), validate_choice=False, validators=[_in_choices])
    first = StringField(
        _l("From"),
        validators=[Optional(), _iso_date],
        description=_l("For custom dates, year-month-day: %(example)s.", example=DATE_EXAMPLE),
        render_kw=DATE_BOX,
    )
    last = StringField(_l("To"), validators=[Optional(), _iso_date], render_kw=DATE_BOX)
    institution = SelectField(_l("Institution"), validate_choice=False, validators=[_in_choices])
    submit = SubmitField(_l("Show"))

    def fill_choices(self, lang: str, institutions) -> None:
        """Period presets and the institutions of the user's scope, in the user's language."""
        self.period.choices = [
            ("30", _l("Last 30 days")),
            ("90", _l("Last 90 days")),
            ("custom", _l("Custom dates")),
        ]
        self.institution.choices = [("", _l("All institutions"))] + [
            (str(i.id), i.name(lang)) for i in institutions
        ]
        self.period.data = self.period.data or "30"
        self.institution.data = self.institution.data or ""

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: custom dates need both ends, in order."""
        if not super().validate(extra_validators):
            return False
        if self.period.data != "custom":
            return True
        for f in (self.first, self.last):
            if not f.data:
                f.errors.append(_l("Enter both dates for a custom period."))
        if self.first.data and self.last.data and _day(self.first) > _day(self.last):
            self.last.errors.append(_l("The end date must be on or after the start date."))
        return not (self.first.errors or self.last.errors)

    def to_filter(self) -> ReportFilter:
        """The validated form as a report filter."""
        institution = parse_id(self.institution.data)
        if self.period.data == "custom":
            first, last = _day(self.first), _day(self.last)
            return ReportFilter(days=None, first=first, last=last, institution_id=institution)
        return ReportFilter(days=PRESETS[self.period.data], institution_id=institution)
