"""`mrejesho cohort reset | undo | snapshot | restore`: resets and snapshots of a cohort.

Beside the services they drive (``services/facilitation/resets.py``, ``snapshots.py``);
registered on the ``cohort`` group. Every message in Swahili and English; a trainee is
named by their personal code only. Long work shows a progress bar; a reset or a restore
asks first unless ``--yes``.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from sandbox.cli_cohort import _cohort, cohort_command
from sandbox.services.facilitation.resets import (
    ResetPlan,
    ResetRefused,
    plan_reset,
    plan_restore,
    run_reset,
    undo_reset,
    undoable,
)
from sandbox.services.facilitation.snapshots import SnapshotRefused, named_snapshot, save_snapshot
from sandbox.services.training.library import scenario_library


def _refused(error: ResetRefused | SnapshotRefused) -> click.ClickException:
    """A refusal as a bilingual command-line error."""
    return click.ClickException(f"{error.message_sw} / {error.message_en}")


def _run(plan: ResetPlan, yes: bool) -> None:
    """Say what the plan does, ask unless ``yes``, run it with a progress bar, say it is done."""
    click.echo(
        f"{plan.grain.label_sw} / {plan.grain.label_en}\n"
        f"  maeneo / workspaces: {plan.workspaces} · vipengele / items: {plan.items}"
    )
    if not yes:
        click.confirm("Endelea? / Go ahead?", abort=True)
    try:
        with click.progressbar(length=max(plan.workspaces, 1), label="maeneo / workspaces") as bar:
            record = run_reset(plan, None, progress=lambda done: bar.update(1))
    except ResetRefused as refused:
        raise _refused(refused) from None
    click.echo(
        f"Imekamilika (kumbukumbu #{record.id}); tendua kwa `mrejesho cohort undo`. / "
        f"Done (record #{record.id}); undo with `mrejesho cohort undo`."
    )


@cohort_command.command("reset")
@click.argument("name")
@click.option("--trainee", "code", default=None, help="A trainee's personal code (one trainee).")
@click.option("--scenario", default=None, help="A scenario id (one scenario).")
@click.option("--step", default=None, help="A step id (with --trainee and --scenario).")
@click.option("--keep-progress", is_flag=True, help="Keep attempts as they are (else archived).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def reset(name, code, scenario, step, keep_progress, yes) -> None:
    """Reset a cohort, a trainee, a scenario or a step (an automatic snapshot first)."""
    cohort = _cohort(name)
    try:
        plan = plan_reset(
            cohort,
            scenario_library(),
            personal_code=code,
            scenario_id=scenario,
            step_id=step,
            keep_progress=keep_progress,
        )
    except ResetRefused as refused:
        raise _refused(refused) from None
    _run(plan, yes)


@cohort_command.command("undo")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def undo(name: str, yes: bool) -> None:
    """Undo the cohort's latest reset (work done since in those workspaces is lost)."""
    cohort = _cohort(name)
    record = undoable(cohort)
    if record is None:
        raise click.ClickException(
            "Hakuna urudishaji unaoweza kutenduliwa. / There is no reset to undo."
        )
    click.echo(f"#{record.id} {record.grain} · {record.reset_at:%Y-%m-%d %H:%M}")
    if not yes:
        click.confirm("Tendua? / Undo?", abort=True)
    try:
        undo_reset(cohort, record.id, None)
    except ResetRefused as refused:
        raise _refused(refused) from None
    click.echo("Imetenduliwa. / Undone.")


@cohort_command.command("snapshot")
@click.argument("name")
@click.argument("label")
@with_appcontext
def snapshot(name: str, label: str) -> None:
    """Save the state of every workspace of the cohort under a label."""
    cohort = _cohort(name)
    try:
        saved = save_snapshot(cohort, label, None)
    except SnapshotRefused as refused:
        raise _refused(refused) from None
    click.echo(
        f"Nakala '{saved.label}' imehifadhiwa ({saved.workspaces} maeneo, {saved.items} "
        f"vipengele). / Snapshot '{saved.label}' saved ({saved.workspaces} workspaces, "
        f"{saved.items} items)."
    )


@cohort_command.command("restore")
@click.argument("name")
@click.argument("label")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore(name: str, label: str, yes: bool) -> None:
    """Put the cohort's workspaces back as a named snapshot saved them (undoable)."""
    cohort = _cohort(name)
    try:
        plan = plan_restore(cohort, named_snapshot(cohort, label))
    except SnapshotRefused as refused:
        raise _refused(refused) from None
    _run(plan, yes)
