"""Reference numbers shown to citizens: ``MRJ-T-2026-000123`` in the demo workspace,
``MRJ-TAB-2026-000123`` in workspace number 1, and so on.

The ``T`` marks a training item: the format is deliberately fake so that no sandbox number
can be mistaken for a real e-Mrejesho reference. The letters after it (the workspace's
*tag*) make every reference unique across the installation while each workspace keeps its
own numbering, so every trainee of a cohort has the same item 42 in their own world. The
tag is derived from the workspace's id (letters only, no I, L or O), so it needs no storage
and can be read back to find the workspace; a phone user types only the digits and the
channel adds its own workspace's tag.
"""

from __future__ import annotations

import re

DEMO_TAG = "T"
TAG_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"  # no I, L or O: read aloud and typed without doubt
REFERENCE_PATTERN = re.compile(r"^MRJ-(T[A-Z]*)-(\d{4})-(\d{6,})$", re.IGNORECASE)


def workspace_tag(workspace_id: int, *, is_demo: bool) -> str:
    """``T`` for the demo, else ``T`` and the id in TAG_LETTERS (at least two letters)."""
    if is_demo:
        return DEMO_TAG
    base, letters, n = len(TAG_LETTERS), "", workspace_id
    while n or len(letters) < 2:
        n, digit = divmod(n, base)
        letters = TAG_LETTERS[digit] + letters
    return DEMO_TAG + letters


def tag_workspace_id(tag: str) -> int | None:
    """The workspace id a non-demo tag was made from, or None (the demo, or not a tag)."""
    letters = tag.upper()[1:]
    if not letters or any(c not in TAG_LETTERS for c in letters):
        return None
    n = 0
    for c in letters:
        n = n * len(TAG_LETTERS) + TAG_LETTERS.index(c)
    return n


def format_reference(year: int, seq: int, tag: str = DEMO_TAG) -> str:
    """The reference of the ``seq``-th item of ``year`` in the workspace tagged ``tag``."""
    if not 1000 <= year <= 9999 or seq < 1:
        raise ValueError(f"invalid reference parts: year={year}, seq={seq}")
    return f"MRJ-{tag.upper()}-{year:04d}-{seq:06d}"


def parse_tagged(text: str) -> tuple[str, int, int] | None:
    """``(tag, year, seq)`` from a reference typed by a person, or None if it is not one."""
    match = REFERENCE_PATTERN.match(text.strip())
    if match is None or int(match.group(3)) < 1:
        return None
    return match.group(1).upper(), int(match.group(2)), int(match.group(3))


def parse_reference(text: str) -> tuple[int, int] | None:
    """``(year, seq)`` from a reference typed by a person, or None if it is not one."""
    parsed = parse_tagged(text)
    return None if parsed is None else parsed[1:]


def in_workspace(text: str, tag: str) -> str | None:
    """The canonical reference a person meant, in the workspace tagged ``tag``.

    An untagged ``MRJ-T-…`` (what a phone user's digits become) is read as this workspace's
    own; a reference carrying another tag stays as typed (it belongs elsewhere).
    """
    parsed = parse_tagged(text)
    if parsed is None:
        return None
    typed, year, seq = parsed
    return format_reference(year, seq, tag if typed == DEMO_TAG else typed)
