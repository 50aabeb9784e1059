"""The guides shipped in ``guides/``, read once per process (they are files of the release).

``GUIDES_DIR`` in the app config points elsewhere (tests, a facilitator's own guides).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import current_app

from sandbox.guidebook import Guide, Hit, Library, load_library, search
from sandbox.guidebook.library import LANGUAGES

GUIDES_DIR = Path(__file__).resolve().parents[3] / "guides"


@dataclass(frozen=True)
class GuidePage:
    """A guide to show, and whether it is in another language than the reader's."""

    guide: Guide
    is_fallback: bool


@dataclass(frozen=True)
class Section:
    """A group of guides on the index: its key (for the heading) and the guides."""

    key: str
    guides: list[Guide]


def guides_folder() -> Path:
    """The configured guides folder, else the shipped ``guides/``."""
    return Path(current_app.config.get("GUIDES_DIR") or GUIDES_DIR)


@lru_cache(maxsize=4)
def _library(folder: str) -> Library:
    """The guides of a folder, read and rendered once."""
    return load_library(Path(folder))


def guide_library() -> Library:
    """Every guide of the configured folder."""
    return _library(str(guides_folder().resolve()))


def find_guide(slug: str, lang: str) -> GuidePage | None:
    """The guide in the reader's language, else in the other one (marked), else None."""
    library = guide_library()
    guide = library.get(slug, lang)
    if guide is not None:
        return GuidePage(guide, is_fallback=False)
    for other in LANGUAGES:
        if (found := library.get(slug, other)) is not None:
            return GuidePage(found, is_fallback=True)
    return None


def guide_sections(lang: str) -> list[Section]:
    """The index: start here, the officer's competencies, facilitators, stakeholders."""
    guides = guide_library().in_language(lang)
    groups = {
        "start": [g for g in guides if g.audience == "trainee" and not g.competency],
        "competencies": [g for g in guides if g.audience == "trainee" and g.competency],
        "facilitator": [g for g in guides if g.audience == "facilitator"],
        "stakeholder": [g for g in guides if g.audience == "stakeholder"],
    }
    return [Section(key, found) for key, found in groups.items() if found]


def search_guides(query: str, lang: str) -> list[Hit]:
    """The reader's language's guides matching ``query``, best first."""
    return search(guide_library().in_language(lang), query)


def guide_title(reference: str, lang: str) -> str | None:
    """The title of ``slug`` or ``slug#anchor`` in ``lang`` (else the other one), or None."""
    page = find_guide(reference.partition("#")[0], lang)
    return page.guide.title if page else None


def competency_guide(competency: str) -> str | None:
    """The slug of the guide written for a competency (its ``competency:`` front matter)."""
    every = (g for lang in guide_library().guides.values() for g in lang.values())
    return next((g.slug for g in every if g.competency == competency), None)
