"""`mrejesho cohort`: create a training cohort (prints its join code), list, archive;
export and import a cohort's archive (``cli_cohort_archive.py``).

Beside the service it drives (``services/training/cohorts.py``). Every message in Swahili
and English. Nothing here prints a trainee's personal data.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from sandbox.cli_args import cohort_named as _cohort
from sandbox.cli_args import day as _day
from sandbox.cli_args import facilitator_named as _facilitator
from sandbox.cli_cohort_archive import export_command, import_command
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import (
    CohortRefused,
    archive_cohort,
    create_cohort,
    list_cohorts,
)
from sandbox.services.workspace.demo import ensure_world


@click.group("cohort")
def cohort_command() -> None:
    """Training cohorts: trainees join at /join with the cohort's code."""


@cohort_command.command("create")
@click.argument("name")
@click.option("--seed", type=int, default=None, help="The trainees' world (default: random).")
@click.option("--start", default=None, help="Simulated start date, YYYY-MM-DD (default: today).")
@click.option("--language", type=click.Choice(["sw", "en"]), default="sw", show_default=True)
@click.option(
    "--facilitator",
    default=None,
    help="Username of the facilitator who runs it (default: administrators only).",
)
@with_appcontext
def create(
    name: str, seed: int | None, start: str | None, language: str, facilitator: str | None
) -> None:
    """Create a cohort and print its join code."""
    ensure_world(current_app.config["SEED_DATA_DIR"])
    runner = _facilitator(facilitator)
    try:
        cohort = create_cohort(
            name, seed=seed, start=_day(start), language=language, facilitator=runner
        )
    except CohortRefused as refused:
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    code = grouped(cohort.join_code)
    click.echo(
        f"Kundi '{cohort.name}' limeundwa. / Cohort '{cohort.name}' created.\n"
        f"  Msimbo wa kujiunga / Join code: {code}\n"
        f"  Wanafunzi wafungue / Trainees open: /join\n"
        f"  mbegu / seed {cohort.seed} · mwanzo / start {cohort.start_at:%Y-%m-%d %H:%M} · "
        f"lugha / language {cohort.language} · {cohort.institution.name_en}"
    )


@cohort_command.command("list")
@with_appcontext
def list_command() -> None:
    """Every cohort with its join code, start, trainees joined and whether it is open."""
    rows = list_cohorts()
    if not rows:
        click.echo("Hakuna kundi bado. / No cohort yet.")
    for cohort, joined in rows:
        state = "imefungwa/archived" if cohort.is_archived else "wazi/open"
        click.echo(
            f"  {grouped(cohort.join_code)}  {cohort.start_at:%Y-%m-%d}  {cohort.language}  "
            f"{joined:>4} {state:<18}  {cohort.name}"
        )


@cohort_command.command("archive")
@click.argument("name")
@click.option("--reopen", is_flag=True, help="Open an archived cohort again.")
@with_appcontext
def archive(name: str, reopen: bool) -> None:
    """Close a cohort: no new joins, no sign-ins (its workspaces are kept)."""
    cohort = _cohort(name)
    archive_cohort(cohort, archived=not reopen)
    if reopen:
        click.echo(f"Kundi '{cohort.name}' liko wazi tena. / Cohort '{cohort.name}' is open again.")
    else:
        click.echo(f"Kundi '{cohort.name}' limefungwa. / Cohort '{cohort.name}' is archived.")


cohort_command.add_command(export_command)
cohort_command.add_command(import_command)
