"""What a signed-in trainee sees of their own training: code, cohort, world, clock."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sandbox.models import Institution, Workspace
from sandbox.services.training.joining import enrolment_of, shown_code
from sandbox.services.workspace.now import workspace_now


@dataclass(frozen=True)
class TraineeCard:
    """The trainee's own page: who they are here, their code, their world and its date.

    ``home_institution`` and ``phone`` are the trainee's personal data: this card is only
    ever built for the trainee themself.
    """

    name: str
    institution: Institution | None
    workspace: Workspace | None
    now: datetime | None
    personal_code: str | None = None  # None for a trainee made by `mrejesho trainee`
    cohort_name: str | None = None
    home_institution: str | None = None
    phone: str | None = None


def trainee_card(user) -> TraineeCard:
    """The signed-in trainee's card (a login made on the command line has no cohort)."""
    workspace = user.workspace
    card = TraineeCard(
        name=user.display_name,
        institution=user.institution,
        workspace=workspace,
        now=workspace_now(workspace) if workspace is not None else None,
    )
    enrolment = enrolment_of(user)
    if enrolment is None:
        return card
    return replace(
        card,
        personal_code=shown_code(enrolment),
        cohort_name=enrolment.cohort.name,
        home_institution=enrolment.home_institution,
        phone=enrolment.phone,
    )


def personal_code_of(user) -> str | None:
    """The signed-in user's personal code as shown (``KXP-4TM``), if they joined a cohort."""
    enrolment = enrolment_of(user)
    return shown_code(enrolment) if enrolment is not None else None
