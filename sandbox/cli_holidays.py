"""`mrejesho holiday`: declare an announced public holiday or closure for a workspace.

Beside the service it drives (``services/workspace/holidays.py``): deadlines, overdue
flags and escalations follow. Every message in Swahili and English.
"""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from sandbox.services.workspace.holidays import (
    HolidayRefused,
    declare_holiday,
    declared_holidays,
    withdraw_holiday,
)
from sandbox.services.workspace.workspaces import find_workspace


def _workspace(code: str):
    """The workspace with this code, or a bilingual usage error."""
    workspace = find_workspace(code)
    if workspace is None:
        raise click.ClickException(f"Hakuna eneo la kazi '{code}'. / No workspace '{code}'.")
    return workspace


def _day(text: str) -> date:
    """A YYYY-MM-DD date, or a bilingual usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"'{text}': andika tarehe kama 2026-03-20. / write the date like 2026-03-20."
        ) from None


@click.group("holiday")
def holiday_command() -> None:
    """Holidays announced for a workspace (Eid by moon sighting, a closure)."""


@holiday_command.command("declare")
@click.argument("workspace_code")
@click.argument("day")
@click.argument("name")
@with_appcontext
def declare(workspace_code: str, day: str, name: str) -> None:
    """Close DAY (YYYY-MM-DD) in a workspace; open items' deadlines move with it."""
    try:
        change = declare_holiday(_workspace(workspace_code), _day(day), name)
    except HolidayRefused as refused:
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    click.echo(
        f"{change.day} ni sikukuu katika '{workspace_code}'; muda wa mrejesho "
        f"{change.items_moved} umesogezwa.\n  {change.day} is a holiday in '{workspace_code}'; "
        f"{change.items_moved} items' deadlines moved."
    )


@holiday_command.command("withdraw")
@click.argument("workspace_code")
@click.argument("day")
@with_appcontext
def withdraw(workspace_code: str, day: str) -> None:
    """Open DAY again; deadlines give it back and what became late is escalated."""
    try:
        change = withdraw_holiday(_workspace(workspace_code), _day(day))
    except HolidayRefused as refused:
        raise click.ClickException(f"{refused.message_sw} / {refused.message_en}") from None
    click.echo(
        f"{change.day} ni siku ya kazi tena; mrejesho {change.items_moved} umesogezwa, "
        f"{change.escalated} umepandishwa ngazi.\n  {change.day} is a working day again; "
        f"{change.items_moved} items moved, {change.escalated} escalated."
    )


@holiday_command.command("list")
@click.argument("workspace_code")
@with_appcontext
def list_holidays(workspace_code: str) -> None:
    """The holidays declared for a workspace."""
    for holiday in declared_holidays(_workspace(workspace_code)):
        click.echo(f"  {holiday.day}  {holiday.name}")
