"""Searching guides: case, spacing, punctuation and diacritics do not matter.

A guide matches when every word of the query is found in its title or text, or when the
query with its spaces removed is found in the text with its spaces removed (``e mrejesho``
finds ``e-Mrejesho``, ``sikuza kazi`` finds ``siku za kazi``). Title matches come first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sandbox.guidebook.library import Guide
from sandbox.guidebook.render import words

SNIPPET_CHARS = 180
MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class Hit:
    """A guide that matched, and the passage of it that did."""

    guide: Guide
    snippet: str
    in_title: bool


def search(guides: Iterable[Guide], query: str) -> list[Hit]:
    """The guides matching ``query`` (title matches first, then reading order)."""
    terms = words(query[:MAX_QUERY_CHARS])
    if not terms:
        return []
    hits = [hit for guide in guides if (hit := _match(guide, terms))]
    return sorted(hits, key=lambda h: (not h.in_title, h.guide.order, h.guide.slug))


def matches(text: str, terms: list[str]) -> bool:
    """True when every term is in ``text``, or the terms run together are in it spaceless."""
    found = words(text)
    if all(t in " ".join(found) for t in terms):
        return True
    return "".join(terms) in "".join(found)


def _match(guide: Guide, terms: list[str]) -> Hit | None:
    """A hit for the guide, with the first block that matches as its snippet."""
    in_title = matches(guide.title, terms)
    if not (in_title or matches(f"{guide.title}\n{guide.summary}\n{guide.text}", terms)):
        return None
    blocks = [guide.summary, *guide.text.splitlines()]
    best = next((b for b in blocks if matches(b, terms)), None)
    if best is None:  # the words are spread over several blocks: the best covered one
        best = max(blocks, key=lambda b: sum(t in " ".join(words(b)) for t in terms))
    return Hit(guide=guide, snippet=_shorten(best, terms), in_title=in_title)


def _shorten(block: str, terms: list[str]) -> str:
    """A block cut to a phone-sized snippet at word boundaries, around the first term."""
    block = " ".join(block.split())
    if len(block) <= SNIPPET_CHARS:
        return block
    at = block.casefold().find(terms[0])
    start = 0 if at < SNIPPET_CHARS // 2 else at - SNIPPET_CHARS // 3
    if start:
        block = "… " + block[start:].split(" ", 1)[-1]
    if len(block) <= SNIPPET_CHARS:
        return block
    return block[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
