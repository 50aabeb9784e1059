"""The SMS log's reveal-with-reason form (the log has no search by number: it would be a lookup)."""

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from sandbox.forms import Form


class RevealPhoneForm(Form):
    """Why one message's number must be seen (recorded in the item's reveal log)."""

    reason = TextAreaField(
        _l("Reason for revealing the number"),
        validators=[
            DataRequired(message=_l("Give the reason (at least 10 characters).")),
            Length(min=10, max=1000, message=_l("Give the reason (at least 10 characters).")),
        ],
    )
    submit = SubmitField(_l("Reveal the number"))
