"""Bilingual enum base: every member has a stable stored value and Swahili/English labels.

The value (lowercase snake_case) is what the database stores and must never change;
the labels are for people and may be reworded freely.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A str Enum (``StrEnum``) whose members are declared as ``(value, label_sw, label_en)``."""

    _label_sw: str
    _label_en: str

    def __new__(cls, value: str, label_sw: str, label_en: str) -> Self:
        """Create a member storing ``value`` and remembering both labels."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_sw = label_sw
        member._label_en = label_en
        return member

    @property
    def label_sw(self) -> str:
        """The Swahili label."""
        return self._label_sw

    @property
    def label_en(self) -> str:
        """The English label."""
        return self._label_en

    def label(self, lang: str = "sw") -> str:
        """The label in ``lang`` ("en" gives English; anything else gives Swahili)."""
        return self._label_en if lang == "en" else self._label_sw
