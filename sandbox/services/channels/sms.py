"""The simulated SMS gateway: notices go to a workspace outbox, texts come in to its inbox.

Every outbound text passes through ``queue_sms``, which writes it as the network would carry
it: GSM 7-bit, at most ``gsm.MAX_SMS_PARTS`` parts (``sandbox.channels.gsm``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from sandbox.channels import gsm
from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsDirection, SmsMessage, Workspace
from sandbox.services.workspace.clock import workspace_now
from sandbox.workflow import Action, FeedbackType

SHORT_CODE = "15200"  # the sandbox's own short code; nothing is ever really sent

# What the real system would text the complainant after each public step: (Swahili, English).
NOTICES: dict[Action, tuple[str, str]] = {
    Action.SUBMIT: (
        "e-Mrejesho (MAFUNZO): {received} na {institution}. Namba ya "
        "kumbukumbu: {reference}. Fuatilia kwa *152*00#.",
        "e-Mrejesho (TRAINING): {received} by {institution}. Reference: "
        "{reference}. Track it on *152*00#.",
    ),
    Action.ACKNOWLEDGE: (
        "e-Mrejesho (MAFUNZO): {reference} imethibitishwa kupokelewa na {institution}.",
        "e-Mrejesho (TRAINING): {institution} acknowledged {reference}.",
    ),
    Action.REQUEST_INFO: (
        "e-Mrejesho (MAFUNZO): {institution} inahitaji taarifa zaidi kuhusu {reference}: {text}",
        "e-Mrejesho (TRAINING): {institution} needs more information on {reference}: {text}",
    ),
    Action.TRANSFER_ACCEPT: (
        "e-Mrejesho (MAFUNZO): {reference} imehamishiwa {institution} kwa ajili ya kushughulikiwa.",
        "e-Mrejesho (TRAINING): {reference} was transferred to {institution} to handle.",
    ),
    Action.RESPOND: (
        "e-Mrejesho (MAFUNZO): Jibu la {reference} kutoka {institution}: {text}",
        "e-Mrejesho (TRAINING): Reply on {reference} from {institution}: {text}",
    ),
    Action.CLOSE: (
        "e-Mrejesho (MAFUNZO): {reference} imefungwa. Tathmini huduma kwa *152*00#.",
        "e-Mrejesho (TRAINING): {reference} is closed. Rate the service on *152*00#.",
    ),
    Action.REJECT: (
        "e-Mrejesho (MAFUNZO): {reference} haikukubaliwa: {text}",
        "e-Mrejesho (TRAINING): {reference} was not accepted: {text}",
    ),
}


# "Your <type> was received", with each noun's own class agreement in Swahili: lalamiko and
# pendekezo (class 5: lako … li-), swali (5: the everyday word for an inquiry), pongezi
# (class 10: zako … zi-). (Swahili, English)
RECEIVED: dict[FeedbackType, tuple[str, str]] = {
    FeedbackType.COMPLAINT: ("lalamiko lako limepokelewa", "your complaint was received"),
    FeedbackType.SUGGESTION: ("pendekezo lako limepokelewa", "your suggestion was received"),
    FeedbackType.INQUIRY: ("swali lako limepokelewa", "your inquiry was received"),
    FeedbackType.COMPLIMENT: ("pongezi zako zimepokelewa", "your compliment was received"),
}


def notice_text(action: Action, item: Feedback, text: str = "") -> str | None:
    """The SMS the complainant would get after this action, in the item's language."""
    templates = NOTICES.get(action)
    if templates is None:
        return None
    lang = "en" if item.language == "en" else "sw"
    template = templates[1] if lang == "en" else templates[0]
    institution = db.session.get(Institution, item.institution_id)  # may have just changed
    return template.format(
        received=RECEIVED[item.type][lang == "en"],
        institution=institution.name(lang),
        reference=item.reference,
        text=text,
    )


def notify_complainant(item: Feedback, action: Action, text: str = "") -> SmsMessage | None:
    """Queue the notice for an identified complainant with a phone (not committed here)."""
    body = notice_text(action, item, text)
    if body is None or not item.complainant_phone:
        return None
    return queue_sms(item.workspace_id, item.complainant_phone, body, item.id, item.updated_at)


def queue_sms(workspace_id: int, phone: str, text: str, feedback_id, at) -> SmsMessage:
    """Put one message in the outbox, in GSM and cut to the product's parts (the caller commits)."""
    message = SmsMessage(
        workspace_id=workspace_id,
        direction=SmsDirection.OUTBOUND,
        phone=phone,
        short_code=SHORT_CODE,
        text=gsm.for_sms(text),
        feedback_id=feedback_id,
        at=at,
    )
    db.session.add(message)
    return message


def record_inbound(
    workspace: Workspace, phone: str, text: str, gateway_id: str | None = None
) -> SmsMessage:
    """Keep an incoming text in the workspace inbox (the caller commits)."""
    message = SmsMessage(
        workspace_id=workspace.id,
        direction=SmsDirection.INBOUND,
        phone=phone,
        short_code=SHORT_CODE,
        text=text,
        gateway_id=gateway_id,
        at=workspace_now(workspace),
    )
    db.session.add(message)
    return message


def messages_for_phone(workspace: Workspace, phone: str) -> Sequence[SmsMessage]:
    """A phone's conversation with the gateway, oldest first (the emulator's inbox)."""
    return db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.workspace_id == workspace.id, SmsMessage.phone == phone)
        .order_by(SmsMessage.at, SmsMessage.id)
    ).all()


def outbox(workspace: Workspace, limit: int = 200) -> Sequence[SmsMessage]:
    """The workspace's latest messages, newest first (for officers and facilitators)."""
    return db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.workspace_id == workspace.id)
        .order_by(SmsMessage.at.desc(), SmsMessage.id.desc())
        .limit(limit)
    ).all()
