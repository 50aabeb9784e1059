"""Filling a workspace with synthetic feedback: staff actors, items and their histories.

Generation is pure (``sandbox.seeding.generator``); this module reads the ids it needs
(ORDER BY id everywhere, so a seed gives the same rows in a fresh database), writes
with Core inserts in chunks, and commits once per call.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from sandbox.extensions import db
from sandbox.models import (
    Category,
    District,
    Feedback,
    FeedbackEvent,
    Institution,
    Region,
    User,
    Workspace,
)
from sandbox.models.reference import institution_category
from sandbox.seeding.catalog import Catalog, InstitutionEntry, StaffMember
from sandbox.seeding.data import SeedData
from sandbox.seeding.generator import generate
from sandbox.seeding.loader import load_seed_data
from sandbox.seeding.personas import persona_institutions
from sandbox.seeding.provider import make_faker
from sandbox.services.feedback.attachments import upload_folder
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.planner import refresh_planner_statistics
from sandbox.services.workspace.rules import rules_for
from sandbox.text import LIKE_ESCAPE, like_pattern
from sandbox.workflow import Role, WorkspaceRules
from sandbox.workflow.behaviour import ON_BY_DEFAULT

CHUNK_SIZE = 5000
OFFICERS_PER_INSTITUTION = 2
Staff = dict[int, tuple[tuple[StaffMember, ...], StaffMember]]  # institution id -> (officers, head)


class WorkspaceNotEmpty(ValueError):
    """Seeding refused: the workspace already has feedback."""


def ensure_staff(workspace: Workspace, seed: int, *, commit: bool = True) -> Staff:
    """Every institution's synthetic officers and head in this workspace (created once)."""
    staff = _ensure_staff(workspace, seed)
    if commit:
        db.session.commit()
    return staff


def seed_workspace(
    workspace: Workspace,
    *,
    count: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    toggles_at_default: bool = False,
    commit: bool = True,
) -> int:
    """Generate ``count`` items with their histories into an empty workspace, in one commit
    (then the planner's statistics); with ``commit=False``, flushed in the caller's.

    Automatic escalations due by the workspace's now are already in the histories, so the
    workspace is stamped as checked (no first read pays for a backlog). The histories follow
    the workspace's rules; ``toggles_at_default`` generates them as if no toggle were switched
    (a preview pair's two sides: one world from one seed, the toggle applying from then on)."""
    if _has_feedback(workspace):
        raise WorkspaceNotEmpty(
            f"Workspace '{workspace.code}' already has feedback: clear it first "
            "(`mrejesho seed --replace`) or seed another workspace."
        )
    staff = _ensure_staff(workspace, seed)
    catalog = build_catalog(staff, _seed_data(), focus=persona_institutions())
    now = workspace_now(workspace)
    items = generate(
        catalog,
        count=count,
        seed=seed,
        now=now,
        start_seq=workspace.next_reference_seq,
        rules=_generating_rules(workspace, toggles_at_default),
        tag=workspace.reference_tag,
    )
    done = 0
    for chunk in _chunks(items, CHUNK_SIZE):
        _insert_chunk(workspace.id, chunk)
        done += len(chunk)
        if progress is not None:
            progress(done)
    workspace.next_reference_seq += done
    workspace.seed, workspace.size = seed, done  # regenerating uses these unless told otherwise
    workspace.escalations_checked_at = now  # the generator escalated what fell due by now
    if commit:
        db.session.commit()
        refresh_planner_statistics()
    else:
        db.session.flush()
    return done


def _generating_rules(workspace: Workspace, toggles_at_default: bool) -> WorkspaceRules:
    """The workspace's rules, or the same with every toggle at its default."""
    rules = rules_for(workspace)
    return replace(rules, toggles=ON_BY_DEFAULT) if toggles_at_default else rules


def clear_workspace_feedback(workspace: Workspace) -> int:
    """Delete a workspace's feedback and every row pointing at it (events, SMS…), in one commit.

    Attachment files go too. Staff accounts stay; reference numbering restarts at 1, so
    reseeding with the same seed gives the same items again.
    """
    feedback = Feedback.__table__
    ids = sa.select(feedback.c.id).where(feedback.c.workspace_id == workspace.id)
    for table, column in _tables_pointing_at(feedback):
        db.session.execute(sa.delete(table).where(column.in_(ids)))
    deleted = db.session.execute(sa.delete(feedback).where(feedback.c.workspace_id == workspace.id))
    workspace.next_reference_seq = 1
    db.session.commit()
    refresh_planner_statistics()
    shutil.rmtree(upload_folder(workspace.id), ignore_errors=True)  # the attachments' files
    return deleted.rowcount


def _tables_pointing_at(target: sa.Table) -> list[tuple[sa.Table, sa.Column]]:
    """(table, foreign-key column) for every other table referencing ``target``."""
    return [
        (table, fk.parent)
        for table in db.metadata.sorted_tables
        if table is not target
        for fk in table.foreign_keys
        if fk.column.table is target
    ]


def build_catalog(staff: Staff, seed_data: SeedData, focus: tuple[str, ...] = ()) -> Catalog:
    """The generator's view of the reference world, read in id order."""
    categories: dict[int, list[tuple[int, str]]] = {}
    links = db.session.execute(
        sa.select(institution_category.c.institution_id, Category.id, Category.code)
        .join(Category, Category.id == institution_category.c.category_id)
        .order_by(institution_category.c.institution_id, Category.id)
    )
    for institution_id, category_id, code in links:
        categories.setdefault(institution_id, []).append((category_id, code))
    rows = db.session.execute(
        sa.select(
            Institution.id,
            Institution.code,
            Institution.name_sw,
            Institution.region_id,
            Institution.district_id,
        ).order_by(Institution.id)
    )
    institutions = tuple(
        InstitutionEntry(i, code, name, region, district, tuple(categories.get(i, ())), *staff[i])
        for i, code, name, region, district in rows
    )
    districts: dict[int, list[tuple[int, str]]] = {}
    for district_id, region_id, name in db.session.execute(
        sa.select(District.id, District.region_id, District.name).order_by(District.id)
    ):
        districts.setdefault(region_id, []).append((district_id, name))
    regions = dict(db.session.execute(sa.select(Region.id, Region.name).order_by(Region.id)).all())
    return Catalog(
        institutions=institutions,
        regions=regions,
        districts={r: tuple(ds) for r, ds in districts.items()},
        seed_data=seed_data,
        focus=focus,
    )


# -- staff ---------------------------------------------------------------------------


def _ensure_staff(workspace: Workspace, seed: int) -> Staff:
    """Insert the missing staff users (one bulk insert), then read them all back."""
    institutions = db.session.execute(
        sa.select(
            Institution.id, Institution.code, Institution.region_id, Institution.district_id
        ).order_by(Institution.id)
    ).all()
    existing = set(
        db.session.scalars(sa.select(User.username).where(User.workspace_id == workspace.id))
    )
    fake = make_faker(seed)
    created_at = workspace_now(workspace)
    rows = []
    for institution_id, code, region_id, district_id in institutions:
        for username, role in _staff_usernames(workspace, code):
            name = fake.tz_full_name()  # drawn for every slot so names never depend on gaps
            if username in existing:
                continue
            rows.append(
                {
                    "username": username,
                    "display_name": name,
                    "password_hash": _throwaway_hash(),
                    "role": role,
                    "institution_id": institution_id,
                    "region_id": region_id,
                    "district_id": district_id,
                    "workspace_id": workspace.id,
                    "is_active_account": False,
                    "created_at": created_at,
                }
            )
    if rows:
        db.session.execute(sa.insert(User.__table__), rows)
    return _read_staff(workspace)


def _staff_usernames(workspace: Workspace, institution_code: str) -> list[tuple[str, Role]]:
    """``ws<code>.<institution>.afisa1`` … and ``….mkuu`` with their roles."""
    prefix = f"ws{workspace.code}.{institution_code.lower()}"
    officers = [
        (f"{prefix}.afisa{n}", Role.OFFICER) for n in range(1, OFFICERS_PER_INSTITUTION + 1)
    ]
    return [*officers, (f"{prefix}.mkuu", Role.HEAD)]


def _read_staff(workspace: Workspace) -> Staff:
    """Officers and head per institution, from the synthetic staff of this workspace."""
    found: dict[int, dict[str, StaffMember]] = {}
    rows = db.session.execute(
        sa.select(User.id, User.username, User.display_name, User.institution_id)
        .where(
            User.workspace_id == workspace.id,
            User.username.like(
                like_pattern(f"ws{workspace.code}.", prefix=True), escape=LIKE_ESCAPE
            ),
        )
        .order_by(User.id)
    )
    for user_id, username, name, institution_id in rows:
        found.setdefault(institution_id, {})[username.rsplit(".", 1)[1]] = StaffMember(
            user_id, name
        )
    officers = [f"afisa{n}" for n in range(1, OFFICERS_PER_INSTITUTION + 1)]
    return {
        i: (tuple(members[o] for o in officers), members["mkuu"]) for i, members in found.items()
    }


@cache
def _throwaway_hash() -> str:
    """One hash of a random password, shared by every synthetic staff account."""
    return generate_password_hash(secrets.token_urlsafe(16))


# -- items ---------------------------------------------------------------------------


def _seed_data() -> SeedData:
    """The seed data the app is configured with."""
    return load_seed_data(current_app.config.get("SEED_DATA_DIR"))


def _has_feedback(workspace: Workspace) -> bool:
    """True when the workspace holds at least one item."""
    query = sa.select(Feedback.id).where(Feedback.workspace_id == workspace.id).limit(1)
    return db.session.scalar(query) is not None


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _insert_chunk(workspace_id: int, chunk: list) -> None:
    """Insert the chunk's rows, read their ids back by reference, then insert their events.

    (``RETURNING`` with ``sort_by_parameter_order`` falls back to one statement per row on
    SQLite; a plain executemany plus one SELECT is portable and several times faster.)
    """
    feedback, events = Feedback.__table__, FeedbackEvent.__table__
    rows = [item.feedback for item in chunk]
    db.session.execute(sa.insert(feedback).values(workspace_id=workspace_id), rows)
    references = [row["reference"] for row in rows]
    ids = dict(
        db.session.execute(
            sa.select(feedback.c.reference, feedback.c.id).where(
                feedback.c.workspace_id == workspace_id, feedback.c.reference.in_(references)
            )
        ).all()
    )
    event_rows = []
    for reference, item in zip(references, chunk, strict=True):
        feedback_id = ids[reference]
        for event in item.events:
            event["feedback_id"] = feedback_id
        event_rows.extend(item.events)
    db.session.execute(sa.insert(events).values(workspace_id=workspace_id), event_rows)


def delete_items(workspace: Workspace, ids: list[int]) -> None:
    """Remove some items of a workspace and every row pointing at them (no commit).

    A reset at the grain of items (a scenario step retried or restarted): like
    ``clear_workspace_feedback``, Core deletes, so the event listener's append-only rule,
    which guards the desk's own writes, is not what stops a reset.
    """
    if not ids:
        return
    feedback = Feedback.__table__
    chosen = sa.select(feedback.c.id).where(
        feedback.c.workspace_id == workspace.id, feedback.c.id.in_(ids)
    )
    for table, column in _tables_pointing_at(feedback):
        db.session.execute(sa.delete(table).where(column.in_(chosen)))
    db.session.execute(
        sa.delete(feedback).where(feedback.c.workspace_id == workspace.id, feedback.c.id.in_(ids))
    )
