"""A cohort's base world, copied inside the database into its trainees' workspaces.

Decisions (docs/PERFORMANCE.md, "Resetting a cohort"):

- Each cohort's world is generated **once**, into a hidden workspace of its own
  (``CohortWorld``: TRAINEE kind, no enrolment, no login, clock frozen at the cohort's start),
  from the cohort's seed with ``TRAINEE_ITEMS`` items, by the cohort's first join (or first
  reset). Every join then **copies** it (``services/training/joining.py``), as a reset does:
  generating 300 items was most of a join's time, and a hall of 150 joins at once
  (issue 14, docs/PERFORMANCE.md "Joining").
- A reset to the fresh world deletes the workspace's world rows and **copies** the base
  world's items and events with ``INSERT … SELECT``: new primary keys from the database
  (no explicit id, so PostgreSQL's sequences stay right), the workspace id replaced, the
  reference's workspace tag rewritten (``MRJ-<tag>-…``), and the synthetic staff of the base
  world (``ws<code>.<institution>.afisa1``…) mapped to the same staff of the target by
  username, wherever a row names them: an item's assignee, an event's actor, and an
  assignment event's ``assignee:<id>`` detail (a copy that kept the base world's id named
  a user of another workspace, and its cohort's archive could not be exported).
  Nothing goes through Python row by row; nothing here commits.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import (
    Cohort,
    CohortWorld,
    Feedback,
    FeedbackEvent,
    User,
    Workspace,
    WorkspaceKind,
)
from sandbox.models.snapshot import WORLD_TABLES
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.services.workspace.workspaces import create_workspace
from sandbox.text import LIKE_ESCAPE, like_pattern

TRAINEE_ITEMS = 300  # items in a cohort's world: each trainee's, and the shared one
WORKSPACE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # readable: no 0/o, 1/i/l
ASSIGNEE = "assignee:"  # an assignment event's detail: ``assignee:<user id>``


def base_world(cohort: Cohort) -> Workspace:
    """The cohort's base world, generated (and committed) the first time it is asked for.

    The world is claimed before it is generated: its workspace and its ``CohortWorld`` row
    are the transaction's first writes, and the items follow in the same commit. Of several
    first joins at once, one generates; the others wait at their claim (SQLite's one writer,
    PostgreSQL's unique key) and then use that world, instead of each generating one to throw
    away (on SQLite, queueing past the busy timeout). A server killed meanwhile leaves nothing.
    """
    found = db.session.get(CohortWorld, cohort.id)
    if found is not None:
        return db.session.get(Workspace, found.workspace_id)
    code = "b" + "".join(secrets.choice(WORKSPACE_ALPHABET) for _ in range(7))
    workspace = create_workspace(
        code,
        cohort.name,
        WorkspaceKind.TRAINEE,  # a trainee's world nobody signs in to
        seed=cohort.seed,
        clock_base=cohort.start_at,
        running=False,
        commit=False,
    )
    db.session.add(CohortWorld(cohort_id=cohort.id, workspace_id=workspace.id))
    try:
        db.session.flush()
    except IntegrityError:  # another join or reset claimed it meanwhile: use that one
        db.session.rollback()
        return db.session.get(Workspace, db.session.get(CohortWorld, cohort.id).workspace_id)
    seed_workspace(workspace, count=TRAINEE_ITEMS, seed=cohort.seed)  # commits the whole world
    return workspace


def clear_world(workspace_ids: list[int]) -> None:
    """Delete every world row of these workspaces (children first); no commit."""
    for table in WORLD_TABLES:
        db.session.execute(sa.delete(table).where(table.c.workspace_id.in_(workspace_ids)))


@dataclass(frozen=True)
class WorldRows:
    """The ids of a base world's items and events, read once for every copy of a reset.

    Each copy then reads its rows by primary key, whatever the planner's statistics say
    (an ``ANALYZE`` taken while only the base world had items made SQLite scan every
    workspace's events for each copy: 150 scans of the whole table for one cohort).
    """

    items: tuple[int, ...]
    events: tuple[int, ...]


def world_rows(source: Workspace) -> WorldRows:
    """The ids of the source's items and events."""
    items = db.session.scalars(
        sa.select(Feedback.id).where(Feedback.workspace_id == source.id).order_by(Feedback.id)
    )
    events = db.session.scalars(
        sa.select(FeedbackEvent.id)
        .where(FeedbackEvent.workspace_id == source.id)
        .order_by(FeedbackEvent.id)
    )
    return WorldRows(tuple(items), tuple(events))


def copy_world(source: Workspace, target: Workspace, rows: WorldRows | None = None) -> int:
    """Copy the source's items and events into the (cleared) target; the items copied.

    The target's clock starts again from the source's moment and runs from now.
    """
    rows = rows or world_rows(source)
    copied = _copy_items(source, target, rows.items)
    _copy_events(source, target, rows.events)
    restart_like(source, target)
    return copied


def restart_like(source: Workspace, target: Workspace) -> None:
    """The target's counters as the source's; its clock from the source's moment, from now."""
    target.next_reference_seq = source.next_reference_seq
    target.escalations_checked_at = source.escalations_checked_at
    target.clock_base, target.clock_started_at = source.clock_base, wall_now()
    target.seed, target.size = source.seed, source.size


def _staff_of(source: Workspace, target: Workspace, user_id: sa.ColumnElement, name: str = "staff"):
    """(join, mapped id): the target's staff member of the source's staff member ``user_id``.

    ``name`` tells the joins' aliases apart when one statement maps two columns."""
    old, new = User.__table__.alias(f"old_{name}"), User.__table__.alias(f"new_{name}")
    old_prefix, new_prefix = f"ws{source.code}.", f"ws{target.code}."
    renamed = sa.literal(new_prefix) + sa.func.substr(old.c.username, len(old_prefix) + 1)
    joins = (
        (old, sa.and_(old.c.id == user_id, old.c.workspace_id == source.id)),
        (new, new.c.username == renamed),
    )
    return joins, new.c.id


def _retagged(column: sa.ColumnElement, source: Workspace, target: Workspace):
    """``MRJ-<source tag>-`` replaced by ``MRJ-<target tag>-`` in a text column."""
    return sa.func.replace(column, f"MRJ-{source.reference_tag}-", f"MRJ-{target.reference_tag}-")


def _copy_items(source: Workspace, target: Workspace, ids: tuple[int, ...]) -> int:
    """INSERT … SELECT of the source's feedback rows into the target."""
    feedback = Feedback.__table__
    joins, assignee = _staff_of(source, target, feedback.c.assignee_id)
    special = {
        "workspace_id": sa.literal(target.id),
        "reference": _retagged(feedback.c.reference, source, target),
        "assignee_id": assignee,
    }
    names = [c.name for c in feedback.columns if c.name != "id"]
    frm = feedback
    for table, on in joins:
        frm = frm.outerjoin(table, on)
    select = (
        sa.select(*[special.get(n, feedback.c[n]) for n in names])
        .select_from(frm)
        .where(feedback.c.id.in_(ids))
        .order_by(feedback.c.id)
    )
    return db.session.execute(sa.insert(feedback).from_select(names, select)).rowcount


def _copy_events(source: Workspace, target: Workspace, ids: tuple[int, ...]) -> None:
    """INSERT … SELECT of the source's events, each pointed at its item's copy."""
    events = FeedbackEvent.__table__
    old_item, new_item = Feedback.__table__.alias("old_item"), Feedback.__table__.alias("new_item")
    joins, actor = _staff_of(source, target, events.c.actor_id)
    assigning = events.c.detail.like(like_pattern(ASSIGNEE, prefix=True), escape=LIKE_ESCAPE)
    named = sa.case((assigning, sa.cast(sa.func.substr(events.c.detail, len(ASSIGNEE) + 1),
                                         sa.Integer)))  # fmt: skip
    detail_joins, assignee = _staff_of(source, target, named, "assignee")
    special = {
        "workspace_id": sa.literal(target.id),
        "feedback_id": new_item.c.id,
        "actor_id": actor,
        "text": _retagged(events.c.text, source, target),
        # an assignment's detail names its assignee by id (workflow/history.py): the target's
        "detail": sa.case(
            (assigning, sa.literal(ASSIGNEE) + sa.cast(assignee, sa.String)),
            else_=events.c.detail,
        ),
    }
    names = [c.name for c in events.columns if c.name != "id"]
    frm = events.join(old_item, old_item.c.id == events.c.feedback_id).join(
        new_item,
        sa.and_(
            new_item.c.workspace_id == target.id,
            new_item.c.reference == _retagged(old_item.c.reference, source, target),
        ),
    )
    for table, on in (*joins, *detail_joins):
        frm = frm.outerjoin(table, on)
    select = (
        sa.select(*[special.get(n, events.c[n]) for n in names])
        .select_from(frm)
        .where(events.c.id.in_(ids))
        .order_by(events.c.id)
    )
    db.session.execute(sa.insert(events).from_select(names, select))
