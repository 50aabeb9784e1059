"""Replaying a solution's or a pitfall's acts through the real service layer.

Each act goes where a trainee's click would: the desk's ``perform`` (scope, permissions,
confidentiality, then ``lifecycle.apply_action``), the desk's reveal and walk-in, the
citizen's portal (with the item's secret), the USSD gateway (one menu input at a time), the
SMS short code (``receive_sms``, as the gateway's callback would), and ``move_clock``. A
refusal of the service (a ``BilingualError``: the workflow, a reveal without a reason…) is
recorded and the replay goes on, as the trainee would see the message and carry on.
Decision: the identity warning on a reply is confirmed, because an act says what the
trainee insisted on sending; the checks then judge it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.channels.phones import normalise_phone
from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsDirection, SmsMessage, User, Workspace
from sandbox.scenarios import acts as a
from sandbox.services.channels.portal import act_as_citizen, submit_from_portal
from sandbox.services.channels.sms_inbound import InboundSms, receive_sms
from sandbox.services.channels.ussd import UssdRequest, handle_ussd
from sandbox.services.desk.intake import WalkIn, record_walk_in
from sandbox.services.desk.item import (
    IdentityInReply,
    NotPermitted,
    assignable_officers,
    perform,
    reveal,
)
from sandbox.services.desk.templates import filled_text, templates_for
from sandbox.services.feedback.lifecycle import FeedbackNotFound, Submission
from sandbox.services.feedback.once import new_form_key
from sandbox.services.training.setup import Placed, category_id_of, institution_id_of
from sandbox.services.training.ussd_dial import DialRefused, submit_by_ussd
from sandbox.services.workspace.clock import move_clock
from sandbox.workflow import (
    Action,
    BilingualError,
    Channel,
    Command,
    ComplainantType,
    FeedbackType,
)
from sandbox.workflow.citizen_secret import seeded_secret

USSD_TYPES = {
    FeedbackType.COMPLAINT: "1",
    FeedbackType.SUGGESTION: "2",
    FeedbackType.INQUIRY: "3",
    FeedbackType.COMPLIMENT: "4",
}
_sessions = itertools.count(1)


class ReplayRefused(BilingualError):
    """An act the replay itself could not carry out (a USSD screen it did not expect)."""


@dataclass(frozen=True)
class Replayed:
    """One act replayed: its position and ``do``, and the service's refusal if any."""

    index: int
    do: str
    refusal: tuple[str, str] | None = None

    @property
    def is_done(self) -> bool:
        """True when the service carried the act out."""
        return self.refusal is None


@dataclass(frozen=True)
class Actors:
    """Who replays: the workspace, the trainee, and what the setup placed."""

    workspace: Workspace
    trainee: User
    placed: Placed

    def item(self, key: str) -> Feedback:
        """The scenario item of a key."""
        return db.session.get(Feedback, self.placed.items[key])


def replay(workspace: Workspace, trainee: User, placed: Placed, acts: Iterable) -> list[Replayed]:
    """Carry out each act in order through the services; what each one gave."""
    who = Actors(workspace, trainee, placed)
    done = []
    for index, act in enumerate(acts):
        try:
            HANDLERS[type(act)](who, act)
        except (BilingualError, NotPermitted, FeedbackNotFound) as refused:
            db.session.rollback()
            done.append(Replayed(index, act.do, _words(refused)))
            continue
        done.append(Replayed(index, act.do))
    return done


def _words(refused: Exception) -> tuple[str, str]:
    """A refusal in both languages."""
    if isinstance(refused, BilingualError):
        return refused.message_sw, refused.message_en
    return (f"Imekataliwa: {refused}", f"Refused: {refused}")


def _desk(who: Actors, key: str, command: Command, actor: User | None = None) -> None:
    """A desk action on a scenario item, confirming the identity warning (see module)."""
    user = actor or who.trainee
    item_id = who.placed.items[key]
    try:
        perform(who.workspace, user, item_id, command)
    except IdentityInReply as warned:
        if not warned.may_confirm:
            raise ReplayRefused(
                "Jibu lina taarifa binafsi na halikutumwa.",
                "The reply holds personal data and was not sent.",
            ) from None
        perform(who.workspace, user, item_id, command, confirmed=True)


def _assign(who: Actors, act: a.Assign) -> None:
    """Assign to the setup's officer named, else to the institution's first officer."""
    if act.officer is not None:
        officer_id = who.placed.staff[act.officer]
    else:
        item = who.item(act.item)
        officer_id = assignable_officers(who.workspace, item.institution_id)[0].id
    _desk(who, act.item, Command(Action.ASSIGN, assignee_id=officer_id))


def _respond(who: Actors, act: a.Respond) -> None:
    """A reply: the template filled in for the item, then the act's own words."""
    item = who.item(act.item)
    text = act.text.strip()
    if act.template:
        chosen = [
            t
            for t in templates_for(who.workspace, item.institution_id, item.type, Action.RESPOND)
            if t.code == act.template
        ]
        if not chosen:
            raise ReplayRefused(
                f"Kiolezo '{act.template}' hakifai jibu hili.",
                f"Template '{act.template}' does not fit this reply.",
            )
        text = f"{filled_text(chosen[0], item, item.language)} {text}".strip()
    _desk(who, act.item, Command(Action.RESPOND, public_reply=text))


def _as_citizen(who: Actors, key: str, command: Command) -> None:
    """The citizen acts on the portal with the item's (seeded) secret."""
    item = who.item(key)
    secret = seeded_secret(who.workspace.seed, item.reference)
    act_as_citizen(who.workspace, item.reference, secret, command)


def _walk_in(who: Actors, act: a.WalkIn) -> None:
    """A walk-in recorded at the trainee's desk."""
    walk_in = WalkIn(
        type=act.type,
        description=act.description,
        agrees_to_be_identified=act.consent,
        category_id=category_id_of(act.category),
        name=act.name,
        phone=act.phone,
    )
    record_walk_in(who.workspace, who.trainee, walk_in, form_key=new_form_key())


def _portal(who: Actors, act: a.SubmitPortal) -> None:
    """The trainee, as a citizen, submits on the web portal."""
    anonymous = act.anonymous or not (act.name or act.phone)
    submission = Submission(
        type=act.type,
        complainant_type=ComplainantType.ANONYMOUS if anonymous else ComplainantType.CITIZEN,
        channel=Channel.WEB,
        institution_id=institution_id_of(act.institution, who.trainee),
        description=act.description,
        name=act.name,
        phone=act.phone,
    )
    submit_from_portal(who.workspace, submission, form_key=new_form_key())


def _ussd(who: Actors, act: a.SubmitUssd) -> None:
    """The trainee, as a citizen, dials *152*00# and submits, one input at a time."""
    institution_id = institution_id_of(act.institution, who.trainee)
    identity = "2" if act.anonymous else "1"
    try:
        screen = submit_by_ussd(
            who.workspace, act.phone, USSD_TYPES[act.type], institution_id, act.description,
            identity,
        )  # fmt: skip
    except DialRefused as refused:
        raise ReplayRefused(refused.message_sw, refused.message_en) from None
    if not screen.startswith("END") or "MRJ-" not in screen:
        raise ReplayRefused(f"USSD: {screen}", f"USSD: {screen}")


def _sms(who: Actors, act: a.SubmitSms) -> None:
    """The trainee, as a citizen, texts feedback to the short code (the SMS inbound service)."""
    done = _text(who, act.phone, act.text)
    if done != "submitted":
        raise ReplayRefused(
            f"SMS haikuleta mrejesho ({done}): {_answer(who)}",
            f"The SMS made no feedback ({done}): {_answer(who)}",
        )


def _track_sms(who: Actors, act: a.TrackSms) -> None:
    """The trainee, as a citizen, texts FUATILIA <reference> for an item."""
    done = _text(who, act.phone, f"{act.keyword} {_to_track(who, act.item)}")
    if done != "tracked":
        raise ReplayRefused(f"SMS: {_answer(who)}", f"SMS: {_answer(who)}")


def _track_ussd(who: Actors, act: a.TrackUssd) -> None:
    """The trainee, as a citizen, dials *152*00#, 9, 1 "Fuatilia" and types the reference."""
    session = f"scenario-{next(_sessions)}-{new_form_key()[:8]}"
    screen = handle_ussd(who.workspace, UssdRequest(session, act.phone, ""))
    for text in ("9", "9*1", f"9*1*{_to_track(who, act.item)}"):  # one input per request
        screen = handle_ussd(who.workspace, UssdRequest(session, act.phone, text))
    if not screen.startswith("END") or "MRJ-" not in screen:
        raise ReplayRefused(f"USSD: {screen}", f"USSD: {screen}")


def _to_track(who: Actors, key: str | None) -> str:
    """The reference of the setup item ``key``, else of the latest item made in the attempt."""
    if key is not None:
        return who.item(key).reference
    reference = db.session.scalar(
        sa.select(Feedback.reference)
        .where(
            Feedback.workspace_id == who.workspace.id,
            Feedback.id >= who.placed.first_new_id,
        )
        .order_by(Feedback.id.desc())
        .limit(1)
    )
    if reference is None:
        raise ReplayRefused(
            "Hakuna mrejesho uliotumwa wa kufuatilia.", "No feedback was sent to track."
        )
    return reference


def _text(who: Actors, phone: str, text: str) -> str:
    """One text delivered to the short code as the gateway would (a fresh gateway id)."""
    sender = normalise_phone(phone)
    if sender is None:
        raise ReplayRefused(f"Namba '{phone}' si sahihi.", f"'{phone}' is not a phone number.")
    gateway_id = f"scenario-{next(_sessions)}-{new_form_key()[:8]}"
    return receive_sms(who.workspace, InboundSms(sender, text, gateway_id=gateway_id))


def _answer(who: Actors) -> str:
    """The latest text the short code sent in this workspace."""
    return (
        db.session.scalar(
            sa.select(SmsMessage.text)
            .where(
                SmsMessage.workspace_id == who.workspace.id,
                SmsMessage.direction == SmsDirection.OUTBOUND,
            )
            .order_by(SmsMessage.id.desc())
            .limit(1)
        )
        or ""
    )


def _code(institution_id: int) -> str:
    """An institution's code (what a citizen types to find it on USSD)."""
    return db.session.scalar(sa.select(Institution.code).where(Institution.id == institution_id))


def _directive(who: Actors, act: a.Directive) -> None:
    """A leader of the setup's staff gives a directive (the trainee when ``by`` is empty)."""
    leader = db.session.get(User, who.placed.staff[act.by]) if act.by else None
    _desk(who, act.item, Command(Action.DIRECTIVE, note=act.text), actor=leader)


def _simple(action: Action, **fields: str) -> Callable[[Actors, a.ItemAct], None]:
    """A desk act mapping the act's attributes onto the Command's fields."""

    def run(who: Actors, act: a.ItemAct) -> None:
        values = {name: getattr(act, source) for name, source in fields.items()}
        _desk(who, act.item, Command(action, **values))

    return run


def _transfer(who: Actors, act: a.Transfer) -> None:
    """Request a transfer to the institution named."""
    target = institution_id_of(act.to, who.trainee)
    _desk(
        who,
        act.item,
        Command(Action.TRANSFER_REQUEST, target_institution_id=target, reason=act.reason),
    )


HANDLERS: dict[type, Callable] = {
    a.Acknowledge: _simple(Action.ACKNOWLEDGE),
    a.Assign: _assign,
    a.Start: _simple(Action.START),
    a.RequestInfo: _simple(Action.REQUEST_INFO, public_reply="text"),
    a.CitizenReplies: lambda who, act: _as_citizen(
        who, act.item, Command(Action.CITIZEN_REPLIED, note=act.text)
    ),
    a.Transfer: _transfer,
    a.AcceptTransfer: _simple(Action.TRANSFER_ACCEPT, public_reply="text"),
    a.ReturnTransfer: _simple(Action.TRANSFER_RETURN, reason="reason"),
    a.Respond: _respond,
    a.Close: _simple(Action.CLOSE, resolution="resolution", root_cause="root_cause"),
    a.Reject: _simple(Action.REJECT, rejection_reason="reason", reason="text"),
    a.Note: _simple(Action.NOTE, note="text"),
    a.Escalate: _simple(Action.ESCALATE, reason="reason"),
    a.Directive: _directive,
    a.RevealIdentity: lambda who, act: reveal(
        who.workspace, who.trainee, who.placed.items[act.item], act.reason
    ),
    a.Rate: lambda who, act: _as_citizen(who, act.item, Command(Action.RATE, rating=act.rating)),
    a.WalkIn: _walk_in,
    a.SubmitUssd: _ussd,
    a.SubmitPortal: _portal,
    a.SubmitSms: _sms,
    a.TrackSms: _track_sms,
    a.TrackUssd: _track_ussd,
    a.Wait: lambda who, act: move_clock(who.workspace, working_days=act.working_days),
}
"""Which service call carries out each kind of act."""
