"""The phone emulator page and its SMS inbox feed."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.services.channels import sms
from tests.ussd.conftest import PHONE, forget_workspace


def test_phone_page_draws_a_keypad_and_points_at_this_workspace(client, demo, make_workspace):
    html = client.get("/ussd/phone").get_data(as_text=True)
    assert 'data-ussd-url="/ussd"' in html
    assert 'aria-label="Nyota (*)"' in html and 'aria-label="Reli (#)"' in html
    assert "js/phone.js" in html and "css/phone.css" in html
    assert "Piga" in html
    other = make_workspace(code="ws2")
    forget_workspace()
    html = client.get(f"/w/{other.code}/ussd/phone").get_data(as_text=True)
    assert 'data-ussd-url="/w/ws2/ussd"' in html
    assert 'data-inbox-url="/w/ws2/ussd/phone/inbox.json"' in html


def test_phone_page_in_english(client, demo):
    client.get("/lang/en")
    html = client.get("/ussd/phone").get_data(as_text=True)
    assert "Phone emulator: USSD *152*00#" in html and 'aria-label="Star (*)"' in html


def test_unknown_workspace_phone_page_is_404(client, demo):
    forget_workspace()
    assert client.get("/w/nosuch/ussd/phone").status_code == 404


def test_inbox_lists_only_that_phones_messages_of_this_workspace(client, demo, make_workspace):
    other = make_workspace(code="ws2")
    sms.queue_sms(demo.id, PHONE, "kwako", None, demo.clock_base)
    sms.queue_sms(demo.id, "+255799000000", "si kwako", None, demo.clock_base)
    sms.queue_sms(other.id, PHONE, "eneo jingine", None, demo.clock_base)
    db.session.commit()
    forget_workspace()
    data = client.get("/ussd/phone/inbox.json?phone=0712 000 111").get_json()
    assert [m["text"] for m in data] == ["kwako"]
    assert data[0]["direction"] == "outbound" and data[0]["at"] == "02 Nov 2026 08:00"
    forget_workspace()
    assert client.get("/ussd/phone/inbox.json?phone=nonsense").get_json() == []
    forget_workspace()
    assert client.get("/ussd/phone/inbox.json").get_json() == []
