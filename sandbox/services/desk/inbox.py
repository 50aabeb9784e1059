"""The desk's inbox: tabs with counts, filters, search, sort and one page of rows.

Counts are one aggregate query (a SUM(CASE …) per tab); a page is one query for its rows
plus one for the directive markers; no query runs per row. Identity is never selected
into a row's display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Category, Feedback, FeedbackEvent, Region, User, Workspace
from sandbox.services.feedback.queries import (
    OPEN_STATUSES,
    overdue_clause,
    relevant_deadline_column,
)
from sandbox.services.feedback.scope import scope_clause
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.escalation import escalate_if_stale
from sandbox.services.workspace.flags import explain
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.text import LIKE_ESCAPE, like_pattern
from sandbox.workflow import (
    TANZANIA,
    Action,
    Channel,
    EscalationLevel,
    FeedbackType,
    Status,
    WorkingCalendar,
    is_overdue,
    working_days_left,
)
from sandbox.workflow.evaluation import Resolution
from sandbox.workflow.labels import Labelled
from sandbox.workflow.permissions import Capability, Permission, can
from sandbox.workflow.toggles import ON_BY_DEFAULT

DONE_STATUSES = (Status.RESPONDED, Status.CLOSED, Status.REJECTED)


class Tab(Labelled):
    """The inbox's tabs (a tab is a saved filter with a live count)."""

    OPEN = ("open", "Zilizo wazi", "Open")
    NEW = ("new", "Mpya", "New")
    MINE = ("mine", "Nilizopangiwa", "Assigned to me")
    AWAITING = ("awaiting", "Zinasubiri mwananchi", "Awaiting citizen")
    OVERDUE = ("overdue", "Zilizochelewa", "Overdue")
    TRANSFERRED_IN = ("transferred_in", "Zilizohamishiwa kwetu", "Transferred in")
    ESCALATED = ("escalated", "Zilizopandishwa ngazi", "Escalated")
    CLOSED = ("closed", "Zilizokamilika", "Closed")


class Sort(Labelled):
    """Row order: nearest deadline first, or newest first."""

    DEADLINE = ("deadline", "Muda wa mwisho ulio karibu", "Nearest deadline")
    NEWEST = ("newest", "Mpya kwanza", "Newest first")


def _transferred_in(user: User, now: datetime) -> sa.ColumnElement[bool]:
    """Transfers waiting for this user's institution (any in scope for other roles)."""
    pending = Feedback.status == Status.TRANSFER_PENDING
    if user.role.is_institution_staff and user.institution_id:
        return sa.and_(pending, Feedback.transfer_target_id == user.institution_id)
    return pending


_is_open = Feedback.status.in_(OPEN_STATUSES)
TAB_CLAUSES: Mapping[Tab, Callable[[User, datetime], sa.ColumnElement[bool]]] = MappingProxyType(
    {
        Tab.OPEN: lambda user, now: _is_open,
        Tab.NEW: lambda user, now: Feedback.status == Status.RECEIVED,
        Tab.MINE: lambda user, now: sa.and_(Feedback.assignee_id == user.id, _is_open),
        Tab.AWAITING: lambda user, now: Feedback.status == Status.AWAITING_CITIZEN,
        Tab.OVERDUE: lambda user, now: overdue_clause(now),
        Tab.TRANSFERRED_IN: _transferred_in,
        Tab.ESCALATED: lambda user, now: sa.and_(
            Feedback.escalation_level != EscalationLevel.NONE, _is_open
        ),
        Tab.CLOSED: lambda user, now: Feedback.status.in_(DONE_STATUSES),
    }
)


TAB_NEEDS: Mapping[Tab, Permission] = MappingProxyType(
    {Tab.MINE: Action.RESPOND, Tab.TRANSFERRED_IN: Action.TRANSFER_ACCEPT}
)
"""Tabs that only mean something to who works the queue: items are assigned to those who
respond, and transfers are accepted by those who may accept them (the permission table)."""


def tabs_for(user: User) -> list[Tab]:
    """The tabs of this user's job, in order (a leader has no "assigned to me")."""
    return [tab for tab in Tab if tab not in TAB_NEEDS or can(user, TAB_NEEDS[tab])]


@dataclass(frozen=True)
class InboxQuery:
    """What the inbox shows: a tab, narrowing filters, a search and an order."""

    tab: Tab = Tab.OPEN
    type: FeedbackType | None = None
    category_id: int | None = None
    channel: Channel | None = None
    region_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""
    sort: Sort | None = None

    @property
    def order(self) -> Sort:
        """The chosen order; closed items default to newest, open ones to the deadline."""
        return self.sort or (Sort.NEWEST if self.tab is Tab.CLOSED else Sort.DEADLINE)


@dataclass(frozen=True)
class InboxRow:
    """One item as the inbox shows it: no identity, ever."""

    item: Feedback
    is_overdue: bool
    days_left: int
    age_days: int
    has_directive: bool


@dataclass
class Inbox:
    """A page of rows, every tab's count and the workspace time they were computed at."""

    now: datetime
    counts: dict[Tab, int]
    page: object
    rows: list[InboxRow] = field(default_factory=list)
    escalated_now: int = 0
    toggles: list[Resolution] = field(default_factory=list)  # only when some differ


def filter_clauses(q: InboxQuery) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions of the filters and the search (not the tab)."""
    wheres = []
    for column, value in (
        (Feedback.type, q.type),
        (Feedback.category_id, q.category_id),
        (Feedback.channel, q.channel),
        (Feedback.region_id, q.region_id),
    ):
        if value is not None:
            wheres.append(column == value)
    if q.date_from:
        wheres.append(Feedback.received_at >= datetime.combine(q.date_from, time.min))
    if q.date_to:
        wheres.append(Feedback.received_at <= datetime.combine(q.date_to, time.max))
    search = q.search.strip()
    if search:  # literal: % and _ typed by an officer are searched for, not wildcards
        pattern = like_pattern(search)
        wheres.append(
            sa.or_(
                Feedback.reference.ilike(pattern, escape=LIKE_ESCAPE),
                Feedback.description.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return wheres


def _base(workspace: Workspace, user: User, q: InboxQuery) -> list[sa.ColumnElement[bool]]:
    """Workspace, scope and filters: everything but the tab."""
    return [Feedback.workspace_id == workspace.id, scope_clause(user), *filter_clauses(q)]


def tab_counts(workspace: Workspace, user: User, q: InboxQuery, now: datetime) -> dict[Tab, int]:
    """How many items each tab holds under the current filters, in one query."""
    tabs = tabs_for(user)
    columns = [
        sa.func.coalesce(sa.func.sum(sa.case((TAB_CLAUSES[tab](user, now), 1), else_=0)), 0)
        for tab in tabs
    ]
    row = db.session.execute(sa.select(*columns).where(*_base(workspace, user, q))).one()
    return {tab: int(n) for tab, n in zip(tabs, row, strict=True)}


def inbox_select(workspace: Workspace, user: User, q: InboxQuery, now: datetime) -> sa.Select:
    """The SELECT of one tab's rows in the chosen order."""
    query = sa.select(Feedback).where(*_base(workspace, user, q), TAB_CLAUSES[q.tab](user, now))
    if q.order is Sort.NEWEST:
        return query.order_by(Feedback.received_at.desc(), Feedback.id.desc())
    return query.order_by(relevant_deadline_column(), Feedback.id)


def read_inbox(workspace: Workspace, user: User, q: InboxQuery, page: int, per_page: int) -> Inbox:
    """Escalate what fell due (bounded: ``escalate_if_stale``), then count the tabs and
    fetch one page of rows."""
    rules = rules_for(workspace)
    escalated = escalate_if_stale(workspace, rules)
    now = workspace_now(workspace)
    query = inbox_select(workspace, user, q, now).options(selectinload(Feedback.category))
    result = db.paginate(query, page=page, per_page=per_page, error_out=False, max_per_page=100)
    inbox = Inbox(now, tab_counts(workspace, user, q, now), result, escalated_now=escalated)
    inbox.rows = rows_for(list(result.items), now, rules.calendar)
    if rules.toggles != ON_BY_DEFAULT:  # the "why?" panel: no query when nothing differs
        inbox.toggles = explain(workspace, user)
    return inbox


def rows_for(
    items: list[Feedback], now: datetime, calendar: WorkingCalendar = TANZANIA
) -> list[InboxRow]:
    """Inbox rows with SLA badge, age and directive marker (one query for the markers)."""
    with_directive = directive_item_ids([item.id for item in items])
    rows = []
    for item in items:
        state = state_of(item)
        rows.append(
            InboxRow(
                item=item,
                is_overdue=is_overdue(state, now, calendar),
                days_left=working_days_left(state, now, calendar),
                age_days=calendar.working_days_between(item.received_at, now),
                has_directive=item.id in with_directive,
            )
        )
    return rows


def directive_item_ids(ids: list[int]) -> set[int]:
    """Which of these items have at least one directive."""
    if not ids:
        return set()
    query = sa.select(FeedbackEvent.feedback_id).where(
        FeedbackEvent.feedback_id.in_(ids), FeedbackEvent.action == Action.DIRECTIVE
    )
    return set(db.session.scalars(query.distinct()))


def filter_choices() -> tuple[list[Category], list[Region]]:
    """Categories and regions in name order, for the inbox filters."""
    categories = list(db.session.scalars(sa.select(Category).order_by(Category.name_sw)))
    regions = list(db.session.scalars(sa.select(Region).order_by(Region.name)))
    return categories, regions


def can_manage_templates(user: User) -> bool:
    """True when the user may add templates for their institution."""
    return bool(user.institution_id) and can(user, Capability.MANAGE_TEMPLATES)
