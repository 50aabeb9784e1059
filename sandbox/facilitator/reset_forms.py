"""Forms of the reset page: what to reset, its confirmation, undo, and a snapshot's label."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from sandbox.forms import Form

ALL = ""  # the choice "every trainee" / "every scenario"


class ResetChoiceForm(Form):
    """What to reset (read from the query string: choosing changes nothing yet)."""

    class Meta:
        csrf = False

    trainee = SelectField(_l("Trainee"), default=ALL, validate_choice=True)
    scenario = SelectField(_l("Scenario"), default=ALL, validate_choice=True)
    step = StringField(
        _l("Step (optional)"),
        description=_l("A step id of the scenario, to reset that step only for one trainee."),
        validators=[Optional(), Length(max=60)],
    )
    keep_progress = BooleanField(
        _l("Keep progress"),
        description=_l(
            "Attempts stay as they are. Unticked, they are archived: kept as history, and the "
            "trainees start anew."
        ),
    )
    show = SubmitField(_l("Show what will be reset"))

    def offer(self, trainees, scenarios, lang: str) -> None:
        """The choices: every trainee by name and code, every scenario by title."""
        self.trainee.choices = [(ALL, _l("Every trainee of the cohort"))] + [
            (code, f"{name} ({code})") for code, name in trainees
        ]
        self.scenario.choices = [(ALL, _l("Their whole workspace"))] + [
            (sid, en if lang == "en" else sw) for sid, sw, en in scenarios
        ]


class ResetForm(Form):
    """The confirmation of a reset: the choices again (hidden) and the button."""

    trainee = HiddenField()
    scenario = HiddenField()
    step = HiddenField(validators=[Optional(), Length(max=60)])
    keep_progress = HiddenField()
    confirm = SubmitField(_l("Yes, reset"))


class ConfirmForm(Form):
    """A confirmation with nothing to type (undo, restore)."""

    confirm = SubmitField(_l("Yes, go ahead"))


class SnapshotForm(Form):
    """A named snapshot of the cohort's workspaces."""

    label = StringField(
        _l("Name of the snapshot"),
        description=_l('Like "after exercise 2".'),
        validators=[DataRequired(message=_l("Write a name for the snapshot.")), Length(max=120)],
    )
    save = SubmitField(_l("Save a snapshot"))
