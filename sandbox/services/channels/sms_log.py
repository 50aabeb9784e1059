"""Reading the simulated SMS gateway log: one phone's inbox, and the workspace outbox page."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.channels.phones import normalise_phone
from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage, Workspace
from sandbox.workflow import ComplainantType, Role

OUTBOX_PER_PAGE = 25
# Who may read the gateway log (it shows citizens' phone numbers): declared once, here.
OUTBOX_ROLES = frozenset({Role.OFFICER, Role.HEAD, Role.ICT_OFFICER, Role.FACILITATOR, Role.ADMIN})


def can_read_gateway_log(user) -> bool:
    """True for the roles that may read a workspace's SMS log."""
    return user.role in OUTBOX_ROLES


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
