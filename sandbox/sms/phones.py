"""Phone numbers as gateways send them, written one way (+255…) so lookups match (pure)."""

from __future__ import annotations

import re

PHONE_PATTERN = re.compile(r"^\+[0-9]{7,15}$")
_SEPARATORS = re.compile(r"[\s\-().]")


def normalise_phone(raw: str | None) -> str | None:
    """+2557… from '+255 7…', '2557…' or '07…'; None when it is not a phone number."""
    phone = _SEPARATORS.sub("", raw or "")
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    elif phone.startswith("0") and len(phone) == 10:
        phone = "+255" + phone[1:]
    elif phone.isascii() and phone.isdigit():
        phone = "+" + phone
    return phone if PHONE_PATTERN.match(phone) else None
