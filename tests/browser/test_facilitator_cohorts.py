"""The facilitator makes a cohort in the console, shows its join code, and two trainees join
with it: one by the QR code's address (code filled in), one by typing the code."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from sandbox.models import Cohort, Enrolment, User
from tests.browser.test_foundation import log_in

PHONE = {"width": 390, "height": 844}


def join(page: Page, name: str, code: str | None) -> None:
    """Fill the Swahili join form (the code only when it is not filled in already)."""
    if code is not None:
        page.get_by_label("Msimbo wa kundi").fill(code)
    page.get_by_label("Jina lako").fill(name)
    page.get_by_label("Chagua PIN (namba ya siri)").fill("2468")
    page.get_by_label("Andika PIN tena").fill("2468")
    page.get_by_role("button", name="Jiunge", exact=True).click()
    expect(page).to_have_url(re.compile(r"/desk/"))


def test_a_facilitator_makes_a_cohort_and_two_trainees_join_with_its_code(
    page: Page, browser: Browser, base_url, db_session
):
    log_in(page, "mwezeshaji")
    page.goto("/facilitator/")
    form = page.get_by_role("region", name="Kundi jipya")
    form.get_by_label("Jina la kundi").fill("Warsha ya kujiunga")
    form.get_by_label("Mbegu (si lazima)").fill("21")
    form.get_by_label("Tarehe ya kuanza mafunzo (si lazima)").fill("2026-11-16")
    form.get_by_label("Lugha").select_option("sw")
    form.get_by_role("button", name="Unda kundi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Warsha ya kujiunga")

    page.get_by_role("link", name="Msimbo wa kujiunga kwa projekta").click()
    code = page.get_by_test_id("join-code").inner_text()
    expect(page.get_by_test_id("join-address")).to_have_text(f"{base_url}/join")
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()

    first = browser.new_context(base_url=base_url, viewport=PHONE).new_page()
    first.goto(f"/join?code={code}")  # what the QR code holds
    expect(first.get_by_label("Msimbo wa kundi")).to_have_value(code)
    join(first, "Rehema Kivinjari", None)
    second = browser.new_context(base_url=base_url, viewport=PHONE).new_page()
    second.goto("/join")
    join(second, "Baraka Kivinjari", code.lower())

    cohort = db_session.scalars(sa.select(Cohort).where(Cohort.name == "Warsha ya kujiunga")).one()
    runner = db_session.scalars(sa.select(User).where(User.username == "mwezeshaji")).one()
    assert cohort.facilitator_id == runner.id and cohort.seed == 21
    names = db_session.scalars(
        sa.select(User.display_name)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(Enrolment.cohort_id == cohort.id)
        .order_by(User.display_name)
    ).all()
    assert names == ["Baraka Kivinjari", "Rehema Kivinjari"]
    page.goto(f"/facilitator/cohorts/{cohort.id}/trainees")
    expect(page.get_by_role("table")).to_contain_text("Rehema Kivinjari")
    first.context.close()
    second.context.close()
