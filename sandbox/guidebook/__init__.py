"""Guides as data: Markdown files in both languages, rendered safely and searched (pure)."""

from sandbox.guidebook.library import Guide, GuideError, Library, load_library
from sandbox.guidebook.render import render
from sandbox.guidebook.search import Hit, search

__all__ = ["Guide", "GuideError", "Hit", "Library", "load_library", "render", "search"]
