"""One small form per desk action; each turns itself into a workflow Command.

Every form carries the item's ``version`` (hidden) so a stale page gives a conflict, not a
silent overwrite. Select choices that depend on the item (officers, institutions, templates)
are filled by the view; the service checks the chosen values.
"""

from __future__ import annotations

from typing import ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from sandbox.desk.forms import no_nul
from sandbox.forms import Form
from sandbox.text import parse_id
from sandbox.workflow import Action, Command, RejectionReason, Resolution
from sandbox.workflow.enums import RootCause

MAX_TEXT = 2000
MIN_REASON = 10
BASE_FIELDS = frozenset({"csrf_token", "version", "submit"})


def _text(label, required=True, minimum=0):
    """A textarea with the usual limits, stated in its hint."""
    validators = [Length(min=minimum, max=MAX_TEXT)]
    hint = (
        _l("Between %(min)d and %(max)d characters.", min=minimum, max=MAX_TEXT)
        if minimum
        else _l("At most %(max)d characters.", max=MAX_TEXT)
    )
    if required:
        message = _l("This field is required.")
        validators.insert(0, DataRequired(message=message))
    else:
        validators.insert(0, Optional())
    return TextAreaField(label, validators=validators, filters=[no_nul], description=hint)


def _int(value):
    """A select value as a row id; None when empty, not a number or beyond any row id."""
    return parse_id(value)


class ActionForm(Form):
    """Base: the hidden version and the submit button; subclasses add inputs."""

    action: ClassVar[Action]
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField()

    def inputs(self) -> dict:
        """The Command fields this form fills."""
        return {}

    def command(self) -> Command:
        """The workflow Command for this submission."""
        return Command(self.action, expected_version=self.version.data, **self.inputs())

    @property
    def has_inputs(self) -> bool:
        """True when the form asks for more than a click."""
        return any(f.short_name not in BASE_FIELDS for f in self)

    def typed_text(self) -> list[str]:
        """What the user typed (shown again when the action is no longer possible)."""
        return [f.data for f in self if isinstance(f, TextAreaField) and f.data]


class AcknowledgeForm(ActionForm):
    action = Action.ACKNOWLEDGE


class StartForm(ActionForm):
    action = Action.START


class TransferAcceptForm(ActionForm):
    action = Action.TRANSFER_ACCEPT


class AssignForm(ActionForm):
    action = Action.ASSIGN
    assignee = SelectField(_l("Officer"), coerce=_int, validate_choice=False)

    def inputs(self) -> dict:
        return {"assignee_id": self.assignee.data}


class ReplyForm(ActionForm):
    """A public text: a template picker, the text and the "send anyway" confirmation."""

    template = SelectField(_l("Template"), coerce=_int, validate_choice=False)
    use_template = SubmitField(_l("Use this template"))
    send_anyway = BooleanField(_l("I have checked: send anyway"))


class RequestInfoForm(ReplyForm):
    action = Action.REQUEST_INFO
    text = _text(_l("Question for the citizen"))

    def inputs(self) -> dict:
        return {"public_reply": self.text.data or ""}


class RespondForm(ReplyForm):
    action = Action.RESPOND
    text = _text(_l("Reply to the citizen"))

    def inputs(self) -> dict:
        return {"public_reply": self.text.data or ""}


class CitizenRepliedForm(ActionForm):
    action = Action.CITIZEN_REPLIED
    text = _text(_l("The citizen's answer"))

    def inputs(self) -> dict:
        return {"note": self.text.data or ""}


class TransferRequestForm(ActionForm):
    action = Action.TRANSFER_REQUEST
    target = SelectField(_l("Receiving institution"), coerce=_int, validate_choice=False)
    reason = _text(_l("Reason for the transfer"), minimum=MIN_REASON)

    def inputs(self) -> dict:
        return {"target_institution_id": self.target.data, "reason": self.reason.data or ""}


class TransferReturnForm(ActionForm):
    action = Action.TRANSFER_RETURN
    reason = _text(_l("Why it is returned"), minimum=MIN_REASON)

    def inputs(self) -> dict:
        return {"reason": self.reason.data or ""}


class NoteForm(ActionForm):
    action = Action.NOTE
    text = _text(_l("Internal note (never shown to the citizen)"))

    def inputs(self) -> dict:
        return {"note": self.text.data or ""}


class DirectiveForm(ActionForm):
    action = Action.DIRECTIVE
    text = _text(_l("Directive to the officers"))

    def inputs(self) -> dict:
        return {"note": self.text.data or ""}


class EscalateForm(ActionForm):
    action = Action.ESCALATE
    reason = _text(_l("Reason (optional)"), required=False)

    def inputs(self) -> dict:
        return {"reason": self.reason.data or ""}


class CloseForm(ActionForm):
    action = Action.CLOSE
    resolution = SelectField(_l("Resolution"), validators=[InputRequired()])
    # Shown only where the workspace requires it (root_cause_required); the workflow refuses
    # a complaint closed without one there, with the reason in both languages.
    root_cause = SelectField(
        _l("Root cause of the complaint"),
        validators=[Optional(), AnyOf([c.value for c in RootCause])],
        validate_choice=False,
    )

    def inputs(self) -> dict:
        cause = self.root_cause.data
        return {
            "resolution": Resolution(self.resolution.data),
            "root_cause": RootCause(cause) if cause else None,
        }


class RejectForm(ActionForm):
    action = Action.REJECT
    rejection_reason = (
        SelectField(  # any reason is parsed, so a refused one meets the rules' advice
            _l("Rejection reason"),
            validators=[InputRequired(), AnyOf([r.value for r in RejectionReason])],
            validate_choice=False,
        )
    )
    reason = _text(_l("Explanation for the citizen"), minimum=MIN_REASON)

    def inputs(self) -> dict:
        return {
            "rejection_reason": RejectionReason(self.rejection_reason.data),
            "reason": self.reason.data or "",
        }


FORMS: dict[Action, type[ActionForm]] = {
    form.action: form
    for form in (
        AcknowledgeForm,
        AssignForm,
        StartForm,
        RequestInfoForm,
        CitizenRepliedForm,
        TransferRequestForm,
        TransferAcceptForm,
        TransferReturnForm,
        RespondForm,
        CloseForm,
        RejectForm,
        EscalateForm,
        DirectiveForm,
        NoteForm,
    )
}


def make_form(action: Action, lang: str, formdata=None, version: int | None = None) -> ActionForm:
    """The form of one action, prefixed so several fit on one page, with enum choices."""
    form = FORMS[action](formdata=formdata, prefix=action.value, version=version)
    form.submit.label.text = action.label(lang)
    if isinstance(form, CloseForm):
        form.resolution.choices = [(r.value, r.label(lang)) for r in Resolution]
        form.root_cause.choices = [("", _l("Choose a root cause"))] + [
            (c.value, c.label(lang)) for c in RootCause
        ]
    if isinstance(form, RejectForm):
        form.rejection_reason.choices = [
            (r.value, r.label(lang)) for r in RejectionReason if r.is_accepted
        ]  # never offer what the rules refuse
    return form
