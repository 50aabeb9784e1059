"""The decision form (admins): the new status, the note, rationale, what to watch, revisit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from sandbox.forms import Form, IsoDateField
from sandbox.proposals.enums import ProposalStatus
from sandbox.services.preview.decision import Decision


class DecisionForm(Form):
    """Decide (or reopen) a proposal; ``seen`` is the status the admin saw."""

    seen = HiddenField(validators=[Optional(), Length(max=20)])
    status = RadioField(
        _l("Decision"), validators=[InputRequired(message=_l("Choose a decision."))]
    )
    note = TextAreaField(
        _l("Decision note"),
        description=_l("What was decided, in a sentence or two. Required."),
        validators=[
            DataRequired(message=_l("Write a decision note.")),
            Length(max=2000, message=_l("At most 2000 characters.")),
        ],
    )
    rationale = TextAreaField(
        _l("Why (rationale)"),
        validators=[Optional(), Length(max=4000, message=_l("At most 4000 characters."))],
    )
    watch_after = TextAreaField(
        _l("What to watch after go-live"),
        validators=[Optional(), Length(max=4000, message=_l("At most 4000 characters."))],
    )
    revisit_on = IsoDateField(_l("Revisit on (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Record the decision"))

    def fill_choices(self, statuses, language: str) -> None:
        """The statuses allowed now, labelled in ``language``."""
        self.status.choices = [SelectChoice(s.value, s.label(language)) for s in statuses]


def seen_status(value: str | None, proposal) -> ProposalStatus:
    """The status the form was opened with (the proposal's when it says none)."""
    return ProposalStatus(value) if value in set(ProposalStatus) else proposal.status


def decision_from(form: DecisionForm) -> Decision:
    """The validated form as the service's ``Decision``."""
    seen = form.seen.data
    return Decision(
        status=ProposalStatus(form.status.data),
        note=form.note.data or "",
        rationale=form.rationale.data or "",
        watch_after=form.watch_after.data or "",
        revisit_on=form.revisit_on.data,
        seen_status=ProposalStatus(seen) if seen in set(ProposalStatus) else None,
    )
