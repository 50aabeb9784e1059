"""The phone emulator's handset: which gateway messages the phone in this browser may read.

A handset is picked up by dialling (the number is kept in the browser's signed session); its
inbox then shows only what reached that number *since it was dialled in this browser*, plus
the number-less reference SMS of the USSD sessions it opened itself (an anonymous item's —
see services/channels/ussd.py). No query parameter selects a number, so nobody can read
another phone's earlier messages, and nothing ties an anonymous item to a number. The handset
can also text the short code ("Sema na Kiongozi"): the same inbound service as the gateway.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace

import sqlalchemy as sa

from sandbox.channels.phones import normalise_phone
from sandbox.extensions import db
from sandbox.models import SmsMessage, Workspace
from sandbox.services.channels.sms_inbound import MAX_TEXT, InboundSms, receive_sms
from sandbox.text import without_control

SESSIONS_KEPT = 20


@dataclass
class Handset:
    """The phone of one browser in one workspace, as kept in the signed session."""

    phone: str
    since_id: int
    sessions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-able copy for the session cookie."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data) -> Handset | None:
        """Rebuild from the session; None when absent or unreadable."""
        try:
            return cls(
                str(data["phone"]), int(data["since_id"]), [str(s) for s in data["sessions"]]
            )
        except (KeyError, TypeError, ValueError):
            return None


def pick_up(workspace: Workspace, handset: Handset | None, raw_phone: str) -> Handset:
    """The handset of this number: the same one, or a new one whose inbox starts empty.

    Raises ValueError for something that is not a phone number.
    """
    phone = normalise_phone(raw_phone)
    if phone is None:
        raise ValueError("not a phone number")
    if handset is None or handset.phone != phone:
        handset = Handset(phone, _last_message_id(workspace))
    return handset


def dial(workspace: Workspace, handset: Handset | None, raw_phone: str) -> tuple[Handset, str]:
    """Open a USSD session from this handset: the (possibly new) handset and the session id.

    Dialling from another number picks up a new handset whose inbox starts empty.
    """
    handset = pick_up(workspace, handset, raw_phone)
    session_id = "emu-" + secrets.token_hex(8)
    handset.sessions = [*handset.sessions, session_id][-SESSIONS_KEPT:]
    return handset, session_id


def _last_message_id(workspace: Workspace) -> int:
    """The newest gateway message of the workspace (0 when none)."""
    newest = sa.select(sa.func.max(SmsMessage.id)).where(SmsMessage.workspace_id == workspace.id)
    return db.session.scalar(newest) or 0


def inbox(workspace: Workspace, handset: Handset | None) -> Sequence[SmsMessage]:
    """This handset's messages, oldest first (none before it has dialled)."""
    if handset is None:
        return []
    to_number = sa.and_(SmsMessage.phone == handset.phone, SmsMessage.id > handset.since_id)
    own_sessions = sa.and_(
        SmsMessage.phone == "", SmsMessage.ussd_session_id.in_(handset.sessions or [""])
    )
    return db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.workspace_id == workspace.id, sa.or_(to_number, own_sessions))
        .order_by(SmsMessage.at, SmsMessage.id)
    ).all()


def text_short_code(workspace: Workspace, handset: Handset, text: str) -> str:
    """This handset texts the short code 15200 (feedback, FUATILIA <reference>, help), through
    the same SMS inbound service as the gateway's callback; what was done."""
    message = InboundSms(handset.phone, without_control(text)[:MAX_TEXT].strip())
    return receive_sms(workspace, replace(message, gateway_id="emu-" + secrets.token_hex(8)))
