"""Cleaning text that users and gateways send (pure: no Flask, no database)."""

from __future__ import annotations

import re

# Control characters except tab and line breaks (NUL among them: PostgreSQL refuses it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f]")


def without_control(text: str, *, single_line: bool = False) -> str:
    """The text without control characters; ``single_line`` drops tabs and line breaks too."""
    return (_CONTROL_AND_BREAKS if single_line else _CONTROL).sub("", text)
