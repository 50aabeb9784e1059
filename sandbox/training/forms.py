"""The join form and the trainee's sign-in form (phone-friendly: short, clear, typed codes).

What was typed is kept when a form comes back with an error, except the PIN, which is
never written back into a page (the trainee types it again, as with any password).
"""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from sandbox.forms import Form, FormKeyField

CODE_BOX = {
    "autocomplete": "off",
    "autocapitalize": "characters",
    "spellcheck": "false",
    "placeholder": "KXP-4TM",
    "maxlength": 12,
}
PIN_BOX = {"inputmode": "numeric", "maxlength": 6}


def new_pin_fields() -> tuple[PasswordField, PasswordField]:
    """The PIN chosen at joining and its confirmation, as (unbound) form fields; declared in
    the form's body in their place (``pin, pin_confirm = new_pin_fields()``)."""
    pin = PasswordField(
        _l("Choose a PIN"),
        description=_l("4 to 6 digits. With your personal code it signs you back in."),
        validators=[DataRequired(message=_l("Choose a PIN of 4 to 6 digits."))],
        render_kw={**PIN_BOX, "autocomplete": "new-password"},
    )
    pin_confirm = PasswordField(
        _l("Type the PIN again"),
        validators=[
            DataRequired(message=_l("Type the PIN again.")),
            EqualTo("pin", message=_l("The two PINs are not the same.")),
        ],
        render_kw={**PIN_BOX, "autocomplete": "new-password"},
    )
    return pin, pin_confirm


class JoinForm(Form):
    """Join code, name, optional institution and phone, a PIN typed twice; ``form_key`` is
    the form's one-time key (the same form sent twice joins once)."""

    form_key = FormKeyField()

    join_code = StringField(
        _l("Cohort code"),
        description=_l("The code your facilitator gives, like KXP-4TM."),
        validators=[DataRequired(message=_l("Enter your cohort's code.")), Length(max=20)],
        render_kw=CODE_BOX,
    )
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Enter your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    home_institution = StringField(
        _l("Your institution (optional)"),
        description=_l("Where you work. Only you and your facilitator see it."),
        validators=[Optional(), Length(max=160)],
        render_kw={"autocomplete": "organization"},
    )
    phone = StringField(
        _l("Your phone number (optional)"),
        description=_l("Only you and your facilitator see it."),
        validators=[Optional(), Length(max=20)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    pin, pin_confirm = new_pin_fields()
    submit = SubmitField(_l("Join"))


class SignInForm(Form):
    """A trainee's personal code and PIN."""

    personal_code = StringField(
        _l("Your personal code"),
        description=_l("Shown when you joined, like ABC-DEF."),
        validators=[DataRequired(message=_l("Enter your personal code.")), Length(max=20)],
        render_kw={**CODE_BOX, "placeholder": "ABC-DEF"},
    )
    pin = PasswordField(
        _l("PIN"),
        validators=[DataRequired(message=_l("Enter your PIN."))],
        render_kw={**PIN_BOX, "autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Sign in"))


class HelpForm(Form):
    """ "I need help" and taking it back: a button (CSRF-protected) and where to come back to."""

    next = HiddenField()
