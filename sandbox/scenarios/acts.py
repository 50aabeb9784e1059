"""The actions of a solution or a pitfall, as data the service layer replays.

Each act names what is done (``do``) and to which scenario item; the service replays it
through the real use cases (``sandbox.services.training.replay``): the desk's ``perform``,
reveal and walk-in, the portal and USSD channels, the workspace clock. By default the
trainee acts; a citizen's acts (answering, rating, submitting) go through the citizen's
channels (portal, USSD, SMS); a directive is given by a leader of the setup's ``staff``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sandbox.scenarios.checks.registry import InstitutionCode, ItemKey
from sandbox.workflow import FeedbackType, RejectionReason, Resolution
from sandbox.workflow.enums import RootCause

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Act(BaseModel):
    """Base of every act: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemAct(Act):
    """An act on one scenario item (its setup key)."""

    item: ItemKey


class Acknowledge(ItemAct):
    """Acknowledge receipt of the item."""

    do: Literal["acknowledge"]


class Assign(ItemAct):
    """Assign the item to an officer: ``officer`` (a setup staff key), else the institution's
    first officer listed."""

    do: Literal["assign"]
    officer: ItemKey | None = None


class Start(ItemAct):
    """Start working on the item."""

    do: Literal["start"]


class RequestInfo(ItemAct):
    """Ask the citizen a question (the SLA clock pauses)."""

    do: Literal["request_info"]
    text: Text


class CitizenReplies(ItemAct):
    """The citizen answers the question on the portal, with the item's secret."""

    do: Literal["citizen_replies"]
    text: Text


class Transfer(ItemAct):
    """Request a transfer to another institution, with a reason."""

    do: Literal["transfer"]
    to: InstitutionCode
    reason: Text


class AcceptTransfer(ItemAct):
    """Accept an incoming transfer (an optional message to the citizen)."""

    do: Literal["accept_transfer"]
    text: str = ""


class ReturnTransfer(ItemAct):
    """Return an incoming transfer, with a reason."""

    do: Literal["return_transfer"]
    reason: Text


class Respond(ItemAct):
    """Reply to the citizen: ``text``, or a ``template`` filled in then ``text`` added to it."""

    do: Literal["respond"]
    text: str = ""
    template: str | None = None

    @model_validator(mode="after")
    def _has_words(self) -> Respond:
        """A reply needs a text, a template, or both."""
        if not self.text.strip() and not self.template:
            raise ValueError("give text, template or both")
        return self


class Close(ItemAct):
    """Close an answered item with a resolution (and a root cause, where one is required)."""

    do: Literal["close"]
    resolution: Resolution
    root_cause: RootCause | None = None


class Reject(ItemAct):
    """Reject the item with a reason."""

    do: Literal["reject"]
    reason: RejectionReason
    text: Text


class Note(ItemAct):
    """Add an internal note."""

    do: Literal["note"]
    text: Text


class Escalate(ItemAct):
    """Escalate the item to the next level."""

    do: Literal["escalate"]
    reason: Text


class Directive(ItemAct):
    """A leader of the setup's staff (``by``: their key) gives a directive; without ``by``
    the trainee gives it, as the leader they play."""

    do: Literal["directive"]
    text: Text
    by: ItemKey | None = None


class RevealIdentity(ItemAct):
    """Reveal the complainant's identity, giving a reason (recorded in the reveal log)."""

    do: Literal["reveal_identity"]
    reason: str


class Rate(ItemAct):
    """The citizen rates the reply (1-5) on the portal."""

    do: Literal["rate"]
    rating: int = Field(ge=1, le=5)


class WalkIn(Act):
    """Record a walk-in at the trainee's desk; ``consent``: the citizen agrees to be identified."""

    do: Literal["walk_in"]
    type: FeedbackType
    description: Text
    consent: bool
    name: str | None = None
    phone: str | None = None
    category: str | None = None


class SubmitUssd(Act):
    """Play the citizen on *152*00#: submit to an institution, with the phone or anonymously."""

    do: Literal["submit_ussd"]
    institution: InstitutionCode
    type: FeedbackType
    description: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    anonymous: bool = False
    phone: str = "+255754000111"


class SubmitPortal(Act):
    """Play the citizen on the web portal."""

    do: Literal["submit_portal"]
    institution: InstitutionCode
    type: FeedbackType
    description: Text
    anonymous: bool = False
    name: str | None = None
    phone: str | None = None


class SubmitSms(Act):
    """Play the citizen texting the short code: ``text`` as typed (``TANESCO umeme umekatika
    Mbagala``, ``PENDEKEZO DODOMA_CC …``), through the SMS inbound service."""

    do: Literal["submit_sms"]
    text: Annotated[str, StringConstraints(min_length=1, max_length=1600)]
    phone: str = "+255754000111"


class TrackSms(Act):
    """Play the citizen texting ``FUATILIA <reference>`` (``TRACK`` in English): the reference
    of ``item`` (a setup key), else of the latest item made during the attempt."""

    do: Literal["track_sms"]
    item: ItemKey | None = None
    keyword: Literal["FUATILIA", "TRACK"] = "FUATILIA"
    phone: str = "+255754000111"


class TrackUssd(Act):
    """Play the citizen dialling *152*00#, 9 e-Mrejesho, 1 "Fuatilia", and typing the
    reference of ``item`` (a setup key), else of the latest item made during the attempt."""

    do: Literal["track_ussd"]
    item: ItemKey | None = None
    phone: str = "+255754000111"


class Wait(Act):
    """Move the workspace clock forward by working days (what a facilitator may do)."""

    do: Literal["wait"]
    working_days: int = Field(ge=1, le=30)


ACTS = (
    Acknowledge,
    Assign,
    Start,
    RequestInfo,
    CitizenReplies,
    Transfer,
    AcceptTransfer,
    ReturnTransfer,
    Respond,
    Close,
    Reject,
    Note,
    Escalate,
    Directive,
    RevealIdentity,
    Rate,
    WalkIn,
    SubmitUssd,
    SubmitPortal,
    SubmitSms,
    TrackSms,
    TrackUssd,
    Wait,
)
ACT_NAMES = frozenset(get_args(cls.model_fields["do"].annotation)[0] for cls in ACTS)
AnyAct = Annotated[Union[ACTS], Field(discriminator="do")]  # noqa: UP007 - a tuple of models
"""One act of a solution or pitfall, chosen by its ``do``."""
