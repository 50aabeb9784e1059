"""Reading the simulated SMS gateway log, with the desk's confidentiality rules.

- Who may open the log is the permission table's ``Capability.READ_GATEWAY_LOG``.
- Each user sees the messages of the items in their scope (``feedback.scope``: an officer
  their institution's); messages about no item (help replies, a number-less reference SMS)
  only whole-workspace roles (facilitator, administrator) see.
- Phone numbers are masked exactly as on the desk, for every role. A role that may reveal
  identity (``Capability.REVEAL_IDENTITY``) reveals one message's number with a reason, and
  the reveal is written to the desk's own audit (``IdentityReveal`` of the item).
- There is no search by phone number: finding a number's messages is revealing who sent
  them, and a reveal is only ever one message, with a reason, audited.
- The citizen's secret in a reference SMS is never shown here (only the handset reads it).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage, User, Workspace
from sandbox.services.desk.confidentiality import RevealRefused, reveal_identity
from sandbox.services.feedback.scope import scope_clause
from sandbox.workflow.permissions import Capability, can

OUTBOX_PER_PAGE = 25
SECRET_IN_TEXT = re.compile(r"((?:Siri yako|Your secret): )\w+")
HIDDEN_SECRET = r"\1••••••"


def can_read_gateway_log(user) -> bool:
    """True for the roles that may read a workspace's SMS log."""
    return can(user, Capability.READ_GATEWAY_LOG)


def _visible(workspace: Workspace, user: User) -> sa.Select:
    """The log rows this user may see, newest first."""
    query = (
        sa.select(SmsMessage)
        .outerjoin(Feedback, SmsMessage.feedback_id == Feedback.id)
        .where(SmsMessage.workspace_id == workspace.id)
        .options(selectinload(SmsMessage.feedback))
        .order_by(SmsMessage.at.desc(), SmsMessage.id.desc())
    )
    if can(user, Capability.SEE_WHOLE_WORKSPACE):
        return query
    return query.where(Feedback.id.is_not(None), scope_clause(user))


def outbox_page(workspace: Workspace, user: User, page: int):
    """One page of the log for this user (no search by number: that would be a lookup)."""
    query = _visible(workspace, user)
    return db.paginate(query, page=max(page, 1), per_page=OUTBOX_PER_PAGE, error_out=False)


def is_masked(message: SmsMessage) -> bool:
    """True when the message belongs to an anonymous item (or has no number at all)."""
    return not message.phone or (message.feedback is not None and message.feedback.is_anonymous)


def can_reveal(user: User, message: SmsMessage) -> bool:
    """True when this user may reveal this message's number (an identified item's message)."""
    return can(user, Capability.REVEAL_IDENTITY) and not is_masked(message) and message.feedback


def shown_text(message: SmsMessage) -> str:
    """The message as the log shows it: the citizen's secret replaced by dots."""
    return SECRET_IN_TEXT.sub(HIDDEN_SECRET, message.text)


def reveal_phone(workspace: Workspace, user: User, message_id: int, reason: str) -> SmsMessage:
    """Reveal one visible message's number, audited as a reveal of its item's identity."""
    message = db.session.scalar(_visible(workspace, user).where(SmsMessage.id == message_id))
    if message is None:
        raise LookupError(message_id)
    if not can(user, Capability.REVEAL_IDENTITY):
        raise PermissionError("reveal_identity")
    if not can_reveal(user, message):
        raise RevealRefused(
            "Ujumbe huu hauna namba inayoweza kufunuliwa.",
            "This message has no number that can be revealed.",
        )
    reveal_identity(workspace, user, message.feedback, reason)
    return message
