"""Submitting feedback and applying workflow actions through the service layer."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, Institution, SmsMessage
from sandbox.services.feedback.lifecycle import (
    FeedbackNotFound,
    InvalidSubmission,
    Submission,
    apply_action,
    submit_feedback,
)
from sandbox.workflow import (
    Action,
    Channel,
    Command,
    ComplainantType,
    FeedbackType,
    IllegalTransition,
    Status,
    VersionConflict,
)


@pytest.fixture
def institution(app_ctx) -> Institution:
    return db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))


@pytest.fixture
def make_submission(institution):
    def make(**overrides) -> Submission:
        values = {
            "type": FeedbackType.COMPLAINT,
            "complainant_type": ComplainantType.CITIZEN,
            "channel": Channel.WEB,
            "institution_id": institution.id,
            "description": "Umeme umekatika Mbagala kwa siku tatu.",
            "name": "Asha Mushi",
            "phone": "+255754000111",
        }
        return Submission(**(values | overrides))

    return make


def test_submit_gives_references_deadlines_history_and_an_sms(make_workspace, make_submission):
    workspace = make_workspace()
    first = submit_feedback(workspace, make_submission())
    second = submit_feedback(workspace, make_submission(channel=Channel.USSD))
    tag = workspace.reference_tag  # unique across the installation (issue 9); the demo's is T
    assert (first.reference, second.reference) == (
        f"MRJ-{tag}-2026-000001",
        f"MRJ-{tag}-2026-000002",
    )
    assert first.status is Status.RECEIVED
    assert first.received_at < first.acknowledge_due < first.respond_due
    [event] = first.events
    assert (event.action, event.detail, event.status_after) == (
        Action.SUBMIT,
        f"institution:{first.institution_id}",
        Status.RECEIVED,
    )
    sms = db.session.scalars(sa.select(SmsMessage).where(SmsMessage.feedback_id == first.id)).all()
    assert len(sms) == 1
    assert first.reference in sms[0].text
    assert sms[0].phone == "+255754000111"


def test_anonymous_submission_stores_no_identity_and_sends_nothing(make_workspace, make_submission):
    workspace = make_workspace()
    item = submit_feedback(
        workspace,
        make_submission(
            complainant_type=ComplainantType.ANONYMOUS, name="X", phone="+255754000111", email="a@b"
        ),
    )
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (
        None,
        None,
        None,
    )
    assert db.session.scalar(sa.select(sa.func.count(SmsMessage.id))) == 0


@pytest.mark.parametrize("description", ["", "   ", "x" * 4001])
def test_submission_without_a_proper_description_is_refused(
    make_workspace, make_submission, description
):
    with pytest.raises(InvalidSubmission) as refused:
        submit_feedback(make_workspace(), make_submission(description=description))
    assert refused.value.message("sw") != refused.value.message("en")


def test_apply_action_records_the_event_and_notifies(make_workspace, make_submission):
    workspace = make_workspace()
    item = submit_feedback(workspace, make_submission())
    transition = apply_action(workspace, item.id, Command(Action.ACKNOWLEDGE, expected_version=1))
    assert transition.after.status is Status.ACKNOWLEDGED
    db.session.refresh(item)
    assert (item.status, item.version) == (Status.ACKNOWLEDGED, 2)
    actions = [e.action for e in item.events]
    assert actions == [Action.SUBMIT, Action.ACKNOWLEDGE]
    texts = db.session.scalars(sa.select(SmsMessage.text).order_by(SmsMessage.id)).all()
    assert len(texts) == 2
    assert "imethibitishwa" in texts[1]


def test_illegal_move_changes_nothing(make_workspace, make_submission):
    workspace = make_workspace()
    item = submit_feedback(workspace, make_submission())
    with pytest.raises(IllegalTransition):
        apply_action(workspace, item.id, Command(Action.RESPOND, public_reply="Done"))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(FeedbackEvent.id))) == 1
    assert db.session.get(Feedback, item.id).status is Status.RECEIVED


def test_stale_version_is_a_conflict(make_workspace, make_submission):
    workspace = make_workspace()
    item = submit_feedback(workspace, make_submission())
    apply_action(workspace, item.id, Command(Action.ACKNOWLEDGE, expected_version=1))
    with pytest.raises(VersionConflict) as conflict:
        apply_action(workspace, item.id, Command(Action.NOTE, note="Nimeona", expected_version=1))
    assert "Pakia upya" in conflict.value.message("sw")


def test_items_of_another_workspace_are_not_found(make_workspace, make_submission):
    mine, theirs = make_workspace("mine"), make_workspace("theirs")
    item = submit_feedback(theirs, make_submission())
    with pytest.raises(FeedbackNotFound):
        apply_action(mine, item.id, Command(Action.ACKNOWLEDGE))


def test_history_rows_cannot_be_rewritten(make_workspace, make_submission):
    item = submit_feedback(make_workspace(), make_submission())
    event = item.events[0]
    event.text = "rewritten"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_a_stale_note_conflicts_even_on_a_frozen_clock(make_workspace, make_submission):
    workspace = make_workspace(running=False)
    item = submit_feedback(workspace, make_submission())
    apply_action(workspace, item.id, Command(Action.NOTE, note="Ya kwanza", expected_version=1))
    with pytest.raises(VersionConflict):
        apply_action(workspace, item.id, Command(Action.NOTE, note="Ya pili", expected_version=1))
    db.session.rollback()
    assert db.session.get(Feedback, item.id).version == 2


def test_concurrent_writers_of_one_item_cannot_both_win(app, make_workspace, make_submission):
    """Two sessions read version 1; the second UPDATE finds no row at that version."""
    from sandbox.services.feedback.states import state_of, store_state
    from sandbox.workflow import apply

    workspace = make_workspace(running=False)
    item_id = submit_feedback(workspace, make_submission()).id
    other = Session(db.engine)  # a second connection, like another process
    theirs = other.get(Feedback, item_id)
    store_state(
        theirs,
        apply(state_of(theirs), Command(Action.NOTE, note="a"), now=theirs.received_at).after,
    )
    mine = db.session.get(Feedback, item_id)
    store_state(
        mine, apply(state_of(mine), Command(Action.NOTE, note="b"), now=mine.received_at).after
    )
    other.commit()
    other.close()
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
