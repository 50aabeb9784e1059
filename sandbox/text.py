"""Cleaning text that users and gateways send (pure: no Flask, no database).

Control characters, LIKE patterns, and numbers typed into URLs and forms (ids, page numbers)
are made safe here, once, for every screen and channel.
"""

from __future__ import annotations

import re
import unicodedata

# Control characters except tab and line breaks (NUL among them: PostgreSQL refuses it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f]")
_LIKE_SPECIAL = re.compile(r"([\\%_])")

LIKE_ESCAPE = "\\"
# Every id column is INTEGER: 32 bits on PostgreSQL, the narrower of our two databases.
# A larger number can name no row; passed on, it would overflow SQLite's 64-bit integers.
MAX_ID = 2**31 - 1
# Beyond this a page number only asks for an empty page (and offsets stay small integers).
MAX_PAGE = 100_000


def as_read(text: str) -> str:
    """The text as a reader sees it: compatibility forms folded (full-width ``Ｚ`` and ``＠``
    to ``Z`` and ``@``), every decimal digit as 0-9 (Arabic-Indic too), and invisible
    format characters (soft hyphen, zero-width space and joiners) removed. Checks for
    personal data and for a reason's length read this, so tricks a reader never sees pass
    none of them."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(_as_read_char(c) for c in folded if unicodedata.category(c) != "Cf")


def _as_read_char(char: str) -> str:
    """One character with any decimal digit written 0-9."""
    digit = unicodedata.decimal(char, None)
    return str(digit) if digit is not None and not char.isascii() else char


def without_control(text: str, *, single_line: bool = False) -> str:
    """The text without control characters; ``single_line`` drops tabs and line breaks too."""
    return (_CONTROL_AND_BREAKS if single_line else _CONTROL).sub("", text)


def one_line(text: str | None) -> str:
    """A name as stored: runs of spaces and line breaks made one space, trimmed, control and
    invisible format characters dropped ("Asha\r\nMushi" is "Asha Mushi")."""
    kept = "".join(c for c in (text or "") if c.isprintable() or c.isspace())
    return " ".join(kept.split())


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern matching ``text`` literally (``%`` and ``_`` too); use LIKE_ESCAPE."""
    escaped = _LIKE_SPECIAL.sub(r"\\\1", text.replace("\x00", ""))
    return f"{escaped}%" if prefix else f"%{escaped}%"


def parse_id(value: object) -> int | None:
    """A row id typed or posted as text; None unless digits naming a possible row (1..MAX_ID)."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def page_number(value: object) -> int:
    """A page number from a query string: 1 when missing or garbled, at most MAX_PAGE."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(text), 1), MAX_PAGE)
