"""A citizen looking an item's status up: kept as a ``StatusLookup`` row (item, channel,
workspace time; never who or from which phone), which scenarios read to see that a trainee
playing the citizen tracked by USSD or on the portal."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.models import Feedback, StatusLookup, Workspace
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Channel


def record_lookup(workspace: Workspace, item: Feedback, channel: Channel) -> None:
    """Add the lookup to the session; the caller's transaction commits it."""
    db.session.add(
        StatusLookup(
            workspace_id=workspace.id,
            feedback_id=item.id,
            channel=channel,
            at=workspace_now(workspace),
        )
    )
