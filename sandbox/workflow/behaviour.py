"""Behaviour switched on or off per workspace: every toggle declared once, with its default.

A workspace stores only the toggles it changed (``WorkspaceFlag`` rows), so a new toggle
needs no migration and no backfill.
"""

from __future__ import annotations

from sandbox.workflow.labels import Labelled


class Toggle(Labelled):
    """The behaviours a workspace can switch (value, Swahili, English)."""

    AUTO_ESCALATION = (
        "auto_escalation",
        "Kupandisha ngazi kiotomatiki mrejesho uliochelewa",
        "Escalate overdue feedback automatically",
    )
    REPLY_IDENTITY_WARNING = (
        "reply_identity_warning",
        "Onya jibu linapotaja jina au simu ya mlalamikaji",
        "Warn when a reply names the complainant or their phone",
    )


DEFAULTS: dict[Toggle, bool] = {Toggle.AUTO_ESCALATION: True, Toggle.REPLY_IDENTITY_WARNING: True}
