"""Joining a cohort with its code on a 390 px phone, then signing out and back in."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Enrolment, User
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import create_cohort

PHONE = {"width": 390, "height": 844}
WORDS = {
    "sw": {
        "join_link": "Jiunge na mafunzo kwa msimbo",
        "code": "Msimbo wa kundi",
        "name": "Jina lako",
        "pin": "Chagua PIN (namba ya siri)",
        "again": "Andika PIN tena",
        "join": "Jiunge",
        "logout": "Toka",
        "back": "Umeshajiunga? Ingia kwa msimbo wako binafsi",
        "personal": "Msimbo wako binafsi",
        "sign_in": "Ingia",
        "date": "Tarehe ya mafunzo",
        "world": "Mazingira yako ya mazoezi",
    },
    "en": {
        "join_link": "Join a training with a code",
        "code": "Cohort code",
        "name": "Your name",
        "pin": "Choose a PIN",
        "again": "Type the PIN again",
        "join": "Join",
        "logout": "Log out",
        "back": "Joined already? Sign in with your personal code",
        "personal": "Your personal code",
        "sign_in": "Sign in",
        "date": "Sandbox date",
        "world": "Your practice world",
    },
}


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_a_trainee_joins_on_a_phone_and_signs_back_in(page: Page, db_session, lang):
    cohort = create_cohort(f"Simu {lang}", seed=4, start=date(2026, 11, 16), language=lang)
    words = WORDS[lang]
    name = f"Neema Simu {lang}"
    page.set_viewport_size(PHONE)
    page.goto(f"/lang/{lang}?next=/")
    page.get_by_role("link", name=words["join_link"]).click()
    page.get_by_label(words["code"]).fill(grouped(cohort.join_code).lower())
    page.get_by_label(words["name"]).fill(name)
    page.get_by_label(words["pin"]).fill("2468")
    page.get_by_label(words["again"]).fill("2468")
    page.get_by_role("button", name=words["join"], exact=True).click()

    expect(page).to_have_url(re.compile(r"/desk/"))
    enrolment = db_session.scalars(
        sa.select(Enrolment).join(User).where(User.display_name == name)
    ).one()
    code = grouped(enrolment.personal_code)
    expect(page.get_by_role("status").first).to_contain_text(code)
    bar = page.get_by_role("region", name=words["world"])
    expect(bar).to_contain_text(words["date"])
    expect(page.get_by_test_id("sandbox-date")).to_contain_text("16 ")
    expect(page.get_by_test_id("bar-personal-code")).to_have_text(code)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name=words["logout"]).click()
    page.get_by_role("link", name=words["back"]).click()
    page.get_by_label(words["personal"]).fill(code.replace("-", " ").lower())
    page.get_by_label("PIN", exact=True).fill("2468")
    page.get_by_role("button", name=words["sign_in"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/desk/"))
    expect(page.get_by_test_id("bar-personal-code")).to_have_text(code)
    assert enrolment.workspace.code in page.get_by_role(
        "link", name=re.compile("Tovuti|Portal")
    ).first.get_attribute("href")
