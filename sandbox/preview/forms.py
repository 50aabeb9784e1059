"""The stakeholder preview's forms: join, sign back in, invitations, proposals, buttons.

What was typed comes back with an error, except PINs (typed again, as any password).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from sandbox.forms import Form, FormKeyField, IsoDateField
from sandbox.training.forms import CODE_BOX, PIN_BOX, new_pin_fields


class PreviewJoinForm(Form):
    """Invitation code, name, role at work, institution, region, a PIN typed twice."""

    form_key = FormKeyField()
    code = StringField(
        _l("Invitation code"),
        description=_l("The code on your invitation, like KXP-4TM."),
        validators=[DataRequired(message=_l("Enter the invitation code.")), Length(max=20)],
        render_kw=CODE_BOX,
    )
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Enter your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    job_role = SelectField(_l("Your role at work"), coerce=str, validate_choice=False)
    institution = SelectField(
        _l("Your institution"), coerce=int, validate_choice=False, render_kw={"class": "wide"}
    )
    region = SelectField(_l("Your region"), coerce=int, validate_choice=False)
    pin, pin_confirm = new_pin_fields()
    submit = SubmitField(_l("Join the preview"))


class PreviewSignInForm(Form):
    """A stakeholder's personal code and PIN."""

    personal_code = StringField(
        _l("Your personal code"),
        validators=[DataRequired(message=_l("Enter your personal code.")), Length(max=20)],
        render_kw={**CODE_BOX, "placeholder": "ABC-DEF"},
    )
    pin = PasswordField(
        _l("PIN"),
        validators=[DataRequired(message=_l("Enter your PIN."))],
        render_kw={**PIN_BOX, "autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Sign in"))


class InvitationForm(Form):
    """A new invitation: label, days valid, how many may join with it."""

    label = StringField(
        _l("Label"),
        description=_l("Who it is for, like Ministry of Health officers."),
        validators=[DataRequired(message=_l("Write a label.")), Length(max=120)],
    )
    days = IntegerField(
        _l("Valid for (days)"),
        default=7,
        validators=[DataRequired(message=_l("Say for how many days.")), NumberRange(1, 90)],
    )
    max_uses = IntegerField(
        _l("How many people may join with it"),
        default=30,
        validators=[DataRequired(message=_l("Say how many people.")), NumberRange(1, 500)],
    )
    submit = SubmitField(_l("Create the invitation"))


class ProposalForm(Form):
    """A proposal's texts in both languages, who asked, its owner and revisit date."""

    title_sw = StringField(_l("Title in Swahili"), validators=[Length(max=160)])
    title_en = StringField(_l("Title in English"), validators=[Length(max=160)])
    summary_sw = TextAreaField(_l("Summary in Swahili"), validators=[Length(max=2000)])
    summary_en = TextAreaField(_l("Summary in English"), validators=[Length(max=2000)])
    problem_sw = TextAreaField(
        _l("The problem it solves, in Swahili"), validators=[Length(max=4000)]
    )
    problem_en = TextAreaField(
        _l("The problem it solves, in English"), validators=[Length(max=4000)]
    )
    changes_sw = TextAreaField(_l("What changes, in Swahili"), validators=[Length(max=4000)])
    changes_en = TextAreaField(_l("What changes, in English"), validators=[Length(max=4000)])
    asked_by = StringField(_l("Who asked for it"), validators=[Length(max=200)])
    owner = SelectField(_l("Owner"), coerce=int, validate_choice=False)
    revisit_on = IsoDateField(_l("Revisit on"), validators=[Optional()])
    submit = SubmitField(_l("Save the proposal"))


class ButtonForm(Form):
    """A button that changes something (CSRF only)."""

    submit = SubmitField(_l("Continue"))
