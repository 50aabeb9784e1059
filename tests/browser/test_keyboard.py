"""Two whole journeys by keyboard alone (Tab, Shift-free, Enter, Space, arrows, typing; no
click): a trainee joins a cohort with its code, runs a scenario's first step at the desk,
checks it and opens their progress; a citizen submits on the portal, tracks the item by its
reference, and, once the institution has answered it, rates the reply with the secret the
confirmation gave. Every focus stop must show a focus style, and the skip link must move the
focus into the main content.

The journeys make their own data: the browser tests share one server and database, and an
item picked from the demo world is one another test may have changed (a compliment answered
by the desk tests cannot be rated, so the rating's radios were never there)."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, Institution, ScenarioAttempt, User
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow import Action, Status
from tests.browser.page_types import SCENARIO
from tests.desk.factories import act

TAB_LIMIT = 150  # focus stops before giving up on reaching a control
NAME_OF_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const name = e.getAttribute("aria-label") || label || e.innerText || e.value || "";
  return name.replace(/\\s+/g, " ").trim();
}"""
FOCUS_IS_VISIBLE = """() => {
  const s = getComputedStyle(document.activeElement);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  return outline || (s.boxShadow && s.boxShadow !== "none");
}"""


def focus(page: Page, name: str | None = None, selector: str | None = None) -> None:
    """Press Tab until the control with this accessible name (or matching this selector) has
    the focus (it may have it already: a form's first field takes the focus); at every stop
    the focus must be visible (2 px outline or a shadow)."""
    for stop in range(TAB_LIMIT):
        if stop or not page.evaluate("document.activeElement.matches(':focus-visible')"):
            page.keyboard.press("Tab")
        left = page.evaluate("document.activeElement === document.body")
        assert not left, f"Tab left the page before reaching {name or selector} on {page.url}"
        assert page.evaluate(FOCUS_IS_VISIBLE), page.evaluate(NAME_OF_FOCUSED)
        if selector is not None and page.evaluate(
            "s => document.activeElement.matches(s)", selector
        ):
            return
        if name is not None and page.evaluate(NAME_OF_FOCUSED) == name:
            return
    raise AssertionError(f"Tab never reached {name or selector} on {page.url}")


def type_into(page: Page, label: str, text: str) -> None:
    """Tab to a field by its label and type into it."""
    focus(page, label)
    page.keyboard.type(text)


def press_enter_and_wait(page: Page) -> None:
    """Enter on the focused control, which sends a form or follows a link."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_skip_link_works(page: Page, label: str) -> None:
    """The first Tab reaches the skip link; Enter on it puts the next Tab inside <main>."""
    page.keyboard.press("Tab")
    assert page.evaluate(NAME_OF_FOCUSED) == label
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_a_trainee_journey_by_keyboard(page: Page, db_session):
    cohort = create_cohort("Kibodi", seed=9, start=date(2026, 11, 16), language="sw")
    code = grouped(cohort.join_code)
    page.goto("/lang/sw?next=/join")  # the code field takes the focus: no skip link needed
    type_into(page, "Msimbo wa kundi", code)
    type_into(page, "Jina lako", "Tumaini Kibodi")
    type_into(page, "Chagua PIN (namba ya siri)", "2468")
    type_into(page, "Andika PIN tena", "2468")
    focus(page, "Jiunge")
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/desk/"))

    page.goto("/training/me")
    assert_skip_link_works(page, "Ruka hadi maudhui")
    focus(page, "Hali zangu za mafunzo")
    press_enter_and_wait(page)
    focus(page, "Thibitisha kupokea kwa wakati")
    press_enter_and_wait(page)
    focus(page, "Anza hali hii")
    with page.expect_navigation():
        page.keyboard.press("Space")
    panel = page.get_by_test_id("scenario-panel")
    expect(panel.get_by_test_id("panel-score")).to_have_text("0 %")

    focus(page, selector="#items-heading + ul a")
    press_enter_and_wait(page)
    focus(page, selector="#act-acknowledge button[type=submit]")
    press_enter_and_wait(page)
    expect(page.get_by_role("status").filter(has_text="Hatua imekamilika")).to_be_visible()
    steps = panel.get_by_test_id("panel-step")
    expect(steps.nth(0)).to_have_attribute("data-state", "passed")
    focus(page, "Kagua kazi yangu")
    press_enter_and_wait(page)
    expect(page.get_by_test_id("scenario-score")).to_be_visible()

    page.goto("/training/me")
    focus(page, "Maendeleo yangu")
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/training/progress$"))
    attempt = db_session.scalars(
        sa.select(ScenarioAttempt)
        .join(User, User.id == ScenarioAttempt.user_id)
        .where(User.display_name == "Tumaini Kibodi")
    ).one()
    assert attempt.scenario_id == SCENARIO and attempt.steps_passed


def choose_radio(page: Page, group: str, label: str) -> None:
    """Tab into a radio group, arrow to the option with this label (or value), Space on it."""
    focus(page, selector=f"input[type=radio][name={group}]")
    for _ in range(10):
        if label in (page.evaluate(NAME_OF_FOCUSED), page.evaluate("document.activeElement.value")):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def test_a_citizen_journey_by_keyboard(page: Page, db_session):
    dodoma = db_session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
    page.goto("/lang/sw?next=/portal/")
    assert_skip_link_works(page, "Ruka hadi maudhui")
    focus(page, "Wasilisha mrejesho")
    press_enter_and_wait(page)
    type_into(page, "Jina la taasisi", dodoma.name_sw[:12].lower())
    press_enter_and_wait(page)  # Enter in a field sends its search form
    focus(page, f"Chagua {dodoma.name_sw}")
    press_enter_and_wait(page)

    choose_radio(page, "type", "Lalamiko")
    focus(page, "Unahusu nini?")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value")
    type_into(page, "Eleza mrejesho wako", "Barabara ya mtaa wetu ina mashimo makubwa.")
    focus(page, selector="main form button[type=submit]")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mrejesho wako umepokelewa")
    reference = page.get_by_test_id("reference").inner_text().strip()
    secret = page.get_by_test_id("secret").inner_text().strip()
    assert secret

    focus(page, "Ufuatilie kwenye tovuti hii")
    press_enter_and_wait(page)
    expect(page.get_by_test_id("status")).to_have_text("Imepokelewa")
    assert reference in page.get_by_role("heading", level=2).first.inner_text()

    item = answer(db_session, reference)
    page.goto("/portal/track")
    type_into(page, "Namba ya kumbukumbu", reference)
    press_enter_and_wait(page)
    expect(page.get_by_test_id("status")).to_have_text("Imejibiwa")
    choose_radio(page, "rating", "4")
    type_into(page, "Siri yako", secret)
    focus(page, selector="section:has(#rate-heading) button[type=submit]")
    press_enter_and_wait(page)
    db_session.expire_all()
    assert db_session.get(Feedback, item.id).rating == 4


def answer(db_session, reference: str) -> Feedback:
    """The institution's officer acknowledges, takes and answers the citizen's own item."""
    workspace = find_workspace("demo")
    item = db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    officer = db_session.scalar(sa.select(User).where(User.username == "afisa.dodoma"))
    act(workspace, item, Action.ACKNOWLEDGE, actor=officer)
    act(workspace, item, Action.ASSIGN, actor=officer, assignee_id=officer.id)
    act(workspace, item, Action.START, actor=officer)
    item = act(workspace, item, Action.RESPOND, actor=officer, public_reply="Tumeziba mashimo.")
    assert item.status is Status.RESPONDED
    return item
