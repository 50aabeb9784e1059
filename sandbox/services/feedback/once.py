"""Every delivery counts once: a submission carries a token, and a token makes one item.

A channel names each submission (the portal's form token, the USSD session, an API client's
idempotency key); the token is stored on the item under a unique constraint, so the same
delivery arriving twice, one after the other or at the same instant, finds the first item.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Feedback, Workspace

_KEY = re.compile(r"[\w.:-]{8,64}", re.ASCII)  # a form key, a session id, an API client's key


@dataclass(frozen=True)
class Submitted:
    """The item a submission made, and whether this delivery made it (False: a repeat)."""

    item: Feedback
    is_new: bool


def new_form_key() -> str:
    """A fresh random key for one form on one page (a hidden field)."""
    return secrets.token_urlsafe(24)


def submission_token(channel: str, key: str | None) -> str | None:
    """The stored token for a channel's key (None without a key); odd or long keys are hashed."""
    key = (key or "").strip()
    if not key:
        return None
    if not _KEY.fullmatch(key):
        key = "#" + hashlib.sha256(key.encode()).hexdigest()[:48]
    return f"{channel}:{key}"


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
