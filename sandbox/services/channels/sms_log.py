"""Reading the simulated SMS gateway log: one phone's inbox, and the workspace outbox page."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.channels.phones import normalise_phone
from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage, Workspace
from sandbox.services.channels import sms
from sandbox.workflow import ComplainantType
from sandbox.workflow.permissions import Capability, can

OUTBOX_PER_PAGE = 25


def can_read_gateway_log(user) -> bool:
    """True for the roles that may read a workspace's SMS log."""
    return can(user, Capability.READ_GATEWAY_LOG)


def inbox_for_phone(workspace: Workspace, raw_phone: str) -> Sequence[SmsMessage]:
    """Every message between this phone and the gateway, oldest first (none for a bad number)."""
    phone = normalise_phone(raw_phone)
    return sms.messages_for_phone(workspace, phone) if phone else []


def outbox_page(workspace: Workspace, raw_phone: str | None, page: int):
    """One page of the workspace's gateway log, newest first, optionally for one phone.

    Filtering by phone leaves out messages linked to anonymous items, so that the filter
    cannot tie a phone to an anonymous item (the page also masks those phones).
    """
    query = (
        sa.select(SmsMessage)
        .outerjoin(Feedback, SmsMessage.feedback_id == Feedback.id)
        .where(SmsMessage.workspace_id == workspace.id)
        .options(selectinload(SmsMessage.feedback))
        .order_by(SmsMessage.at.desc(), SmsMessage.id.desc())
    )
    phone = normalise_phone(raw_phone) if raw_phone else None
    if raw_phone:
        not_anonymous = sa.or_(
            Feedback.id.is_(None), Feedback.complainant_type != ComplainantType.ANONYMOUS
        )
        query = query.where(SmsMessage.phone == (phone or ""), not_anonymous)
    return db.paginate(query, page=max(page, 1), per_page=OUTBOX_PER_PAGE, error_out=False)


def is_masked(message: SmsMessage) -> bool:
    """True when the message belongs to an anonymous item: its phone is not shown."""
    return message.feedback is not None and message.feedback.is_anonymous
