"""Forms of account management; CSRF comes from the base Form, every message is bilingual."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from sandbox.forms import Form
from sandbox.workflow import Role
from sandbox.workflow.credentials import MAX_PASSWORD, MIN_PASSWORD


def _in_choices(form, field) -> None:
    """A value that is not one of the choices is refused with our own bilingual message."""
    if field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Choose one of the options in the list."))


def _password_field(label) -> PasswordField:
    """A password of MIN_PASSWORD to MAX_PASSWORD characters."""
    message = _l(
        "A password has %(low)d to %(high)d characters.", low=MIN_PASSWORD, high=MAX_PASSWORD
    )
    return PasswordField(
        label,
        validators=[
            DataRequired(message=_l("Enter a password.")),
            Length(min=MIN_PASSWORD, max=MAX_PASSWORD, message=message),
        ],
        description=_l(
            "At least %(low)d characters. Give it to the person privately.", low=MIN_PASSWORD
        ),
    )


class NewAccountForm(Form):
    """Username, display name, role (below the manager's own) and initial password."""

    username = StringField(
        _l("Username"),
        validators=[DataRequired(message=_l("Enter a username.")), Length(max=64)],
        description=_l("Lowercase letters, digits, dot, dash or underscore; e.g. afisa2.dodoma"),
    )
    display_name = StringField(
        _l("Full name"),
        validators=[
            DataRequired(message=_l("Enter the full name.")),
            Length(min=2, max=120, message=_l("Enter the full name (2 to 120 characters).")),
        ],
    )
    role = SelectField(_l("Role"), validate_choice=False, validators=[_in_choices])
    institution = SelectField(
        _l("Institution"),
        coerce=lambda v: int(v) if str(v or "").isdigit() else None,
        validate_choice=False,
        description=_l("Needed for officers, heads, ICT officers, trainees and leaders."),
    )
    password = _password_field(_l("Initial password"))
    submit = SubmitField(_l("Create account"))

    def fill_choices(self, roles: tuple[Role, ...], lang: str, institutions=()) -> None:
        """The roles this manager may grant, in the user's language; institutions to choose
        from (the administrator only: an ICT officer creates logins in their own)."""
        self.role.choices = [(r.value, r.label(lang)) for r in roles]
        self.institution.choices = [("", "—")] + [(i.id, i.name(lang)) for i in institutions]


class PasswordForm(Form):
    """A new password for an account."""

    password = _password_field(_l("New password"))
    submit = SubmitField(_l("Set the new password"))


class ConfirmForm(Form):
    """A button that changes something: only the CSRF token."""
