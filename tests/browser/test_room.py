"""The live room in Chromium: two trainees join, the facilitator's room shows them; one asks
for help in their own browser and the room says so after its poll, without a reload."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Browser, Page, expect

from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort, shown_code
from tests.browser.test_reports import log_in

PIN = "4821"
POLL_WAIT = 35_000  # ms: the room asks every 10 s; two polls and some slack


def test_the_room_shows_a_help_request_after_its_poll(
    page: Page, browser: Browser, live_server: str, db_session
):
    cohort = create_cohort(
        "Chumba cha kivinjari",
        seed=6,
        start=date(2026, 11, 16),
        facilitator=find_username("mwezeshaji"),
    )
    asha = join_cohort(JoinRequest(cohort.join_code, "Asha Kivinjari", PIN))
    join_cohort(JoinRequest(cohort.join_code, "Baraka Kivinjari", PIN))
    asha_code, cohort_id = shown_code(asha), cohort.id
    db_session.commit()

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "mwezeshaji")
    page.goto(f"/facilitator/cohorts/{cohort_id}")
    page.get_by_role("link", name="Chumba cha mafunzo (moja kwa moja)").click()
    room = page.get_by_test_id("room")
    expect(room.get_by_role("rowheader", name="Asha Kivinjari")).to_be_visible()
    expect(room.get_by_role("rowheader", name="Baraka Kivinjari")).to_be_visible()
    expect(page.locator("#count-help")).to_have_text("0")
    asha_row = page.locator(f"#t{asha.id}")
    expect(asha_row.get_by_text("Anahitaji msaada")).to_be_hidden()
    page.evaluate("window.roomLoadedOnce = true")  # gone if the page reloads

    trainee_context = browser.new_context(base_url=live_server)
    trainee = trainee_context.new_page()
    trainee.goto("/join/signin")
    trainee.get_by_label("Msimbo wako binafsi").fill(asha_code)
    trainee.get_by_label("PIN", exact=True).fill(PIN)
    trainee.get_by_role("button", name="Ingia", exact=True).click()
    trainee.goto("/training/progress")
    trainee.get_by_role("button", name="Nahitaji msaada").click()
    expect(trainee.get_by_role("status").first).to_be_visible()
    trainee_context.close()

    expect(asha_row.get_by_text("Anahitaji msaada")).to_be_visible(timeout=POLL_WAIT)
    expect(page.locator("#count-help")).to_have_text("1")
    expect(asha_row.get_by_role("button", name="Nimeona ombi la msaada")).to_be_visible()
    assert page.evaluate("window.roomLoadedOnce") is True  # the poll did it, not a reload

    asha_row.get_by_role("button", name="Nimeona ombi la msaada").click()
    seen = page.locator(f'#t{asha.id} [data-flag="help"] .seen')
    expect(seen).to_be_visible()
    expect(page.locator(f"#t{asha.id}").get_by_role("button")).to_be_hidden()
