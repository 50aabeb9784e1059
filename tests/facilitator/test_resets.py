"""Resets at every grain, undo, injected failures (services/facilitation/resets.py).

Written for both engines: nothing here is SQLite-only (the suite runs on PostgreSQL in CI).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Cohort,
    CohortWorld,
    Enrolment,
    Feedback,
    FeedbackEvent,
    LoginSession,
    ResetRecord,
    ScenarioAttempt,
    Snapshot,
    User,
    Workspace,
    WorkspaceKind,
    XapiStatement,
)
from sandbox.services.facilitation import resets, snapshots
from sandbox.services.facilitation.reset_console import reset_log
from sandbox.services.facilitation.resets import Grain, ResetRefused, plan_reset, run_reset
from sandbox.services.training import runner
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.library import scenario_library
from sandbox.services.workspace.flags import set_flag
from sandbox.workflow.behaviour import Toggle

SCENARIO = "kuthibitisha-kwa-wakati"


def world(workspace_id: int) -> tuple:
    """Everything a reset may change in one workspace, ids included."""
    db.session.expire_all()
    items = db.session.execute(
        sa.select(
            Feedback.id, Feedback.reference, Feedback.status, Feedback.version, Feedback.assignee_id
        )
        .where(Feedback.workspace_id == workspace_id)
        .order_by(Feedback.id)
    ).all()
    events = db.session.execute(
        sa.select(FeedbackEvent.id, FeedbackEvent.feedback_id, FeedbackEvent.action)
        .where(FeedbackEvent.workspace_id == workspace_id)
        .order_by(FeedbackEvent.id)
    ).all()
    attempts = db.session.execute(
        sa.select(
            ScenarioAttempt.id,
            ScenarioAttempt.placed,
            ScenarioAttempt.steps_passed,
            ScenarioAttempt.is_current,
        )
        .where(ScenarioAttempt.workspace_id == workspace_id)
        .order_by(ScenarioAttempt.id)
    ).all()
    ws = db.session.get(Workspace, workspace_id)
    clock = (ws.clock_base, ws.clock_started_at, ws.next_reference_seq, len(ws.flags))
    return tuple(map(tuple, items)), tuple(map(tuple, events)), tuple(attempts), clock


def content(workspace_id: int) -> list[tuple]:
    """The items as a trainee reads them (no ids, no workspace tag)."""
    ws = db.session.get(Workspace, workspace_id)
    rows = db.session.execute(
        sa.select(Feedback.reference, Feedback.description, Feedback.status, User.display_name)
        .outerjoin(User, User.id == Feedback.assignee_id)
        .where(Feedback.workspace_id == workspace_id)
        .order_by(Feedback.reference)
    ).all()
    return [(ref.replace(ws.reference_tag, "*"), *rest) for ref, *rest in rows]


def accounts() -> tuple:
    """Users, enrolments, login sessions and xAPI statements: never touched by a reset.

    (The synthetic staff of a cohort's base world, made by its first reset, are left out.)
    """
    base = sa.select(CohortWorld.workspace_id)
    users = sa.select(*User.__table__.columns).where(
        sa.or_(User.workspace_id.is_(None), User.workspace_id.not_in(base))
    )
    others = [
        sa.select(*model.__table__.columns) for model in (Enrolment, LoginSession, XapiStatement)
    ]
    return tuple(
        tuple(db.session.execute(query.order_by(*query.selected_columns[:1])).all())
        for query in (users, *others)
    )


@pytest.fixture
def library(app_ctx):
    return scenario_library()


@pytest.fixture
def room(make_trainee, other_facilitator, library):
    """Two trainees of the cohort, one of another cohort; the first is in a scenario."""
    asha, baraka = make_trainee("Asha Mushi"), make_trainee("Baraka Said")
    other = create_cohort("Warsha ya Mbeya", seed=5, facilitator=other_facilitator)
    stranger = join_cohort(JoinRequest(other.join_code, "Chausiku Ali", "1234"))
    runner.begin_scenario(asha.workspace, asha.user, library, SCENARIO)
    set_flag(asha.workspace, next(iter(Toggle)), not next(iter(Toggle)).default)
    return asha, baraka, stranger


def test_a_trainee_reset_gives_the_cohort_s_fresh_world_and_nothing_else(
    room, cohort, facilitator, library
):
    asha, baraka, stranger = room
    fresh = content(baraka.workspace_id)
    assert content(asha.workspace_id) != fresh  # the scenario placed items
    before_b, before_s, before_accounts = (
        world(baraka.workspace_id),
        world(stranger.workspace_id),
        accounts(),
    )
    plan = plan_reset(cohort, library, personal_code=asha.personal_code)
    assert (plan.grain, plan.workspaces) == (Grain.TRAINEE, 1)
    record = run_reset(plan, facilitator)
    assert content(asha.workspace_id) == fresh  # the same world joining generated
    assert world(asha.workspace_id)[3][3] == 0  # flags gone: fresh behaviour
    assert not any(a.is_current for a in world(asha.workspace_id)[2])  # archived
    assert world(baraka.workspace_id) == before_b
    assert world(stranger.workspace_id) == before_s
    assert accounts() == before_accounts
    assert (record.grain, record.reset_by_id, record.enrolment_id) == (
        "trainee",
        facilitator.id,
        asha.id,
    )


def test_undo_puts_back_exactly_what_was_there(room, cohort, facilitator, library):
    asha, _baraka, _ = room
    before = world(asha.workspace_id)
    record = run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
    assert world(asha.workspace_id) != before
    resets.undo_reset(cohort, record.id, facilitator)
    assert world(asha.workspace_id) == before
    assert db.session.get(ResetRecord, record.id).undone_at is not None
    with pytest.raises(ResetRefused):
        resets.undo_reset(cohort, record.id, facilitator)  # once


def test_the_whole_cohort_keeping_or_archiving_progress(room, cohort, facilitator, library):
    asha, baraka, stranger = room
    before_s, fresh = world(stranger.workspace_id), content(baraka.workspace_id)
    kept = run_reset(plan_reset(cohort, library, keep_progress=True), facilitator)
    assert kept.workspaces == 2 and kept.keeps_progress
    assert content(asha.workspace_id) == content(baraka.workspace_id) == fresh
    assert [a.is_current for a in world(asha.workspace_id)[2]] == [True]  # kept
    run_reset(plan_reset(cohort, library), facilitator)
    assert [a.is_current for a in world(asha.workspace_id)[2]] == [False]  # archived
    assert db.session.scalar(sa.select(sa.func.count(ScenarioAttempt.id))) == 1  # kept as history
    assert world(stranger.workspace_id) == before_s


def test_one_scenario_of_one_trainee_then_of_the_cohort(room, cohort, facilitator, library):
    asha, baraka, _ = room
    runner.begin_scenario(baraka.workspace, baraka.user, library, SCENARIO)
    before_b = world(baraka.workspace_id)
    attempt = runner.active_attempt(asha.workspace, asha.user)
    placed = list(attempt.placed["items"].values())
    plan = plan_reset(cohort, library, personal_code=asha.personal_code, scenario_id=SCENARIO)
    assert (plan.grain, plan.items) == (Grain.SCENARIO, len(placed))
    run_reset(plan, facilitator)
    assert not db.session.scalars(sa.select(Feedback.id).where(Feedback.id.in_(placed))).all()
    assert runner.active_attempt(asha.workspace, asha.user) is None
    assert world(baraka.workspace_id) == before_b
    whole = plan_reset(cohort, library, scenario_id=SCENARIO)
    assert (whole.grain, whole.workspaces) == (Grain.COHORT_SCENARIO, 2)
    run_reset(whole, facilitator)
    assert runner.active_attempt(baraka.workspace, baraka.user) is None


def test_one_step_places_its_items_again(room, cohort, facilitator, library):
    asha, baraka, _ = room
    before_b = world(baraka.workspace_id)
    scenario = library.scenarios[SCENARIO]
    step = scenario.steps[0]
    keys = runner.items_of_step(scenario, step.id)
    old = dict(runner.active_attempt(asha.workspace, asha.user).placed["items"])
    plan = plan_reset(
        cohort, library, personal_code=asha.personal_code, scenario_id=SCENARIO, step_id=step.id
    )
    run_reset(plan, facilitator)
    new = runner.active_attempt(asha.workspace, asha.user).placed["items"]
    for key in keys:
        assert new[key] != old[key] and db.session.get(Feedback, new[key]) is not None
        assert db.session.get(Feedback, old[key]) is None
    assert world(baraka.workspace_id) == before_b


@pytest.mark.parametrize(
    "choices",
    [
        {"personal_code": "ZZZ-ZZZ"},
        {"scenario_id": "no-such-scenario"},
        {"scenario_id": SCENARIO, "step_id": "x"},
    ],
)
def test_unknown_choices_are_refused_in_both_languages(room, cohort, library, choices):
    asha = room[0]
    if "step_id" in choices:
        choices["personal_code"] = asha.personal_code
    with pytest.raises(ResetRefused) as refused:
        plan_reset(cohort, library, **choices)
    assert refused.value.message_sw and refused.value.message_en


def test_another_cohort_s_trainee_cannot_be_named(room, cohort, library):
    stranger = room[2]
    with pytest.raises(ResetRefused):
        plan_reset(cohort, library, personal_code=stranger.personal_code)


class Boom(RuntimeError):
    """The injected failure."""


@pytest.fixture
def fail_at():
    """fail_at(n): the n-th SQL statement from now on raises Boom."""
    engine = db.engine
    seen = {"n": 0, "at": None}

    def count(conn, cursor, statement, parameters, context, executemany):
        seen["n"] += 1
        if seen["n"] == seen["at"]:
            raise Boom(statement)

    sa.event.listen(engine, "before_cursor_execute", count)

    def arm(n: int) -> dict:
        seen.update(n=0, at=n)
        return seen

    yield arm
    sa.event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize("nth", [3, 8, 14])
def test_a_failure_midway_leaves_the_previous_state_whole(
    room, cohort, facilitator, library, fail_at, nth
):
    asha, baraka, _ = room
    plan = plan_reset(cohort, library)
    snapshots_before = db.session.scalar(sa.select(sa.func.count(Snapshot.id)))
    before = (world(asha.workspace_id), world(baraka.workspace_id), accounts())
    resets.base_world(cohort)  # made beforehand: its own commit is not the reset's
    seen = fail_at(nth)
    with pytest.raises(Boom):
        run_reset(plan, facilitator)
    seen["at"] = None
    assert (world(asha.workspace_id), world(baraka.workspace_id), accounts()) == before
    assert db.session.scalar(sa.select(sa.func.count(ResetRecord.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Snapshot.id))) == snapshots_before


def test_a_failure_during_undo_leaves_the_reset_state(room, cohort, facilitator, library, fail_at):
    asha = room[0]
    record = run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
    after = world(asha.workspace_id)
    seen = fail_at(5)
    with pytest.raises(Boom):
        resets.undo_reset(cohort, record.id, facilitator)
    seen["at"] = None
    assert world(asha.workspace_id) == after
    assert resets.undoable(cohort).id == record.id


def test_only_the_last_resets_keep_their_snapshot(room, cohort, facilitator, library):
    asha = room[0]
    records = [
        run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
        for _ in range(snapshots.KEEP_AUTOMATIC + 1)
    ]
    db.session.expire_all()
    assert db.session.get(ResetRecord, records[0].id).snapshot_id is None
    assert all(db.session.get(ResetRecord, r.id).snapshot_id for r in records[1:])
    assert resets.undoable(cohort).id == records[-1].id


def test_the_log_says_who_reset_what(room, cohort, facilitator, library):
    asha = room[0]
    run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
    [line] = reset_log(cohort)
    assert (line.grain, line.by, line.trainee) == (
        Grain.TRAINEE,
        facilitator.display_name,
        asha.personal_code,
    )
    assert db.session.get(Cohort, cohort.id) is not None


def test_a_trainee_s_fresh_world_is_saved_once_and_put_back_with_its_own_ids(
    room, cohort, facilitator, library
):
    asha, baraka, _ = room
    fresh = content(baraka.workspace_id)
    joined = world(baraka.workspace_id)
    run_reset(plan_reset(cohort, library, personal_code=baraka.personal_code), facilitator)
    # saved when the trainee joined: even the first reset gives the world back with its own
    # ids, so an attempt kept across it never takes world items for its own
    assert world(baraka.workspace_id)[:2] == joined[:2]
    run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
    first = world(asha.workspace_id)
    runner.begin_scenario(asha.workspace, asha.user, library, SCENARIO)
    run_reset(plan_reset(cohort, library, personal_code=asha.personal_code), facilitator)
    again = world(asha.workspace_id)
    assert again[:2] == first[:2]  # the same items and events, ids included
    assert content(asha.workspace_id) == fresh
    saved = snapshots.fresh_snapshots([asha.workspace_id, baraka.workspace_id])
    assert set(saved) == {asha.workspace_id, baraka.workspace_id}  # one each, from joining
    assert saved[asha.workspace_id].is_automatic
    assert snapshots.named_snapshots(cohort) == []


def test_two_first_joins_at_once_share_one_base_world(cohort, monkeypatch):
    """A tester's two tabs both generated the cohort's base world (then on a first reset,
    now on the first join): one got a 500. Then a hall's first joins at once each generated
    one to throw away, queueing on SQLite's one writer past its busy timeout (503s). Now the
    world is claimed before it is generated: a tab that loses the claim generates nothing
    and takes the winner's."""
    from sandbox.services.facilitation import worlds

    real_create = worlds.create_workspace
    winner, generated = {}, []

    def another_tab_claims_first(code, *args, **kwargs):
        other = real_create(
            "bwinner1", cohort.name, WorkspaceKind.TRAINEE, seed=cohort.seed,
            clock_base=cohort.start_at,
        )  # fmt: skip
        winner["id"] = other.id
        with db.engine.begin() as connection:  # the other tab's claim, committed
            connection.execute(
                sa.insert(CohortWorld).values(cohort_id=cohort.id, workspace_id=other.id)
            )
        return real_create(code, *args, **kwargs)

    monkeypatch.setattr(worlds, "create_workspace", another_tab_claims_first)
    monkeypatch.setattr(worlds, "seed_workspace", lambda ws, **_: generated.append(ws.code))
    made = worlds.base_world(cohort)
    assert made.id == winner["id"] and generated == []
    codes = db.session.scalars(sa.select(Workspace.code).where(Workspace.code.like("b%"))).all()
    assert codes == ["bwinner1"]  # the losing tab's claim left nothing
