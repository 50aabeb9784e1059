"""Every delivery counts once: a submission carries a token, and a token makes one item.

A channel names each submission (the portal's form token, the USSD session, an API client's
idempotency key); the token is stored on the item under a unique constraint, so the same
delivery arriving twice, one after the other or at the same instant, finds the first item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Feedback, Workspace

MAX_TOKEN = 80
_KEY = re.compile(r"[A-Za-z0-9._:-]{8,64}")


@dataclass(frozen=True)
class Submitted:
    """The item a submission made, and whether this delivery made it (False: a repeat)."""

    item: Feedback
    is_new: bool


def submission_token(channel: str, key: str | None) -> str | None:
    """The stored token for a channel's key; None when the key is missing or malformed."""
    key = (key or "").strip()
    if not _KEY.fullmatch(key):
        return None
    return f"{channel}:{key}"[:MAX_TOKEN]


def find_submitted(workspace: Workspace, token: str | None) -> Feedback | None:
    """The item this token already made in this workspace, if any."""
    if not token:
        return None
    return db.session.scalar(
        sa.select(Feedback).where(
            Feedback.workspace_id == workspace.id, Feedback.submission_token == token
        )
    )


def submit_once(workspace: Workspace, token: str | None, add: Callable[[], Feedback]) -> Submitted:
    """Run ``add`` and commit, unless the token already made an item; a lost race re-reads it.

    The check and the insert share one transaction; the unique constraint decides a race on
    either database (the loser's INSERT fails once the winner commits).
    """
    existing = find_submitted(workspace, token)
    if existing is not None:
        return Submitted(existing, is_new=False)
    try:
        item = add()
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = find_submitted(workspace, token)
        if existing is None:
            raise
        return Submitted(existing, is_new=False)
    return Submitted(item, is_new=True)
