"""What a phone can carry: text measured in the GSM 7-bit default alphabet (pure Python).

Source: 3GPP TS 23.038 §6.2.1 (the GSM 7-bit default alphabet, 128 characters, one septet
each) and §6.2.1.1 (its extension table, reached by the escape septet 0x1B, so each of
``^{}\\[~]|€`` and form feed costs two septets). Lengths come from the same family of
standards: a USSD string carries 160 octets = 182 septets (TS 23.038 §6.1.2.3 packing, the
figure the project documents as the screen limit); one SMS carries 140 octets of user data
= 160 septets, and a part of a concatenated SMS loses 6 octets to its header, leaving 153
septets (TS 23.040 §9.2.3.24.1). An escape pair is never split between two parts.

Product decisions (docs/ARCHITECTURE.md, "What a phone can carry"): the sandbox always
sends GSM 7-bit, never UCS-2, so officers' free text is transliterated; an outbound SMS is
at most ``MAX_SMS_PARTS`` = 3 parts (459 septets), enough for the longest fixed text (the
bilingual help); longer text is cut with ``..``.
"""

from __future__ import annotations

import re
import unicodedata

# TS 23.038 §6.2.1, in code order 0x00-0x7F (0x1B, the escape, is not a character).
BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
).replace("\x1b", "")
EXTENSION = "\f^{}\\[~]|€"  # TS 23.038 §6.2.1.1: two septets each
_SEPTETS = {**dict.fromkeys(BASIC, 1), **dict.fromkeys(EXTENSION, 2)}

USSD_SCREEN = 182  # septets of one USSD string
SMS_SINGLE = 160  # septets of a one-part SMS
SMS_PART = 153  # septets of each part of a concatenated SMS
MAX_SMS_PARTS = 3  # the product's maximum (module docstring)
CUT = ".."

# Look-alikes typed by word processors and phones, as GSM text.
LOOKALIKES = {
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    "…": "...",
    "•": "-",
    "×": "x",
    "÷": "/",
    "\t": " ",
    "ç": "Ç",  # TS 23.038 notes 0x09 is shown as either case of c-cedilla
}
_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_DROPPED_CATEGORIES = ("Mn", "Me", "Mc", "Cf", "Cc", "Co", "Cs", "So", "Sk")


def septets(text: str) -> int:
    """Septets ``text`` takes in the GSM alphabet; ValueError for a character outside it."""
    try:
        return sum(_SEPTETS[char] for char in text)
    except KeyError as error:
        raise ValueError(f"not in the GSM 7-bit alphabet: {error.args[0]!r}") from None


def is_gsm(text: str) -> bool:
    """True when every character of ``text`` is in the GSM alphabet (basic or extension)."""
    return all(char in _SEPTETS for char in text)


def to_gsm(text: str, *, single_line: bool = False) -> str:
    """``text`` in the GSM alphabet: look-alikes replaced, accents dropped, emoji removed, the
    rest "?"; runs of spaces become one space, and ``single_line`` also flattens line breaks."""
    gsm = "".join(_gsm_char(char) for char in _SPACES.sub(" ", text))
    return " ".join(gsm.split()) if single_line else _RUNS_OF_SPACES.sub(" ", gsm)


def _gsm_char(char: str) -> str:
    """One character as GSM text: itself, a look-alike, its base letter, "" or "?"."""
    if char in _SEPTETS and char != "\f":  # a form feed means nothing on a phone screen
        return char
    if char in LOOKALIKES:
        return LOOKALIKES[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and base != char and is_gsm(base):
        return base
    if unicodedata.category(char) in _DROPPED_CATEGORIES:
        return ""  # emoji, joiners, variation selectors, controls: nothing to show
    return "?"


def fit(text: str, limit: int) -> str:
    """GSM ``text`` cut to ``limit`` septets, ``..`` marking the cut; ValueError if not GSM."""
    if septets(text) <= limit:
        return text
    budget, kept = limit - len(CUT), []
    for char in text:
        budget -= _SEPTETS[char]
        if budget < 0:
            break
        kept.append(char)
    return "".join(kept).rstrip() + CUT


def sms_parts(text: str) -> int:
    """How many SMS parts GSM ``text`` needs (160 septets alone, else 153 a part, pairs unsplit)."""
    if septets(text) <= SMS_SINGLE:
        return 1
    parts, used = 1, 0
    for char in text:
        size = _SEPTETS[char]
        if used + size > SMS_PART:
            parts, used = parts + 1, 0
        used += size
    return parts


def fit_sms(text: str, max_parts: int = MAX_SMS_PARTS) -> str:
    """GSM ``text`` cut (``..``) so that it fits in ``max_parts`` SMS parts."""
    limit = SMS_SINGLE if max_parts == 1 else SMS_PART * max_parts
    fitted = fit(text, limit)
    while sms_parts(fitted) > max_parts:  # an escape pair pushed to the next part
        limit -= 1
        fitted = fit(text, limit)
    return fitted


def for_ussd(text: str, limit: int = USSD_SCREEN) -> str:
    """Any text as a USSD screen body: transliterated to GSM, then cut to ``limit`` septets."""
    return fit(to_gsm(text), limit)


def for_sms(text: str, max_parts: int = MAX_SMS_PARTS) -> str:
    """Any text as an outbound SMS: transliterated to GSM, then cut to ``max_parts`` parts."""
    return fit_sms(to_gsm(text), max_parts)
