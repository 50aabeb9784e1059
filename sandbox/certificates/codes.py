"""Certificate verification codes that tell a typo or a forgery without a lookup.

A code is 12 random characters and 4 check characters, shown in four groups of four
(``K7PQ-M3XT-9R2H-4CWA``), from the alphabet of the other typed codes (no 0/O, 1/I/L).
The check characters are the first bytes of an HMAC-SHA256 of the random part under the
installation's certificate key, so only this installation can make a code that checks: a
mistyped character or an invented code fails ``has_valid_check`` before any record is read
(a random guess passes with odds of one in 31**4, about 920 000, and then meets no record).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sandbox.workflow.citizen_secret import ALPHABET, normalise

BODY = 12
CHECK = 4
LENGTH = BODY + CHECK
GROUP = 4
_LABEL = b"mrejesho-certificate:"


def check_characters(body: str, key: str) -> str:
    """The 4 check characters of a normalised 12-character body under ``key``."""
    digest = hmac.new(key.encode(), _LABEL + body.encode(), hashlib.sha256).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:CHECK])


def new_code(key: str) -> str:
    """A fresh random code with its check characters, normalised (16 characters)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + check_characters(body, key)


def normalise_code(typed: str | None) -> str:
    """What was typed, upper case, without spaces, dots or dashes."""
    return normalise(typed)


def is_well_formed(code: str) -> bool:
    """True when a normalised code has 16 characters, all of the alphabet."""
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def has_valid_check(code: str, key: str) -> bool:
    """True when a normalised code is well formed and its check characters match ``key``."""
    if not is_well_formed(code):
        return False
    return hmac.compare_digest(code[BODY:], check_characters(code[:BODY], key))


def grouped(code: str) -> str:
    """A code as printed and read aloud: ``K7PQ-M3XT-9R2H-4CWA``."""
    code = normalise_code(code)
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
