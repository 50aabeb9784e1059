"""Each toggle of the stakeholder preview, on and off, in two workspaces side by side: the
same acts, a different behaviour only where the toggle says so (issue 13, point 2)."""

from __future__ import annotations

import pytest

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.channels.portal import act_as_citizen, track
from sandbox.services.channels.sms import outbox
from sandbox.services.channels.sms_inbound import InboundSms, receive_sms
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import (
    Action,
    Command,
    FeedbackType,
    IllegalTransition,
    MissingInput,
    Resolution,
    Role,
    Status,
    allowed_actions,
)
from sandbox.workflow.behaviour import BASE_RULES, DEFAULTS, Toggle
from sandbox.workflow.enums import EscalationLevel, RootCause
from tests.desk.factories import PHONE, act, institution, make_item, make_user


@pytest.fixture
def pair(make_workspace):
    """Factory: two fresh workspaces of one seed; ``toggle`` set to ``on_value`` in the first."""

    def make(toggle: Toggle, on_value: bool):
        changed, plain = make_workspace("tgon", seed=7), make_workspace("tgoff", seed=7)
        set_flag(changed, toggle, on_value, source=FlagSource.PREVIEW, note="test pair")
        return changed, plain

    return make


def texts(workspace) -> list[str]:
    """Every SMS text of a workspace, oldest first."""
    return [m.text for m in reversed(outbox(workspace))]


def handled(workspace, item: Feedback) -> Feedback:
    """Acknowledge, assign and start an item as the institution's officer."""
    officer = make_user(workspace, f"afisa.{workspace.code}", Role.OFFICER, "DODOMA_CC")
    act(workspace, item, Action.ACKNOWLEDGE)
    act(workspace, item, Action.ASSIGN, assignee_id=officer.id)
    return act(workspace, item, Action.START)


def answered(workspace, item: Feedback) -> Feedback:
    """Handled, then answered."""
    handled(workspace, item)
    return act(workspace, item, Action.RESPOND, public_reply="Tumerekebisha bomba.")


def test_a_toggle_changed_in_one_workspace_leaves_every_other_on_the_base(pair):
    for toggle in Toggle:
        changed, plain = pair(toggle, not toggle.default)
        assert rules_for(plain).tables is BASE_RULES.tables
        assert rules_for(plain).toggles == BASE_RULES.toggles
        assert rules_for(changed).is_on(toggle) is (not DEFAULTS[toggle])
        db.session.delete(changed), db.session.delete(plain)
        db.session.commit()


def test_status_sms_texts_every_status_change_only_where_it_is_on(pair):
    on, off = pair(Toggle.STATUS_SMS, True)
    for ws in (on, off):
        handled(ws, make_item(ws, "DODOMA_CC"))
    assert any("imepangiwa afisa" in t for t in texts(on))
    assert any("imeanza kushughulikia" in t for t in texts(on))
    assert not any("imepangiwa afisa" in t or "imeanza" in t for t in texts(off))
    assert len(texts(on)) == len(texts(off)) + 2  # assign and start


def test_status_sms_sends_nothing_for_an_anonymous_item_without_a_phone(pair):
    on, _off = pair(Toggle.STATUS_SMS, True)
    before = len(texts(on))
    item = make_item(on, "DODOMA_CC", anonymous=True)
    after_submit = len(texts(on))  # the number-less reference SMS of today, if any
    handled(on, item)
    assert len(texts(on)) == after_submit and after_submit - before <= 1


def test_root_cause_is_required_to_close_a_complaint_only_where_it_is_on(pair):
    on, off = pair(Toggle.ROOT_CAUSE_REQUIRED, True)
    close = {"resolution": Resolution.RESOLVED}
    with pytest.raises(MissingInput) as refused:
        act(on, answered(on, make_item(on, "DODOMA_CC")), Action.CLOSE, **close)
    assert "chanzo cha lalamiko" in refused.value.message_sw
    assert "Eneo hili linahitaji" in refused.value.message_sw
    assert "This workspace asks for every complaint's root cause" in refused.value.message_en
    db.session.rollback()
    item = db.session.scalars(db.select(Feedback).where(Feedback.workspace_id == on.id)).one()
    closed = act(on, item, Action.CLOSE, root_cause=RootCause.DELAY, **close)
    assert closed.status is Status.CLOSED and closed.root_cause is RootCause.DELAY
    plain = act(off, answered(off, make_item(off, "DODOMA_CC")), Action.CLOSE, **close)
    assert plain.status is Status.CLOSED and plain.root_cause is None


def test_root_cause_is_not_asked_of_a_suggestion(pair):
    on, _off = pair(Toggle.ROOT_CAUSE_REQUIRED, True)
    item = answered(on, make_item(on, "DODOMA_CC", FeedbackType.SUGGESTION))
    closed = act(on, item, Action.CLOSE, resolution=Resolution.SUGGESTION_NOTED)
    assert closed.status is Status.CLOSED


def test_an_appeal_clears_the_root_cause_with_the_resolution(pair):
    on, _off = pair(Toggle.ROOT_CAUSE_REQUIRED, True)
    item = answered(on, make_item(on, "DODOMA_CC"))
    item = act(on, item, Action.CLOSE, resolution=Resolution.RESOLVED, root_cause=RootCause.OTHER)
    reopened = act(on, item, Action.REOPEN)
    assert reopened.resolution is None and reopened.root_cause is None


def test_without_transfer_acceptance_a_transfer_moves_the_item_at_once(pair):
    off, on = pair(Toggle.TRANSFER_ACCEPTANCE, False)
    target = institution("TANESCO").id
    moved = {}
    for ws in (off, on):
        item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
        moved[ws.code] = act(
            ws, item, Action.TRANSFER_REQUEST, target_institution_id=target, reason="Umeme."
        )
    immediate, pending = moved[off.code], moved[on.code]
    assert immediate.status is Status.ACKNOWLEDGED and immediate.institution_id == target
    assert immediate.transfer_count == 1 and immediate.transfer_target_id is None
    assert pending.status is Status.TRANSFER_PENDING and pending.institution_id != target
    assert any("imehamishiwa" in t for t in texts(off))
    assert not any("imehamishiwa" in t for t in texts(on))
    rules = rules_for(off)
    assert Action.TRANSFER_ACCEPT not in allowed_actions(
        _state(immediate), None, rules
    ) and not any(a is Action.TRANSFER_ACCEPT for (_t, _s, a) in rules.tables.transitions)


def _state(item: Feedback):
    """The workflow state of a row."""
    from sandbox.services.feedback.states import state_of

    return state_of(item)


def test_without_rating_and_appeal_the_citizen_can_neither_rate_nor_appeal(pair):
    off, on = pair(Toggle.RATING_AND_APPEAL, False)
    secrets = {}
    for ws in (off, on):
        item = make_item(ws, "DODOMA_CC")
        secrets[ws.code] = item.issued_secret
        act(ws, answered(ws, item), Action.CLOSE, resolution=Resolution.RESOLVED)
    off_item = db.session.scalars(db.select(Feedback).where(Feedback.workspace_id == off.id)).one()
    on_item = db.session.scalars(db.select(Feedback).where(Feedback.workspace_id == on.id)).one()
    assert not track(off, off_item).actions & {Action.RATE, Action.REOPEN}
    assert Action.RATE in track(on, on_item).actions
    with pytest.raises(IllegalTransition):
        act_as_citizen(off, off_item.reference, secrets[off.code], Command(Action.RATE, rating=1))
    db.session.rollback()
    act_as_citizen(on, on_item.reference, secrets[on.code], Command(Action.RATE, rating=1))
    assert any("Asante kwa kutumia" in t for t in texts(off))
    assert any("Tathmini huduma" in t for t in texts(on))


def test_the_tracking_deadline_reaches_the_portal_and_the_sms_only_where_it_is_on(pair):
    on, off = pair(Toggle.TRACKING_DEADLINE, True)
    for ws in (on, off):
        item = make_item(ws, "DODOMA_CC")
        receive_sms(ws, InboundSms(sender=PHONE, text=f"FUATILIA {item.reference}"))
        due = item.respond_due.strftime("%d/%m/%Y")
        answer = texts(ws)[-1]
        shown = track(ws, item).due
        if ws is on:
            assert due in answer and shown == (
                f"Jibu linatarajiwa kabla ya {due}.",
                f"A response is due by {due}.",
            )
        else:
            assert due not in answer and shown is None


def test_automatic_escalation_side_by_side(pair):
    off, on = pair(Toggle.AUTO_ESCALATION, False)
    items = {ws.code: act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE) for ws in (off, on)}
    for ws in (off, on):
        move_clock(ws, working_days=25)
    levels = {
        code: db.session.get(Feedback, item.id).escalation_level for code, item in items.items()
    }
    assert levels[off.code] is EscalationLevel.NONE
    assert levels[on.code] is not EscalationLevel.NONE
