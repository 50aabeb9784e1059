"""Codes people read aloud and type: a cohort's join code and a trainee's personal code.

Six characters from the citizen's-secret alphabet (``workflow/citizen_secret.py``: no 0/O,
1/I/L), so a facilitator can say one across a hall and a trainee can type it on a phone.
Stored normalised (``KXP4TM``), shown in two groups (``KXP-4TM``), typed in any case with
spaces and dashes ignored. 31**6 is about 887 million codes: drawn at random with the
``secrets`` module, retried on the rare clash; the unique constraint is the last word.
"""

from __future__ import annotations

import secrets

from sandbox.workflow.citizen_secret import ALPHABET, normalise

LENGTH = 6
GROUP = 3


def new_code() -> str:
    """A fresh random code, normalised (``KXP4TM``)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(typed: str | None) -> str:
    """What was typed, upper case, without spaces, dots or dashes."""
    return normalise(typed)


def is_well_formed(code: str) -> bool:
    """True when a normalised code has the right length and only letters of the alphabet."""
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def grouped(code: str) -> str:
    """A code as shown and read aloud: ``KXP-4TM``."""
    code = normalise_code(code)
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
