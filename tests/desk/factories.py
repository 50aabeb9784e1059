"""Factories for desk tests: users, items submitted through the real service, actions."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User, Workspace
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import Action, Channel, Command, ComplainantType, FeedbackType, Role

NAME = "Asha Juma Mrema"
PHONE = "+255 712 345 678"


def institution(code: str) -> Institution:
    """A reference institution by code."""
    return db.session.scalar(sa.select(Institution).where(Institution.code == code))


def make_user(
    workspace: Workspace, username: str, role: Role, code: str | None = None, **fields
) -> User:
    """A user of this workspace, optionally working at an institution."""
    inst = institution(code) if code else None
    user = User(
        username=username,
        display_name=username.title(),
        role=role,
        institution_id=inst.id if inst else None,
        region_id=fields.pop("region_id", inst.region_id if inst else None),
        workspace_id=workspace.id,
        created_at=wall_now(),
        **fields,
    )
    user.set_password("pw")
    db.session.add(user)
    db.session.commit()
    return user


def make_item(
    workspace: Workspace,
    code: str,
    feedback_type: FeedbackType = FeedbackType.COMPLAINT,
    anonymous: bool = False,
    description: str = "Maji hayatoki bombani kwa wiki mbili.",
    **fields,
) -> Feedback:
    """An item submitted to an institution through submit_feedback."""
    inst = institution(code)
    submission = Submission(
        type=feedback_type,
        complainant_type=ComplainantType.ANONYMOUS if anonymous else ComplainantType.CITIZEN,
        channel=fields.pop("channel", Channel.WEB),
        institution_id=inst.id,
        description=description,
        region_id=fields.pop("region_id", inst.region_id),
        name=None if anonymous else NAME,
        phone=None if anonymous else PHONE,
        **fields,
    )
    return submit_feedback(workspace, submission)


def act(workspace: Workspace, item: Feedback, action: Action, actor=None, **inputs) -> Feedback:
    """Apply one action to an item (as ``actor``) and return the refreshed row."""
    apply_action(workspace, item.id, Command(action, **inputs), actor=actor)
    return db.session.get(Feedback, item.id)
