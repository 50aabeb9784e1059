"""The feedback form on a proposal.

What was typed is kept when the form comes back with an error (422). Choices are built
from the vocabularies in the page's language; the screen's choices from the proposal.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.forms import Form
from sandbox.proposals.enums import Concern, Helpfulness, JobRole
from sandbox.services.preview.feedback import NEW_ANSWER, Answer

SCALE = [SelectChoice(str(n), str(n)) for n in range(1, 6)]


def labelled(vocabulary, language: str) -> list[SelectChoice]:
    """(value, label in ``language``) for every member of a ``Labelled`` vocabulary."""
    return [SelectChoice(member.value, member.label(language)) for member in vocabulary]


class FeedbackForm(Form):
    """Rating, helpfulness, ease, concerns, comment, screen, and the role when not known;
    ``opened`` is the stamp of the answer the form was opened with (two tabs)."""

    opened = HiddenField(validators=[Optional(), Length(max=40)])

    rating = RadioField(
        _l("How good is this proposal? (1 = poor, 5 = very good)"),
        choices=SCALE,
        validators=[InputRequired(message=_l("Choose a rating from 1 to 5."))],
    )
    helps = RadioField(
        _l("Would it help your institution?"),
        validators=[InputRequired(message=_l("Say whether it would help your institution."))],
    )
    ease = RadioField(
        _l("How easy was it to use? (1 = very hard, 5 = very easy)"),
        choices=SCALE,
        validators=[InputRequired(message=_l("Choose how easy it was, from 1 to 5."))],
    )
    concerns = SelectMultipleField(
        _l("Concerns (tick any)"),
        validators=[Optional()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    concern_text = TextAreaField(
        _l("Another concern, in your own words (optional)"),
        validators=[Optional(), Length(max=1000, message=_l("At most 1000 characters."))],
    )
    comment = TextAreaField(
        _l("Your comment (optional)"),
        description=_l("Write in Swahili or English. Your name is never shown with it."),
        validators=[Optional(), Length(max=2000, message=_l("At most 2000 characters."))],
    )
    screen = SelectField(
        _l("Which screen or step is your comment about?"),
        validators=[DataRequired(message=_l("Choose a screen or step."))],
    )
    job_role = SelectField(
        _l("Your role at work"),
        validators=[DataRequired(message=_l("Choose your role at work."))],
    )
    submit = SubmitField(_l("Send my opinion"))

    def fill_choices(self, language: str, screens: list[SelectChoice]) -> None:
        """Set the choices that depend on the page's language and the proposal."""
        self.helps.choices = labelled(Helpfulness, language)
        self.concerns.choices = labelled(Concern, language)
        self.job_role.choices = [SelectChoice("", _l("Choose…")), *labelled(JobRole, language)]
        self.screen.choices = screens


def form_data_of(row) -> dict:
    """An earlier answer as the form's data (to prefill it)."""
    return {
        "rating": str(row.rating),
        "helps": row.helps.value,
        "ease": str(row.ease),
        "concerns": list(row.concerns or []),
        "concern_text": row.concern_text,
        "comment": row.comment,
        "screen": row.screen,
        "job_role": row.job_role.value,
    }


def answer_from(form: FeedbackForm) -> Answer:
    """The validated form as the service's ``Answer``."""
    role = form.job_role.data if "job_role" in form else None
    return Answer(
        rating=int(form.rating.data),
        helps=Helpfulness(form.helps.data),
        ease=int(form.ease.data),
        concerns=tuple(Concern(value) for value in form.concerns.data or []),
        concern_text=form.concern_text.data or "",
        comment=form.comment.data or "",
        screen=form.screen.data,
        job_role=JobRole(role) if role else None,
        opened=form.opened.data or NEW_ANSWER,
    )
