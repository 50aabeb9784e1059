"""Confidentiality (usiri): reveal an identity with an audited reason, and catch replies that
would leak the complainant's name or phone number.

``identity_mentions`` is pure (no database); the other functions commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.desk import IdentityReveal
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.labels import Labelled

MIN_REASON = 10
MIN_NAME_PART = 3
NATIONAL_DIGITS = 9  # +255 7xx xxx xxx → the 9 digits after the country code
PHONE_LIKE = re.compile(r"\+?\d[\d\s\-.()/]{6,}\d")


class Mention(Labelled):
    """What part of the identity a text contains."""

    NAME = ("name", "jina la mlalamikaji", "the complainant's name")
    PHONE = ("phone", "namba ya simu ya mlalamikaji", "the complainant's phone number")


class RevealRefused(BilingualError, ValueError):
    """A reveal the service refuses (no reason, or nothing to reveal), in both languages."""


@dataclass(frozen=True)
class Identity:
    """What the complainant gave: shown on one page view, never stored elsewhere."""

    name: str | None
    phone: str | None
    email: str | None


def name_parts(name: str | None) -> list[str]:
    """The parts of a name long enough to be recognised (≥ 3 letters)."""
    return [part for part in re.findall(r"[^\W\d_]+", name or "") if len(part) >= MIN_NAME_PART]


def national_number(text: str) -> str | None:
    """The 9-digit national number of a Tanzanian phone written in any common way."""
    digits = re.sub(r"\D", "", text)
    for prefix in ("255", "0"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + NATIONAL_DIGITS:
            return digits[len(prefix) :]
    return digits if len(digits) == NATIONAL_DIGITS else None


def mentions_name(text: str, name: str | None) -> bool:
    """True when any name part appears in the text as a whole word (any case)."""
    return any(
        re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE)
        for part in name_parts(name)
    )


def mentions_phone(text: str, phone: str | None) -> bool:
    """True when the text contains the phone number in any common format."""
    wanted = national_number(phone or "")
    if wanted is None:
        return False
    return any(national_number(match) == wanted for match in PHONE_LIKE.findall(text))


def identity_mentions(text: str, name: str | None, phone: str | None) -> list[Mention]:
    """Which parts of the complainant's identity a reply would disclose (empty: none)."""
    found = []
    if mentions_name(text or "", name):
        found.append(Mention.NAME)
    if mentions_phone(text or "", phone):
        found.append(Mention.PHONE)
    return found


def reveal_identity(workspace: Workspace, user: User, item: Feedback, reason: str) -> Identity:
    """Record who looked, when and why, then return the identity for this one view."""
    reason = (reason or "").strip()
    if item.is_anonymous:
        raise RevealRefused(
            "Mrejesho huu ulitumwa bila kujulikana: hakuna utambulisho wa kufunua.",
            "This feedback was sent anonymously: there is no identity to reveal.",
        )
    if len(reason) < MIN_REASON:
        raise RevealRefused(
            f"Eleza sababu ya kufunua utambulisho (angalau herufi {MIN_REASON}).",
            f"Give the reason for revealing the identity (at least {MIN_REASON} characters).",
        )
    db.session.add(
        IdentityReveal(
            workspace_id=workspace.id,
            feedback_id=item.id,
            user_id=user.id,
            reason=reason[:1000],
            at=workspace_now(workspace),
        )
    )
    db.session.commit()
    return Identity(item.complainant_name, item.complainant_phone, item.complainant_email)


def reveal_log(item: Feedback) -> list[IdentityReveal]:
    """Every reveal of this item's identity, oldest first."""
    return list(
        db.session.scalars(
            sa.select(IdentityReveal)
            .where(IdentityReveal.feedback_id == item.id)
            .order_by(IdentityReveal.at, IdentityReveal.id)
        )
    )
