"""The cohort archive in a real browser: the facilitator downloads a cohort's archive from its
hub, then uploads it on the import page (here, where it was made: refused with the reason)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Cohort
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.facilitation.archive_format import read_archive
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form."""
    page.goto("/login")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nenosiri").fill(password)
    page.get_by_role("button", name="Ingia").click()


def test_a_facilitator_downloads_the_archive_and_uploads_it(page: Page, db_session, tmp_path):
    facilitator = find_username("mwezeshaji")
    cohort = create_cohort(
        "Warsha ya kivinjari", seed=6, start=date(2026, 11, 16), facilitator=facilitator
    )
    log_in(page, "mwezeshaji")
    page.goto(f"/facilitator/cohorts/{cohort.id}")
    page.get_by_role("link", name="Hamisha kundi hili").click()
    expect(page.get_by_role("heading", name="Lina taarifa binafsi")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Pakua kumbukumbu (.zip)").click()
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    assert file.name.startswith("kundi-warsha-ya-kivinjari-")
    assert read_archive(file.read_bytes()).manifest.cohort_uuid == cohort.uuid

    page.goto("/facilitator/")
    page.get_by_role("link", name="Ingiza kundi").click()
    page.get_by_label("Kumbukumbu ya kundi (.zip)").set_input_files(file)
    page.get_by_role("button", name="Ingiza kundi").click()
    expect(page.get_by_role("alert")).to_contain_text("lipo tayari kwenye mfumo huu")
    count = db_session.scalar(
        sa.select(sa.func.count()).select_from(Cohort).where(Cohort.uuid == cohort.uuid)
    )
    assert count == 1
