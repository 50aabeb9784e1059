"""The facilitator resets one trainee from the console, undoes it, then resets the cohort."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback, ResetRecord
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.library import scenario_library
from sandbox.services.training.runner import begin_scenario

FIRST_SCENARIO = "kuthibitisha-kwa-wakati"  # no prerequisites


def items_of(db_session, workspace_id: int) -> list[int]:
    """The ids of a workspace's items (a reset gives the fresh world's back, an undo the ones
    the reset removed)."""
    db_session.expire_all()
    query = sa.select(Feedback.id).where(Feedback.workspace_id == workspace_id)
    return sorted(db_session.scalars(query.order_by(Feedback.id)))


def test_reset_one_trainee_undo_it_then_reset_the_cohort(page: Page, db_session):
    facilitator = find_username("mwezeshaji")
    cohort = create_cohort("Warsha ya kuweka upya", seed=6, start=date(2026, 11, 9),
                           facilitator=facilitator)  # fmt: skip
    asha = join_cohort(JoinRequest(cohort.join_code, "Asha Kivinjari", "2468"))
    baraka = join_cohort(JoinRequest(cohort.join_code, "Baraka Kivinjari", "2468"))
    fresh = {e.id: items_of(db_session, e.workspace_id) for e in (asha, baraka)}
    for trainee in (asha, baraka):  # each at work in a scenario: items of their own
        begin_scenario(trainee.workspace, trainee.user, scenario_library(), FIRST_SCENARIO)
    asha_items, baraka_items = (
        items_of(db_session, asha.workspace_id),
        items_of(db_session, baraka.workspace_id),
    )
    assert asha_items != fresh[asha.id] and baraka_items != fresh[baraka.id]
    page.goto("/login")
    page.get_by_label("Jina la mtumiaji").fill("mwezeshaji")
    page.get_by_label("Nenosiri").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingia").click()
    page.goto(f"/facilitator/cohorts/{cohort.id}")
    page.get_by_role("link", name="Kurudisha mwanzo na nakala").click()

    page.get_by_label("Mwanafunzi").select_option(label=f"Asha Kivinjari ({asha.personal_code})")
    page.get_by_role("button", name="Onyesha kitakachorudishwa mwanzo").click()
    plan = page.get_by_test_id("reset-plan")
    expect(plan).to_contain_text("Eneo lote la mwanafunzi mmoja")
    expect(page.get_by_test_id("plan-workspaces")).to_have_text("1")
    page.get_by_role("button", name="Ndiyo, rudisha mwanzo").click()
    expect(page.get_by_text("Imerudishwa mwanzo.")).to_be_visible()
    expect(page.get_by_test_id("reset-log")).to_contain_text("Eneo lote la mwanafunzi mmoja")
    assert items_of(db_session, asha.workspace_id) == fresh[asha.id]  # the world as joined
    assert items_of(db_session, baraka.workspace_id) == baraka_items

    page.get_by_role("link", name="Tendua…").click()
    page.get_by_role("button", name="Ndiyo, endelea").click()
    expect(page.get_by_text("Kurudisha mwanzo kumetenduliwa.")).to_be_visible()
    assert items_of(db_session, asha.workspace_id) == asha_items

    page.get_by_role("button", name="Onyesha kitakachorudishwa mwanzo").click()
    expect(page.get_by_test_id("reset-plan")).to_contain_text("Kundi zima")
    expect(page.get_by_test_id("plan-workspaces")).to_have_text("2")
    page.get_by_role("button", name="Ndiyo, rudisha mwanzo").click()
    expect(page.get_by_text("Imerudishwa mwanzo.")).to_be_visible()
    records = db_session.scalars(
        sa.select(ResetRecord).where(ResetRecord.cohort_id == cohort.id).order_by(ResetRecord.id)
    ).all()
    assert [(r.grain, r.undone_at is not None) for r in records] == [
        ("trainee", True),
        ("cohort", False),
    ]
    assert items_of(db_session, baraka.workspace_id) == fresh[baraka.id]
