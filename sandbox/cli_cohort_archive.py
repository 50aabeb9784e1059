"""`mrejesho cohort export NAME FILE` and `mrejesho cohort import FILE`: a cohort's archive.

Beside the service it drives (``services/facilitation/archive.py``), registered on the
``cohort`` group. Every message in Swahili and English. The archive holds the trainees'
personal data (names, personal codes, PIN hashes, home institutions, phones): the export
says so; nothing here prints any of it.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from sandbox.cli_args import facilitator_named
from sandbox.services.facilitation.archive import export_cohort, import_cohort
from sandbox.services.facilitation.archive_format import MAX_ARCHIVE_BYTES, ArchiveRefused, too_big
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import find_cohort
from sandbox.services.workspace.demo import ensure_world

PERSONAL_DATA = (
    "Tahadhari: faili lina taarifa binafsi za wanafunzi (majina, misimbo binafsi, PIN "
    "zilizofichwa, taasisi zao, simu). Litunze kama orodha ya washiriki.\n"
    "Careful: the file holds the trainees' personal data (names, personal codes, hashed "
    "PINs, home institutions, phones). Keep it like an attendance list."
)


@click.command("export")
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def export_command(name: str, file: Path) -> None:
    """Write a whole cohort to one archive file (imports on another installation)."""
    cohort = find_cohort(name)
    if cohort is None:
        raise click.ClickException(f"Hakuna kundi '{name}'. / No cohort '{name}'.")
    data = export_cohort(cohort)
    file.write_bytes(data)
    click.echo(
        f"Kundi '{cohort.name}' limehifadhiwa kwenye / Cohort '{cohort.name}' written to "
        f"{file} ({len(data) // 1024} KB).\n{PERSONAL_DATA}"
    )


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--facilitator",
    default=None,
    help="Username of the facilitator who runs it here (default: administrators only).",
)
@with_appcontext
def import_command(file: Path, facilitator: str | None) -> None:
    """Import a cohort archive made by `mrejesho cohort export` (here or elsewhere)."""
    ensure_world(current_app.config["SEED_DATA_DIR"])
    runner = facilitator_named(facilitator)
    try:
        imported = import_cohort(_read(file), runner)
    except ArchiveRefused as refused:
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    name = imported.cohort.name
    if not imported.is_new:
        click.echo(
            f"Kundi '{name}' liliingizwa tayari: hakuna kilichobadilika. / "
            f"Cohort '{name}' was imported already: nothing changed."
        )
        return
    click.echo(
        f"Kundi '{name}' limeingizwa. / Cohort '{name}' imported.\n"
        f"  wanafunzi / trainees {imported.counts.get('enrolment', 0)} · "
        f"msimbo wa kujiunga / join code {grouped(imported.cohort.join_code)}"
    )
    for what, (old, new) in imported.renamed.items():
        click.echo(f"  {what}: '{old}' -> '{new}' (ilikuwa inatumika / was taken)")


def _read(file: Path) -> bytes:
    """The file's bytes, refused before reading when it is over the archive limit."""
    if file.stat().st_size > MAX_ARCHIVE_BYTES:
        refused = too_big()
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}")
    return file.read_bytes()
