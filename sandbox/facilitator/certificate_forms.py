"""The certificates page's forms: required scenarios, issuing, revoking, and the verify form.

Each POST carries Flask-WTF's CSRF token; the verify form is a GET (nothing changes).
"""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.forms import Form


class RequiredScenariosForm(Form):
    """Tick the scenarios a trainee must pass (choices set from the library by the view)."""

    scenarios = SelectMultipleField(
        _l("Scenarios a trainee must pass"),
        validators=[DataRequired(message=_l("Choose at least one scenario."))],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    submit = SubmitField(_l("Save the required scenarios"))


class IssueForm(Form):
    """Issue one trainee's certificate (the enrolment is a hidden field)."""

    enrolment = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Issue the certificate"))


class IssueAllForm(Form):
    """Issue a certificate to every eligible trainee who has none."""

    submit = SubmitField(_l("Issue to every eligible trainee"))


class RevokeForm(Form):
    """Revoke a certificate: the reason is required."""

    reason = TextAreaField(
        _l("Why is it revoked?"),
        description=_l("Kept in the records; the verify page says only that it was revoked."),
        validators=[
            DataRequired(message=_l("Write why the certificate is revoked.")),
            Length(min=3, max=300, message=_l("Write 3 to 300 characters.")),
        ],
    )
    submit = SubmitField(_l("Revoke the certificate"))


class VerifyForm(Form):
    """The verification code printed on a certificate (a GET form: no CSRF token)."""

    class Meta(Form.Meta):
        csrf = False

    code = StringField(
        _l("Verification code"),
        description=_l("As printed on the certificate, like K7PQ-M3XT-9R2H-4CWA."),
        validators=[DataRequired(message=_l("Type the code printed on the certificate."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "maxlength": 40},
    )
