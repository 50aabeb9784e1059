"""The first look at the sandbox in Chromium: language, login, list, filters, history."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, Workspace
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.workflow import Channel, FeedbackType, Status
from sandbox.workflow.history import event_label


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fill the Swahili login form."""
    page.goto("/login")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nenosiri").fill(password)
    page.get_by_role("button", name="Ingia").click()


# The pages read the demo world; other browser tests of the session add cohorts' worlds.
IN_DEMO = Feedback.workspace_id.in_(sa.select(Workspace.id).where(Workspace.code == "demo"))


def test_home_is_swahili_with_training_banner(page: Page, db_session):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sw")
    expect(page.get_by_role("note")).to_contain_text("MAFUNZO — SI MFUMO HALISI")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mazingira ya mafunzo ya e-Mrejesho")
    total = db_session.scalar(sa.select(sa.func.count(Feedback.id)).where(IN_DEMO))
    expect(page.get_by_test_id("count-total")).to_have_text(str(total))


def test_switch_to_english_and_back(page: Page):
    page.goto("/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("e-Mrejesho training sandbox")
    expect(page.get_by_role("note")).to_contain_text("TRAINING — NOT THE REAL SYSTEM")
    page.get_by_role("link", name="Kiswahili").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mazingira ya mafunzo ya e-Mrejesho")


def test_wrong_password_shows_a_clear_error(page: Page):
    log_in(page, "afisa.dodoma", "not-the-password")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kuna tatizo")
    expect(summary).to_contain_text("Jina la mtumiaji au nenosiri si sahihi")
    expect(page.get_by_label("Jina la mtumiaji")).to_have_value("afisa.dodoma")
    expect(page).to_have_url(re.compile(r"/login"))


def test_inbox_tab_filter_and_an_item_history(page: Page, db_session):
    log_in(page, "mwezeshaji")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mrejesho")
    page.get_by_role("link", name=re.compile(r"^Zilizokamilika")).click()
    page.get_by_label("Aina", exact=True).select_option(label="Lalamiko")
    page.get_by_role("button", name="Chuja").click()
    done = (Status.RESPONDED, Status.CLOSED, Status.REJECTED)
    expected = db_session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            IN_DEMO, Feedback.status.in_(done), Feedback.type == FeedbackType.COMPLAINT
        )
    )
    assert expected > 0
    expect(page.get_by_test_id("result-count")).to_contain_text(str(expected))
    rows = page.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Lalamiko")

    rows.nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Historia")).to_be_visible()
    timeline = page.get_by_role("list").filter(has_text="Imewasilishwa")
    expect(timeline.get_by_role("listitem").first).to_contain_text("Imewasilishwa")
    reference = page.get_by_role("heading", level=1).inner_text().split()[-1]
    item = db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.status in done
    expect(timeline.get_by_role("listitem")).to_have_count(len(item.events))
    expect(timeline.get_by_role("listitem").last).to_contain_text(
        event_label(item.events[-1].action)
    )


def test_filter_by_channel_in_english(page: Page, db_session):
    log_in(page, "mwezeshaji")
    page.get_by_role("link", name="English").click()
    page.get_by_label("Channel").select_option(label="SMS")
    page.get_by_role("button", name="Filter").click()
    open_statuses = [s for s in Status if s.is_open]
    expected = db_session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            IN_DEMO, Feedback.channel == Channel.SMS, Feedback.status.in_(open_statuses)
        )
    )
    expect(page.get_by_test_id("result-count")).to_contain_text(f"{expected} item")
    if expected:
        expect(page.get_by_role("row").nth(1)).to_contain_text("SMS")
