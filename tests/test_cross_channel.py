"""One queue: an item from any channel is in the same workspace queue and trackable on all.

Each source channel submits through its real endpoint; each tracker reads the reference
through its real endpoint (USSD menu, Open311 GET, the portal's tracking page, SMS).
"""

from __future__ import annotations

import itertools
import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsDirection, SmsMessage
from sandbox.workflow import Channel

REFERENCE = re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}")  # T + the workspace tag
PHONE = "+255754111222"
_sessions = itertools.count(1)


def ussd(client, *inputs: str, path: str = "/ussd") -> str:
    """Walk the USSD menu of *152*00# one input at a time; the last screen's text."""
    session, text, reply = f"cross-{next(_sessions)}", "", ""
    for position, value in enumerate(("", *inputs)):
        text = value if position <= 1 else f"{text}*{value}"
        data = {"sessionId": session, "serviceCode": "*152*00#", "phoneNumber": PHONE}
        reply = client.post(path, data={**data, "text": text}).get_data(as_text=True)
        assert reply.startswith(("CON ", "END ")) and len(reply) <= 182
    return reply


def submit_by_ussd(client) -> str:
    """9 e-Mrejesho → 2 submit → complaint → TANESCO → description → my number → confirm."""
    reply = ussd(client, "9", "2", "1", "TANESCO", "1", "Umeme umekatika Mbagala", "1", "1")
    assert reply.startswith("END ")
    return REFERENCE.search(reply).group()


def submit_by_open311(client) -> str:
    """The app channel: POST requests.json with the demo key."""
    response = client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": "mrejesho-demo-key",
            "service_code": "electricity_supply.complaint",
            "description": "Transfoma imeungua Tandale.",
            "attribute[institution]": "TANESCO",
            "attribute[complainant_type]": "anonymous",
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()[0]["service_request_id"]


def submit_by_sms(client) -> str:
    """Sema na Kiongozi: a text to the short code, answered with the reference by SMS."""
    data = {"from": PHONE, "to": "15200", "text": "TANESCO umeme umekatika Sinza", "id": "x1"}
    assert client.post("/sms/inbound", data=data).status_code == 200
    return REFERENCE.search(latest_sms_to(PHONE)).group()


def latest_sms_to(phone: str) -> str:
    """The newest message the simulated gateway sent to a phone."""
    return db.session.scalar(
        sa.select(SmsMessage.text)
        .where(SmsMessage.phone == phone, SmsMessage.direction == SmsDirection.OUTBOUND)
        .order_by(SmsMessage.id.desc())
        .limit(1)
    )


SOURCES = {
    "ussd": (submit_by_ussd, Channel.USSD),
    "open311": (submit_by_open311, Channel.APP),
    "sms": (submit_by_sms, Channel.SMS),
}


def track_on_ussd(client, reference: str) -> str:
    """9 e-Mrejesho → 1 track → the reference."""
    return ussd(client, "9", "1", reference)


def track_on_open311(client, reference: str) -> str:
    """GET requests/<id>.json."""
    response = client.get(f"/open311/v2/requests/{reference}.json")
    assert response.status_code == 200
    [request] = response.get_json()
    assert request["status"] == "open"
    return request["service_request_id"]


def track_on_portal(client, reference: str) -> str:
    """The portal's tracking page."""
    response = client.get(f"/portal/track?reference={reference.lower()}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def track_by_sms(client, reference: str) -> str:
    """FUATILIA <reference>, answered in the outbox."""
    data = {"from": "+255713000999", "to": "15200", "text": f"FUATILIA {reference}", "id": "t1"}
    assert client.post("/sms/inbound", data=data).status_code == 200
    return latest_sms_to("+255713000999")


TRACKERS = {
    "ussd": track_on_ussd,
    "open311": track_on_open311,
    "portal": track_on_portal,
    "sms": track_by_sms,
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("tracker", TRACKERS)
def test_every_channel_feeds_one_queue_and_is_tracked_everywhere(
    client, demo_world, source, tracker
):
    submit, channel = SOURCES[source]
    reference = submit(client)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.workspace_id == demo_world.id
    assert item.channel is channel
    assert item.institution.code == "TANESCO"
    assert reference in TRACKERS[tracker](client, reference)


def test_a_workspace_channel_writes_only_into_that_workspace(client, demo_world, make_workspace):
    other = make_workspace("kundi7")
    inputs = ("9", "2", "1", "TANESCO", "1", "Maelezo ya majaribio", "2", "1")
    reference = REFERENCE.search(ussd(client, *inputs, path="/w/kundi7/ussd")).group()
    [item] = db.session.scalars(sa.select(Feedback).where(Feedback.description == inputs[5]))
    assert (item.workspace_id, item.reference) == (other.id, reference)
    assert item.complainant_phone is None  # "2" = stay anonymous
    track = client.get(f"/w/kundi7/portal/track?reference={reference}").get_data(as_text=True)
    assert "Imepokelewa" in track
    demo_items = sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == demo_world.id)
    assert db.session.scalar(demo_items) == 150  # the demo's queue is untouched
