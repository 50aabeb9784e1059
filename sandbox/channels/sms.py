"""Reading a "Sema na Kiongozi" text sent to the short code (pure: no Flask, no database).

``TANESCO umeme umekatika Mbagala`` → a complaint to the institution whose code (or SMS
keyword) is the first word; ``PENDEKEZO TANESCO …`` changes the type; ``FUATILIA <ref>`` /
``TRACK <ref>`` asks for the status. Anything else is answered with how to write it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.workflow import FeedbackType

# First word → feedback type. English words make the item (and the replies) English.
TYPE_KEYWORDS: dict[str, tuple[FeedbackType, str]] = {
    "LALAMIKO": (FeedbackType.COMPLAINT, "sw"),
    "MALALAMIKO": (FeedbackType.COMPLAINT, "sw"),
    "KERO": (FeedbackType.COMPLAINT, "sw"),
    "PENDEKEZO": (FeedbackType.SUGGESTION, "sw"),
    "MAPENDEKEZO": (FeedbackType.SUGGESTION, "sw"),
    "SWALI": (FeedbackType.INQUIRY, "sw"),
    "MASWALI": (FeedbackType.INQUIRY, "sw"),
    "ULIZO": (FeedbackType.INQUIRY, "sw"),
    "PONGEZI": (FeedbackType.COMPLIMENT, "sw"),
    "COMPLAINT": (FeedbackType.COMPLAINT, "en"),
    "SUGGESTION": (FeedbackType.SUGGESTION, "en"),
    "QUESTION": (FeedbackType.INQUIRY, "en"),
    "INQUIRY": (FeedbackType.INQUIRY, "en"),
    "COMPLIMENT": (FeedbackType.COMPLIMENT, "en"),
}
TRACK_KEYWORDS = {"FUATILIA": "sw", "TRACK": "en"}

# Words a citizen may use instead of an institution code: keyword → institution code.
INSTITUTION_KEYWORDS = {
    "UMEME": "TANESCO",
    "MAJI": "RUWASA",
    "BARABARA": "TARURA",
    "KITAMBULISHO": "NIDA",
    "KODI": "TRA",
    "BIMA": "NHIF",
    "MIKOPO": "HESLB",
    "RUSHWA": "PCCB",
    "TAKUKURU": "PCCB",
    "UHAMIAJI": "IMMIGRATION",
    "AJIRA": "PSRS",
    "UTUMISHI": "UTUMISHI",
}
MAX_WORD = 40
_TRIM = ".,:;!?-\"'()"


@dataclass(frozen=True)
class Track:
    """FUATILIA / TRACK <reference>."""

    reference_text: str
    lang: str


@dataclass(frozen=True)
class Submit:
    """<TYPE?> <INSTITUTION> <description>."""

    type: FeedbackType
    institution_word: str
    description: str
    lang: str


@dataclass(frozen=True)
class Help:
    """Nothing we can act on; the reply explains how to write it."""

    reason: str  # "empty", "no_institution", "no_description"


def _keyword(word: str) -> str:
    """A word as it is compared with the keyword lists."""
    return word.strip(_TRIM).upper()[:MAX_WORD]


def parse_sms(text: str) -> Track | Submit | Help:
    """What an inbound text asks for."""
    words = (text or "").split()
    if not words:
        return Help("empty")
    first = _keyword(words[0])
    if first in TRACK_KEYWORDS:
        return Track(" ".join(words[1:]), TRACK_KEYWORDS[first])
    feedback_type, lang = FeedbackType.COMPLAINT, "sw"
    if first in TYPE_KEYWORDS:
        feedback_type, lang = TYPE_KEYWORDS[first]
        words = words[1:]
    if not words or not _keyword(words[0]):
        return Help("no_institution")
    if len(words) < 2:
        return Help("no_description")
    return Submit(feedback_type, _keyword(words[0]), " ".join(words[1:]), lang)


def institution_code(word: str) -> str:
    """The institution code a first word stands for (a code, or a keyword's code)."""
    return INSTITUTION_KEYWORDS.get(word, word)
