"""Finding an item by the reference a person typed, in a workspace or across the installation.

References carry their workspace's tag (``workflow.reference``): an untagged ``MRJ-T-…``
typed in a workspace means that workspace's own item; a reference with another workspace's
tag belongs there, and ``workspace_of`` says which, so a channel can say where to look.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Workspace, WorkspaceKind
from sandbox.workflow.reference import DEMO_TAG, in_workspace, parse_tagged, tag_workspace_id


def find_in(workspace: Workspace, typed: str | None) -> Feedback | None:
    """This workspace's item with the reference typed (any case, spaces ignored), or None."""
    reference = in_workspace(re.sub(r"\s+", "", typed or ""), workspace.reference_tag)
    if reference is None:
        return None
    return db.session.scalar(
        sa.select(Feedback).where(
            Feedback.workspace_id == workspace.id, Feedback.reference == reference
        )
    )


def workspace_of(typed: str | None) -> Workspace | None:
    """The workspace whose tag the typed reference carries, when it has the item; else None."""
    parsed = parse_tagged(re.sub(r"\s+", "", typed or ""))
    if parsed is None:
        return None
    tag = parsed[0]
    if tag == DEMO_TAG:
        query = sa.select(Workspace).where(Workspace.kind == WorkspaceKind.DEMO)
    else:
        query = sa.select(Workspace).where(Workspace.id == tag_workspace_id(tag))
    workspace = db.session.scalars(query.order_by(Workspace.id)).first()
    if workspace is None or find_in(workspace, typed) is None:
        return None
    return workspace
