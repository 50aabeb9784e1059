"""The live room (services/facilitation/room.py, stuck.py, acknowledgements.py): each kind of
cell, the stuck rules, acknowledgements, and the queries it costs."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.services.facilitation import room as room_service
from sandbox.services.facilitation.acknowledgements import NothingToAcknowledge, acknowledge
from sandbox.services.facilitation.room import build_room
from sandbox.services.facilitation.stuck import Reason, Thresholds, set_thresholds, thresholds_of
from sandbox.services.training import runner
from sandbox.services.training.help import ask_for_help, withdraw_help
from sandbox.services.training.library import scenario_library
from sandbox.services.workspace.now import wall_now
from tests.facilitator.room_helpers import (
    FIRST,
    check,
    open_every_hint,
    solve,
    start,
    trainee_of,
)

Status = runner.Status


def row_of(room, enrolment):
    return next(r for r in room.rows if r.enrolment_id == enrolment.id)


def cell(room, enrolment, scenario_id=FIRST):
    index = [s.id for s in room.scenarios].index(scenario_id)
    return row_of(room, enrolment).cells[index]


def later(monkeypatch, minutes: float) -> None:
    """The room's wall clock, ``minutes`` from now (the stored times stay as they were)."""
    moved = wall_now() + timedelta(minutes=minutes)
    monkeypatch.setattr(room_service, "wall_now", lambda: moved)


def test_each_kind_of_cell_says_what_the_trainee_s_own_list_says(cohort, make_trainee):
    idle, busy, good, weak = (make_trainee(n) for n in ("Asha", "Baraka", "Chausiku", "Daudi"))
    check(busy, start(busy))  # nothing done yet: 0 %
    solve(good, start(good))
    weak_attempt = start(weak)
    open_every_hint(weak_attempt)  # every step passes, the hints cost it the pass mark
    solve(weak, weak_attempt)

    room = build_room(cohort, scenario_library())

    assert [r.name for r in room.rows] == ["Asha", "Baraka", "Chausiku", "Daudi"]
    assert [r.number for r in room.rows] == [1, 2, 3, 4]
    assert cell(room, idle) == room_service.Cell(Status.NOT_STARTED)
    assert (cell(room, busy).status, cell(room, busy).score_percent) == (Status.IN_PROGRESS, 0)
    assert (cell(room, good).status, cell(room, good).score_percent) == (Status.PASSED, 100)
    assert (cell(room, weak).status, cell(room, weak).score_percent) == (Status.FAILED, 78)
    assert (cell(room, weak).hints, cell(room, weak).attempts) == (3, 1)  # 2 + 1 hints
    assert cell(room, weak).minutes == 0
    library = scenario_library()
    for enrolment in (idle, busy, good, weak):  # the trainee's own list agrees, cell by cell
        board = runner.scenario_board(enrolment.workspace, trainee_of(enrolment), library)
        mine = {r.scenario.id: r.status for g in board for r in g.rows}
        assert [c.status for c in row_of(room, enrolment).cells] == [
            mine[s.id] for s in room.scenarios
        ]


def test_the_whole_cohort_costs_the_same_queries_whatever_its_size(cohort, make_trainee):
    def queries() -> int:
        seen = []
        listen = lambda *args: seen.append(args[2])  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listen)
        try:
            db.session.expire_all()
            build_room(cohort, scenario_library())
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listen)
        return len(seen)

    for name in ("Asha", "Baraka"):
        enrolment = make_trainee(name)
        check(enrolment, start(enrolment))
    small = queries()
    for name in ("Chausiku", "Daudi", "Elia", "Fatuma"):
        enrolment = make_trainee(name)
        solve(enrolment, start(enrolment))
        ask_for_help(trainee_of(enrolment))
    assert queries() == small


def test_no_progress_for_n_minutes_is_stuck(cohort, make_trainee, monkeypatch):
    enrolment = make_trainee()
    start(enrolment)
    later(monkeypatch, 9)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None
    later(monkeypatch, 10)
    stuck = row_of(build_room(cohort, scenario_library()), enrolment).stuck
    assert stuck.reasons == (Reason.IDLE,) and stuck.scenario_id == FIRST
    set_thresholds(cohort, 20, 3)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None


def test_k_failed_checks_in_a_row_is_stuck_and_a_step_passed_ends_the_run(cohort, make_trainee):
    enrolment = make_trainee()
    attempt = start(enrolment)
    for _ in range(2):
        check(enrolment, attempt)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None
    check(enrolment, attempt)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck.reasons == (
        Reason.FAILING,
    )
    set_thresholds(cohort, 10, 4)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None
    solve(enrolment, attempt)  # passes: complete, so not stuck whatever came before
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None


def test_every_hint_of_the_step_to_do_opened_is_stuck(cohort, make_trainee):
    enrolment = make_trainee()
    attempt = start(enrolment)
    open_every_hint(attempt, ["panga-na-anza"])  # the second step's: not the step to do
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck is None
    open_every_hint(attempt, ["thibitisha"])
    stuck = row_of(build_room(cohort, scenario_library()), enrolment).stuck
    assert stuck.reasons == (Reason.HINTS,)


def test_help_stands_out_until_acknowledged_and_a_new_request_shows_again(
    cohort, make_trainee, facilitator
):
    enrolment = make_trainee()
    start(enrolment)
    first = ask_for_help(trainee_of(enrolment))
    flag = row_of(build_room(cohort, scenario_library()), enrolment).help
    assert (flag.episode, flag.acknowledged, flag.scenario_id) == (f"h{first.id}", False, FIRST)

    made = acknowledge(cohort, facilitator, enrolment.id, "help", flag.episode)
    assert (made.acknowledged_by, made.acknowledged_at is not None) == (facilitator.id, True)
    assert acknowledge(cohort, facilitator, enrolment.id, "help", flag.episode).id == made.id
    assert row_of(build_room(cohort, scenario_library()), enrolment).help.acknowledged

    withdraw_help(trainee_of(enrolment))
    assert row_of(build_room(cohort, scenario_library()), enrolment).help is None
    ask_for_help(trainee_of(enrolment))
    again = row_of(build_room(cohort, scenario_library()), enrolment).help
    assert again.episode != flag.episode and not again.acknowledged


def test_a_stuck_episode_acknowledged_stays_quiet_until_a_new_one(
    cohort, make_trainee, facilitator, monkeypatch
):
    enrolment = make_trainee()
    attempt = start(enrolment)
    later(monkeypatch, 30)
    stuck = row_of(build_room(cohort, scenario_library()), enrolment).stuck
    acknowledge(cohort, facilitator, enrolment.id, "stuck", stuck.episode)
    assert row_of(build_room(cohort, scenario_library()), enrolment).stuck.acknowledged

    check_after_first_step(enrolment, attempt)  # progress: a step passed
    later(monkeypatch, 90)  # …then a new stall
    again = row_of(build_room(cohort, scenario_library()), enrolment).stuck
    assert again.episode != stuck.episode and not again.acknowledged


def check_after_first_step(enrolment, attempt) -> None:
    from sandbox.scenarios import acts
    from sandbox.services.training.attempts import placed_of
    from sandbox.services.training.replay import replay

    replay(
        enrolment.workspace,
        trainee_of(enrolment),
        placed_of(attempt),
        [acts.Acknowledge(do="acknowledge", item="A")],
    )
    assert "thibitisha" in [s.id for s in check(enrolment, attempt).steps if s.passed]


def test_nothing_is_acknowledged_for_another_cohort_s_trainee_or_an_unknown_kind(
    cohort, make_trainee, facilitator
):
    from sandbox.services.training.cohorts import create_cohort
    from sandbox.services.training.joining import JoinRequest, join_cohort

    other = create_cohort("Warsha ya Mbeya", seed=9)
    stranger = join_cohort(JoinRequest(other.join_code, "Juma", "4821"))
    with pytest.raises(NothingToAcknowledge):
        acknowledge(cohort, facilitator, stranger.id, "help", "h1")
    with pytest.raises(NothingToAcknowledge):
        acknowledge(cohort, facilitator, make_trainee().id, "lunch", "h1")


def test_thresholds_default_then_saved(cohort):
    assert thresholds_of(cohort) == Thresholds(10, 3)
    set_thresholds(cohort, 25, 5)
    assert thresholds_of(cohort) == Thresholds(25, 5)
