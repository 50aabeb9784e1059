"""Inbox tabs, counts, filters and order against hand-counted fixtures."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.services.desk.inbox import InboxQuery, Sort, Tab, read_inbox, tab_counts
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Channel, EscalationLevel, FeedbackType, Resolution, Role
from tests.desk.factories import act, make_item, make_user


@pytest.fixture
def world(make_workspace):
    """Two DODOMA_CC officers, a TANESCO officer and hand-made items in known states."""
    ws = make_workspace()
    me = make_user(ws, "afisa1", Role.OFFICER, "DODOMA_CC")
    other = make_user(ws, "afisa2", Role.OFFICER, "DODOMA_CC")
    tanesco = make_user(ws, "tanesco", Role.OFFICER, "TANESCO")
    old = make_item(ws, "DODOMA_CC", description="Barabara imeharibika")  # will be overdue
    move_clock(ws, working_days=8)
    new1 = make_item(ws, "DODOMA_CC", channel=Channel.SMS)
    new2 = make_item(ws, "DODOMA_CC", FeedbackType.INQUIRY)
    mine = make_item(ws, "DODOMA_CC")
    for action, inputs in [(Action.ACKNOWLEDGE, {}), (Action.ASSIGN, {"assignee_id": me.id})]:
        mine = act(ws, mine, action, **inputs)
    theirs = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    theirs = act(ws, theirs, Action.ASSIGN, assignee_id=other.id)
    waiting = act(
        ws,
        act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE),
        Action.ASSIGN,
        assignee_id=me.id,
    )
    waiting = act(ws, waiting, Action.REQUEST_INFO, public_reply="Mtaa gani?")
    incoming = make_item(ws, "TANESCO")
    incoming = act(
        ws,
        incoming,
        Action.TRANSFER_REQUEST,
        target_institution_id=mine.institution_id,
        reason="Hili ni la halmashauri",
    )
    outgoing = make_item(ws, "DODOMA_CC")
    outgoing = act(
        ws,
        outgoing,
        Action.TRANSFER_REQUEST,
        target_institution_id=tanesco.institution_id,
        reason="Hili ni la TANESCO",
    )
    done = act(
        ws,
        make_item(ws, "DODOMA_CC", FeedbackType.COMPLIMENT),
        Action.RESPOND,
        public_reply="Asante",
    )
    done = act(ws, done, Action.CLOSE, resolution=Resolution.COMPLIMENT_ACKNOWLEDGED)
    escalated = act(ws, make_item(ws, "DODOMA_CC"), Action.ESCALATE)
    make_item(ws, "TANESCO")  # out of my scope
    return ws, me, tanesco, locals()


def counts(ws, user, **query):
    return tab_counts(ws, user, InboxQuery(**query), workspace_now(ws))


def test_tab_counts_match_the_hand_count(world):
    ws, me, tanesco, _items = world
    assert counts(ws, me) == {
        # old, new1, new2, mine, theirs, waiting, incoming, outgoing, escalated
        Tab.OPEN: 9,
        Tab.NEW: 4,  # old, new1, new2, escalated (still received)
        Tab.MINE: 2,  # mine, waiting
        Tab.AWAITING: 1,
        Tab.OVERDUE: 1,  # old: past its 7-day acknowledgement deadline
        Tab.TRANSFERRED_IN: 1,  # incoming (not outgoing: that one waits for TANESCO)
        Tab.ESCALATED: 1,
        Tab.CLOSED: 1,
    }
    tanesco_counts = counts(ws, tanesco)
    assert tanesco_counts[Tab.TRANSFERRED_IN] == 1  # outgoing, seen from the receiver
    assert tanesco_counts[Tab.NEW] == 1


def test_filters_narrow_every_count(world):
    ws, me, _, _ = world
    assert counts(ws, me, channel=Channel.SMS)[Tab.OPEN] == 1
    assert counts(ws, me, type=FeedbackType.INQUIRY)[Tab.NEW] == 1
    assert counts(ws, me, search="barabara")[Tab.OVERDUE] == 1
    assert counts(ws, me, date_to=date(2026, 11, 1))[Tab.OPEN] == 0


def test_a_page_of_a_tab_matches_its_count_and_is_sorted_by_deadline(world):
    ws, me, _, items = world
    for tab in Tab:
        inbox = read_inbox(ws, me, InboxQuery(tab=tab), 1, 50)
        assert inbox.page.total == inbox.counts[tab] == len(inbox.rows)
    rows = read_inbox(ws, me, InboxQuery(tab=Tab.NEW), 1, 50).rows
    assert rows[0].item.id == items["old"].id and rows[0].is_overdue
    assert rows[0].days_left < 0 and rows[0].age_days == 8
    newest = read_inbox(ws, me, InboxQuery(tab=Tab.NEW, sort=Sort.NEWEST), 1, 50).rows
    assert newest[-1].item.id == items["old"].id


def test_search_by_reference(world):
    ws, me, _, items = world
    reference = items["new2"].reference
    rows = read_inbox(ws, me, InboxQuery(search=reference.lower()), 1, 50).rows
    assert [row.item.id for row in rows] == [items["new2"].id]


def test_directive_marker(world):
    ws, me, _, items = world
    act(ws, items["mine"], Action.DIRECTIVE, note="Shughulikia leo")
    rows = read_inbox(ws, me, InboxQuery(tab=Tab.MINE), 1, 50).rows
    marked = {row.item.id: row.has_directive for row in rows}
    assert marked == {items["mine"].id: True, items["waiting"].id: False}


def test_escalation_level_shows_in_the_row(world):
    ws, me, _, _items = world
    [row] = read_inbox(ws, me, InboxQuery(tab=Tab.ESCALATED), 1, 50).rows
    assert row.item.escalation_level is EscalationLevel.HEAD
