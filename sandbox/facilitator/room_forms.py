"""The live room's forms: the stuck thresholds, and acknowledging a flag (a CSRF button)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from sandbox.forms import Form


class ThresholdsForm(Form):
    """N minutes without progress and K failed checks in a row."""

    minutes = IntegerField(
        _l("Minutes without progress"),
        validators=[
            InputRequired(message=_l("Enter a number of minutes.")),
            NumberRange(1, 480, message=_l("Between 1 and 480 minutes.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    failed_checks = IntegerField(
        _l("Failed checks in a row"),
        validators=[
            InputRequired(message=_l("Enter a number of checks.")),
            NumberRange(1, 50, message=_l("Between 1 and 50 checks.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    submit = SubmitField(_l("Save"))


class AcknowledgeForm(Form):
    """ "I have seen it": the kind of flag and the episode the page showed."""

    kind = HiddenField(validators=[DataRequired()])
    episode = HiddenField(validators=[DataRequired(), Length(max=40)])
