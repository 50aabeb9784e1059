"""Searching guides: case, spacing, punctuation and diacritics do not matter.

A guide matches when the query with its spaces removed is found in the text with its spaces
removed (``e mrejesho`` finds ``e-Mrejesho``, ``sikuza kazi`` finds ``siku za kazi``), or when
every word of the query starts a word of the text (a word of one or two letters must be a
whole word). Title matches come first, then whole phrases, then scattered words.
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
    is_phrase: bool = False


def search(guides: Iterable[Guide], query: str) -> list[Hit]:
    """The guides matching ``query`` (title, then phrase matches first, then reading order)."""
    terms = words(query[:MAX_QUERY_CHARS])
    if not terms:
        return []
    hits = [hit for guide in guides if (hit := _match(guide, terms))]
    return sorted(hits, key=lambda h: (not h.in_title, not h.is_phrase, h.guide.order))


def has_phrase(text: str, terms: list[str]) -> bool:
    """True when the terms run together are in ``text`` with its spaces removed."""
    return "".join(terms) in "".join(words(text))


def matches(text: str, terms: list[str]) -> bool:
    """True for a phrase match, or when every term starts a word (short terms: is a word)."""
    if has_phrase(text, terms):
        return True
    found = words(text)
    return all(any(_fits(term, word) for word in found) for term in terms)


def _fits(term: str, word: str) -> bool:
    """A term of three letters or more starts the word, or is the word with an ending of up
    to two letters (``transfers`` finds ``transfer``); a shorter term is the word."""
    if len(term) < 3:
        return word == term
    return word.startswith(term) or (
        len(word) >= 4 and term.startswith(word) and len(term) - len(word) <= 2
    )


def _match(guide: Guide, terms: list[str]) -> Hit | None:
    """A hit for the guide, with the block that matches best as its snippet."""
    everything = f"{guide.title}\n{guide.summary}\n{guide.text}"
    in_title = matches(guide.title, terms)
    if not (in_title or matches(everything, terms)):
        return None
    blocks = [guide.summary, *guide.text.splitlines()]
    best = next((b for b in blocks if has_phrase(b, terms)), None)
    best = best or next((b for b in blocks if matches(b, terms)), None)
    if best is None:  # the words are spread over several blocks: the best covered one
        best = max(blocks, key=lambda b: sum(matches(b, [t]) for t in terms))
    snippet = _shorten(best, terms)
    return Hit(guide, snippet, in_title=in_title, is_phrase=has_phrase(everything, terms))


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
