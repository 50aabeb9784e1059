"""Named snapshots (services/facilitation/snapshots.py) and the command line of resets."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, ResetRecord, Snapshot
from sandbox.services.facilitation import snapshots
from sandbox.services.facilitation.resets import plan_restore, run_reset, undo_reset
from sandbox.services.facilitation.snapshots import SnapshotRefused, named_snapshot, save_snapshot
from sandbox.services.training import runner as scenarios
from sandbox.services.training.library import scenario_library
from tests.facilitator.test_resets import SCENARIO, world


@pytest.fixture
def two(make_trainee):
    """Two trainees of the cohort; the first starts a scenario."""
    asha, baraka = make_trainee("Asha Mushi"), make_trainee("Baraka Said")
    scenarios.begin_scenario(asha.workspace, asha.user, scenario_library(), SCENARIO)
    return asha, baraka


def test_a_named_snapshot_round_trips_and_its_restore_can_be_undone(two, cohort, facilitator):
    asha, baraka = two
    saved_state = world(asha.workspace_id), world(baraka.workspace_id)
    saved = save_snapshot(cohort, "  baada ya  zoezi 2 ", facilitator)
    assert (saved.label, saved.workspaces, saved.is_automatic) == ("baada ya zoezi 2", 2, False)
    assert saved.items == 600 + len(scenario_library().scenarios[SCENARIO].setup.items)
    scenarios.begin_scenario(baraka.workspace, baraka.user, scenario_library(), SCENARIO)
    changed = world(asha.workspace_id), world(baraka.workspace_id)
    assert changed != saved_state
    plan = plan_restore(cohort, named_snapshot(cohort, "baada ya zoezi 2"))
    record = run_reset(plan, facilitator)
    assert world(asha.workspace_id) == saved_state[0]
    items, events, attempts, clock = world(baraka.workspace_id)
    assert (items, events, clock) == (*saved_state[1][:2], saved_state[1][3])
    assert [a.is_current for a in attempts] == [False]  # started after the snapshot: history
    undo_reset(cohort, record.id, facilitator)
    assert (world(asha.workspace_id), world(baraka.workspace_id)) == changed
    assert [s.label for s in snapshots.named_snapshots(cohort)] == ["baada ya zoezi 2"]


@pytest.mark.parametrize("label", ["", "   ", "x" * 121])
def test_a_snapshot_needs_a_label(two, cohort, facilitator, label):
    with pytest.raises(SnapshotRefused) as refused:
        save_snapshot(cohort, label, facilitator)
    assert "nakala" in refused.value.message_sw


def test_an_unknown_label_is_refused(two, cohort):
    with pytest.raises(SnapshotRefused):
        named_snapshot(cohort, "hakuna")


def test_reset_undo_snapshot_restore_from_the_command_line(two, cohort, runner):
    asha = two[0]
    first = db.session.scalar(
        sa.select(Feedback.id).where(Feedback.workspace_id == asha.workspace_id)
    )
    db.session.execute(  # Asha's work, which the reset takes back (not the clock's second)
        sa.update(Feedback).where(Feedback.id == first).values(version=Feedback.version + 1)
    )
    db.session.commit()
    before = world(asha.workspace_id)
    name = cohort.name
    result = runner.invoke(args=["cohort", "reset", name, "--trainee", asha.personal_code])
    assert result.exit_code == 1 and "Go ahead?" in result.output  # asked, not confirmed
    assert world(asha.workspace_id) == before
    result = runner.invoke(
        args=["cohort", "reset", name, "--trainee", asha.personal_code], input="y\n"
    )
    assert result.exit_code == 0, result.output
    assert "workspaces: 1" in result.output and "maeneo" in result.output
    assert world(asha.workspace_id) != before
    result = runner.invoke(args=["cohort", "undo", name, "--yes"])
    assert result.exit_code == 0, result.output
    assert world(asha.workspace_id) == before
    result = runner.invoke(args=["cohort", "snapshot", name, "zoezi 1"])
    assert result.exit_code == 0 and "Snapshot 'zoezi 1' saved (2 workspaces" in result.output
    result = runner.invoke(args=["cohort", "reset", name, "--keep-progress", "--yes"])
    assert result.exit_code == 0, result.output
    record = db.session.scalar(sa.select(ResetRecord).order_by(ResetRecord.id.desc()).limit(1))
    assert (record.grain, record.keeps_progress, record.workspaces) == ("cohort", True, 2)
    result = runner.invoke(args=["cohort", "restore", name, "zoezi 1", "--yes"])
    assert result.exit_code == 0, result.output
    assert world(asha.workspace_id) == before


@pytest.mark.parametrize(
    "args, says",
    [
        (["reset", "{name}", "--trainee", "ZZZ-ZZZ", "--yes"], "has no trainee"),
        (["reset", "{name}", "--scenario", "hakuna", "--yes"], "no scenario"),
        (["reset", "Hakuna Kundi", "--yes"], "No cohort"),
        (["restore", "{name}", "hakuna", "--yes"], "no snapshot"),
        (["undo", "{name}", "--yes"], "no reset to undo"),
    ],
)
def test_the_command_line_refuses_in_both_languages(two, cohort, runner, args, says):
    result = runner.invoke(args=["cohort", *[a.format(name=cohort.name) for a in args]])
    assert result.exit_code != 0 and says in result.output and " / " in result.output
    assert (
        db.session.scalar(sa.select(sa.func.count(Snapshot.id)).where(Snapshot.is_fresh.is_(False)))
        == 0
    )
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) > 0


def test_a_named_snapshot_keeps_and_restores_the_shared_workspace(two, cohort, facilitator):
    """ "After exercise 2" of a plenary: the group's shared workspace is part of the cohort's
    snapshot, and a restore gives its items back."""
    from sandbox.services.facilitation.shared_workspace import give_shared_workspace
    from sandbox.services.feedback.lifecycle import Submission, submit_feedback
    from sandbox.workflow import Channel, ComplainantType, FeedbackType

    shared = give_shared_workspace(cohort).workspace
    before = world(shared.id)
    saved = save_snapshot(cohort, "baada ya zoezi 2", facilitator)
    assert saved.workspaces == 3
    institution_id = db.session.scalar(sa.select(Feedback.institution_id).limit(1))
    submit_feedback(
        shared,
        Submission(
            type=FeedbackType.SUGGESTION,
            complainant_type=ComplainantType.ANONYMOUS,
            channel=Channel.WEB,
            institution_id=institution_id,
            description="Zoezi la kikundi.",
        ),
    )
    assert world(shared.id) != before
    run_reset(plan_restore(cohort, named_snapshot(cohort, "baada ya zoezi 2")), facilitator)
    assert world(shared.id) == before
