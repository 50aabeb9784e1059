"""Creating, editing and archiving the cohorts a facilitator runs.

Decisions (a facilitator's expectations, written down):

- A cohort made in the console is run by the signed-in user (``facilitator_id``); creating
  goes through ``services/training/cohorts.create_cohort`` (the same rules as the CLI).
- The name and the language can change at any time (a typo, a hall that prefers English).
- The seed and the simulated start date make the trainees' worlds: they can change only
  while the cohort is empty (nobody joined, no shared workspace). After that, changing them
  would give newcomers a different world from the rest of the hall, so they are refused.
- Archiving closes the cohort to joins and sign-ins and keeps everything; reopening undoes
  it. Both ask for confirmation in the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment
from sandbox.services.training.cohorts import (
    LANGUAGES,
    WORKDAY_START,
    CohortRefused,
    archive_cohort,
    check_start,
    cohort_name,
    create_cohort,
    find_cohort,
)


@dataclass(frozen=True)
class CohortChange:
    """What the edit form sends: seed and start are None when not to change."""

    name: str
    language: str
    seed: int | None = None
    start: date | None = None


def open_new_cohort(user, name: str, seed: int | None, start: date | None, language: str):
    """A new cohort run by ``user``; commits. Raises CohortRefused (name taken, bad language)."""
    return create_cohort(name, seed=seed, start=start, language=language, facilitator=user)


def is_empty(cohort: Cohort) -> bool:
    """True while nobody joined the cohort and it has no shared workspace."""
    joined = db.session.scalar(
        sa.select(sa.func.count(Enrolment.id)).where(Enrolment.cohort_id == cohort.id)
    )
    return not joined and cohort.shared_workspace_id is None


def edit_cohort(cohort: Cohort, change: CohortChange) -> Cohort:
    """Rename, change the language, and (while empty) the seed and start; commits.

    Raises CohortRefused for a taken name, an unknown language, or a seed or start changed
    once trainees joined.
    """
    name = cohort_name(change.name)
    check_start(change.start)
    other = find_cohort(name)
    if other is not None and other.id != cohort.id:
        raise CohortRefused(
            f"Kundi lenye jina '{name}' lipo tayari.", f"A cohort named '{name}' already exists."
        )
    if not 1 <= len(name) <= 120 or change.language not in LANGUAGES:
        raise CohortRefused(
            "Jina liwe na herufi 1 hadi 120 na lugha iwe sw au en.",
            "A name has 1 to 120 characters and the language is sw or en.",
        )
    _change_world(cohort, change)
    cohort.name, cohort.language = name, change.language
    db.session.commit()
    return cohort


def _change_world(cohort: Cohort, change: CohortChange) -> None:
    """Set a new seed or start, refused once the cohort has workspaces."""
    start = datetime.combine(change.start, WORKDAY_START) if change.start else cohort.start_at
    seed = cohort.seed if change.seed is None else change.seed
    if (seed, start) == (cohort.seed, cohort.start_at):
        return
    if not is_empty(cohort):
        raise CohortRefused(
            "Mbegu na tarehe ya kuanza hubadilika tu kabla mtu hajajiunga.",
            "The seed and the start date can change only before anyone joins.",
        )
    cohort.seed, cohort.start_at = seed, start


def set_archived(cohort: Cohort, archived: bool) -> None:
    """Archive the cohort (no joins, no sign-ins) or open it again; commits."""
    archive_cohort(cohort, archived=archived)
