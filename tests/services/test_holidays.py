"""A holiday announced for a workspace: deadlines, overdue flags and escalations follow it,
in that workspace only (issue 8, section 8)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.holidays import (
    HolidayRefused,
    declare_holiday,
    declared_holidays,
    withdraw_holiday,
)
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Channel, ComplainantType, EscalationLevel, FeedbackType
from tests.desk.factories import institution

# The suite's clock starts Monday 2 November 2026 08:00 (tests/conftest.py): 7 working days
# later is Wednesday 11 November, 14 is Friday 20 November.
MONDAY_9 = date(2026, 11, 9)


def submitted(workspace) -> Feedback:
    inst = institution("DODOMA_CC")
    return submit_feedback(
        workspace,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.ANONYMOUS,
            channel=Channel.WEB,
            institution_id=inst.id,
            description="Barabara imeharibika kabisa.",
            region_id=inst.region_id,
        ),
    )


def test_declaring_a_holiday_gives_open_items_their_lost_working_day(make_workspace):
    ws, other = make_workspace("h1"), make_workspace("h2")
    item, theirs = submitted(ws), submitted(other)
    assert item.acknowledge_due == datetime(2026, 11, 11, 23, 59, 59)
    change = declare_holiday(ws, MONDAY_9, "Eid al-Fitr (tangazo)")
    assert change.items_moved == 1
    db.session.refresh(item)
    assert item.acknowledge_due == datetime(2026, 11, 12, 23, 59, 59)
    assert item.respond_due == datetime(2026, 11, 23, 23, 59, 59)
    assert not rules_for(ws).calendar.is_working_day(MONDAY_9)
    db.session.refresh(theirs)  # another workspace keeps its calendar and its deadlines
    assert rules_for(other).calendar.is_working_day(MONDAY_9)
    assert theirs.acknowledge_due == datetime(2026, 11, 11, 23, 59, 59)
    assert [h.day for h in declared_holidays(ws)] == [MONDAY_9]


def test_new_items_count_around_a_declared_day(make_workspace):
    ws = make_workspace()
    declare_holiday(ws, MONDAY_9, "Sikukuu")
    assert submitted(ws).acknowledge_due == datetime(2026, 11, 12, 23, 59, 59)


def test_withdrawing_gives_the_day_back_and_escalates_what_became_late(make_workspace):
    ws = make_workspace()
    item = submitted(ws)
    declare_holiday(ws, MONDAY_9, "Sikukuu")
    move_clock(ws, to=datetime(2026, 11, 18, 9, 0))  # 4 working days late: not yet due
    db.session.refresh(item)
    assert item.escalation_level is EscalationLevel.NONE
    change = withdraw_holiday(ws, MONDAY_9)
    db.session.refresh(item)
    assert item.acknowledge_due == datetime(2026, 11, 11, 23, 59, 59)
    assert change.escalated == 1 and item.escalation_level is EscalationLevel.HEAD


@pytest.mark.parametrize(
    ("day", "message"),
    [(date(2026, 11, 7), "not a working day"), (date(2026, 12, 9), "not a working day")],
)
def test_a_day_that_is_not_a_working_day_is_refused(make_workspace, day, message):
    with pytest.raises(HolidayRefused) as refused:
        declare_holiday(make_workspace(), day, "Hakuna")
    assert message in refused.value.message_en


def test_withdrawing_an_undeclared_day_is_refused(make_workspace):
    with pytest.raises(HolidayRefused):
        withdraw_holiday(make_workspace(), MONDAY_9)
