"""Free-text matching for checks: case, spacing, punctuation and diacritics never matter.

``normal("Tumeshughulikia  LALAMIKO!")`` is ``"tumeshughulikia lalamiko"``; a phrase matches
a text when its normal form appears there as whole words; a list of phrases (synonyms, in
both languages) matches when any one does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d")
_PHONE_LIKE = re.compile(r"\+?\d[\d\s\-.()/]{7,}\d")
MIN_NAME_PART = 3
NATIONAL_DIGITS = 9


def normal(text: str) -> str:
    """Lower case, accents and marks removed, every run of non-letters one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()


def contains(text: str, phrase: str) -> bool:
    """True when ``phrase`` appears in ``text`` as whole words, ignoring case, spacing, accents."""
    wanted = normal(phrase)
    return bool(wanted) and f" {wanted} " in f" {normal(text)} "


def contains_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first of ``phrases`` found in ``text`` (synonyms), else None."""
    return next((p for p in phrases if contains(text, p)), None)


def name_parts(name: str | None) -> list[str]:
    """The parts of a personal name long enough to recognise (3 letters or more)."""
    return [part for part in normal(name or "").split() if len(part) >= MIN_NAME_PART]


def national_number(phone: str | None) -> str | None:
    """The last 9 digits of a Tanzanian phone number written any way, or None."""
    digits = "".join(_DIGITS.findall(phone or ""))
    return digits[-NATIONAL_DIGITS:] if len(digits) >= NATIONAL_DIGITS else None


def shows_phone(text: str, phone: str | None) -> bool:
    """True when the text carries the phone's 9 national digits, separators ignored."""
    wanted = national_number(phone)
    found = (national_number(run) for run in _PHONE_LIKE.findall(text or ""))
    return wanted is not None and wanted in found


def similarity(a: str, b: str) -> float:
    """How alike two texts are once normalised, 0.0 to 1.0 (difflib's ratio over words)."""
    return SequenceMatcher(None, normal(a).split(), normal(b).split()).ratio()
