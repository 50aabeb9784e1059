"""The synthetic feedback generator: deterministic, coherent, replayable histories."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from sandbox.seeding.catalog import Catalog, catalog_from_seed_data
from sandbox.seeding.generator import GeneratedItem, generate, state_fields
from sandbox.seeding.loader import load_seed_data
from sandbox.seeding.speed import load_responses
from sandbox.workflow import (
    BASE_RULES,
    TANZANIA,
    Action,
    Channel,
    Command,
    ComplainantType,
    FeedbackType,
    RejectionReason,
    Resolution,
    Status,
    Toggle,
    apply,
    is_overdue,
    submit,
)
from sandbox.workflow.history import SYSTEM_ACTOR
from sandbox.workflow.table import TEXT_FIELD

NOW = datetime(2026, 11, 2, 8, 0)  # a Monday morning, like the test workspaces' clock


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The seed data numbered as load_world numbers it, with placeholder staff."""
    return catalog_from_seed_data(load_seed_data())


@pytest.fixture(scope="module")
def items(catalog) -> list[GeneratedItem]:
    """A thousand items generated once for the module."""
    return list(generate(catalog, count=1000, seed=11, now=NOW))


def _detail(event: dict) -> str:
    """The value part of an event's ``key:value`` detail."""
    return event["detail"].partition(":")[2]


def command_for(event: dict) -> Command:
    """The command an event records, rebuilt from its action, detail and text."""
    action, value = event["action"], _detail(event)
    fields = {TEXT_FIELD[action]: event["text"]} if action in TEXT_FIELD else {}
    if action is Action.ASSIGN:
        fields["assignee_id"] = int(value)
    elif action is Action.TRANSFER_REQUEST:
        fields["target_institution_id"] = int(value)
    elif action is Action.CLOSE:
        fields["resolution"] = Resolution(value)
    elif action is Action.REJECT:
        fields["rejection_reason"] = RejectionReason(value)
    elif action is Action.RATE:
        fields["rating"] = int(value)
    return Command(action, **fields)


def test_same_seed_gives_identical_items(catalog):
    first = list(generate(catalog, count=300, seed=5, now=NOW))
    again = list(generate(catalog, count=300, seed=5, now=NOW))
    assert first == again


def test_another_seed_gives_other_items(catalog):
    first = list(generate(catalog, count=50, seed=5, now=NOW))
    other = list(generate(catalog, count=50, seed=6, now=NOW))
    assert [i.feedback["description"] for i in first] != [i.feedback["description"] for i in other]
    assert sum(a != b for a, b in zip(first, other, strict=True)) > 40


def test_references_follow_the_start_sequence(catalog):
    got = [
        i.feedback["reference"] for i in generate(catalog, count=3, seed=1, now=NOW, start_seq=41)
    ]
    assert got == ["MRJ-T-2026-000041", "MRJ-T-2026-000042", "MRJ-T-2026-000043"]


def test_every_status_is_present(items):
    assert {i.feedback["status"] for i in items} == set(Status)


def test_types_channels_and_complainants_are_spread(items):
    types = Counter(i.feedback["type"] for i in items)
    assert 0.45 < types[FeedbackType.COMPLAINT] / len(items) < 0.65
    assert all(types[t] >= 50 for t in FeedbackType)
    channels = Counter(i.feedback["channel"] for i in items)
    assert all(channels[c] >= 80 for c in Channel)
    complainants = Counter(i.feedback["complainant_type"] for i in items)
    assert 0.2 < complainants[ComplainantType.ANONYMOUS] / len(items) < 0.4
    assert complainants[ComplainantType.PUBLIC_SERVANT] > 50


def test_every_history_replays_through_the_workflow(items):
    for item in items:
        row, (first, *rest) = item.feedback, item.events
        assert (first["action"], first["status_before"], first["status_after"]) == (
            Action.SUBMIT,
            None,
            Status.RECEIVED,
        )
        state = submit(row["type"], int(_detail(first)), row["received_at"])
        for event in rest:
            transition = apply(state, command_for(event), now=event["at"])
            assert transition.before.status is event["status_before"]
            assert transition.after.status is event["status_after"]
            assert (transition.is_public, transition.text) == (event["is_public"], event["text"])
            state = transition.after
        assert state == state_fields(row), row["reference"]
        assert row["version"] == len(item.events)


def test_event_times_strictly_increase_and_never_pass_now(items):
    for item in items:
        times = [e["at"] for e in item.events]
        assert times[0] == item.feedback["received_at"]
        assert all(a < b for a, b in pairwise(times))
        assert times[-1] <= NOW
        assert item.feedback["updated_at"] == times[-1]


def test_items_arrive_over_the_ninety_days_before_now(items):
    received = [i.feedback["received_at"] for i in items]
    assert min(received) >= NOW - timedelta(days=90)
    assert max(received) < NOW
    assert max(received) - min(received) > timedelta(days=80)
    off_hours = [r for r in received if r.weekday() >= 5 or r.hour >= 18]
    assert 0.03 < len(off_hours) / len(items) < 0.3


def test_anonymous_items_hold_no_identity(items):
    for item in items:
        row = item.feedback
        identity = (row["complainant_name"], row["complainant_phone"], row["complainant_email"])
        if row["complainant_type"] is ComplainantType.ANONYMOUS:
            assert identity == (None, None, None)
        else:
            assert row["complainant_name"]
        if row["complainant_phone"] is not None:
            assert row["complainant_phone"].startswith("+255")


def test_place_category_and_text_are_coherent(catalog, items):
    institutions = {i.id: i for i in catalog.institutions}
    for item in items:
        row = item.feedback
        picked = institutions[int(_detail(item.events[0]))]
        assert row["category_id"] in {c for c, _code in picked.categories}
        assert row["district_id"] in {d for d, _name in catalog.districts[row["region_id"]]}
        if picked.district_id is not None:
            assert (row["region_id"], row["district_id"]) == (picked.region_id, picked.district_id)
        assert "{" not in row["description"] and row["description"].strip()
        assert row["language"] in {"sw", "en", "mixed"}


def test_replies_follow_the_item_language(items):
    texts = load_responses()
    keys = ("respond", "respond_suggestion", "respond_inquiry", "respond_compliment")
    replies = {lang: {t for k in keys for t in texts[k][lang]} for lang in ("sw", "en")}
    for item in items:
        lang = "en" if item.feedback["language"] == "en" else "sw"
        for event in item.events:
            if event["action"] is Action.RESPOND:
                assert event["text"] in replies[lang]


def test_officer_actions_are_done_by_staff_of_the_owner(catalog, items):
    staff = {s.id: inst.id for inst in catalog.institutions for s in (*inst.officers, inst.head)}
    for item in items:
        for event in item.events[1:]:
            if event["action"] in (Action.RESPOND, Action.ACKNOWLEDGE, Action.START):
                assert event["actor_id"] in staff
            if event["action"] in (Action.RATE, Action.CITIZEN_REPLIED, Action.REOPEN):
                assert (event["actor_id"], event["actor_label"]) == (None, "Mwananchi")
            assert event["actor_label"]


def test_a_realistic_share_of_open_items_is_overdue(items):
    states = [state_fields(i.feedback) for i in items]
    open_states = [s for s in states if s.status.is_open]
    overdue = [s for s in open_states if is_overdue(s, NOW)]
    assert 0.2 < len(open_states) / len(states) < 0.55
    assert 0.1 <= len(overdue) / len(open_states) <= 0.35


def test_deadlines_fall_on_working_days(items):
    for item in items:
        for field in ("acknowledge_due", "respond_due"):
            assert TANZANIA.is_working_day(item.feedback[field].date())


def test_histories_cover_the_interesting_paths(items):
    actions = Counter(e["action"] for i in items for e in i.events)
    assert set(actions) == set(Action)
    escalated = [i for i in items if i.feedback["escalation_level"].value != "none"]
    assert escalated
    assert any(
        any(e["action"] is Action.DIRECTIVE for e in i.events) and not i.feedback["status"].is_open
        for i in escalated
    )
    assert any(i.feedback["reopen_count"] for i in items)
    assert any(i.feedback["transfer_count"] for i in items)


def test_automatic_escalations_fall_when_due_on_the_items_own_timeline(items):
    """The generator escalates as the live system would have, on the item's own timeline: by
    "Mfumo", at the moment the escalation fell due (just after the last event when a step made
    it due at once), never skipping one that fell due before a later step or before now."""
    escalations = 0
    for item in items:
        row, (first, *rest) = item.feedback, item.events
        state, before = submit(row["type"], int(_detail(first)), row["received_at"]), first["at"]
        for event in rest:
            due = BASE_RULES.next_escalation_at(state)
            if event["action"] is Action.ESCALATE:
                escalations += 1
                assert (event["actor_id"], event["actor_label"]) == (None, SYSTEM_ACTOR)
                assert event["at"] == max(due, before + timedelta(minutes=1)), row["reference"]
            else:
                assert due is None or due > event["at"], row["reference"]
            state, before = apply(state, command_for(event), now=event["at"]).after, event["at"]
        due = BASE_RULES.next_escalation_at(state)
        assert due is None or due > NOW, row["reference"]
        assert BASE_RULES.escalation_due(state, NOW) is None
    assert escalations > 20


@pytest.mark.parametrize("on", [True, False], ids=["on", "off"])
@pytest.mark.parametrize("toggle", list(Toggle), ids=lambda t: t.value)
def test_a_world_generates_under_every_toggle_on_and_off(catalog, toggle, on):
    """Seeding works whatever a workspace switched (it once crashed with immediate transfers
    and with root causes required); the histories follow the switched rules."""
    toggles = BASE_RULES.toggles | {toggle} if on else BASE_RULES.toggles - {toggle}
    rules = replace(BASE_RULES, toggles=toggles)
    items = list(generate(catalog, count=400, seed=2, now=NOW, rules=rules))
    assert len(items) == 400
    states = [state_fields(i.feedback) for i in items]
    closed = [s for s in states if s.status is Status.CLOSED and s.type is FeedbackType.COMPLAINT]
    if toggle is Toggle.ROOT_CAUSE_REQUIRED:
        assert closed and all((s.root_cause is not None) is on for s in closed)
    if toggle is Toggle.TRANSFER_ACCEPTANCE and not on:
        actions = {e["action"] for i in items for e in i.events}
        assert Action.TRANSFER_REQUEST in actions and Action.TRANSFER_ACCEPT not in actions
