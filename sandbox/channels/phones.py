"""Phone numbers as gateways send them, written one way (+255…) so lookups match (pure)."""

from __future__ import annotations

import re

PHONE_PATTERN = re.compile(r"^\+[0-9]{7,15}$")
# A Tanzanian mobile number: 6 or 7 then 8 digits, after 0, 255 or +255 (or nothing).
TANZANIAN_MOBILE = re.compile(r"^(?:\+?255|0)?([67]\d{8})$")
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


def tanzanian_mobile(text: str | None) -> str | None:
    """A Tanzanian mobile number typed by a citizen, as +255…; None when it is not one."""
    match = TANZANIAN_MOBILE.match(_SEPARATORS.sub("", text or ""))
    return f"+255{match.group(1)}" if match else None
