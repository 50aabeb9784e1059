"""Bilingual enums: stable stored values, labels in both languages."""

from __future__ import annotations

import re

import pytest

from sandbox.workflow import (
    Action,
    Channel,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    Labelled,
    RejectionReason,
    Resolution,
    Role,
    Status,
)

ENUMS = [
    FeedbackType,
    ComplainantType,
    Channel,
    Status,
    Action,
    EscalationLevel,
    RejectionReason,
    Resolution,
    Role,
]
MEMBERS = [member for enum in ENUMS for member in enum]


@pytest.mark.parametrize("member", MEMBERS, ids=repr)
def test_member_has_snake_case_value_and_both_labels(member: Labelled) -> None:
    assert re.fullmatch(r"[a-z][a-z_]*", member.value)
    assert member.label_sw and member.label_en
    assert member.label("sw") == member.label_sw
    assert member.label("en") == member.label_en
    assert member.label() == member.label_sw
    assert member.label("fr") == member.label_sw


def test_values_round_trip_and_compare_as_strings() -> None:
    assert Status("in_progress") is Status.IN_PROGRESS
    assert Status.IN_PROGRESS == "in_progress"
    assert f"{Action.REOPEN}" == str(Action.REOPEN) == "reopen"


def test_glossary_wording() -> None:
    assert FeedbackType.COMPLAINT.label_sw == "Lalamiko"
    assert FeedbackType.INQUIRY.label_sw == "Ulizo"
    assert Status.RECEIVED.label_sw == "Imepokelewa"
    assert Role.ICT_OFFICER.label_sw == "Afisa TEHAMA"
    assert Channel.USSD.label_en == "USSD *152*00#"


def test_open_and_final_statuses() -> None:
    not_open = {s for s in Status if not s.is_open}
    assert not_open == {Status.RESPONDED, Status.CLOSED, Status.REJECTED}
    assert [s for s in Status if s.is_final] == [Status.REJECTED]


def test_escalation_levels_climb_to_leader() -> None:
    assert EscalationLevel.NONE.next_level is EscalationLevel.HEAD
    assert EscalationLevel.HEAD.next_level is EscalationLevel.LEADER
    assert EscalationLevel.LEADER.next_level is None
