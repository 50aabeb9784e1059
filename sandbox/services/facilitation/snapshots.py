"""Snapshots of a cohort's workspaces: saved, listed, restored, pruned.

Decisions:

- A snapshot is rows in mirror tables (``models/snapshot.py``), not workspaces of their
  own kind: restoring must give items back **their own ids**, since scenario attempts name
  their items by id (``placed``) and tell items made during an attempt by id. Saving and
  restoring are ``INSERT … SELECT`` inside the database, never row by row in Python.
- What is saved: every world table's rows of the chosen workspaces, their clocks and
  reference counters, and the state of their scenario attempts (steps passed, score,
  current or not). Accounts, enrolments, login sessions and xAPI statements are never
  saved or restored: they are not the world. Restoring leaves attempts started after the
  snapshot in history, no longer current (their items are gone).
- "The cohort's workspaces" is ``cohort_workspaces``: its trainees' workspaces, plus any
  shared workspace for group exercises, if it has one (a named snapshot "after exercise
  2" keeps and restores it too).
- Automatic snapshots (taken before each reset) are kept for the last ``KEEP_AUTOMATIC``
  resets of a cohort; older ones are pruned (those resets can no longer be undone).
- A trainee's **fresh world** is saved once (``is_fresh``) the first time a reset makes it
  (a copy of the cohort's base world): later resets put those rows back with their own
  ids, which is several times faster than copying again, and keeps the world's items below
  the ``first_new_id`` of every attempt started since (which never takes them for its own).
  Named snapshots stay until the cohort goes.
- Nothing here commits, except ``save_snapshot`` and ``restore_snapshot``, the use cases.
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, ResetRecord, ScenarioAttempt, Snapshot, Workspace
from sandbox.models.snapshot import (
    ATTEMPT_COLUMNS,
    ATTEMPT_MIRROR,
    CLOCK_COLUMNS,
    MIRRORS,
    WORKSPACE_MIRROR,
    WORLD_TABLES,
)
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError

KEEP_AUTOMATIC = 3
MAX_LABEL = 120


class SnapshotRefused(BilingualError, ValueError):
    """A snapshot that cannot be saved or restored (no label, unknown label)."""


def cohort_workspaces(cohort: Cohort) -> list[int]:
    """The ids of the cohort's workspaces: its trainees', then its shared one (if any)."""
    ids = list(
        db.session.scalars(
            sa.select(Enrolment.workspace_id)
            .where(Enrolment.cohort_id == cohort.id)
            .order_by(Enrolment.id)
        )
    )
    shared = cohort.shared_workspace_id
    return [*ids, shared] if shared is not None and shared not in ids else ids


def take_snapshot(
    cohort: Cohort,
    workspace_ids: list[int],
    label: str,
    user,
    *,
    automatic: bool,
    fresh: bool = False,
) -> Snapshot:
    """Save these workspaces' world rows, clocks and attempts into a new snapshot; no commit."""
    snapshot = Snapshot(
        cohort_id=cohort.id,
        label=label[:MAX_LABEL],
        is_automatic=automatic or fresh,
        is_fresh=fresh,
        created_by_id=user.id if user is not None else None,
        created_at=wall_now(),
        workspaces=len(workspace_ids),
    )
    db.session.add(snapshot)
    db.session.flush()
    for table in WORLD_TABLES:
        _save(table, MIRRORS[table.name], snapshot, table.c.workspace_id.in_(workspace_ids))
    workspace, attempt = Workspace.__table__, ScenarioAttempt.__table__
    _save(workspace, WORKSPACE_MIRROR, snapshot, workspace.c.id.in_(workspace_ids))
    _save(attempt, ATTEMPT_MIRROR, snapshot, attempt.c.workspace_id.in_(workspace_ids))
    snapshot.items = _saved_items(snapshot)
    return snapshot


def _save(table: sa.Table, mirror: sa.Table, snapshot: Snapshot, where) -> None:
    """INSERT INTO mirror SELECT the table's rows matching ``where``."""
    names = [c.name for c in mirror.columns if c.name not in ("snapshot_row", "snapshot_id")]
    select = sa.select(sa.literal(snapshot.id), *[table.c[n] for n in names]).where(where)
    db.session.execute(
        sa.insert(mirror).from_select(["snapshot_id", *names], select.order_by(table.c.id))
    )


def _saved_items(snapshot: Snapshot) -> int:
    """How many items the snapshot holds."""
    mirror = MIRRORS["feedback"]
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(mirror).where(mirror.c.snapshot_id == snapshot.id)
    )


def snapshot_workspaces(snapshot: Snapshot) -> list[int]:
    """The ids of the workspaces a snapshot saved."""
    mirror = WORKSPACE_MIRROR
    return list(
        db.session.scalars(
            sa.select(mirror.c.id).where(mirror.c.snapshot_id == snapshot.id).order_by(mirror.c.id)
        )
    )


def put_back(snapshot: Snapshot) -> int:
    """Replace the saved workspaces' world rows, clocks and attempts by the saved ones; no commit.

    Returns the items put back."""
    ids = snapshot_workspaces(snapshot)
    for table in WORLD_TABLES:
        db.session.execute(sa.delete(table).where(table.c.workspace_id.in_(ids)))
    put_back_world(snapshot)
    _put_back_columns(Workspace.__table__, WORKSPACE_MIRROR, CLOCK_COLUMNS, snapshot)
    attempt = ScenarioAttempt.__table__
    db.session.execute(  # none current first: the saved ones become current again below, and
        # those started after the snapshot stay not current (their items are gone). In this
        # order no statement ever holds two current attempts of one scenario at once.
        sa.update(attempt).where(attempt.c.workspace_id.in_(ids)).values(is_current=False)
    )
    _put_back_columns(attempt, ATTEMPT_MIRROR, ATTEMPT_COLUMNS, snapshot)
    db.session.expire_all()
    return snapshot.items


def put_back_world(snapshot: Snapshot) -> None:
    """Insert the snapshot's world rows, with their own ids, into emptied workspaces."""
    for table in reversed(WORLD_TABLES):
        mirror = MIRRORS[table.name]
        names = [c.name for c in table.columns]
        select = sa.select(*[mirror.c[n] for n in names]).where(mirror.c.snapshot_id == snapshot.id)
        db.session.execute(sa.insert(table).from_select(names, select.order_by(mirror.c.id)))


def fresh_snapshots(workspace_ids: list[int]) -> dict[int, Snapshot]:
    """The fresh-world snapshot of each of these workspaces that has one, by workspace id."""
    mirror = WORKSPACE_MIRROR
    rows = db.session.execute(
        sa.select(mirror.c.id, Snapshot)
        .join(Snapshot, Snapshot.id == mirror.c.snapshot_id)
        .where(Snapshot.is_fresh.is_(True), mirror.c.id.in_(workspace_ids))
        .order_by(Snapshot.id)
    )
    return dict(rows.all())


def _put_back_columns(table: sa.Table, mirror: sa.Table, columns, snapshot: Snapshot) -> None:
    """UPDATE the table's saved rows, each column from its saved value (portable SQL)."""
    own = sa.and_(mirror.c.snapshot_id == snapshot.id, mirror.c.id == table.c.id)
    values = {name: sa.select(mirror.c[name]).where(own).scalar_subquery() for name in columns}
    saved = sa.select(mirror.c.id).where(mirror.c.snapshot_id == snapshot.id)
    db.session.execute(sa.update(table).where(table.c.id.in_(saved)).values(values))


def drop_snapshot(snapshot_id: int) -> None:
    """Delete a snapshot's saved rows and the snapshot itself; no commit."""
    for mirror in (*MIRRORS.values(), WORKSPACE_MIRROR, ATTEMPT_MIRROR):
        db.session.execute(sa.delete(mirror).where(mirror.c.snapshot_id == snapshot_id))
    db.session.execute(
        sa.update(ResetRecord)
        .where(ResetRecord.snapshot_id == snapshot_id)
        .values(snapshot_id=None)
    )
    db.session.execute(sa.delete(Snapshot.__table__).where(Snapshot.id == snapshot_id))


def prune_automatic(cohort: Cohort) -> None:
    """Drop the automatic snapshots of the cohort but the newest ``KEEP_AUTOMATIC``; no commit."""
    old = db.session.scalars(
        sa.select(Snapshot.id)
        .where(
            Snapshot.cohort_id == cohort.id,
            Snapshot.is_automatic.is_(True),
            Snapshot.is_fresh.is_(False),
        )
        .order_by(Snapshot.id.desc())
        .offset(KEEP_AUTOMATIC)
    ).all()
    for snapshot_id in old:
        drop_snapshot(snapshot_id)


def named_snapshots(cohort: Cohort) -> list[Snapshot]:
    """The cohort's named snapshots, newest first."""
    return list(
        db.session.scalars(
            sa.select(Snapshot)
            .where(Snapshot.cohort_id == cohort.id, Snapshot.is_automatic.is_(False))
            .order_by(Snapshot.id.desc())
        )
    )


def named_snapshot(cohort: Cohort, label: str) -> Snapshot:
    """The cohort's newest named snapshot with this label (SnapshotRefused if none)."""
    found = db.session.scalar(
        sa.select(Snapshot)
        .where(
            Snapshot.cohort_id == cohort.id,
            Snapshot.is_automatic.is_(False),
            Snapshot.label == label.strip(),
        )
        .order_by(Snapshot.id.desc())
        .limit(1)
    )
    if found is None:
        raise SnapshotRefused(
            f"Kundi hili halina nakala iitwayo '{label}'.",
            f"This cohort has no snapshot named '{label}'.",
        )
    return found


def save_snapshot(cohort: Cohort, label: str, user) -> Snapshot:
    """Save a named snapshot of every workspace of the cohort; commits."""
    label = " ".join((label or "").split())
    if not label or len(label) > MAX_LABEL:
        raise SnapshotRefused(
            f'Andika jina la nakala (herufi 1 hadi {MAX_LABEL}), mfano "baada ya zoezi 2".',
            f'Write a name for the snapshot (1 to {MAX_LABEL} characters), like "after '
            'exercise 2".',
        )
    snapshot = take_snapshot(cohort, cohort_workspaces(cohort), label, user, automatic=False)
    db.session.commit()
    return snapshot
