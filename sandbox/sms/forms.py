"""The outbox filter (GET, so no CSRF token) and the reveal-with-reason form."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from sandbox.channels.phones import normalise_phone
from sandbox.forms import Form


class OutboxFilterForm(Form):
    """Narrow the gateway log to one phone number."""

    class Meta:
        csrf = False

    phone = StringField(
        _l("Phone number"),
        validators=[Optional(), Length(max=25)],
        description=_l("For example +255712000111 or 0712000111."),
    )
    submit = SubmitField(_l("Filter"))

    def validate_phone(self, field) -> None:
        """Only something that is a phone number."""
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(_l("Enter a phone number such as +255712000111."))


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
