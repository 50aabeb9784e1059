"""The demo world: reference data, the demo workspace, its items and the demo personas."""

from __future__ import annotations

from collections.abc import Callable

from sandbox.models import Feedback, Workspace, WorkspaceKind
from sandbox.seeding.loader import load_seed_data
from sandbox.services.desk.templates import load_response_templates
from sandbox.services.feedback.queries import counts_by
from sandbox.services.people.users import ensure_demo_users
from sandbox.services.preview.proposals import sync_proposals
from sandbox.services.workspace.planner import refresh_planner_statistics
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.services.workspace.workspaces import find_workspace, get_or_create_workspace
from sandbox.services.workspace.world import load_world


def ensure_world(seed_data_dir: str | None = None) -> bool:
    """Load the reference world if missing; True when it was loaded now."""
    return load_world(load_seed_data(seed_data_dir))


def demo_workspace(code: str, seed: int) -> Workspace:
    """The demo workspace, created when missing."""
    return get_or_create_workspace(code, "e-Mrejesho", WorkspaceKind.DEMO, seed=seed)


def is_demo_seeded(code: str) -> bool:
    """True when the demo workspace exists and has items."""
    workspace = find_workspace(code)
    return workspace is not None and bool(counts_by(workspace, Feedback.status))


def ensure_demo(
    code: str,
    *,
    items: int,
    seed: int,
    seed_data_dir: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Workspace, int]:
    """World, demo workspace seeded once, personas, response templates, the shipped
    proposals: (workspace, added)."""
    ensure_world(seed_data_dir)
    workspace = demo_workspace(code, seed)
    added = 0
    if not counts_by(workspace, Feedback.status):
        added = seed_workspace(workspace, count=items, seed=seed, progress=progress)
    else:  # an existing database, perhaps just upgraded: its new indexes need statistics
        refresh_planner_statistics()
    ensure_demo_users(workspace)
    load_response_templates()
    sync_proposals()  # the code-backed proposals of seed_data/proposals.yaml (idempotent)
    return workspace, added
