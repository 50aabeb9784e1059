"""Links to a guide from anywhere: scenario steps and hints name ``slug`` or ``slug#anchor``.

``guide_url`` and ``guide_title`` are Jinja globals (registered by the guides blueprint), so
a template writes ``<a href="{{ guide_url(step.guide) }}">{{ guide_title(step.guide) }}</a>``.
"""

from __future__ import annotations

from flask import url_for

from sandbox.i18n import current_language
from sandbox.services.guides.library import competency_guide
from sandbox.services.guides.library import guide_title as _title


def guide_url(reference: str) -> str:
    """The URL of ``slug`` or ``slug#anchor`` (the page answers in the reader's language)."""
    slug, _, anchor = reference.partition("#")
    return url_for("guides.page", slug=slug, _anchor=anchor or None)


def guide_title(reference: str) -> str:
    """The guide's title in the reader's language (the slug when no such guide exists)."""
    return _title(reference, current_language()) or reference.partition("#")[0]


def step_guide(scenario, step) -> str | None:
    """The guide a scenario step links: its own ``guide:``, else the guide of the scenario's
    first competency (every competency has one: tests/guides/test_shipped.py)."""
    if step.guide:
        return step.guide
    return next(filter(None, (competency_guide(c) for c in scenario.competencies)), None)
