"""`mrejesho cohort enrol` and `mrejesho cohort clock`: a roster from a CSV file, and the
cohort's simulated clock.

Registered on the ``cohort`` group of ``cli_cohort.py``. Every message in Swahili and
English. A roster's phones are never printed (only names, row numbers and problems).
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from sandbox.cli_cohort import _cohort, _day, cohort_command
from sandbox.services.facilitation.clock import move_cohort_clock
from sandbox.services.facilitation.enrolment import (
    EnrolmentRefused,
    enrol_roster,
    minutes_to_enrol,
)
from sandbox.services.facilitation.roster_csv import Roster, RosterUnreadable, read_roster
from sandbox.services.workspace.clock import ClockConflict, ClockRefused


@cohort_command.command("enrol")
@click.argument("name")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would be done.")
@with_appcontext
def enrol(name: str, file, dry_run: bool) -> None:
    """Enrol trainees from a CSV (name, institution, phone) and print their code cards."""
    cohort = _cohort(name)
    try:
        roster = read_roster(file.read())
    except RosterUnreadable as unreadable:
        raise click.ClickException(f"{unreadable.message_sw} / {unreadable.message_en}") from None
    _report(roster)
    if dry_run or roster.problems:
        return
    minutes = minutes_to_enrol(len(roster.rows))
    click.echo(f"Takriban dakika {minutes} / About {minutes} minutes.")
    with click.progressbar(length=len(roster.rows), label="Kusajili / Enrolling") as bar:
        try:
            cards = enrol_roster(cohort, roster, progress=bar.update)
        except EnrolmentRefused as refused:
            raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    click.echo("Jina / Name · Msimbo binafsi / Personal code · PIN")
    for card in cards:
        click.echo(f"  {card.name} · {card.personal_code} · {card.pin}")


def _report(roster: Roster) -> None:
    """What the file holds: problems row by row, or how many can be enrolled."""
    for problem in roster.problems:
        click.echo(
            f"  safu / row {problem.row}, {problem.column}: "
            f"{problem.problem.message_sw} / {problem.problem.message_en}",
            err=True,
        )
    if roster.problems:
        raise click.ClickException(
            f"Makosa {len(roster.problems)}: hakuna aliyesajiliwa. / "
            f"{len(roster.problems)} problems: nobody was enrolled."
        )
    click.echo(
        f"Washiriki {len(roster.rows)} wanaweza kusajiliwa. / "
        f"{len(roster.rows)} trainees can be enrolled."
    )


@cohort_command.command("clock")
@click.argument("name")
@click.option("--days", type=int, default=None, help="Working days forward.")
@click.option("--to", "to", default=None, help="The date to move to, YYYY-MM-DD.")
@with_appcontext
def clock(name: str, days: int | None, to: str | None) -> None:
    """Move every workspace of the cohort forward, in one go."""
    cohort = _cohort(name)
    try:
        moved = move_cohort_clock(cohort, working_days=days, to=_day(to))
    except (ClockRefused, ClockConflict) as refused:
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    click.echo(
        f"Saa imesogea katika mazingira {moved.workspaces}; mrejesho {moved.escalated} "
        f"umepandishwa. / The clock moved in {moved.workspaces} workspaces; "
        f"{moved.escalated} items escalated. Tarehe / Date: {moved.latest:%Y-%m-%d %H:%M}"
    )
