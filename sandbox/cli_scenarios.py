"""`mrejesho scenario`: check scenario files and try a scenario's solution and pitfalls.

``lint [PATH]`` validates the shipped ``scenarios/`` (or another folder, or one file) and
exits 1 listing every problem (file, field path, expected, found), then checks that every
``guide:`` of a step or hint names an existing guide (and named heading); ``try ID`` replays the
solution and each pitfall in throw-away workspaces and prints scores and messages, so a
facilitator can author a scenario without code. Output in Swahili and English.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from sandbox.scenarios.loader import SCENARIOS_DIR, ScenarioError, lint, load_file, load_folder
from sandbox.scenarios.scoring import Outcome
from sandbox.services.guides.library import guide_library
from sandbox.services.guides.references import unknown_guide_references
from sandbox.services.training.setup import SetupRefused
from sandbox.services.training.trial import Run, try_scenario
from sandbox.services.workspace.demo import ensure_world


@click.group("scenario")
def scenario_command() -> None:
    """Guided scenarios: check the files, try a scenario (hali za mafunzo)."""


def _folder() -> Path:
    """The configured scenario folder (SCENARIOS_DIR), else the shipped scenarios/."""
    return Path(current_app.config.get("SCENARIOS_DIR") or SCENARIOS_DIR)


@scenario_command.command("lint")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@with_appcontext
def lint_command(path: Path | None) -> None:
    """Validate scenario files (default: the shipped scenarios/); exit 1 on any problem."""
    folder = path or _folder()
    problems = [str(p) for p in lint(folder)] or _guide_link_problems(folder)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"Matatizo {len(problems)} / {len(problems)} problem(s).", err=True)
        raise SystemExit(1)
    click.echo("Hali zote ni sahihi. / All scenarios are valid.")


def _guide_link_problems(path: Path) -> list[str]:
    """Every ``guide:`` of steps and hints that names no guide or named heading."""
    scenarios = [load_file(path)] if path.is_file() else load_folder(path).in_order()
    return unknown_guide_references(scenarios, guide_library())


@scenario_command.command("try")
@click.argument("scenario_id")
@click.option(
    "--path",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Scenario folder (default: the shipped scenarios/).",
)
@with_appcontext
def try_command(scenario_id: str, folder: Path | None) -> None:
    """Run a scenario's solution and pitfalls in throw-away workspaces; print scores."""
    try:
        library = load_folder(folder or _folder())
    except ScenarioError as error:
        raise click.ClickException(str(error)) from None
    scenario = library.scenarios.get(scenario_id)
    if scenario is None:
        raise click.ClickException(f"Hakuna hali '{scenario_id}'. / No scenario '{scenario_id}'.")
    ensure_world(current_app.config["SEED_DATA_DIR"])
    try:
        trial = try_scenario(scenario)
    except SetupRefused as refused:  # a setup that cannot be applied: say why, no traceback
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    _show(trial.solution)
    for run in trial.pitfalls:
        _show(run)
    if trial.is_as_intended:
        click.echo("\nSawa: suluhisho 100%, kila kosa limenaswa.")
        click.echo("  OK: the solution scores 100 %, every pitfall is caught.")
        return
    click.echo("\nHAIKUFAULU / NOT AS INTENDED", err=True)
    raise SystemExit(1)


def _show(run: Run) -> None:
    """One run: its score, refusals and failing checks, and whether it went as intended."""
    kind = "Suluhisho / Solution" if run.expected is None else f"Kosa / Pitfall: {run.name}"
    mark = "sawa / ok" if run.is_as_intended else "SI SAWA / NOT OK"
    click.echo(f"\n{kind}  —  {_score(run.outcome)}  [{mark}]")
    for replayed in run.refusals:
        sw, en = replayed.refusal
        click.echo(f"  ! {replayed.index + 1}. {replayed.do}: {sw} / {en}")
    for step in run.outcome.steps:
        state = "✓" if step.passed else "✗"
        click.echo(f"  {state} {step.id} ({step.credit:g}/{step.weight:g})")
        for check in step.failures:
            click.echo(f"      - {check.type}: {check.message[0]}")
            click.echo(f"        {check.message[1]}")
    if run.expected is not None and run.caught is None:
        click.echo(
            f"  Ilitarajiwa kushindwa / expected to fail: {run.expected.step} "
            f"[{run.expected.check}] {run.expected.says or ''}".rstrip()
        )


def _score(outcome: Outcome) -> str:
    """Score, completion and success in both languages."""
    done = "imekamilika / completed" if outcome.completed else "haijakamilika / not completed"
    passed = "imefaulu / passed" if outcome.success else "haijafaulu / not passed"
    return f"{outcome.score:.0%}, {done}, {passed}"
