"""The simulated SMS gateway: notices go to a workspace outbox, texts come in to its inbox.

Every outbound text passes through ``queue_sms``, which writes it as the network would carry
it: GSM 7-bit, at most ``gsm.MAX_SMS_PARTS`` parts (``sandbox.channels.gsm``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa

from sandbox.channels import gsm
from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsDirection, SmsMessage, Workspace
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action
from sandbox.workflow.behaviour import Notice
from sandbox.workflow.notices import NOTICES, RECEIVED

SHORT_CODE = "15200"  # the sandbox's own short code; nothing is ever really sent


def notice_text(
    action: Action, item: Feedback, text: str = "", notices: Mapping[Action, Notice] = NOTICES
) -> str | None:
    """The SMS the complainant would get after this action, in the item's language.

    The SUBMIT notice carries the citizen's secret, known only on the instance that
    ``submit_feedback`` returns (``item.issued_secret``). ``notices`` is the workspace's
    effective table (its rules' ``tables.notices``).
    """
    templates = notices.get(action)
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
        secret=item.issued_secret or "",
    )


def notify_complainant(
    item: Feedback, action: Action, text: str = "", notices: Mapping[Action, Notice] = NOTICES
) -> SmsMessage | None:
    """Queue the notice for an identified complainant with a phone (not committed here)."""
    body = notice_text(action, item, text, notices)
    if body is None or not item.complainant_phone:
        return None
    return queue_sms(item.workspace_id, item.complainant_phone, body, item.id, item.updated_at)


def queue_sms(
    workspace_id: int, phone: str, text: str, feedback_id, at, ussd_session_id: str = ""
) -> SmsMessage:
    """Put one message in the outbox, in GSM and cut to the product's parts (the caller commits)."""
    message = SmsMessage(
        ussd_session_id=ussd_session_id,
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


def outbox(workspace: Workspace, limit: int = 200) -> Sequence[SmsMessage]:
    """The workspace's latest messages, newest first (for officers and facilitators)."""
    return db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.workspace_id == workspace.id)
        .order_by(SmsMessage.at.desc(), SmsMessage.id.desc())
        .limit(limit)
    ).all()
