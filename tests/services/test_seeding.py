"""Seeding a workspace: counts, refusal when not empty, clear and reseed, determinism."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, User, Workspace, WorkspaceKind
from sandbox.seeding.loader import load_seed_data
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.seeding import (
    WorkspaceNotEmpty,
    clear_workspace_feedback,
    ensure_staff,
    seed_workspace,
)
from sandbox.services.workspace.workspaces import create_workspace
from sandbox.services.workspace.world import load_world
from sandbox.workflow import Role, Status

CLOCK = datetime(2026, 11, 2, 8, 0)


def _count(model, workspace: Workspace) -> int:
    """Rows of ``model`` in one workspace."""
    query = sa.select(sa.func.count()).select_from(model).where(model.workspace_id == workspace.id)
    return db.session.scalar(query)


def _items(workspace: Workspace) -> list[tuple]:
    """Every feedback column but the id, in reference order."""
    columns = [c for c in Feedback.__table__.columns if c.name != "id"]
    query = sa.select(*columns).where(Feedback.workspace_id == workspace.id)
    return [tuple(row) for row in db.session.execute(query.order_by(Feedback.reference))]


def test_seed_writes_items_events_and_numbering(make_workspace):
    workspace = make_workspace("seed1")
    done = []
    assert seed_workspace(workspace, count=300, seed=3, progress=done.append) == 300
    assert done == [300]
    assert _count(Feedback, workspace) == 300
    events = _count(FeedbackEvent, workspace)
    assert 300 * 2 < events < 300 * 8
    assert workspace.next_reference_seq == 301
    references = db.session.scalars(
        sa.select(Feedback.reference).where(Feedback.workspace_id == workspace.id)
    ).all()
    assert sorted(references)[0] == f"MRJ-{workspace.reference_tag}-2026-000001"
    assert {s for (s,) in db.session.execute(sa.select(Feedback.status))} == set(Status)


def test_each_row_version_counts_its_events_and_state_reads_back(make_workspace):
    workspace = make_workspace("seed2")
    seed_workspace(workspace, count=120, seed=4)
    counts = dict(
        db.session.execute(
            sa.select(FeedbackEvent.feedback_id, sa.func.count()).group_by(
                FeedbackEvent.feedback_id
            )
        ).all()
    )
    items = db.session.scalars(sa.select(Feedback).where(Feedback.workspace_id == workspace.id))
    for item in items:
        assert item.version == counts[item.id]
        assert state_of(item).status is item.status


def test_events_belong_to_their_item_and_start_with_submit(make_workspace):
    workspace = make_workspace("seed3")
    seed_workspace(workspace, count=80, seed=5)
    first = db.session.execute(
        sa.select(FeedbackEvent.action, FeedbackEvent.at, Feedback.received_at)
        .join(Feedback, Feedback.id == FeedbackEvent.feedback_id)
        .where(FeedbackEvent.workspace_id == workspace.id)
        .order_by(FeedbackEvent.id)
    ).first()
    assert first.action.value == "submit" and first.at == first.received_at


def test_staff_are_inactive_synthetic_actors_created_once(make_workspace):
    workspace = make_workspace("seed4")
    staff = ensure_staff(workspace, seed=1)
    users = db.session.scalars(sa.select(User).where(User.workspace_id == workspace.id)).all()
    assert len(users) == 3 * len(staff)
    assert not any(u.is_active_account for u in users)
    assert {u.role for u in users} == {Role.OFFICER, Role.HEAD}
    assert len({u.password_hash for u in users}) == 1
    assert any(u.username == "wsseed4.tanesco.afisa1" for u in users)
    assert ensure_staff(workspace, seed=1) == staff
    assert _count(User, workspace) == len(users)


def test_a_second_seed_is_refused(make_workspace):
    workspace = make_workspace("seed5")
    seed_workspace(workspace, count=20, seed=1)
    with pytest.raises(WorkspaceNotEmpty, match="seed5"):
        seed_workspace(workspace, count=20, seed=1)
    assert _count(Feedback, workspace) == 20


def test_clear_then_reseed_gives_the_same_items(make_workspace):
    workspace = make_workspace("seed6")
    other = make_workspace("seed7")
    seed_workspace(workspace, count=60, seed=9)
    seed_workspace(other, count=10, seed=9)
    before = _items(workspace)
    assert clear_workspace_feedback(workspace) == 60
    assert (_count(Feedback, workspace), _count(FeedbackEvent, workspace)) == (0, 0)
    assert _count(Feedback, other) == 10
    assert seed_workspace(workspace, count=60, seed=9) == 60
    assert _items(workspace) == before


# -- determinism across fresh databases ----------------------------------------------


def _seed_fresh_database(tmp_path, name: str, seed: int) -> tuple[list, list]:
    """Seed 200 items into a brand-new SQLite file; every feedback and event column."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}.sqlite3",
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_DIR": tmp_path / f"{name}-instance",
        }
    )
    with app.app_context():
        db.create_all()
        load_world(load_seed_data())
        workspace = create_workspace(
            "same", "Same", WorkspaceKind.TRAINEE, clock_base=CLOCK, running=False
        )
        seed_workspace(workspace, count=200, seed=seed)
        feedback = db.session.execute(sa.select(Feedback.__table__).order_by(Feedback.id)).all()
        events = db.session.execute(
            sa.select(FeedbackEvent.__table__).order_by(FeedbackEvent.id)
        ).all()
        db.session.remove()
        db.engine.dispose()
    return [tuple(r) for r in feedback], [tuple(r) for r in events]


def test_same_seed_gives_identical_rows_in_a_fresh_database(tmp_path):
    first = _seed_fresh_database(tmp_path, "one", seed=7)
    second = _seed_fresh_database(tmp_path, "two", seed=7)
    other = _seed_fresh_database(tmp_path, "three", seed=8)
    assert len(first[0]) == 200 and len(first[1]) > 400
    assert first == second
    assert first[0] != other[0]
    assert first[1] != other[1]


def test_clearing_a_workspace_removes_its_attachment_files(make_workspace):
    from sandbox.services.feedback.attachments import upload_folder

    workspace = make_workspace("files")
    folder = upload_folder(workspace.id)
    folder.mkdir(parents=True)
    (folder / "stored-file").write_bytes(b"%PDF-1.4")
    clear_workspace_feedback(workspace)
    assert not folder.exists()


def test_the_demo_personas_institutions_get_a_real_queue(make_workspace):
    from sandbox.models import Institution

    workspace = make_workspace("queue")
    seed_workspace(workspace, count=300, seed=5)
    per_institution = dict(
        db.session.execute(
            sa.select(Institution.code, sa.func.count(Feedback.id))
            .join(Feedback, Feedback.institution_id == Institution.id)
            .where(Feedback.workspace_id == workspace.id)
            .group_by(Institution.code)
        ).all()
    )
    focus = ("DODOMA_CC", "TANESCO", "RUWASA")
    assert all(per_institution[code] >= 15 for code in focus), per_institution
    others = [n for code, n in per_institution.items() if code not in focus]
    assert max(others) < min(per_institution[code] for code in focus)
