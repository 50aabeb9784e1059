"""The desk in Chromium: every action path, transfers, conflicts, reveal and reply warning.

Each test makes its own items in the demo workspace through the real services, then drives
the pages as the demo personas and checks both the page and the database.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, FeedbackEvent, User
from sandbox.models.desk import IdentityReveal
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow import Action, EscalationLevel, FeedbackType, Status
from tests.browser.test_foundation import log_in
from tests.desk.factories import NAME, institution, make_item


@pytest.fixture
def new_item(db_session):
    """Factory: a fresh item of the demo workspace (the live server's database)."""

    def make(code: str = "DODOMA_CC", **kwargs) -> Feedback:
        workspace = find_workspace("demo")
        item = make_item(workspace, code, **kwargs)
        return item.id

    return make


def item_row(db_session, item_id: int) -> Feedback:
    """The item as stored now."""
    db_session.expire_all()
    return db_session.get(Feedback, item_id)


def action(page: Page, value: str):
    """The block of one action on the item page."""
    return page.locator(f"#act-{value}")


def open_action(page: Page, value: str):
    """Open an action's disclosure and return its block."""
    block = action(page, value)
    block.locator("summary").click()
    return block


def press(page: Page, value: str, label: str) -> None:
    """Click the submit button of one action."""
    action(page, value).get_by_role("button", name=label, exact=True).click()


def status(page: Page):
    return page.get_by_test_id("item-status")


def test_complaint_from_acknowledge_to_close(page: Page, db_session, new_item):
    item_id = new_item()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    press(page, "acknowledge", "Thibitisha kupokea")
    expect(status(page)).to_have_text("Imethibitishwa kupokelewa")

    block = open_action(page, "assign")
    block.get_by_label("Afisa").select_option(label="Neema Mwakyusa")
    press(page, "assign", "Panga afisa")
    expect(status(page)).to_have_text("Imepangiwa")
    press(page, "start", "Anza kushughulikia")
    expect(status(page)).to_have_text("Inashughulikiwa")

    block = open_action(page, "request_info")
    block.get_by_label("Swali kwa mwananchi").fill("Tafadhali taja mtaa halisi.")
    press(page, "request_info", "Omba taarifa kwa mwananchi")
    expect(status(page)).to_have_text("Inasubiri mwananchi")
    block = open_action(page, "citizen_replied")
    block.get_by_label("Jibu la mwananchi").fill("Mtaa wa Sokoni.")
    press(page, "citizen_replied", "Mwananchi amejibu")
    expect(status(page)).to_have_text("Inashughulikiwa")

    block = open_action(page, "respond")
    block.get_by_label("Kiolezo").select_option(label="Jibu: Tatizo limetatuliwa")
    block.get_by_role("button", name="Tumia kiolezo hiki").click()
    reference = item_row(db_session, item_id).reference
    reply = block.get_by_label("Jibu kwa mwananchi")
    expect(reply).to_have_value(re.compile(re.escape(reference)))
    reply.press("End")
    reply.type(" Mafundi walifika jana.")
    press(page, "respond", "Jibu")
    expect(status(page)).to_have_text("Imejibiwa")

    block = open_action(page, "close")
    block.get_by_label("Matokeo").select_option(label="Imetatuliwa")
    press(page, "close", "Funga")
    expect(status(page)).to_have_text("Imefungwa")

    item = item_row(db_session, item_id)
    assert item.status is Status.CLOSED
    assert [e.action for e in item.events] == [
        Action.SUBMIT,
        Action.ACKNOWLEDGE,
        Action.ASSIGN,
        Action.START,
        Action.REQUEST_INFO,
        Action.CITIZEN_REPLIED,
        Action.RESPOND,
        Action.CLOSE,
    ]
    reply_event = item.events[6]
    assert reference in reply_event.text and reply_event.text.endswith("Mafundi walifika jana.")
    timeline = page.get_by_role("list").filter(has_text="Wasilisha")
    expect(timeline.get_by_role("listitem")).to_have_count(8)
    expect(timeline).to_contain_text("Mtaa wa Sokoni.")


def test_reject_offers_only_accepted_reasons_and_keeps_input_on_refusal(
    page: Page, db_session, new_item
):
    item_id = new_item()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    block = open_action(page, "reject")
    reasons = block.get_by_label("Sababu ya kukataa").locator("option").all_inner_texts()
    assert "Si ya taasisi yetu" not in reasons  # never offered: the rules refuse it
    block.get_by_label("Sababu ya kukataa").select_option(label="Lugha ya matusi")
    press(page, "reject", "Kataa")  # no explanation for the citizen: refused, nothing lost
    block = action(page, "reject")
    expect(block.get_by_label("Sababu ya kukataa")).to_have_value("abusive")
    assert item_row(db_session, item_id).status is Status.RECEIVED

    block.get_by_label("Maelezo kwa mwananchi").fill("Hili limeshawasilishwa awali.")
    block.get_by_label("Sababu ya kukataa").select_option(label="Imeshawasilishwa (nakala)")
    press(page, "reject", "Kataa")
    expect(status(page)).to_have_text("Imekataliwa")
    assert item_row(db_session, item_id).events[-1].detail == "rejection:duplicate"


def test_escalate_then_directive_seen_by_the_officer(page: Page, db_session, new_item):
    item_id = new_item()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    open_action(page, "escalate").get_by_label("Sababu (si lazima)").fill("Linahitaji mkuu")
    press(page, "escalate", "Panda ngazi")
    expect(page.locator(".item-badges")).to_contain_text("Mkuu wa taasisi")
    assert item_row(db_session, item_id).escalation_level is EscalationLevel.HEAD

    page.get_by_role("button", name="Toka").click()
    log_in(page, "kiongozi.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    block = open_action(page, "directive")
    block.get_by_label("Maelekezo kwa maafisa").fill("Wasiliana na mhandisi leo.")
    press(page, "directive", "Maelekezo ya kiongozi")
    event = item_row(db_session, item_id).events[-1]
    assert event.action is Action.DIRECTIVE and event.detail == "escalation:leader"

    page.get_by_role("button", name="Toka").click()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    directives = page.get_by_role("region", name="Maelekezo")
    expect(directives).to_contain_text("Wasiliana na mhandisi leo.")
    page.goto("/desk/feedback?tab=escalated")
    reference = item_row(db_session, item_id).reference
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Maelekezo")
    expect(row).to_contain_text("Imepandishwa ngazi")


def test_transfer_handshake_accept_and_return(page: Page, db_session, new_item):
    accepted_id, returned_id = new_item(), new_item()
    tanesco = institution("TANESCO")
    log_in(page, "afisa.dodoma")
    for item_id in (accepted_id, returned_id):
        page.goto(f"/desk/feedback/{item_id}")
        block = open_action(page, "transfer_request")
        block.get_by_label("Taasisi inayopokea").select_option(label=tanesco.name_sw)
        block.get_by_label("Sababu ya kuhamisha").fill("Hili ni tatizo la umeme.")
        press(page, "transfer_request", "Omba kuhamisha")
        expect(status(page)).to_have_text("Inasubiri kuhamishwa")

    page.get_by_role("button", name="Toka").click()
    log_in(page, "afisa.tanesco")
    page.get_by_role("link", name=re.compile(r"^Zilizohamishiwa kwetu")).click()
    for item_id in (accepted_id, returned_id):
        reference = item_row(db_session, item_id).reference
        expect(page.get_by_role("row").filter(has_text=reference)).to_have_count(1)
    page.goto(f"/desk/feedback/{accepted_id}")
    press(page, "transfer_accept", "Kubali uhamisho")
    expect(status(page)).to_have_text("Imethibitishwa kupokelewa")
    page.goto(f"/desk/feedback/{returned_id}")
    block = open_action(page, "transfer_return")
    block.get_by_label("Sababu ya kurudisha").fill("Eneo hili linahudumiwa na halmashauri.")
    press(page, "transfer_return", "Rudisha uhamisho")

    accepted, returned = item_row(db_session, accepted_id), item_row(db_session, returned_id)
    assert accepted.institution_id == tanesco.id and accepted.transfer_count == 1
    assert returned.status is Status.RECEIVED and returned.institution_id != tanesco.id
    assert returned.events[-1].text == "Eneo hili linahudumiwa na halmashauri."
    expect(page.get_by_role("status").first).to_contain_text("Imefanyika: Rudisha uhamisho")
    expect(page.get_by_role("row").filter(has_text=returned.reference)).to_have_count(0)


def test_two_officers_conflict_and_nothing_typed_is_lost(
    page: Page, browser, base_url, db_session, new_item
):
    item_id = new_item()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    other_context = browser.new_context(base_url=base_url)
    other = other_context.new_page()
    try:
        log_in(other, "mkuu.dodoma")
        other.goto(f"/desk/feedback/{item_id}")
        note = open_action(other, "note").get_by_label("Dokezo la ndani (mwananchi haloni kamwe)")
        note.fill("Nimeongea na mhandisi wa maji.")

        press(page, "acknowledge", "Thibitisha kupokea")
        expect(status(page)).to_have_text("Imethibitishwa kupokelewa")

        press(other, "note", "Dokezo la ndani")
        expect(other.get_by_test_id("conflict")).to_contain_text("Mtu mwingine amebadilisha")
        expect(other.get_by_role("alert").first).to_contain_text("Pakia upya")
        expect(status(other)).to_have_text("Imethibitishwa kupokelewa")
        kept = action(other, "note").get_by_label("Dokezo la ndani (mwananchi haloni kamwe)")
        expect(kept).to_have_value("Nimeongea na mhandisi wa maji.")
        assert [e.action for e in item_row(db_session, item_id).events][-1] is Action.ACKNOWLEDGE

        press(other, "note", "Dokezo la ndani")  # resent knowingly, on the fresh version
        expect(other.get_by_role("status").first).to_contain_text("Imefanyika")
        assert item_row(db_session, item_id).events[-1].text == "Nimeongea na mhandisi wa maji."
    finally:
        other_context.close()


def test_reveal_with_reason_and_the_head_reads_the_log(page: Page, db_session, new_item):
    item_id = new_item()
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    expect(page.get_by_text("Utambulisho umefichwa")).to_be_visible()
    expect(page.get_by_text("Funua utambulisho")).to_have_count(0)

    page.get_by_role("button", name="Toka").click()
    log_in(page, "mkuu.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    page.locator("#reveal summary").click()
    page.get_by_label("Sababu ya kufunua utambulisho").fill("fupi")
    page.get_by_role("button", name="Funua utambulisho").click()
    expect(page.get_by_role("alert").first).to_contain_text("Andika angalau herufi 10")
    expect(page.get_by_text(NAME)).to_have_count(0)

    page.get_by_label("Sababu ya kufunua utambulisho").fill("Kumpigia simu kuhusu mita ya maji")
    page.get_by_role("button", name="Funua utambulisho").click()
    expect(page.get_by_test_id("revealed-identity")).to_contain_text(NAME)
    assert "reveal" in page.url and NAME not in page.url
    page.goto(f"/desk/feedback/{item_id}")
    expect(page.get_by_text(NAME)).to_have_count(0)
    log = page.get_by_role("table", name="Kumbukumbu za ufunuaji")
    expect(log).to_contain_text("Kumpigia simu kuhusu mita ya maji")
    expect(log).to_contain_text("Baraka Shirima")
    head = db_session.scalar(sa.select(User).where(User.username == "mkuu.dodoma"))
    entry = db_session.scalar(
        sa.select(IdentityReveal).where(IdentityReveal.feedback_id == item_id)
    )
    assert entry.user_id == head.id and entry.reason == "Kumpigia simu kuhusu mita ya maji"


def test_reply_naming_the_complainant_warns_before_sending(page: Page, db_session, new_item):
    item_id = new_item(feedback_type=FeedbackType.COMPLIMENT)
    text = "Asante Bi. Asha, tupigie 0712 345 678 ukipenda."
    # Issue 8: the warning no longer says whose name or number it is, and an officer (who
    # may not see identity) cannot send it anyway; the head can.
    log_in(page, "afisa.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    open_action(page, "respond").get_by_label("Jibu kwa mwananchi").fill(text)
    press(page, "respond", "Jibu")
    warning = action(page, "respond").get_by_role("alert")
    expect(warning).to_contain_text("jina la mtu")
    expect(warning).to_contain_text("namba ya simu")
    expect(warning).not_to_contain_text("mlalamikaji")
    expect(action(page, "respond").get_by_label("Nimehakiki: tuma hata hivyo")).to_have_count(0)
    assert item_row(db_session, item_id).status is Status.RECEIVED
    log_in(page, "mkuu.dodoma")
    page.goto(f"/desk/feedback/{item_id}")
    open_action(page, "respond").get_by_label("Jibu kwa mwananchi").fill(text)
    press(page, "respond", "Jibu")
    expect(action(page, "respond").get_by_role("alert")).to_contain_text("jina la mtu")
    block = action(page, "respond")
    expect(block.get_by_label("Jibu kwa mwananchi")).to_have_value(text)
    block.get_by_label("Nimehakiki: tuma hata hivyo").check()
    press(page, "respond", "Jibu")
    expect(status(page)).to_have_text("Imejibiwa")
    replies = db_session.scalars(
        sa.select(FeedbackEvent.text).where(
            FeedbackEvent.feedback_id == item_id, FeedbackEvent.action == Action.RESPOND
        )
    ).all()
    assert replies == [text]


def test_walk_in_by_keyboard_on_a_phone(page: Page, db_session):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "afisa.dodoma")
    page.get_by_role("link", name="Mrejesho wa dawati").click()
    page.get_by_role("button", name="Hifadhi mrejesho").click()
    expect(page.get_by_role("alert")).to_contain_text("Kuna tatizo")
    page.get_by_label("Alichosema mwananchi").fill("Foleni ndefu dirisha la malipo.")
    page.get_by_label("Hapana, bila kujulikana").check()
    page.get_by_label("Hapana, bila kujulikana").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("MRJ-T-")
    reference = page.get_by_role("heading", level=1).inner_text().split()[-1]
    item = db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.channel.value == "walk_in" and item.complainant_name is None
    assert item.events[0].actor.username == "afisa.dodoma"
