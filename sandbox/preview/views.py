"""The stakeholder preview's screens: each area's views live in their own module, imported here.

Endpoints other areas link to (kept stable): ``preview.proposals`` (the list),
``preview.proposal`` (``key``), ``preview.feedback`` (``key``), ``preview.report`` (``key``),
``preview.join``, ``preview.invitations``.
"""

from __future__ import annotations

from sandbox.preview.blueprint import bp

__all__ = ["bp"]

from sandbox.preview import (  # each area's routes join the blueprint
    feedback_views,  # noqa: F401
    invitation_views,  # noqa: F401
    join_views,  # noqa: F401
    pair_views,  # noqa: F401
    proposal_views,  # noqa: F401
    report_views,  # noqa: F401
)
