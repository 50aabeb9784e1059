"""The citizen's secret: a short code that only the submitter receives (pure Python).

Viewing an item's status by reference stays open; replying, rating and appealing need the
secret as well, because references are sequential and anyone can guess one.

Decisions (see docs/CONFIDENTIALITY.md):

- Six characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read
  aloud and typed on a phone keypad; typed in any case, spaces and dashes ignored.
- Only a salted SHA-256 digest is stored (the reference is the salt); the plain secret
  exists once: on the portal confirmation page, the USSD last screen and the reference SMS.
- Seeded items get a secret derived from the workspace seed and the reference, so the same
  seed gives the same secrets (a facilitator can re-derive one to role-play the citizen).
- Comparison is in constant time over the digests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
LENGTH = 6
_IGNORED = " -._"


def new_secret() -> str:
    """A fresh random secret for one submission."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def seeded_secret(seed: int, reference: str) -> str:
    """The secret of a seeded item: the same for the same seed and reference."""
    digest = hmac.new(str(seed).encode(), reference.encode(), hashlib.sha256).digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:LENGTH])


def normalise(typed: str | None) -> str:
    """What the citizen typed, upper case, without spaces or dashes."""
    return "".join(c for c in (typed or "").upper() if c not in _IGNORED)[:40]


def secret_digest(reference: str, secret: str) -> str:
    """The stored form of a secret: SHA-256 of the reference and the normalised secret."""
    return hashlib.sha256(f"mrejesho:{reference}:{normalise(secret)}".encode()).hexdigest()


def is_valid_secret(reference: str, typed: str | None, stored_digest: str | None) -> bool:
    """True when the typed secret is this item's (constant-time comparison)."""
    if not stored_digest:
        return False
    given = secret_digest(reference, typed or "")
    return hmac.compare_digest(given.encode(), stored_digest.encode())
