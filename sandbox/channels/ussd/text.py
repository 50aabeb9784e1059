"""Text helpers for USSD screens: clipping, short institution names, typed references.

Lengths are GSM septets (``sandbox.channels.gsm``), not Python characters.
"""

from __future__ import annotations

import re

from sandbox.channels import gsm
from sandbox.channels.ussd.menus import ABBREVIATIONS
from sandbox.workflow import format_reference
from sandbox.workflow.reference import DEMO_TAG

SHORT_NAME = 28


def fit(body: str, limit: int) -> str:
    """Any text in the GSM alphabet, clipped to ``limit`` septets ('..' marks the cut)."""
    return gsm.for_ussd(body, limit)


def short_name(name: str, limit: int = SHORT_NAME) -> str:
    """An institution's name short enough for a numbered USSD list (GSM, at most ``limit``)."""
    name = gsm.to_gsm(name, single_line=True)
    for long, short in ABBREVIATIONS.items():
        name = name.replace(long, short)
    acronym = re.search(r"\(([^()]{2,12})\)\s*$", name)
    if gsm.septets(name) > limit and acronym:
        return fit(acronym.group(1), limit)
    return fit(name, limit)


def normalise_reference(text: str) -> str | None:
    """A reference from what a keypad can type: MRJ-T-2026-000123, 2026-123, 2026000123.

    A typed workspace tag (``MRJ-TAB-…``) is kept; digits alone give the untagged form,
    which the channel reads as its own workspace's (``workflow.reference.in_workspace``).
    """
    tag = re.search(r"MRJ\W*(T[A-Z]*)\W", (text or "").upper())
    groups = re.findall(r"\d+", text or "")
    if len(groups) >= 2 and len(groups[-2]) == 4:
        year, seq = groups[-2], groups[-1]
    elif len(groups) == 1 and 5 <= len(groups[0]) <= 14:
        year, seq = groups[0][:4], groups[0][4:]
    else:
        return None
    if len(seq) > 9 or int(seq) < 1 or int(year) < 1000:
        return None
    return format_reference(int(year), int(seq), tag.group(1) if tag else DEMO_TAG)
