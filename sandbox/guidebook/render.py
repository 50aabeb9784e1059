"""Markdown to safe HTML: CommonMark with tables, no raw HTML, then an nh3 allow-list.

Two locks, so one mistake is not enough: markdown-it-py is told ``html=False`` (a tag in a
source is shown as text) and refuses ``javascript:`` links; nh3 then keeps only the tags
and attributes below and links that are relative or http(s). Headings get a stable ``id``
(their words, lowercased, without diacritics) so a scenario or another guide can link one;
a heading may name its own, language-neutral, anchor: ``## Saa ya mafunzo {#clock}``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
URL_SCHEMES = {"http", "https"}

EXPLICIT_ANCHOR = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


@dataclass(frozen=True)
class Rendered:
    """A guide body as safe HTML, its plain text (for search) and its heading anchors."""

    html: str
    text: str
    anchors: tuple[str, ...]
    explicit_anchors: tuple[str, ...] = ()


def anchor_of(heading: str) -> str:
    """A heading's anchor: ``Siku za kazi na saa`` → ``siku-za-kazi-na-saa``."""
    return "-".join(words(heading)) or "sehemu"


def words(text: str) -> list[str]:
    """Lowercase words without diacritics or punctuation (``Ukaguzi–Usiri`` → two words)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


def render(source: str) -> Rendered:
    """Render a Markdown body (no front matter) to sanitised HTML with heading anchors."""
    tokens = _md.parse(source)
    anchors: list[str] = []
    explicit: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            named = _take_explicit_anchor(tokens[index + 1])
            anchor = _unique(named or anchor_of(tokens[index + 1].content), anchors)
            token.attrSet("id", anchor)
            anchors.append(anchor)
            explicit += [anchor] if named else []
    html = _md.renderer.render(tokens, _md.options, {})
    return Rendered(sanitise(html), plain_text(tokens), tuple(anchors), tuple(explicit))


def sanitise(html: str) -> str:
    """Keep only the allowed tags, attributes and link schemes (relative links pass)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(tokens) -> str:
    """The words a reader sees, one block a line (markup and link targets left out)."""
    blocks = []
    for token in tokens:
        if token.type == "inline":
            blocks.append("".join(_child_text(c) for c in token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return "\n".join(b for b in blocks if b)


def _child_text(child) -> str:
    """An inline token's words; a line break inside a paragraph reads as a space."""
    return " " if child.type in ("softbreak", "hardbreak") else child.content


def _take_explicit_anchor(inline) -> str | None:
    """Remove a trailing ``{#id}`` from a heading's text and return the id (or None)."""
    match = EXPLICIT_ANCHOR.search(inline.content)
    if not match:
        return None
    inline.content = inline.content[: match.start()]
    last = inline.children[-1] if inline.children else None
    if last is not None and last.type == "text":
        last.content = EXPLICIT_ANCHOR.sub("", last.content)
    return match.group(1)


def _unique(anchor: str, taken: list[str]) -> str:
    """The anchor, numbered when the same heading text came earlier (``hatua-2``)."""
    candidate, n = anchor, 1
    while candidate in taken:
        n += 1
        candidate = f"{anchor}-{n}"
    return candidate
