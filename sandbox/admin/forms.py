"""The calendar form: an announced holiday for a workspace."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from sandbox.forms import Form, IsoDateField


class HolidayForm(Form):
    """The day and its name (Eid al-Fitr, as announced), for one workspace."""

    workspace = HiddenField()
    day = IsoDateField(_l("Day"), validators=[InputRequired(message=_l("Give the day."))])
    name = StringField(
        _l("Name of the holiday"),
        validators=[DataRequired(message=_l("Give the holiday's name.")), Length(max=120)],
        description=_l("As announced, e.g. Eid al-Fitr (moon sighted)."),
    )
    submit = SubmitField(_l("Declare the holiday"))
