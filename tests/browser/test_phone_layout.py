"""The desk on a 390 x 844 phone and by keyboard (issue 9, section 7).

Layout is measured in CSS pixels of the rendered page (a count, never a time): no horizontal
scroll of the page, each inbox card's deadline inside the screen and above the rest of the card,
and a header short enough that the first heading starts in the upper part of the screen.
Focus after a refused form is ``document.activeElement``; the language switch after a refused
POST must land on the form's own page, not on a 405.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow import FeedbackType, Status
from tests.browser.test_foundation import log_in
from tests.browser.test_portal import dodoma, open_form  # noqa: F401  (dodoma is a fixture)
from tests.desk.factories import make_item

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Measured on this branch: the site header ends at 135 px and the inbox heading starts at
# 202 px in both languages (before: 244 and 338). The bounds leave room for a longer name.
HEADER_MAX_PX = 160
FIRST_HEADING_MAX_PX = 0.4 * PHONE["height"]
DEADLINE = {"sw": "Muda wa mwisho", "en": "Deadline"}
INBOX = {"sw": "Mrejesho", "en": "Feedback"}
ENGLISH = "English"


def switch_language(page: Page, lang: str, next_path: str) -> None:
    """Choose the interface language, then open ``next_path``."""
    page.goto(f"/lang/{lang}?next={next_path}")


def page_width(page: Page) -> int:
    """How wide the page's content is: wider than the screen means a horizontal scroll."""
    return page.evaluate("document.documentElement.scrollWidth")


def inbox_rows(page: Page):
    """The inbox's item rows (the header row left out)."""
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_inbox_on_a_phone_is_cards_with_the_deadline_first(page: Page, lang: str):
    page.set_viewport_size(PHONE)
    log_in(page, "afisa.dodoma")
    switch_language(page, lang, "/desk/feedback?tab=all")
    expect(page.get_by_role("heading", level=1)).to_have_text(INBOX[lang])

    header = page.locator("header.site-header").bounding_box()
    assert header["y"] + header["height"] <= HEADER_MAX_PX
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] <= FIRST_HEADING_MAX_PX
    assert page_width(page) <= PHONE["width"]

    rows = inbox_rows(page)
    expect(rows.first).to_be_visible()
    assert rows.count() >= 10
    for index in range(rows.count()):
        row = rows.nth(index)
        deadline = row.get_by_test_id("deadline")
        expect(deadline).to_contain_text(DEADLINE[lang])  # its name is text on the card
        box = deadline.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        card_type = row.get_by_role("cell").nth(3).bounding_box()
        assert box["y"] < card_type["y"]  # the deadline comes before type, channel, category


def test_inbox_on_a_wide_screen_stays_a_table_with_its_header_row(page: Page):
    page.set_viewport_size(DESKTOP)
    log_in(page, "afisa.dodoma")
    page.goto("/desk/feedback?tab=all")
    headers = page.get_by_role("columnheader")
    expect(headers.nth(2)).to_have_text("Muda wa mwisho")
    expect(headers.nth(2)).to_be_visible()
    first = inbox_rows(page).first
    expect(first.get_by_text("Muda wa mwisho")).to_be_hidden()  # the header row says it once
    cells = first.get_by_role("cell")
    assert cells.nth(0).bounding_box()["y"] == cells.nth(3).bounding_box()["y"]  # one line


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_item_page_and_reports_fit_a_phone(page: Page, db_session, lang: str):
    page.set_viewport_size(PHONE)
    item_id = make_item(find_workspace("demo"), "DODOMA_CC").id
    log_in(page, "afisa.dodoma")
    switch_language(page, lang, f"/desk/feedback/{item_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("MRJ-T-")
    assert page_width(page) <= PHONE["width"]
    assert page.get_by_role("heading", level=1).bounding_box()["y"] <= FIRST_HEADING_MAX_PX

    page.get_by_role("button", name=re.compile("Toka|Log out")).click()
    switch_language(page, "sw", "/")  # the login helper reads the Swahili form
    log_in(page, "mkuu.dodoma")
    switch_language(page, lang, "/")
    page.goto("/reports/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page_width(page) <= PHONE["width"]


def failed_note(page: Page, item_id: int):
    """Send an internal note with no text: the desk refuses it. Returns the note's block."""
    page.goto(f"/desk/feedback/{item_id}")
    block = page.locator("#act-note")
    block.locator("summary").click()
    block.get_by_role("button").click()
    return block


def test_failed_desk_action_focuses_the_summary_and_its_link_the_field(page: Page, db_session):
    page.set_viewport_size(PHONE)
    item_id = make_item(find_workspace("demo"), "DODOMA_CC").id
    log_in(page, "afisa.dodoma")
    block = failed_note(page, item_id)

    summary = page.get_by_role("alert").filter(has_text="Kuna tatizo")
    expect(summary).to_be_focused()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary.get_by_role("link").first.click()
    expect(block.get_by_role("textbox")).to_be_focused()
    db_session.expire_all()
    assert len(db_session.get(Feedback, item_id).events) == 1  # only the submission


def test_failed_portal_submission_focuses_the_summary(page: Page, dodoma):  # noqa: F811
    open_form(page, dodoma)
    page.get_by_role("button", name="Wasilisha mrejesho").click()
    summary = page.get_by_role("alert").filter(has_text="Kuna tatizo")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Eleza mrejesho wako.").click()
    expect(page.get_by_label("Eleza mrejesho wako")).to_be_focused()


def test_language_switch_after_a_failed_desk_action_keeps_the_page(page: Page, db_session):
    item_id = make_item(find_workspace("demo"), "DODOMA_CC").id
    reference = db_session.get(Feedback, item_id).reference
    log_in(page, "afisa.dodoma")
    failed_note(page, item_id)
    expect(page.get_by_role("alert").filter(has_text="Kuna tatizo")).to_be_focused()
    assert page.url.endswith("/actions/note")  # the answer of a POST-only URL

    with page.expect_navigation() as navigation:
        page.get_by_role("link", name=ENGLISH).click()
    assert navigation.value.status == 200
    assert page.url.endswith(f"/desk/feedback/{item_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")


def test_language_switch_after_a_refused_rating_keeps_the_page(page: Page, db_session):
    db_session.expire_all()
    item = db_session.scalars(
        sa.select(Feedback)
        .where(Feedback.status == Status.RESPONDED, Feedback.type == FeedbackType.COMPLAINT)
        .where(Feedback.workspace_id == find_workspace("demo").id)  # /portal/ is the demo's
        .order_by(Feedback.id.desc())
    ).first()
    page.goto(f"/portal/track?reference={item.reference}")
    page.get_by_label("1 — Mbaya sana").check()
    rate_form = page.locator("form", has=page.get_by_role("button", name="Tuma tathmini"))
    rate_form.get_by_label("Siri yako").fill("WRONG1")
    page.get_by_role("button", name="Tuma tathmini").click()
    expect(page.get_by_role("alert").filter(has_text="Kuna tatizo")).to_be_focused()

    with page.expect_navigation() as navigation:
        page.get_by_role("link", name=ENGLISH).click()
    assert navigation.value.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Track your feedback")
    expect(page.get_by_role("heading", level=2)).to_have_text(f"Complaint {item.reference}")
    db_session.expire_all()
    assert db_session.get(Feedback, item.id).status is Status.RESPONDED
