"""Reports and account management in Chromium: a head's dashboard, a CSV, a new officer."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, Institution, User
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.workflow import Role


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fill the Swahili login form."""
    page.goto("/login")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nenosiri").fill(password)
    page.get_by_role("button", name="Ingia").click()


def head_items(db_session) -> int:
    """Items of Dodoma City Council (incl. transferred in), received at any time."""
    head = db_session.scalar(sa.select(User).where(User.username == "mkuu.dodoma"))
    mine = sa.or_(
        Feedback.institution_id == head.institution_id,
        Feedback.transfer_target_id == head.institution_id,
    )
    return db_session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            Feedback.workspace_id == head.workspace_id, mine
        )
    )


def test_head_dashboard_chart_table_language_and_csv(page: Page, db_session):
    log_in(page, "mkuu.dodoma")
    page.goto("/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashibodi")
    page.get_by_label("Kipindi").select_option("custom")
    page.get_by_label("Kuanzia").fill("2020-01-01")
    page.get_by_label("Hadi").fill("2030-12-31")
    page.get_by_role("button", name="Onyesha").click()
    expect(page.get_by_role("img", name=re.compile("^Mrejesho kwa aina:"))).to_be_visible()
    table = page.get_by_role("table", name="Mrejesho kwa aina")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(5)  # header + four types
    expect(page.get_by_test_id("total")).to_have_text(str(head_items(db_session)))

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_role("table", name="Items by type")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV: Items by type").click()
    download = info.value
    assert download.suggested_filename.startswith("mrejesho-types-")
    with open(download.path(), "rb") as fh:
        data = fh.read()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Type,Items"
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == head_items(db_session)


def test_period_filter_by_keyboard_and_error_summary(page: Page):
    log_in(page, "kiongozi.dodoma")
    page.goto("/reports/")
    page.get_by_label("Kipindi").select_option("custom")
    page.get_by_label("Kuanzia").fill("2026-11-30")
    page.get_by_label("Hadi").fill("2026-11-01")
    page.get_by_label("Hadi").press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Tarehe ya mwisho iwe siku ile ile au baada")
    expect(page.get_by_label("Kuanzia")).to_have_value("2026-11-30")
    expect(page.get_by_role("combobox", name="Taasisi")).to_be_visible()  # leaders pick one


def test_ict_officer_creates_an_officer_who_can_log_in(page: Page, db_session):
    log_in(page, "tehama.dodoma")
    page.goto("/accounts/")
    expect(page.get_by_role("table", name="Akaunti za kuingia za taasisi")).to_contain_text(
        "afisa.dodoma"
    )
    page.get_by_role("link", name="Unda akaunti").click()
    page.get_by_label("Jina la mtumiaji").fill("afisa3.dodoma")
    page.get_by_label("Jina kamili").fill("Rehema Mollel")
    page.get_by_label("Wadhifa").select_option(label=Role.OFFICER.label_sw)
    page.get_by_label("Nenosiri la kuanzia").fill("fupi")
    page.get_by_role("button", name="Unda akaunti").click()
    expect(page.get_by_role("alert")).to_contain_text("Nenosiri liwe na herufi 10")
    expect(page.get_by_label("Jina kamili")).to_have_value("Rehema Mollel")
    page.get_by_label("Nenosiri la kuanzia").fill("mwanzo-mpya-2026")
    page.get_by_role("button", name="Unda akaunti").click()
    expect(page.get_by_role("status")).to_contain_text("Akaunti afisa3.dodoma imeundwa.")

    user = db_session.scalar(sa.select(User).where(User.username == "afisa3.dodoma"))
    dodoma = db_session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
    assert (user.role, user.institution_id, user.is_active_account) == (
        Role.OFFICER,
        dodoma.id,
        True,
    )
    page.get_by_role("button", name="Toka").click()
    log_in(page, "afisa3.dodoma", "mwanzo-mpya-2026")
    expect(page.get_by_text("Karibu, Rehema Mollel.")).to_be_visible()
    expect(page.get_by_text("Rehema Mollel · Afisa mrejesho")).to_be_visible()
