"""A small hand-built world for the dashboard: every figure can be counted by hand.

Clock (workspace r1) starts Monday 2 Nov 2026 08:00; November 2026 has no Tanzanian public
holiday. Deadlines: acknowledge Wed 11 Nov 23:59:59, respond Fri 20 Nov 23:59:59.

institution A = DODOMA_CC (region DOD), B = TANESCO (national).
  A1 complaint web, cat c1, IDENTIFIED: ack Mon 2 (0 wd), respond Fri 6 (4 wd)
  A2 inquiry ussd, cat c1: ack Wed 4 (2 wd), assigned to the officer, never answered
  A3 suggestion sms, cat c2: never acknowledged
  A4 compliment walk-in: responded Wed 4 (ack and respond 2 wd)
  A6 complaint web: rejected Wed 4 (duplicate)
  B1 complaint web at B, region DSM            (outside A and outside region DOD)
  C1 inquiry app at B, region DOD              (in region DOD, not in A)
  X1 complaint at A in ANOTHER workspace r2    (never counted)
Now = Mon 23 Nov 08:00; the head of A gives a directive on A2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Institution, Region, User
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import (
    Action,
    Channel,
    Command,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    RejectionReason,
    Role,
)

PASSWORD = "siri-ya-majaribio"
COMPLAINANT_NAME = "Asha Mushi"
COMPLAINANT_PHONE = "+255754000111"
OFFICER_NAME = "=2+3 Afisa Juma"  # starts like a formula: exports must neutralise it
NOW = datetime(2026, 11, 23, 8, 0)


@dataclass
class ReportWorld:
    workspace: object
    other: object
    a: Institution
    b: Institution
    head: User
    officer: User
    leader: User
    facilitator: User
    items: dict


def _one(model, **where):
    return db.session.scalar(sa.select(model).filter_by(**where))


def make_user(username, role, workspace, institution=None, region=None, name=None) -> User:
    """A login in a workspace."""
    user = User(
        username=username,
        display_name=name or username.title(),
        role=role,
        institution_id=institution.id if institution else None,
        region_id=region.id if region else None,
        workspace_id=workspace.id,
        created_at=wall_now(),
    )
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


def _submit(ws, institution, kind, channel, category=None, region=None, identified=False):
    return submit_feedback(
        ws,
        Submission(
            type=kind,
            complainant_type=ComplainantType.CITIZEN if identified else ComplainantType.ANONYMOUS,
            channel=channel,
            institution_id=institution.id,
            description="Huduma imechelewa sana.",
            category_id=category.id if category else None,
            region_id=region.id if region else None,
            name=COMPLAINANT_NAME if identified else None,
            phone=COMPLAINANT_PHONE if identified else None,
        ),
    )


def _act(ws, item, action, actor=None, giver_level=None, **inputs):
    apply_action(ws, item.id, Command(action, **inputs), actor=actor, giver_level=giver_level)


@pytest.fixture
def report_world(make_workspace) -> ReportWorld:
    ws, other = make_workspace("r1"), make_workspace("r2")
    a, b = _one(Institution, code="DODOMA_CC"), _one(Institution, code="TANESCO")
    dod, dsm = _one(Region, code="DOD"), _one(Region, code="DSM")
    c1, c2 = db.session.scalars(sa.select(Category).order_by(Category.id).limit(2)).all()
    head = make_user("head.a", Role.HEAD, ws, a, name="Baraka Mkuu")
    officer = make_user("officer.a", Role.OFFICER, ws, a, name=OFFICER_NAME)
    leader = make_user("leader.dod", Role.LEADER, ws, region=dod)
    facilitator = make_user("trainer", Role.FACILITATOR, ws)
    items = {
        "A1": _submit(ws, a, FeedbackType.COMPLAINT, Channel.WEB, c1, identified=True),
        "A2": _submit(ws, a, FeedbackType.INQUIRY, Channel.USSD, c1),
        "A3": _submit(ws, a, FeedbackType.SUGGESTION, Channel.SMS, c2),
        "A4": _submit(ws, a, FeedbackType.COMPLIMENT, Channel.WALK_IN),
        "A6": _submit(ws, a, FeedbackType.COMPLAINT, Channel.WEB),
        "B1": _submit(ws, b, FeedbackType.COMPLAINT, Channel.WEB, region=dsm),
        "C1": _submit(ws, b, FeedbackType.INQUIRY, Channel.APP, region=dod),
        "X1": _submit(other, a, FeedbackType.COMPLAINT, Channel.WEB, c1),
    }
    _act(ws, items["A1"], Action.ACKNOWLEDGE, officer)
    move_clock(ws, working_days=2)  # Wed 4 Nov
    _act(ws, items["A2"], Action.ACKNOWLEDGE, officer)
    _act(ws, items["A2"], Action.ASSIGN, head, assignee_id=officer.id)
    _act(ws, items["A4"], Action.RESPOND, officer, public_reply="Asante kwa pongezi.")
    _act(
        ws,
        items["A6"],
        Action.REJECT,
        officer,
        rejection_reason=RejectionReason.DUPLICATE,
        reason="Nakala ya A1",
    )
    move_clock(ws, working_days=2)  # Fri 6 Nov
    _act(ws, items["A1"], Action.ASSIGN, head, assignee_id=officer.id)
    _act(ws, items["A1"], Action.START, officer)
    _act(ws, items["A1"], Action.RESPOND, officer, public_reply="Tumerekebisha.")
    move_clock(ws, to=NOW)  # Mon 23 Nov 08:00
    _act(
        ws,
        items["A2"],
        Action.DIRECTIVE,
        head,
        giver_level=EscalationLevel.HEAD,
        note="Jibu ndani ya siku mbili.",
    )
    return ReportWorld(ws, other, a, b, head, officer, leader, facilitator, items)
