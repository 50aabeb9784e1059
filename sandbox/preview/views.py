"""The stakeholder preview's screens: each area's views live in their own module, imported here.

Endpoints other areas link to (kept stable): ``preview.proposals`` (the list),
``preview.proposal`` (``key``), ``preview.feedback`` (``key``), ``preview.report`` (``key``),
``preview.join``, ``preview.invitations``.
"""

from __future__ import annotations

from sandbox.preview.blueprint import bp

__all__ = ["bp"]
from sandbox.preview import (
    feedback_views,  # noqa: F401  (its routes join bp)
    report_views,  # noqa: F401  (its routes join bp)
)
