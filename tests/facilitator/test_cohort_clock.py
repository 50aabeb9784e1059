"""The cohort's clock moves every workspace of the cohort (and nothing else) in one commit;
the shared workspace for group exercises moves with it."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Workspace
from sandbox.services.facilitation.clock import cohort_workspaces, move_cohort_clock
from sandbox.services.facilitation.shared_workspace import (
    SharedWorkspaceRefused,
    give_shared_workspace,
    group_login,
    new_group_password,
)
from sandbox.services.feedback.queries import count_overdue
from sandbox.services.people.users import authenticate
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.workspace.clock import ClockRefused
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import EscalationLevel


def escalated(workspace: Workspace) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            Feedback.workspace_id == workspace.id,
            Feedback.escalation_level != EscalationLevel.NONE,
        )
    )


def test_a_clock_move_makes_items_overdue_and_escalate_in_every_workspace_of_the_cohort(
    cohort, make_trainee, facilitator, demo_world
):
    make_trainee("Asha Mushi")
    make_trainee("Juma Ally")
    give_shared_workspace(cohort)
    other = create_cohort("Warsha ya Mwanza", seed=3, start=date(2026, 11, 9))
    outsider = join_cohort(JoinRequest(other.join_code, "Neema Nje", "1234")).workspace
    workspaces = cohort_workspaces(cohort)
    assert len(workspaces) == 3 and workspaces[-1].kind.value == "cohort"
    before = {w.id: (escalated(w), count_overdue(w, workspace_now(w))) for w in workspaces}
    untouched = [(w.id, w.clock_base, escalated(w)) for w in (outsider, demo_world)]

    moved = move_cohort_clock(cohort, working_days=30)

    assert moved.workspaces == 3 and moved.escalated > 0
    for workspace in workspaces:
        db.session.refresh(workspace)
        was_escalated, was_overdue = before[workspace.id]
        assert escalated(workspace) > was_escalated, workspace.code
        assert count_overdue(workspace, workspace_now(workspace)) > was_overdue
        assert workspace.escalations_checked_at is not None
        assert workspace_now(workspace).date() >= date(2026, 12, 21)
    for workspace_id, base, count in untouched:
        workspace = db.session.get(Workspace, workspace_id)
        assert (workspace.clock_base, escalated(workspace)) == (base, count)


def test_a_move_to_a_date_before_any_workspace_is_refused_and_nothing_moves(cohort, make_trainee):
    first = make_trainee("Asha Mushi").workspace
    second = make_trainee("Juma Ally").workspace
    move_cohort_clock(cohort, to=date(2026, 12, 1))
    with pytest.raises(ClockRefused, match="only moves forward"):
        move_cohort_clock(cohort, to=date(2026, 11, 20))
    assert {workspace_now(w).date() for w in (first, second)} == {date(2026, 12, 1)}
    with pytest.raises(ClockRefused):
        move_cohort_clock(cohort, working_days=-2)
    with pytest.raises(ClockRefused):
        move_cohort_clock(cohort)


def test_an_empty_cohort_has_no_clock_to_move(cohort):
    with pytest.raises(ClockRefused, match="nobody has joined"):
        move_cohort_clock(cohort, working_days=1)


def test_the_clock_page_asks_with_the_count_then_moves(client, login_as, cohort, make_trainee):
    workspace = make_trainee("Asha Mushi").workspace
    login_as("mwezeshaji")
    client.get("/lang/en?next=/")
    url = f"/facilitator/cohorts/{cohort.id}/clock"
    asked = client.post(url, data={"days": "5"})
    assert "Move 1 workspaces forward by 5 working days?" in asked.get_data(as_text=True)
    assert workspace_now(workspace).date() < date(2026, 11, 16)
    done = client.post(url, data={"days": "5", "confirmed": "yes"})
    assert done.status_code == 302
    db.session.refresh(workspace)
    assert workspace_now(workspace).date() == date(2026, 11, 16)
    back = client.post(url, data={"to": "2026-11-10", "confirmed": "yes"})
    assert back.status_code == 422 and "only moves forward" in back.get_data(as_text=True)
    # refused when asked, not only when confirmed (a tester's finding)
    for far in ({"to": "2020-01-01"}, {"to": "2099-12-31"}, {"days": "9999"}):
        asked = client.post(url, data=far)
        page = asked.get_data(as_text=True)
        assert asked.status_code == 422 and "Move 1 workspaces" not in page, far
    both = client.post(url, data={"days": "2", "to": "2026-12-10"})
    assert both.status_code == 422 and "one of them" in both.get_data(as_text=True)
    assert client.post(url, data={"days": "abc"}).status_code == 422


def test_a_shared_workspace_has_the_cohorts_world_and_one_group_login(cohort, make_trainee):
    trainee = make_trainee("Asha Mushi").workspace
    made = give_shared_workspace(cohort)
    workspace = made.workspace
    assert workspace.kind.value == "cohort" and workspace.seed == cohort.seed
    assert workspace.size == trainee.size == 300
    references = lambda w: db.session.scalars(  # noqa: E731
        sa.select(Feedback.description).where(Feedback.workspace_id == w.id).order_by(Feedback.id)
    ).all()
    assert references(workspace) == references(trainee)
    assert authenticate(made.username, made.password).workspace_id == workspace.id
    assert group_login(cohort).password is None
    with pytest.raises(SharedWorkspaceRefused):
        give_shared_workspace(cohort)
    renewed = new_group_password(cohort)
    assert authenticate(made.username, made.password) is None
    assert authenticate(made.username, renewed.password) is not None


def test_the_shared_workspace_page_makes_it_and_shows_the_password_once(client, login_as, cohort):
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/shared"
    assert 'data-testid="no-shared"' in client.get(url).get_data(as_text=True)
    made = client.post(url)
    page = made.get_data(as_text=True)
    assert made.headers["Cache-Control"] == "no-store" and 'data-testid="group-password"' in page
    code = cohort.shared_workspace.code
    assert f"/w/{code}/portal/" in page
    again = client.get(url).get_data(as_text=True)
    assert 'data-testid="group-password"' not in again and code in again
    assert client.get(f"/w/{code}/portal/").status_code == 200


def test_the_command_line_moves_the_cohorts_clock(runner, cohort, make_trainee):
    workspace = make_trainee("Asha Mushi").workspace
    moved = runner.invoke(args=["cohort", "clock", "Warsha ya Dodoma", "--days", "5"])
    assert moved.exit_code == 0 and "moved in 1 workspaces" in moved.output
    db.session.refresh(workspace)
    assert workspace_now(workspace).date() == date(2026, 11, 16)
    back = runner.invoke(args=["cohort", "clock", "Warsha ya Dodoma", "--to", "2026-11-10"])
    assert back.exit_code != 0 and "only moves forward" in back.output
    neither = runner.invoke(args=["cohort", "clock", "Warsha ya Dodoma"])
    assert neither.exit_code != 0 and "one of them" in neither.output


def test_a_move_of_more_than_a_year_is_refused_before_anything_moves(cohort, make_trainee):
    workspace = make_trainee("Asha Mushi").workspace
    with pytest.raises(ClockRefused, match="at most 250 working days"):
        move_cohort_clock(cohort, working_days=251)
    with pytest.raises(ClockRefused, match="one year"):
        move_cohort_clock(cohort, to=date(9999, 12, 31))
    db.session.refresh(workspace)
    assert workspace_now(workspace).date() < date(2026, 11, 12)
