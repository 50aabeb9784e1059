"""Desk forms: the inbox filters (GET), walk-in intake and an institution's own templates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from sandbox.forms import Form, FormKeyField, IsoDateField
from sandbox.i18n import current_language
from sandbox.models.desk import Situation
from sandbox.services.desk.inbox import Sort, Tab
from sandbox.services.desk.templates import MAX_TEXT, MAX_TITLE, TemplateDraft, template_problem
from sandbox.services.feedback.lifecycle import MAX_DESCRIPTION
from sandbox.services.feedback.once import new_form_key
from sandbox.text import parse_id
from sandbox.workflow import Channel, ComplainantType, FeedbackType

PHONE = r"^\+?[0-9 ]{9,16}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"  # a plain check: no extra dependency


def no_nul(value):
    """Drop NUL characters (PostgreSQL text cannot hold them; nobody types them)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def as_member(enum, value, default=None):
    """The enum member with this value, else ``default`` (blank-ish values pass Optional())."""
    try:
        return enum(value) if value not in (None, "") else default
    except ValueError:
        return default


def _int_or_none(value):
    """Coerce a select's value to a row id; empty, garbled or impossible ids are None."""
    return parse_id(value)


class InboxForm(Form):
    """Tab, filters, search and order of the inbox (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    tab = SelectField(
        _l("Tab"), choices=[SelectChoice(t.value) for t in Tab], validators=[Optional()]
    )
    q = StringField(
        _l("Search by reference or text"),
        filters=[no_nul],
        validators=[Optional(), Length(max=100)],
    )
    type = SelectField(_l("Type"), validators=[Optional()])
    category = SelectField(_l("Category"), validators=[Optional()])
    channel = SelectField(_l("Channel"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    date_from = IsoDateField(_l("Received from"), validators=[Optional()])
    date_to = IsoDateField(_l("Received until"), validators=[Optional()])
    sort = SelectField(_l("Order"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def fill_choices(self, lang: str, categories, regions) -> None:
        """Choices in the user's language; the empty choice means any."""
        any_ = ("", str(_l("Any")))
        self.type.choices = [any_] + [(t.value, t.label(lang)) for t in FeedbackType]
        self.channel.choices = [any_] + [(c.value, c.label(lang)) for c in Channel]
        self.category.choices = [any_] + [(str(c.id), c.name(lang)) for c in categories]
        self.region.choices = [any_] + [(str(r.id), r.name) for r in regions]
        self.sort.choices = [("", str(_l("Default")))] + [(s.value, s.label(lang)) for s in Sort]


class WalkInForm(Form):
    """Feedback written down at the desk for a citizen who came in person."""

    form_key = FormKeyField(default=new_form_key)  # the same page posted twice: one item
    type = SelectField(_l("Type of feedback"), validators=[InputRequired()])
    category = SelectField(_l("Category"), validators=[Optional()], coerce=_int_or_none)
    description = TextAreaField(
        _l("What the citizen said"),
        filters=[no_nul],
        validators=[
            DataRequired(message=_l("Write down what the citizen said.")),
            Length(max=MAX_DESCRIPTION),
        ],
    )
    language = SelectField(
        _l("Language of the text"),
        choices=[SelectChoice("sw", "Kiswahili"), SelectChoice("en", "English")],
    )
    consent = RadioField(
        _l("Does the citizen agree to be identified?"),
        choices=[
            SelectChoice("yes", _l("Yes, record name and phone")),
            SelectChoice("no", _l("No, keep it anonymous")),
        ],
        validators=[InputRequired(message=_l("Ask the citizen and choose an answer."))],
    )
    complainant_type = SelectField(_l("The complainant is"), validators=[Optional()])
    name = StringField(_l("Name"), filters=[no_nul], validators=[Optional(), Length(max=120)])
    phone = StringField(
        _l("Phone number"),
        filters=[no_nul],
        validators=[
            Optional(),
            Regexp(PHONE, message=_l("Write a phone number such as 0712 345 678.")),
        ],
    )
    email = EmailField(
        _l("E-mail"),
        filters=[no_nul],
        validators=[Optional(), Regexp(EMAIL, message=_l("Write a valid e-mail."))],
    )
    submit = SubmitField(_l("Record feedback"))

    def fill_choices(self, lang: str, categories) -> None:
        """Choices in the user's language."""
        self.type.choices = [(t.value, t.label(lang)) for t in FeedbackType]
        self.category.choices = [(None, str(_l("Not sure")))] + [
            (c.id, c.name(lang)) for c in categories
        ]
        people = (ComplainantType.CITIZEN, ComplainantType.PUBLIC_SERVANT)
        self.complainant_type.choices = [(t.value, t.label(lang)) for t in people]

    def validate(self, extra_validators=None) -> bool:
        """With consent, a name or a phone number is needed."""
        ok = super().validate(extra_validators)
        if self.consent.data == "yes" and not (self.name.data or self.phone.data):
            self.name.errors = [*self.name.errors, str(_l("Give a name or a phone number."))]
            ok = False
        return ok


def safe_in_a_template(form, field) -> None:
    """Only known placeholders, and no name, phone or e-mail (the service checks it again)."""
    problem = template_problem(field.data, is_title=field.short_name.startswith("title"))
    if problem is not None:
        raise ValidationError(problem[1] if current_language() == "en" else problem[0])


def _template_text(label, maximum: int, area: bool = False):
    """A required template field with its limit, refused when it is unsafe to send."""
    kind = TextAreaField if area else StringField
    return kind(
        label,
        filters=[no_nul],
        validators=[DataRequired(), Length(max=maximum), safe_in_a_template],
        description=_l("At most %(max)d characters.", max=maximum),
    )


class TemplateForm(Form):
    """An institution's own response template, in both languages."""

    situation = SelectField(_l("Situation"), validators=[InputRequired()])
    feedback_type = SelectField(_l("Type of feedback"), validators=[Optional()])
    title_sw = _template_text(_l("Title in Swahili"), MAX_TITLE)
    title_en = _template_text(_l("Title in English"), MAX_TITLE)
    text_sw = _template_text(_l("Text in Swahili"), MAX_TEXT, area=True)
    text_en = _template_text(_l("Text in English"), MAX_TEXT, area=True)
    submit = SubmitField(_l("Add template"))

    def fill_choices(self, lang: str) -> None:
        """Choices in the user's language."""
        self.situation.choices = [(s.value, s.label(lang)) for s in Situation]
        self.feedback_type.choices = [("", str(_l("Any")))] + [
            (t.value, t.label(lang)) for t in FeedbackType
        ]

    def draft(self) -> TemplateDraft:
        """What was typed, as the service takes it."""
        kind = self.feedback_type.data
        return TemplateDraft(
            situation=Situation(self.situation.data),
            feedback_type=FeedbackType(kind) if kind else None,
            title_sw=self.title_sw.data,
            title_en=self.title_en.data,
            text_sw=self.text_sw.data,
            text_en=self.text_en.data,
        )


class DeleteTemplateForm(Form):
    """The confirmation of a template's deletion (a POST with its CSRF token)."""

    submit = SubmitField(_l("Delete the template"))


class RevealForm(Form):
    """Why the identity must be seen (recorded in the reveal log the head reads)."""

    reason = TextAreaField(
        _l("Reason for revealing the identity"),
        filters=[no_nul],
        validators=[
            DataRequired(message=_l("Give the reason.")),
            Length(min=10, max=1000, message=_l("Write at least 10 characters.")),
        ],
    )
    submit = SubmitField(_l("Reveal identity"))


class RevealLogForm(Form):
    """Filters of the reveal log (GET: no CSRF)."""

    class Meta:
        csrf = False

    date_from = IsoDateField(_l("From"), validators=[Optional()])
    date_to = IsoDateField(_l("To"), validators=[Optional()])
    revealer = SelectField(_l("Who revealed"), coerce=_int_or_none, validators=[Optional()])
    reference = StringField(
        _l("Reference"), filters=[no_nul], validators=[Optional(), Length(max=40)]
    )

    def fill_choices(self, people) -> None:
        """Everyone who revealed an identity of the reader's items."""
        self.revealer.choices = [("", str(_l("Anyone")))] + [(p.id, p.display_name) for p in people]

    def validate_date_to(self, field) -> None:
        """The period must not end before it starts."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not be before the start date."))
