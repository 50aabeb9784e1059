"""The citizen's forms on the tracking page: answer a question, rate the reply, appeal."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from sandbox.forms import Form
from sandbox.portal.forms import AllowedChoice, clean_text
from sandbox.workflow import Action, Command

RATINGS = [
    SelectChoice("1", _l("1 — Very poor")),
    SelectChoice("2", _l("2 — Poor")),
    SelectChoice("3", _l("3 — Fair")),
    SelectChoice("4", _l("4 — Good")),
    SelectChoice("5", _l("5 — Very good")),
]


def secret_field(form_name: str) -> StringField:
    """The citizen's secret, asked on every form that acts as the citizen (own id per form)."""
    return StringField(
        _l("Your secret code"),
        id=f"{form_name}-secret",
        description=_l("The 6 characters shown when you submitted, also sent to you by SMS."),
        validators=[
            DataRequired(message=_l("Enter the secret code you received.")),
            Length(max=40, message=_l("Enter the secret code you received.")),
        ],
    )


def _version(form) -> int | None:
    """The item version the citizen saw (None when missing or garbled)."""
    value = (form.version.data or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


class ReplyForm(Form):
    """The citizen answers the institution's question."""

    version = HiddenField()
    secret = secret_field("reply")
    answer = TextAreaField(
        _l("Your answer"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Write your answer to the question.")),
            Length(max=4000, message=_l("Use at most 4000 characters.")),
        ],
    )
    submit = SubmitField(_l("Send the answer"))

    def command(self) -> Command:
        """The CITIZEN_REPLIED command."""
        version = _version(self)
        return Command(Action.CITIZEN_REPLIED, expected_version=version, note=self.answer.data)


class RateForm(Form):
    """The citizen rates the reply from 1 (very poor) to 5 (very good)."""

    version = HiddenField()
    secret = secret_field("rate")
    rating = RadioField(
        _l("How satisfied are you with the reply?"),
        choices=RATINGS,
        validators=[
            DataRequired(message=_l("Choose a rating from 1 to 5.")),
            AllowedChoice(_l("Choose a rating from 1 to 5.")),
        ],
        validate_choice=False,
    )
    submit = SubmitField(_l("Send the rating"))

    def command(self) -> Command:
        """The RATE command."""
        return Command(Action.RATE, expected_version=_version(self), rating=int(self.rating.data))


class AppealForm(Form):
    """The citizen is not satisfied and asks the institution to look again (reopen)."""

    version = HiddenField()
    secret = secret_field("appeal")
    reason = TextAreaField(
        _l("Why are you not satisfied?"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Say why you appeal.")),
            Length(max=2000, message=_l("Use at most 2000 characters.")),
        ],
    )
    submit = SubmitField(_l("Send the appeal"))

    def command(self) -> Command:
        """The REOPEN command."""
        return Command(Action.REOPEN, expected_version=_version(self), reason=self.reason.data)
