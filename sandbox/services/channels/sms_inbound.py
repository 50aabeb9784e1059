"""Texts to the sandbox short code ("Sema na Kiongozi"): feedback, tracking or help by SMS.

Every inbound text is recorded first. A text the gateway already delivered (same ``id``)
is not handled twice: (workspace, gateway id) is unique, so of two deliveries racing each
other exactly one is stored and handled; the other is answered "duplicate". The reply goes
to the outbox; nothing is ever really sent.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.channels import gsm
from sandbox.channels.phones import normalise_phone
from sandbox.channels.sms import Help, Submit, Track, institution_code, parse_sms
from sandbox.channels.ussd.engine import normalise_reference
from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsMessage, Workspace
from sandbox.services.channels import sms
from sandbox.services.channels.ussd import latest_reply
from sandbox.services.feedback.lifecycle import InvalidSubmission, Submission, add_feedback
from sandbox.services.feedback.references import find_in
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.text import without_control
from sandbox.workflow import Channel, ComplainantType
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.tracking import citizen_deadline

MAX_TEXT = 1600  # ten concatenated SMS parts
MAX_ECHO = 20  # septets of a citizen's word repeated in a reply: the help stays within 3 parts

HELP = (
    "e-Mrejesho (MAFUNZO): Andika TAASISI kisha maelezo, mf. 'TANESCO umeme umekatika "
    "Mbagala'. Anza na PENDEKEZO, SWALI au PONGEZI kubadili aina. Kufuatilia: FUATILIA <namba>. "
    "/ Write the INSTITUTION then your message, e.g. 'TANESCO no power in Mbagala'. Start with "
    "SUGGESTION, QUESTION or COMPLIMENT to change the type. To track: TRACK <reference>."
)
UNKNOWN_INSTITUTION = ("Taasisi '{word}' haijulikani.", "Institution '{word}' is not known.")
NOT_FOUND = (
    "e-Mrejesho (MAFUNZO): Namba '{text}' haijapatikana. Andika FUATILIA MRJ-T-2026-000123.",
    "Reference '{text}' not found. Write TRACK MRJ-T-2026-000123.",
)
STATUS = (
    "e-Mrejesho (MAFUNZO): {reference} - Hali: {status}. Jibu la mwisho: {reply}",
    "e-Mrejesho (TRAINING): {reference} - Status: {status}. Latest reply: {reply}",
)
NO_REPLY = ("bado hakuna", "none yet")


class BadInboundSms(BilingualError, ValueError):
    """A callback without a usable sender; answered 400 in both languages, never a 500."""


@dataclass(frozen=True)
class InboundSms:
    """One Africa's Talking SMS callback (its `date` is ignored: the workspace clock rules)."""

    sender: str
    text: str
    to: str = ""
    gateway_id: str = ""


def parse_inbound(form) -> InboundSms:
    """The callback's fields, checked; raises BadInboundSms."""
    sender = normalise_phone(str(form.get("from") or ""))
    if sender is None:
        raise BadInboundSms(
            "Mtumaji ('from') hayupo au si namba sahihi.", "missing or invalid 'from'"
        )
    text = without_control(str(form.get("text") or ""))[:MAX_TEXT]
    gateway_id = without_control(str(form.get("id") or ""))[:64]
    return InboundSms(sender, text.strip(), str(form.get("to") or "")[:20], gateway_id)


def receive_sms(workspace: Workspace, message: InboundSms) -> str:
    """Record a text and answer it; returns what was done (submitted/tracked/help/duplicate)."""
    inbound = sms.record_inbound(
        workspace, message.sender, message.text, message.gateway_id or None
    )
    try:
        db.session.flush()  # (workspace, gateway id) is unique: a re-delivery stops here
    except IntegrityError:
        db.session.rollback()
        return "duplicate"
    request = parse_sms(message.text)
    handler = HANDLERS[type(request)]
    return handler(workspace, inbound, request)


def _submit(workspace: Workspace, inbound: SmsMessage, request: Submit) -> str:
    """Feedback identified by the sender's number; the service texts the reference back."""
    code = institution_code(request.institution_word)
    institution = db.session.scalar(sa.select(Institution).where(Institution.code == code))
    if institution is None:
        word = gsm.fit(gsm.to_gsm(request.institution_word, single_line=True), MAX_ECHO)
        return _reply(workspace, inbound, f"{_both(UNKNOWN_INSTITUTION, word=word)} {HELP}")
    submission = Submission(
        type=request.type,
        complainant_type=ComplainantType.CITIZEN,
        channel=Channel.SMS,
        institution_id=institution.id,
        description=request.description,
        language=request.lang,
        phone=inbound.phone,
    )
    try:
        item = add_feedback(workspace, submission)
    except InvalidSubmission as error:  # refused before anything was written: keep the text
        return _reply(workspace, inbound, f"{error.message_sw} / {error.message_en}")
    inbound.feedback_id = item.id
    db.session.commit()  # the text, its item and the reference SMS together, or nothing
    return "submitted"


def _track(workspace: Workspace, inbound: SmsMessage, request: Track) -> str:
    """The status and latest public reply of a reference, by SMS."""
    reference = normalise_reference(request.reference_text)
    item = _find(workspace, reference) if reference else None
    lang = 1 if request.lang == "en" else 0
    if item is None:
        text = _both(NOT_FOUND, text=request.reference_text[:40])
        return _reply(workspace, inbound, text, action="help")
    values = {"reference": item.reference, "status": item.status.label(request.lang)}
    text = STATUS[lang].format(**values, reply=latest_reply(item) or NO_REPLY[lang])
    due = citizen_deadline(state_of(item), workspace_now(workspace), rules_for(workspace))
    text = f"{text} {due[lang]}" if due else text
    inbound.feedback_id = item.id
    return _reply(workspace, inbound, text, feedback_id=item.id, action="tracked")


def _help(workspace: Workspace, inbound: SmsMessage, request: Help) -> str:
    """How to write a text the short code understands, in both languages."""
    return _reply(workspace, inbound, HELP)


HANDLERS = {Submit: _submit, Track: _track, Help: _help}


def _reply(
    workspace: Workspace,
    inbound: SmsMessage,
    text: str,
    feedback_id: int | None = None,
    action: str = "help",
) -> str:
    """Queue the answer to the sender and commit the exchange."""
    sms.queue_sms(workspace.id, inbound.phone, text, feedback_id, workspace_now(workspace))
    db.session.commit()
    return action


def _find(workspace: Workspace, reference: str) -> Feedback | None:
    """An item of this workspace by its reference (untagged: this workspace's own)."""
    return find_in(workspace, reference)


def _both(pair: tuple[str, str], **values: str) -> str:
    """A message in Swahili then English."""
    return " / ".join(text.format(**values) for text in pair)
