"""The citizen portal in Chromium: submit (identified, anonymous), errors, track, rate, appeal."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, FeedbackEvent, Institution, SmsMessage
from sandbox.workflow import Action, ComplainantType, FeedbackType, Status
from sandbox.workflow.citizen_secret import seeded_secret
from tests.browser.conftest import BROWSER_SEED


@pytest.fixture
def dodoma(db_session) -> Institution:
    """Dodoma City Council, found on the search page by part of its name."""
    return db_session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))


def open_form(page: Page, institution: Institution) -> None:
    """From the landing page: submit → search by part of the name → choose."""
    page.goto("/portal/")
    page.get_by_role("link", name="Wasilisha mrejesho").last.click()
    page.get_by_label("Jina la taasisi").fill(institution.name_sw[:12].lower())
    page.get_by_role("button", name="Tafuta").click()
    page.get_by_role("link", name=f"Chagua {institution.name_sw}").click()
    expect(page.get_by_test_id("institution")).to_have_text(institution.name_sw)


def fill_feedback(page: Page, description: str) -> None:
    """Type, category and description."""
    page.get_by_label("Lalamiko").check()
    category = page.get_by_label("Unahusu nini?")
    category.select_option(index=1)
    page.get_by_label("Eleza mrejesho wako").fill(description)


def submitted_item(page: Page, db_session) -> Feedback:
    """The item whose reference the confirmation page shows."""
    reference = page.get_by_test_id("reference").inner_text().strip()
    db_session.expire_all()
    return db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))


def test_identified_submission(page: Page, db_session, dodoma):
    open_form(page, dodoma)
    fill_feedback(page, "Taka hazijazolewa mtaani kwetu kwa wiki tatu.")
    page.get_by_label("Jina kamili (si lazima)").fill("Zuhura Mollel")
    page.get_by_label("Namba ya simu (si lazima)").fill("0754 111 222")
    page.get_by_role("button", name="Wasilisha mrejesho").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mrejesho wako umepokelewa")
    expect(page.get_by_test_id("reference")).to_have_text(re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}"))
    item = submitted_item(page, db_session)
    assert item.institution_id == dodoma.id and item.type is FeedbackType.COMPLAINT
    assert (item.complainant_name, item.complainant_phone) == ("Zuhura Mollel", "+255754111222")
    assert "Zuhura" not in page.url
    sms = db_session.scalars(sa.select(SmsMessage).where(SmsMessage.feedback_id == item.id)).all()
    assert [m.phone for m in sms] == ["+255754111222"]


def test_anonymous_submission(page: Page, db_session, dodoma):
    open_form(page, dodoma)
    fill_feedback(page, "Mhudumu aliomba rushwa ili anisaidie.")
    page.get_by_label("Bila kujulikana").check()
    page.get_by_label("Jina kamili (si lazima)").fill("Sitaki Kujulikana")
    page.get_by_role("button", name="Wasilisha mrejesho").click()
    item = submitted_item(page, db_session)
    assert item.complainant_type is ComplainantType.ANONYMOUS
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (
        None,
        None,
        None,
    )


def test_errors_are_shown_and_input_kept(page: Page, db_session, dodoma):
    before = db_session.scalar(sa.select(sa.func.count(Feedback.id)))
    open_form(page, dodoma)
    page.get_by_label("Lalamiko").check()
    page.get_by_label("Jina kamili (si lazima)").fill("Asha Juma")
    page.get_by_label("Namba ya simu (si lazima)").fill("12345")
    page.get_by_role("button", name="Wasilisha mrejesho").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kuna tatizo")
    expect(summary).to_contain_text("Eleza mrejesho wako.")
    expect(summary).to_contain_text("Andika namba ya simu ya mkononi ya Tanzania")
    expect(page.get_by_label("Jina kamili (si lazima)")).to_have_value("Asha Juma")
    expect(page.get_by_label("Namba ya simu (si lazima)")).to_have_value("12345")
    expect(page.get_by_label("Lalamiko")).to_be_checked()
    summary.get_by_role("link", name="Eleza mrejesho wako.").click()
    expect(page.get_by_label("Eleza mrejesho wako")).to_be_focused()
    assert db_session.scalar(sa.select(sa.func.count(Feedback.id))) == before


def responded_complaint(db_session, skip: int) -> Feedback:
    """A responded complaint of the demo world with a public reply."""
    return db_session.scalars(
        sa.select(Feedback)
        .where(Feedback.status == Status.RESPONDED, Feedback.type == FeedbackType.COMPLAINT)
        .order_by(Feedback.id)
        .offset(skip)
    ).first()


def track(page: Page, reference: str) -> None:
    """Track a reference typed in lower case with spaces around it."""
    page.goto("/portal/track")
    page.get_by_role("textbox", name="Namba ya kumbukumbu").fill(f"  {reference.lower()} ")
    page.get_by_role("button", name="Fuatilia").click()


def test_tracking_shows_public_replies_only(page: Page, db_session):
    item = responded_complaint(db_session, skip=0)
    events = item.events
    track(page, item.reference)
    expect(page.get_by_test_id("status")).to_have_text("Imejibiwa")
    progress = page.get_by_role("list", name="Maendeleo")
    public = [e for e in events if e.is_public]
    expect(progress.get_by_role("listitem")).to_have_count(len(public))
    reply = next(e.text for e in events if e.action is Action.RESPOND)
    expect(progress).to_contain_text(reply)
    for event in events:
        if not event.is_public and event.text:
            expect(page.locator("main")).not_to_contain_text(event.text)
    if item.complainant_name:
        expect(page.locator("main")).not_to_contain_text(item.complainant_name)


def test_rating_then_appeal(page: Page, db_session):
    item = responded_complaint(db_session, skip=1)
    track(page, item.reference)
    secret = seeded_secret(BROWSER_SEED, item.reference)  # what this citizen received (issue 8)
    page.get_by_label("1 — Mbaya sana").check()
    rate_form = page.locator("form", has=page.get_by_role("button", name="Tuma tathmini"))
    rate_form.get_by_label("Siri yako").fill(secret.lower())
    page.get_by_role("button", name="Tuma tathmini").click()
    expect(page.get_by_role("status").first).to_contain_text("Asante")
    db_session.expire_all()
    assert db_session.get(Feedback, item.id).rating == 1
    page.get_by_label("Kwa nini hujaridhika?").fill("Jibu halikutatua tatizo langu.")
    appeal_form = page.locator("form", has=page.get_by_role("button", name="Tuma rufaa"))
    appeal_form.get_by_label("Siri yako").fill(secret)
    page.get_by_role("button", name="Tuma rufaa").click()
    expect(page.get_by_test_id("status")).to_have_text("Inashughulikiwa")
    db_session.expire_all()
    reopened = db_session.get(Feedback, item.id)
    assert reopened.status is Status.IN_PROGRESS and reopened.reopen_count >= 1
    last = db_session.scalars(
        sa.select(FeedbackEvent)
        .where(FeedbackEvent.feedback_id == item.id)
        .order_by(FeedbackEvent.id.desc())
    ).first()
    assert (last.action, last.actor_label) == (Action.REOPEN, "Mwananchi")


def test_a_second_submit_while_the_first_is_on_its_way_is_not_sent(page: Page, dodoma):
    open_form(page, dodoma)
    fill_feedback(page, "Taa za barabarani zimezimika Area D.")
    # Count the submissions once.js lets through; keep the page here to look at the button.
    sent, disabled = page.evaluate(
        """async () => {
          const form = document.querySelector("form[data-submit-once]");
          let sent = 0;
          form.addEventListener("submit", (event) => {
            if (!event.defaultPrevented) { sent += 1; }
            event.preventDefault();
          });
          form.requestSubmit();
          form.requestSubmit();
          await new Promise((resolve) => setTimeout(resolve, 50));
          return [sent, form.querySelector("button[type=submit], input[type=submit]").disabled];
        }"""
    )
    assert (sent, disabled) == (1, True)
