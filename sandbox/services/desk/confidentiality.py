"""Confidentiality (usiri): reveal an identity with an audited reason, and catch personal
data in public replies without confirming whose it is.

``personal_data_in`` is the reply check (see docs/CONFIDENTIALITY.md). It flags ANY phone
number, e-mail address or personal name, never saying whether it is the complainant's, so a
guessed name or number cannot be confirmed by it. A *personal name* is a word of the seeded
Tanzanian name lists (``seed_data/people.yaml``: given names and surnames) or of the
complainant's own name, written capitalised (``Asha``, ``ASHA``), or any capitalised word
after an honorific (``Bi.``, ``Bw.``, ``Ndugu``, ``Mr`` …). Lowercase names are not flagged
(``amani``, ``baraka``, ``said`` are common words). ``identity_mentions`` (the complainant's
own identity only) stays for tests and tools; the desk does not show its answer.

The detection functions are pure (no database); ``reveal_identity`` commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.desk import IdentityReveal
from sandbox.seeding.loader import load_seed_data
from sandbox.services.workspace.now import workspace_now
from sandbox.text import as_read
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.labels import Labelled

MIN_REASON = 10
MIN_NAME_PART = 3
NATIONAL_DIGITS = 9  # +255 7xx xxx xxx → the 9 digits after the country code
MOBILE_STARTS = "67"  # Tanzanian mobiles (06x, 07x); a bare 9-digit amount is no phone
PHONE_LIKE = re.compile(r"\+?\d[\d\s\-.()/]{6,}\d")
# Digits with any separators between them (up to 3: dashes of every kind, commas, tildes,
# underscores, brackets): how people write a number to slip past a check.
LOOSE_PHONE = re.compile(r"\+?\d(?:[\W_]{0,3}\d){8,13}")
EMAIL_LIKE = re.compile(
    r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+",
    re.IGNORECASE,
)
CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")
HONORIFIC_NAME = re.compile(
    r"(?<!\w)(?:Bi|Bw|Bwana|Ndugu|Ndg|Mzee|Dada|Kaka|Mr|Mrs|Ms|Miss|Dkt|Dr)\.?\s+[A-Z][a-z]{2,}"
)
WORD = re.compile(r"[^\W\d_]+")


class Mention(Labelled):
    """What kind of personal data a text contains (never whose)."""

    NAME = ("name", "jina la mtu", "a personal name")
    PHONE = ("phone", "namba ya simu", "a phone number")
    EMAIL = ("email", "anwani ya barua pepe", "an e-mail address")


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
    if digits.startswith("2550") and len(digits) == 4 + NATIONAL_DIGITS:  # +255 (0) 7xx …
        digits = "255" + digits[4:]
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


@cache
def known_names() -> frozenset[str]:
    """The seeded Tanzanian given names and surnames, in lower case."""
    people = load_seed_data().people
    names = (*people.given_male, *people.given_female, *people.surnames)
    return frozenset(name.lower() for name in names)


def _is_capitalised(word: str) -> bool:
    """``Asha`` or ``ASHA``, not ``asha``."""
    return word[:1].isupper()


def mentions_any_name(text: str, complainant_name: str | None) -> bool:
    """A capitalised known name (seeded lists or the complainant's), or an honorific + name."""
    names = known_names() | {part.lower() for part in name_parts(complainant_name)}
    words = WORD.findall(CAMEL_JOIN.sub(" ", text))  # "ZuhuraKipepeo" is two names
    listed = any(_is_capitalised(w) and w.lower() in names for w in words if len(w) >= 3)
    return listed or bool(HONORIFIC_NAME.search(text))


def mentions_any_phone(text: str) -> bool:
    """True when the text contains anything written like a Tanzanian phone number."""
    found = (national_number(match) for match in LOOSE_PHONE.findall(text))
    return any(number and number[0] in MOBILE_STARTS for number in found)


def personal_data_in(text: str, complainant_name: str | None = None) -> list[Mention]:
    """The kinds of personal data a public text contains, whoever they belong to."""
    text = as_read(text or "")
    checks = (
        (Mention.NAME, mentions_any_name(text, complainant_name)),
        (Mention.PHONE, mentions_any_phone(text)),
        (Mention.EMAIL, bool(EMAIL_LIKE.search(text))),
    )
    return [mention for mention, found in checks if found]


def reveal_identity(workspace: Workspace, user: User, item: Feedback, reason: str) -> Identity:
    """Record who looked, when and why, then return the identity for this one view."""
    reason = " ".join(as_read(reason or "").split())  # invisible characters are no reason
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
