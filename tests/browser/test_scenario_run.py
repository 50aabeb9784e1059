"""A scenario run on a 390 px phone: join, start, work in the desk, each step turns green."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Enrolment, ScenarioAttempt, User
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import create_cohort

PHONE = {"width": 390, "height": 844}
SCENARIO = "kuthibitisha-kwa-wakati"  # the simplest shipped one: three desk actions, two steps
WORDS = {
    "sw": {
        "code": "Msimbo wa kundi",
        "name": "Jina lako",
        "pin": "Chagua PIN (namba ya siri)",
        "again": "Andika PIN tena",
        "join": "Jiunge",
        "scenarios": "Hali zangu za mafunzo",
        "title": "Thibitisha kupokea kwa wakati",
        "start": "Anza hali hii",
        "passed": "Hatua imekamilika",
        "officer": "Afisa",
        "check": "Kagua kazi yangu",
        "done": "Hatua zote zimekamilika.",
    },
    "en": {
        "code": "Cohort code",
        "name": "Your name",
        "pin": "Choose a PIN",
        "again": "Type the PIN again",
        "join": "Join",
        "scenarios": "My scenarios",
        "title": "Acknowledge on time",
        "start": "Start the scenario",
        "passed": "Step passed",
        "officer": "Officer",
        "check": "Check my work",
        "done": "Every step passed.",
    },
}
ACTIONS = {"sw": ("Thibitisha kupokea", "Panga afisa", "Anza kushughulikia")}
ACTIONS["en"] = ("Acknowledge", "Assign", "Start")


def press(page: Page, value: str, label: str) -> None:
    """Click the submit button of one desk action."""
    page.locator(f"#act-{value}").get_by_role("button", name=label, exact=True).click()


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_a_trainee_runs_a_scenario_on_a_phone_to_100(page: Page, db_session, lang):
    cohort = create_cohort(f"Hali {lang}", seed=5, start=date(2026, 11, 16), language=lang)
    words, (acknowledge, assign, start) = WORDS[lang], ACTIONS[lang]
    name = f"Rehema Hali {lang}"
    page.set_viewport_size(PHONE)
    page.goto(f"/lang/{lang}?next=/join")
    page.get_by_label(words["code"]).fill(grouped(cohort.join_code))
    page.get_by_label(words["name"]).fill(name)
    page.get_by_label(words["pin"]).fill("2468")
    page.get_by_label(words["again"]).fill("2468")
    page.get_by_role("button", name=words["join"], exact=True).click()

    page.goto("/training/me")
    page.get_by_role("link", name=words["scenarios"]).click()
    page.get_by_role("link", name=words["title"]).click()
    page.get_by_role("button", name=words["start"]).click()
    panel = page.get_by_test_id("scenario-panel")
    expect(panel).to_be_visible()
    steps = panel.get_by_test_id("panel-step")
    expect(steps).to_have_count(2)
    expect(panel.get_by_test_id("panel-score")).to_have_text("0 %")

    page.locator("#items-heading + ul a").first.click()  # the scenario's item on the desk
    press(page, "acknowledge", acknowledge)
    expect(page.get_by_role("status").filter(has_text=words["passed"])).to_be_visible()
    expect(steps.nth(0)).to_have_attribute("data-state", "passed")
    expect(steps.nth(1)).to_have_attribute("data-state", "open")
    expect(steps.nth(0)).to_have_css("background-color", "rgb(27, 107, 58)")  # green

    block = page.locator("#act-assign")
    block.locator("summary").click()
    block.get_by_label(words["officer"]).select_option(index=1)
    press(page, "assign", assign)
    press(page, "start", start)
    expect(steps.nth(1)).to_have_attribute("data-state", "passed")
    expect(panel.get_by_test_id("panel-score")).to_have_text("100 %")
    expect(panel).to_contain_text(words["done"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    panel.get_by_role("button", name=words["check"]).click()
    expect(page.get_by_test_id("scenario-score")).to_contain_text("100 %")
    attempt = db_session.scalars(
        sa.select(ScenarioAttempt)
        .join(Enrolment, Enrolment.user_id == ScenarioAttempt.user_id)
        .join(User, User.id == Enrolment.user_id)
        .where(User.display_name == name)
    ).one()
    assert attempt.scenario_id == SCENARIO
    assert attempt.score == 1.0 and attempt.is_completed and attempt.is_success
