"""`mrejesho proposals sync`: write seed_data/proposals.yaml into the database.

Adds missing proposals and updates those whose data version is higher; the status and the
decision are never touched (``services/preview/proposals.py``). ``--check`` only validates
the file (exit 1 listing every problem: file, field path, expected, found). Output in
Swahili and English.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from sandbox.proposals.loader import ProposalDataError, load_proposals
from sandbox.services.preview.proposals import sync_proposals


@click.group("proposals")
def proposals_command() -> None:
    """Proposals of the stakeholder preview (hoja za maboresho)."""


@proposals_command.command("sync")
@click.option("--check", is_flag=True, help="Only validate the file; write nothing.")
@with_appcontext
def sync_command(check: bool) -> None:
    """Write the shipped proposals into the database (idempotent)."""
    try:
        entries = load_proposals()
    except ProposalDataError as error:
        raise click.ClickException(
            f"Faili la hoja lina matatizo / The proposals file has problems:\n{error}"
        ) from None
    if check:
        click.echo(f"Hoja {len(entries)} ni sahihi. / {len(entries)} proposals are valid.")
        return
    added, updated = sync_proposals(entries)
    click.echo(f"Hoja mpya {added}, zilizosasishwa {updated}. / Added {added}, updated {updated}.")
