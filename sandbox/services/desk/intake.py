"""Walk-in intake: an officer records feedback at the desk on a citizen's behalf."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User, Workspace
from sandbox.services.feedback.lifecycle import InvalidSubmission, Submission, submit_feedback
from sandbox.services.feedback.once import submission_token
from sandbox.services.feedback.scope import may_record_in
from sandbox.workflow import Channel, ComplainantType, FeedbackType


@dataclass(frozen=True)
class WalkIn:
    """What the officer writes down at the desk."""

    type: FeedbackType
    description: str
    agrees_to_be_identified: bool
    complainant_type: ComplainantType = ComplainantType.CITIZEN
    category_id: int | None = None
    language: str = "sw"
    name: str | None = None
    phone: str | None = None
    email: str | None = None


def record_walk_in(
    workspace: Workspace, officer: User, walk_in: WalkIn, form_key: str | None = None
) -> Feedback:
    """Submit a WALK_IN item to the officer's institution (once per form); identity by consent.

    InvalidSubmission: no institution, or a stakeholder outside their own preview worlds."""
    if not may_record_in(officer, workspace.id):
        raise InvalidSubmission(
            "Hapa unatazama tu: fungua KABLA au BAADA ya hoja ili kupokea mrejesho wa dawati.",
            "Here you only look: open a proposal's BEFORE or AFTER side to record walk-ins.",
        )
    institution = db.session.get(Institution, officer.institution_id or 0)
    if institution is None:
        raise InvalidSubmission(
            "Akaunti yako haina taasisi: huwezi kupokea mrejesho wa dawati.",
            "Your account has no institution: you cannot record walk-in feedback.",
        )
    identified = walk_in.agrees_to_be_identified
    submission = Submission(
        type=walk_in.type,
        complainant_type=walk_in.complainant_type if identified else ComplainantType.ANONYMOUS,
        channel=Channel.WALK_IN,
        institution_id=institution.id,
        description=walk_in.description,
        language=walk_in.language,
        category_id=walk_in.category_id,
        region_id=institution.region_id,
        district_id=institution.district_id,
        name=walk_in.name if identified else None,
        phone=walk_in.phone if identified else None,
        email=walk_in.email if identified else None,
    )
    token = submission_token("walk-in", form_key)
    return submit_feedback(workspace, submission, recorded_by=officer, token=token)
