"""A facilitator issues a certificate in Chromium, prints it, and a stranger verifies it
(valid, then forged, then revoked) by the address its QR code holds."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.facilitation.certificates import issue_all_eligible, set_required_scenarios
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.library import scenario_library
from tests.facilitator.planting import plant_attempt

REQUIRED = ["pongezi-kama-pongezi"]


def log_in(page: Page, username: str) -> None:
    """Fill the Swahili login form."""
    page.goto("/lang/sw?next=/login")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nenosiri").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingia").click()


def test_issue_print_verify_and_revoke_a_certificate(page: Page, browser, base_url, db_session):
    facilitator = find_username("mwezeshaji")
    cohort = create_cohort(
        "Warsha ya Vyeti", seed=5, start=date(2026, 11, 9), facilitator=facilitator
    )
    set_required_scenarios(cohort, REQUIRED)
    asha = join_cohort(JoinRequest(cohort.join_code, "Asha Cheti", "4821", phone="+255754999888"))
    plant_attempt(asha, REQUIRED[0], 1.0, success=True)

    log_in(page, "mwezeshaji")
    page.goto(f"/facilitator/cohorts/{cohort.id}")
    page.get_by_role("link", name="Vyeti").click()
    page.get_by_role("button", name=re.compile(r"^Toa cheti\s*: Asha Cheti$")).click()
    certificate = page.get_by_test_id("certificate")
    expect(certificate).to_contain_text("Cheti cha Mafunzo")
    expect(certificate).to_contain_text("Certificate of Training")
    expect(certificate.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    code = page.get_by_test_id("certificate-code").inner_text()
    verify_url = re.search(r"http://\S+/verify/\w+", certificate.inner_text()).group(0)

    stranger = browser.new_page(base_url=base_url)
    stranger.goto(verify_url)
    expect(stranger.get_by_test_id("verdict")).to_have_attribute("data-verdict", "valid")
    expect(stranger.get_by_test_id("verified-name")).to_have_text("Asha Cheti")
    expect(stranger.locator("body")).not_to_contain_text("+255754999888")
    stranger.goto("/verify")
    stranger.get_by_role("textbox").fill(code[:-1] + ("A" if code[-1] != "A" else "B"))
    stranger.get_by_role("button", name="Kagua").click()
    expect(stranger.get_by_test_id("verdict")).to_have_attribute("data-verdict", "mistyped")

    page.goto(f"/facilitator/cohorts/{cohort.id}/certificates")
    page.get_by_role("link", name="Futa").click()
    page.get_by_label("Kwa nini kinafutwa?").fill("Kimetolewa kwa makosa")
    page.get_by_role("button", name="Futa cheti").click()
    expect(page.get_by_test_id("revoked")).to_contain_text("Kimetolewa kwa makosa")

    stranger.goto(verify_url)
    expect(stranger.get_by_test_id("verdict")).to_have_attribute("data-verdict", "revoked")
    expect(stranger.locator("body")).not_to_contain_text("Kimetolewa kwa makosa")
    stranger.close()


def _pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF Chromium printed has."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_a_certificate_of_the_whole_library_prints_on_one_a4_page(page: Page, db_session):
    cohort = create_cohort(
        "Warsha ya A4", seed=6, start=date(2026, 11, 9), facilitator=find_username("mwezeshaji")
    )
    names = ("Bahati Mwakalinga Nyirenda", "Zawadi Kisanga")
    for name in names:  # the default requirement: every scenario of the library
        trainee = join_cohort(JoinRequest(cohort.join_code, name, "4821"))
        for scenario in scenario_library().in_order():
            plant_attempt(trainee, scenario.id, 1.0, success=True)
    assert issue_all_eligible(cohort, None) == 2

    log_in(page, "mwezeshaji")
    page.goto(f"/facilitator/cohorts/{cohort.id}/certificates/print")
    expect(page.get_by_test_id("certificate")).to_have_count(2)
    assert _pdf_pages(page.pdf(format="A4")) == 2  # one page each, nothing spilling over
