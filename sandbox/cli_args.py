"""Arguments of the `mrejesho cohort` commands, read once for every module of the group:
a date, a cohort by name, a facilitator by username (each a bilingual usage error when
wrong)."""

from __future__ import annotations

from datetime import date

import click

from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import find_cohort
from sandbox.workflow import Role


def day(text: str | None) -> date | None:
    """A YYYY-MM-DD date (or None), else a bilingual usage error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"'{text}': andika tarehe kama 2026-11-30. / write the date like 2026-11-30."
        ) from None


def cohort_named(name: str):
    """The cohort with this name, or a bilingual usage error."""
    cohort = find_cohort(name)
    if cohort is None:
        raise click.ClickException(f"Hakuna kundi '{name}'. / No cohort '{name}'.")
    return cohort


def facilitator_named(username: str | None):
    """The facilitator or administrator account with this username (None for None)."""
    if username is None:
        return None
    user = find_username(username)
    if user is None or user.role not in (Role.FACILITATOR, Role.ADMIN):
        raise click.ClickException(
            f"Hakuna mwezeshaji '{username}'. / No facilitator '{username}'."
        )
    return user
