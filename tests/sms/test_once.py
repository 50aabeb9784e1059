"""A gateway delivering one text several times, even at the same instant, makes one item."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsDirection, SmsMessage
from tests.concurrency import no_errors, race
from tests.sms.conftest import SENDER

TEXT = "TANESCO umeme umekatika Mbagala tangu jana"


def _deliver(path: str = "/sms/inbound", gateway_id: str = "ATXid_once"):
    """A call that posts the same gateway message (same id) from a racing thread."""
    data = {"from": SENDER, "to": "15200", "text": TEXT, "id": gateway_id}

    def post(client, i):
        return client.post(path, data=data)

    return post


def _count(model, *where) -> int:
    """Rows of a model matching the conditions (read fresh)."""
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_sixteen_concurrent_redeliveries_make_exactly_one_item(app, demo):
    responses = no_errors(race(app, 16, _deliver()))
    assert all(r.status_code == 200 for r in responses)
    actions = sorted(r.get_json()["action"] for r in responses)
    assert actions == ["duplicate"] * 15 + ["submitted"]
    assert _count(Feedback) == 1
    inbound = SmsMessage.direction == SmsDirection.INBOUND
    assert _count(SmsMessage, inbound) == 1
    outbound = SmsMessage.direction == SmsDirection.OUTBOUND
    assert _count(SmsMessage, outbound) == 1  # one reference SMS, not sixteen


def test_redeliveries_under_a_workspace_url_count_once_there(app, demo, make_workspace):
    other = make_workspace("ws-sms")
    responses = no_errors(race(app, 8, _deliver("/w/ws-sms/sms/inbound")))
    assert sorted(r.get_json()["action"] for r in responses).count("submitted") == 1
    assert _count(Feedback, Feedback.workspace_id == other.id) == 1
    assert _count(Feedback, Feedback.workspace_id == demo.id) == 0


def test_the_same_gateway_id_in_two_workspaces_is_two_messages(text_in, demo, make_workspace):
    make_workspace("ws-two")
    assert text_in(TEXT, id="ATXid_shared").get_json()["action"] == "submitted"
    path = "/w/ws-two/sms/inbound"
    assert text_in(TEXT, path=path, id="ATXid_shared").get_json()["action"] == "submitted"
    assert _count(Feedback) == 2


def test_texts_without_a_gateway_id_are_each_handled(text_in):
    assert text_in(TEXT, id="").get_json()["action"] == "submitted"
    assert text_in(TEXT, id="").get_json()["action"] == "submitted"
    assert _count(Feedback) == 2


def test_a_refused_text_is_kept_and_its_redelivery_is_a_duplicate(text_in):
    first = text_in("TANESCO", id="ATXid_empty")  # an institution but no description
    assert first.get_json()["action"] != "submitted"
    assert _count(SmsMessage, SmsMessage.gateway_id == "ATXid_empty") == 1
    assert text_in("TANESCO", id="ATXid_empty").get_json()["action"] == "duplicate"
