"""One item from a plan (what a scenario setup builds): coherent, replayable, deterministic."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sandbox.seeding.catalog import Catalog, catalog_from_seed_data
from sandbox.seeding.generator import state_fields
from sandbox.seeding.items import ItemPlan, build_item
from sandbox.seeding.loader import load_seed_data
from sandbox.workflow import (
    Action,
    Channel,
    ComplainantType,
    FeedbackType,
    IllegalTransition,
    Status,
    apply,
    submit,
)

from .test_generator import command_for

NOW = datetime(2026, 11, 2, 8, 0)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_from_seed_data(load_seed_data())


def council(catalog: Catalog):
    return next(i for i in catalog.institutions if i.district_id and i.categories)


def plan_for(catalog: Catalog, steps: str, days_ago: int = 40, **fields) -> ItemPlan:
    return ItemPlan(
        type=FeedbackType.COMPLAINT,
        institution_id=council(catalog).id,
        received_at=NOW - timedelta(days=days_ago),
        description="Maji hayatoki bombani kwa wiki mbili.",
        steps=steps,
        **fields,
    )


def test_an_old_item_follows_its_whole_plan(catalog):
    plan = plan_for(catalog, "ack assign start respond close", channel=Channel.USSD)
    item = build_item(catalog, plan, reference="MRJ-T-2026-000001", now=NOW, seed=3)
    actions = [e["action"] for e in item.events]
    assert actions == [
        Action.SUBMIT,
        Action.ACKNOWLEDGE,
        Action.ASSIGN,
        Action.START,
        Action.RESPOND,
        Action.CLOSE,
    ]
    row = item.feedback
    assert row["status"] is Status.CLOSED and row["channel"] is Channel.USSD
    assert row["institution_id"] == plan.institution_id and row["category_id"]
    assert row["description"] == plan.description and row["complainant_name"]


def test_its_history_replays_through_the_workflow(catalog):
    plan = plan_for(catalog, "ack assign start ask reply respond rate close")
    item = build_item(catalog, plan, reference="MRJ-T-2026-000002", now=NOW, seed=5)
    state = submit(FeedbackType.COMPLAINT, plan.institution_id, plan.received_at)
    for event in item.events[1:]:
        state = apply(state, command_for(event), now=event["at"]).after
    assert state == state_fields(item.feedback)


def test_a_recent_item_stops_before_now_and_anonymous_keeps_no_identity(catalog):
    plan = plan_for(
        catalog, "ack assign start respond close", days_ago=0, complainant=ComplainantType.ANONYMOUS
    )
    item = build_item(
        catalog, plan, reference="MRJ-T-2026-000003", now=NOW + timedelta(hours=1), seed=1
    )
    assert all(e["at"] <= NOW + timedelta(hours=1) for e in item.events)
    assert item.feedback["status"] is not Status.CLOSED
    assert item.feedback["complainant_name"] is None and item.feedback["complainant_phone"] is None


def test_the_same_seed_builds_the_same_item(catalog):
    plan = plan_for(catalog, "transfer accept assign start respond close")
    first = build_item(catalog, plan, reference="R1", now=NOW, seed=9)
    again = build_item(catalog, plan, reference="R1", now=NOW, seed=9)
    assert first == again
    assert first.feedback["institution_id"] != plan.institution_id  # the transfer was accepted


def test_a_plan_the_workflow_forbids_is_refused(catalog):
    with pytest.raises(IllegalTransition):
        build_item(catalog, plan_for(catalog, "ack respond"), reference="R2", now=NOW)
