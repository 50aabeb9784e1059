"""The desk's screens under the toggles: the close form's root cause, the immediate transfer."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.workflow import Action, Status
from sandbox.workflow.behaviour import Toggle
from sandbox.workflow.enums import RootCause
from tests.desk.factories import act, institution, make_item
from tests.desk.test_views import fresh, post


def answered(ws, users) -> Feedback:
    """A complaint of Dodoma CC answered by its officer."""
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    item = act(ws, item, Action.ASSIGN, assignee_id=users["afisa"].id)
    item = act(ws, item, Action.START)
    return act(ws, item, Action.RESPOND, public_reply="Tumerekebisha bomba la Area D.")


def test_the_close_form_asks_for_a_root_cause_only_where_it_is_required(client, desk):
    ws, users, login = desk
    item = answered(ws, users)
    login("afisa")
    assert 'name="close-root_cause"' not in client.get(f"/desk/feedback/{item.id}").text
    set_flag(ws, Toggle.ROOT_CAUSE_REQUIRED, True, source=FlagSource.FACILITATOR)
    page = client.get(f"/desk/feedback/{item.id}").text
    assert 'name="close-root_cause"' in page and "Chanzo cha lalamiko" in page
    refused = post(client, item, Action.CLOSE, resolution="resolved")
    assert refused.status_code == 422
    assert "Eneo hili linahitaji chanzo cha kila lalamiko" in refused.text
    assert fresh(item).status is Status.RESPONDED
    done = post(client, item, Action.CLOSE, resolution="resolved", root_cause="staff_conduct")
    assert done.status_code == 302
    closed = fresh(item)
    assert closed.status is Status.CLOSED and closed.root_cause is RootCause.STAFF_CONDUCT
    assert "Mwenendo wa watumishi" in client.get(f"/desk/feedback/{item.id}").text


def test_a_made_up_root_cause_is_a_422_not_a_500(client, desk):
    ws, users, login = desk
    set_flag(ws, Toggle.ROOT_CAUSE_REQUIRED, True)
    item = answered(ws, users)
    login("afisa")
    response = post(client, item, Action.CLOSE, resolution="resolved", root_cause="<script>")
    assert response.status_code == 422 and fresh(item).status is Status.RESPONDED


def test_an_immediate_transfer_leaves_the_officer_on_the_inbox(client, desk):
    ws, _users, login = desk
    set_flag(ws, Toggle.TRANSFER_ACCEPTANCE, False, source=FlagSource.PREVIEW)
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    tanesco = institution("TANESCO")
    login("afisa")
    response = post(
        client, item, Action.TRANSFER_REQUEST, target=str(tanesco.id), reason="Hili ni la umeme"
    )
    assert response.status_code == 302 and response.location.endswith("/desk/feedback")
    moved = fresh(item)
    assert moved.institution_id == tanesco.id and moved.status is Status.ACKNOWLEDGED
    login("tanesco")
    page = client.get(f"/desk/feedback/{item.id}").text
    assert "act-transfer_accept" not in page and "act-transfer_return" not in page
    assert db.session.get(Feedback, item.id).transfer_count == 1
