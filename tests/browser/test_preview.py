"""The stakeholder preview in Chromium, the issue's whole path: an invitation, joining, one
proposal walked through before and after (the behaviour visibly differs), the side-by-side
page, the stakeholder's structured opinion, and the facilitator's decision report showing it."""

from __future__ import annotations

import re
import uuid

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models.proposal import Proposal, Stakeholder, WalkthroughStep
from sandbox.proposals.enums import ProposalStatus, Side
from sandbox.seeding.personas import DEMO_PASSWORD


def log_in(page: Page, username: str) -> None:
    """Fill the Swahili login form."""
    page.goto("/lang/sw?next=/login")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nenosiri").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingia").click()


def make_invitation(page: Page) -> str:
    """A facilitator's new invitation; its code as shown."""
    log_in(page, "mwezeshaji")
    page.goto("/preview/invitations")
    label = f"Wizara ya Afya {uuid.uuid4().hex[:6]}"
    page.get_by_label("Jina la mwaliko").fill(label)
    page.get_by_label("Halali kwa (siku)").fill("3")
    page.get_by_role("button", name="Tengeneza mwaliko").click()
    row = page.get_by_test_id("invitation-row").filter(has_text=label)
    expect(row).to_contain_text("0 / 30")
    return row.get_by_test_id("invitation-code").inner_text()


def give_opinion(s: Page, key: str, comment: str) -> None:
    """The stakeholder's answer on the proposal's feedback form (Swahili)."""
    s.goto(f"/preview/proposals/{key}")
    s.get_by_role("link", name="Toa maoni yako").click()
    s.get_by_role("group", name=re.compile("Hoja hii ni nzuri")).get_by_label("4").check()
    s.get_by_role("group", name="Ingesaidia taasisi yako?").get_by_label("Ndiyo").check()
    s.get_by_role("group", name=re.compile("Ilikuwa rahisi")).get_by_label("5").check()
    s.get_by_label("Maoni yako (si lazima)").fill(comment)
    s.get_by_label("Maoni yako yanahusu skrini au hatua ipi?").select_option(index=1)
    s.get_by_role("button", name="Tuma maoni yangu").click()
    expect(s.get_by_test_id("feedback-earlier")).to_be_visible()


def test_invitation_join_walkthrough_before_and_after_then_compare_opinion_and_report(
    page: Page, browser, base_url, db_session
):
    code = make_invitation(page)
    phone = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    stakeholder_page = phone.new_page()
    stakeholder_page.goto(f"/lang/sw?next=/preview/join?code={code}")
    expect(stakeholder_page.get_by_label("Msimbo wa mwaliko")).to_have_value(code)
    stakeholder_page.get_by_label("Jina lako").fill("Rehema Kombo")
    stakeholder_page.get_by_label("Kazi yako").select_option("ict_officer")
    stakeholder_page.get_by_label("Taasisi yako").select_option(index=2)
    stakeholder_page.get_by_label("Mkoa wako").select_option(index=2)
    stakeholder_page.get_by_label("Chagua PIN").fill("8642")
    stakeholder_page.get_by_label("Andika PIN tena").fill("8642")
    stakeholder_page.get_by_role("button", name="Jiunge na majaribio").click()
    expect(stakeholder_page).to_have_url(re.compile(r"/preview/proposals$"))
    expect(stakeholder_page.get_by_text("Msimbo wako binafsi ni")).to_be_visible()

    s = stakeholder_page
    s.get_by_role("link", name="Kupandisha ngazi kiotomatiki mrejesho uliochelewa").click()
    s.get_by_role("button", name="Pitia KABLA").click()
    expect(s.get_by_test_id("preview-side")).to_have_text("KABLA (imezimwa)")
    s.get_by_test_id("preview-banner").get_by_role("link").click()
    s.get_by_role("button", name="Kagua kazi yangu (KABLA)").click()
    expect(s.get_by_test_id("step-before-reach-head")).to_contain_text("inaendelea")

    s.get_by_role("button", name="Pitia BAADA").click()  # the desk's inbox read escalates
    expect(s.get_by_test_id("preview-side")).to_have_text("BAADA (imewashwa)")
    s.get_by_test_id("preview-banner").get_by_role("link").click()
    s.get_by_role("button", name="Kagua kazi yangu (BAADA)").click()
    expect(s.get_by_test_id("step-after-reach-head")).to_contain_text("imekamilika")
    expect(s.get_by_test_id("step-before-reach-head")).not_to_contain_text("imekamilika")

    s.get_by_role("link", name="Linganisha ubavu kwa ubavu").click()
    expect(s.get_by_test_id("compare-desk_item-before")).to_contain_text("Haijapandishwa")
    expect(s.get_by_test_id("compare-desk_item-after")).to_contain_text("Mkuu wa taasisi")

    profile = db_session.scalars(
        sa.select(Stakeholder)
        .join(Stakeholder.user)
        .where(sa.text("display_name = 'Rehema Kombo'"))
    ).one()
    rows = db_session.scalars(
        sa.select(WalkthroughStep).where(WalkthroughStep.user_id == profile.user_id)
    ).all()
    done = {(r.side, r.step): r.completed_at is not None for r in rows}
    assert done == {  # the next step opens when one is done
        (Side.BEFORE, "reach-head"): False,
        (Side.AFTER, "reach-head"): True,
        (Side.AFTER, "answer"): False,
    }

    comment = f"Itatusaidia kuona malalamiko yaliyosahaulika {uuid.uuid4().hex[:6]}"
    give_opinion(s, "auto-escalation", comment)
    page.goto("/preview/proposals/auto-escalation/report")  # the facilitator, signed in above
    expect(page.get_by_test_id("comments")).to_contain_text(comment)
    step_words = "Fungua lalamiko la dawa Nkuhungu"  # the step's own words, not "reach-head"
    behaviour = page.get_by_test_id("table-behaviour").locator("tr", has_text=step_words)
    expect(behaviour).to_be_visible()
    csv = page.request.get("/preview/proposals/auto-escalation/report.csv")
    assert csv.ok and comment in csv.text() and "Rehema" not in csv.text()
    phone.close()


def join_on_a_phone(browser, base_url, code: str, name: str) -> Page:
    """A stakeholder joins with ``code`` on a 390 px phone (Swahili); their page."""
    phone = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    s = phone.new_page()
    s.goto(f"/lang/sw?next=/preview/join?code={code}")
    s.get_by_label("Jina lako").fill(name)
    s.get_by_label("Kazi yako").select_option("officer")
    s.get_by_label("Taasisi yako").select_option(index=3)
    s.get_by_label("Mkoa wako").select_option(index=3)
    s.get_by_label("Chagua PIN").fill("2580")
    s.get_by_label("Andika PIN tena").fill("2580")
    s.get_by_role("button", name="Jiunge na majaribio").click()
    expect(s).to_have_url(re.compile(r"/preview/proposals$"))
    return s


def set_status(db_session, key: str, status: ProposalStatus) -> None:
    """Decide (or reopen) a proposal behind the stakeholder's back."""
    proposal = db_session.scalars(sa.select(Proposal).where(Proposal.key == key)).one()
    proposal.status = status
    db_session.commit()


def test_the_bar_carries_the_walkthrough_and_tells_a_decided_proposal(
    page: Page, browser, base_url, db_session
):
    s = join_on_a_phone(browser, base_url, make_invitation(page), "Baraka Said")
    s.get_by_role("link", name="SMS kwa mwananchi kila hali inapobadilika").click()
    s.get_by_role("button", name="Pitia KABLA").click()
    bar = s.get_by_test_id("preview-banner")
    bar.get_by_role("button", name="Hamia BAADA (imewashwa)").click()
    expect(s.get_by_test_id("preview-side")).to_have_text("BAADA (imewashwa)")
    expect(bar).to_contain_text("Hatua ya matembezi: Mpangie afisa lalamiko la bomba")
    bar.get_by_role("button", name="Kagua kazi yangu").click()
    expect(s.get_by_text("Bado hakuna hatua mpya iliyokamilika")).to_be_visible()

    set_status(db_session, "status-sms", ProposalStatus.ACCEPTED)
    try:
        s.goto("/desk/")
        expect(bar.get_by_test_id("preview-closed")).to_contain_text("Imekubaliwa")
        expect(bar.get_by_role("button")).to_have_count(0)  # no switch, no check
        bar.get_by_role("link", name="Nenda kwenye hoja zinazojaribiwa").click()
        expect(s).to_have_url(re.compile(r"/preview/proposals$"))
        answer = s.request.get("/preview/proposals/status-sms/compare")
        assert answer.status == 409
    finally:
        set_status(db_session, "status-sms", ProposalStatus.IN_PREVIEW)
