"""The facilitator acknowledges a trainee's help request or stuck episode: who and when.

An acknowledgement names the episode it saw (``RoomAcknowledgement.episode``), so a new
help request or a new stuck episode shows again. Acknowledging twice keeps the first.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, RoomAcknowledgement, User
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError

KINDS = ("help", "stuck")


class NothingToAcknowledge(BilingualError, LookupError):
    """No such trainee in this cohort, or an unknown kind (the view answers 404)."""


def acknowledge(cohort: Cohort, facilitator: User, enrolment_id: int, kind: str, episode: str):
    """Record that ``facilitator`` saw this trainee's episode; commits; the acknowledgement.

    Raises NothingToAcknowledge for a trainee of another cohort or an unknown kind."""
    enrolment = db.session.get(Enrolment, enrolment_id)
    if enrolment is None or enrolment.cohort_id != cohort.id or kind not in KINDS:
        raise NothingToAcknowledge("Hakuna cha kuthibitisha.", "Nothing to acknowledge.")
    found = _find(enrolment.user_id, kind, episode[:40])
    if found is not None:
        return found
    row = RoomAcknowledgement(
        cohort_id=cohort.id,
        user_id=enrolment.user_id,
        kind=kind,
        episode=episode[:40],
        acknowledged_by=facilitator.id,
        acknowledged_at=wall_now(),
    )
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # two facilitators' clicks at once: the first one stands
        db.session.rollback()
        return _find(enrolment.user_id, kind, episode[:40])
    return row


def acknowledged_in(cohort_id: int) -> set[tuple[int, str, str]]:
    """Every (trainee user id, kind, episode) acknowledged in the cohort."""
    rows = db.session.execute(
        sa.select(
            RoomAcknowledgement.user_id, RoomAcknowledgement.kind, RoomAcknowledgement.episode
        ).where(RoomAcknowledgement.cohort_id == cohort_id)
    )
    return {tuple(row) for row in rows}


def _find(user_id: int, kind: str, episode: str) -> RoomAcknowledgement | None:
    """The acknowledgement of this episode, if any."""
    return db.session.scalar(
        sa.select(RoomAcknowledgement).where(
            RoomAcknowledgement.user_id == user_id,
            RoomAcknowledgement.kind == kind,
            RoomAcknowledgement.episode == episode,
        )
    )
