"""The phone emulator page and its SMS inbox feed."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.services.channels import sms
from tests.ussd.conftest import PHONE, Dialler, forget_workspace
from tests.ussd.test_protocol import REFERENCE


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


def dial(client, phone=PHONE, prefix=""):
    """The emulator dials from this browser: its number is kept in the signed session."""
    forget_workspace()
    return client.post(f"{prefix}/ussd/phone/dial", data={"phone": phone})


def inbox(client, query="", prefix=""):
    forget_workspace()
    return client.get(f"{prefix}/ussd/phone/inbox.json{query}").get_json()


def test_inbox_lists_only_that_phones_messages_of_this_workspace(client, demo, make_workspace):
    other = make_workspace(code="ws2")
    dial(client, "0712 000 111")
    sms.queue_sms(demo.id, PHONE, "kwako", None, demo.clock_base)
    sms.queue_sms(demo.id, "+255799000000", "si kwako", None, demo.clock_base)
    sms.queue_sms(other.id, PHONE, "eneo jingine", None, demo.clock_base)
    db.session.commit()
    data = inbox(client)
    assert [m["text"] for m in data] == ["kwako"]
    assert data[0]["direction"] == "outbound" and data[0]["at"] == "02 Nov 2026 08:00"
    # Issue 8: ?phone= used to read any number's messages; it selects nothing now.
    assert [m["text"] for m in inbox(client, "?phone=nonsense")] == ["kwako"]
    assert inbox(client, "?phone=%2B255799000000") == data


def test_a_browser_that_has_not_dialled_reads_nothing(client, demo):
    sms.queue_sms(demo.id, PHONE, "kwako", None, demo.clock_base)
    db.session.commit()
    assert inbox(client) == [] and inbox(client, f"?phone={PHONE}") == []


def test_dialling_another_number_shows_none_of_its_earlier_messages(client, demo):
    sms.queue_sms(
        demo.id, "+255799000000", "ujumbe wa zamani wa mtu mwingine", None, demo.clock_base
    )
    db.session.commit()
    answer = dial(client, "+255799000000")
    assert answer.status_code == 200 and answer.get_json()["sessionId"].startswith("emu-")
    assert inbox(client) == []


def test_a_bad_number_is_refused(client, demo):
    assert dial(client, "nonsense").status_code == 400


def test_dialling_needs_the_csrf_token(app, client, demo):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert dial(client).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_the_handset_that_submitted_anonymously_gets_its_reference_sms(
    client, demo, make_workspace
):
    for prefix in ("", "/w/ws2"):
        if prefix:
            make_workspace(code="ws2")
        session_id = dial(client, prefix=prefix).get_json()["sessionId"]
        d = Dialler(client, path=f"{prefix}/ussd", session_id=session_id)
        d.dial()
        d.send("9", "2", "1", "tanesco", "1", "Umeme umekatika", "2")
        reference = REFERENCE.search(d.send("1")).group(0)
        texts = [m["text"] for m in inbox(client, prefix=prefix)]
        assert any(reference in text for text in texts), prefix
        stranger = client.application.test_client()
        forget_workspace()
        stranger.post(f"{prefix}/ussd/phone/dial", data={"phone": PHONE})
        forget_workspace()
        theirs = stranger.get(f"{prefix}/ussd/phone/inbox.json?phone={PHONE}").get_json()
        assert not any(reference in m["text"] for m in theirs), prefix


def text(client, message, phone=PHONE, prefix=""):
    """The emulator texts the short code 15200 from this browser's phone."""
    forget_workspace()
    return client.post(f"{prefix}/ussd/phone/sms", data={"phone": phone, "text": message})


def test_the_phone_texts_feedback_then_tracks_it_and_reads_both_answers(client, demo):
    html = client.get("/ussd/phone").get_data(as_text=True)
    assert 'data-sms-url="/ussd/phone/sms"' in html and "Tuma SMS" in html
    answer = text(client, "TANESCO umeme umekatika Mbagala tangu jana")
    assert answer.status_code == 200 and answer.get_json()["action"] == "submitted"
    reference = next(
        REFERENCE.search(m["text"]).group(0)
        for m in inbox(client)
        if m["direction"] == "outbound" and REFERENCE.search(m["text"])
    )
    assert text(client, f"FUATILIA {reference}").get_json()["action"] == "tracked"
    messages = inbox(client)
    assert [m["direction"] for m in messages] == ["inbound", "outbound", "inbound", "outbound"]
    assert reference in messages[-1]["text"] and "Hali" in messages[-1]["text"]


def test_texting_needs_a_number_words_and_the_csrf_token(app, client, demo):
    assert text(client, "TANESCO umeme", phone="nonsense").status_code == 400
    assert text(client, "   ").status_code == 400
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert text(client, "TANESCO umeme umekatika").status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_texting_is_rate_limited_like_tracking_on_the_portal(app, client, demo):
    """An SMS "FUATILIA <reference>" looks an item up: a LAN guessing references by text is
    stopped as the portal's tracking is, with a JSON answer the emulator can show."""
    app.config["RATE_LIMIT_REFERENCE"] = "3 per minute"
    try:
        answers = [text(client, "FUATILIA MRJ-T-2026-000001") for _ in range(4)]
    finally:
        app.config["RATE_LIMIT_REFERENCE"] = "30 per minute"
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "Majaribio mengi mno" in answers[-1].get_json()["error"]
