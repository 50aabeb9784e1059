"""Dashboards for heads, leaders, facilitators and admins: figures over the user's scope.

Scope is ``scope.scope_clause(user)`` (always inside the user's workspace), optionally
narrowed to one institution. Counts are SQL aggregates; timings and SLA compliance are
computed by the pure functions of ``services.reports.figures`` over a few columns per item.

Which items each figure covers:

* counts (type, status, channel, category, institution), median times and SLA compliance:
  items RECEIVED in the period;
* overdue list, age buckets and officer workload: a snapshot of open items NOW, whatever
  the period (an old overdue item is exactly what a supervisor must see);
* directives: directives GIVEN in the period.

Median times are in working days on the Tanzanian calendar (not calendar hours).
SLA compliance, per deadline (acknowledge, respond): among items that are not rejected and
that either were done (acknowledged / responded) or whose deadline has passed on the
workspace clock while not paused waiting on the citizen, the share done on or before the
deadline stored on the item.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Feedback, FeedbackEvent, Institution, User, Workspace
from sandbox.services.feedback.queries import (
    OPEN_STATUSES,
    overdue_clause,
    relevant_deadline_column,
)
from sandbox.services.feedback.scope import scope_clause
from sandbox.services.reports import figures
from sandbox.services.reports.figures import Compliance, Period, WorkingDays
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Channel, FeedbackType, Status
from sandbox.workflow.permissions import Capability, can
from sandbox.workflow.sla import PAUSED, deadline_for

TOP_CATEGORIES = 10
PAGE_LIMIT = 50


@dataclass(frozen=True)
class ReportFilter:
    """What the dashboard is narrowed to: ``days`` (30/90) or custom dates, an institution."""

    days: int | None = 30
    first: date | None = None
    last: date | None = None
    institution_id: int | None = None


@dataclass(frozen=True)
class OverdueItem:
    """One row of the overdue list (no identity)."""

    id: int
    reference: str
    type: FeedbackType
    status: Status
    institution: str
    institution_en: str
    assignee: str | None
    deadline: datetime
    days_overdue: int


@dataclass(frozen=True)
class Directive:
    """One leader's or head's directive (the text stays on the item page)."""

    feedback_id: int
    reference: str
    giver: str
    giver_level: str
    at: datetime


@dataclass
class Dashboard:
    """Every figure of the dashboard for one user, period and institution."""

    now: datetime
    period: Period
    total: int = 0
    by_type: list = field(default_factory=list)
    by_status: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    institutions: list = field(default_factory=list)
    median_acknowledge: float | None = None
    median_respond: float | None = None
    acknowledge_sla: Compliance = field(default_factory=lambda: Compliance(0, 0))
    respond_sla: Compliance = field(default_factory=lambda: Compliance(0, 0))
    overdue_total: int = 0
    overdue_buckets: list = field(default_factory=list)
    overdue: list[OverdueItem] = field(default_factory=list)
    workload: list = field(default_factory=list)
    directives_total: int = 0
    directives: list[Directive] = field(default_factory=list)


def can_see_reports(user: User) -> bool:
    """True for the roles that have the dashboard."""
    return can(user, Capability.READ_REPORTS)


def has_breakdown(user: User) -> bool:
    """True when the user's scope spans institutions, so they may pick one."""
    return can(user, Capability.READ_BREAKDOWN)


def period_for(workspace: Workspace, f: ReportFilter) -> Period:
    """The filter's period on the workspace clock (custom dates win over a preset)."""
    if f.first is not None and f.last is not None:
        return figures.custom_period(f.first, f.last)
    return figures.preset_period(workspace_now(workspace), f.days or 30)


def institutions_in_scope(user: User) -> list[Institution]:
    """Institutions that have at least one item in the user's scope, for the breakdown."""
    ids = sa.select(Feedback.institution_id).where(scope_clause(user)).distinct()
    query = sa.select(Institution).where(Institution.id.in_(ids)).order_by(Institution.name_sw)
    return list(db.session.scalars(query))


def build_dashboard(user: User, f: ReportFilter, limit: int | None = PAGE_LIMIT) -> Dashboard:
    """Every figure for the user's scope; ``limit`` caps the overdue and directive lists."""
    workspace = user.workspace
    now = workspace_now(workspace)
    scope = _scope(user, f)
    period = period_for(workspace, f)
    received = sa.and_(scope, Feedback.received_at.between(period.start, period.end))
    board = Dashboard(now=now, period=period)
    _fill_counts(board, received)
    _fill_timings(board, received, now)
    _fill_overdue(board, scope, now, limit)
    board.workload = _workload(scope, now)
    _fill_directives(board, workspace, scope, period, limit)
    return board


def _scope(user: User, f: ReportFilter) -> sa.ColumnElement[bool]:
    """The user's scope, narrowed to one institution when they may pick one."""
    clause = scope_clause(user)
    if f.institution_id and has_breakdown(user):
        clause = sa.and_(clause, Feedback.institution_id == f.institution_id)
    return clause


def _fill_counts(board: Dashboard, received) -> None:
    """Totals per type, status and channel (one GROUP BY), top categories and institutions."""
    by_type, by_status, by_channel = Counter(), Counter(), Counter()
    columns = (Feedback.type, Feedback.status, Feedback.channel)
    grouped = sa.select(*columns, sa.func.count()).where(received).group_by(*columns)
    for kind, status, channel, n in db.session.execute(grouped):
        by_type[kind] += n
        by_status[status] += n
        by_channel[channel] += n
    board.total = sum(by_type.values())
    board.by_type = figures.fill_counts(by_type, FeedbackType)
    board.by_status = figures.fill_counts(by_status, Status)
    board.by_channel = figures.fill_counts(by_channel, Channel)
    board.categories = _top(Category, Feedback.category_id, received, TOP_CATEGORIES)
    board.institutions = _top(Institution, Feedback.institution_id, received, None)


def _top(model, column, where, limit: int | None) -> list[tuple]:
    """(row or None, count) for the largest groups of a foreign key, largest first."""
    n = sa.func.count().label("n")
    order = (n.desc(), column.asc().nulls_last())  # NULL ("none") last on every database
    query = sa.select(column, n).where(where).group_by(column).order_by(*order)
    counts = db.session.execute(query.limit(limit)).all()
    ids = [key for key, _ in counts if key is not None]
    found = {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}
    return [(found.get(key), count) for key, count in counts]


def _fill_timings(board: Dashboard, received, now: datetime) -> None:
    """Median working days to acknowledge and respond, and SLA compliance: one GROUP BY.

    The pure ``figures`` functions over rows define these figures; here the database groups
    the period's items by (day received, day acknowledged, day responded) and sums each
    group's compliance, so a few thousand groups reach Python instead of every row
    (tests/reports/test_dashboard_sql.py checks both agree).
    """
    ack_met, ack_measured = _compliance_columns(
        now, Feedback.acknowledged_at, Feedback.acknowledge_due
    )
    respond_met, respond_measured = _compliance_columns(
        now, Feedback.responded_at, Feedback.respond_due
    )
    days_of = (
        _day(Feedback.received_at),
        _day(Feedback.acknowledged_at),
        _day(Feedback.responded_at),
    )
    query = (
        sa.select(*days_of, sa.func.count(), ack_met, ack_measured, respond_met, respond_measured)
        .where(received)
        .group_by(*days_of)
    )
    acknowledged, responded, sums = [], [], [0, 0, 0, 0]
    for received_day, ack_day, respond_day, n, *group_sums in db.session.execute(query):
        if ack_day is not None:
            acknowledged.append((received_day, ack_day, n))
        if respond_day is not None:
            responded.append((received_day, respond_day, n))
        sums = [total + int(value or 0) for total, value in zip(sums, group_sums, strict=True)]
    days = WorkingDays()
    board.median_acknowledge = figures.median_of_day_pairs(acknowledged, days)
    board.median_respond = figures.median_of_day_pairs(responded, days)
    board.acknowledge_sla = Compliance(sums[0], sums[1])
    board.respond_sla = Compliance(sums[2], sums[3])


def _day(column) -> sa.ColumnElement:
    """The calendar day of a timestamp column (``date()`` on SQLite and PostgreSQL)."""
    return sa.func.date(column, type_=sa.Date)


def _compliance_columns(now: datetime, done, due) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """SUMs of (met, measured) for one deadline: ``figures.acknowledge_compliance``'s rule
    (rejected items are never measured)."""
    counted = Feedback.status != Status.REJECTED
    measured = sa.or_(done.is_not(None), sa.and_(due < now, Feedback.status.not_in(PAUSED)))
    met = sa.and_(done.is_not(None), done <= due)
    return (
        sa.func.sum(sa.case((sa.and_(counted, met), 1), else_=0)),
        sa.func.sum(sa.case((sa.and_(counted, measured), 1), else_=0)),
    )


def _fill_overdue(board: Dashboard, scope, now: datetime, limit: int | None) -> None:
    """Overdue total, age buckets (one GROUP BY over deadlines) and the oldest items."""
    overdue = sa.and_(scope, overdue_clause(now))
    keys = (Feedback.status, Feedback.acknowledge_due, Feedback.respond_due)
    grouped = db.session.execute(sa.select(*keys, sa.func.count()).where(overdue).group_by(*keys))
    pairs = [(deadline_for(s, a, r), n) for s, a, r, n in grouped]
    days = WorkingDays()
    board.overdue_total = sum(n for _, n in pairs)
    board.overdue_buckets = figures.overdue_buckets(pairs, now, days)
    board.overdue = _overdue_items(overdue, now, days, limit)


def _overdue_items(overdue, now: datetime, days: WorkingDays, limit: int | None):
    """The most overdue items first (earliest relevant deadline)."""
    deadline = relevant_deadline_column()
    # The ids first, from the covering index alone; then the details of those few rows.
    first = sa.select(Feedback.id).where(overdue).order_by(deadline, Feedback.id).limit(limit)
    query = (
        sa.select(Feedback.id, Feedback.reference, Feedback.type, Feedback.status, deadline)
        .add_columns(Institution.name_sw, Institution.name_en, User.display_name)
        .join(Institution, Institution.id == Feedback.institution_id)
        .outerjoin(User, User.id == Feedback.assignee_id)
        .where(Feedback.id.in_(first.scalar_subquery()))
        .order_by(deadline, Feedback.id)
    )
    return [
        OverdueItem(i, ref, t, s, sw, en, who, due, figures.days_overdue(due, now, days))
        for i, ref, t, s, due, sw, en, who in db.session.execute(query)
    ]


def _workload(scope, now: datetime) -> list[tuple[str | None, int, int]]:
    """(assignee's display name or None, open items, of which overdue) per assignee."""
    is_overdue = sa.case((overdue_clause(now), 1), else_=0)
    n = sa.func.count().label("n")
    query = (
        sa.select(Feedback.assignee_id, User.display_name, n, sa.func.sum(is_overdue))
        .outerjoin(User, User.id == Feedback.assignee_id)
        .where(scope, Feedback.status.in_(OPEN_STATUSES))
        .group_by(Feedback.assignee_id, User.display_name)
        .order_by(n.desc(), User.display_name.asc().nulls_last())
    )
    return [(name, count, int(late or 0)) for _id, name, count, late in db.session.execute(query)]


def _fill_directives(
    board: Dashboard, workspace: Workspace, scope, period: Period, limit: int | None
) -> None:
    """How many directives were given in the period, and the latest ones."""
    given = sa.and_(
        scope,
        FeedbackEvent.workspace_id == workspace.id,  # with the next two: ix_event_ws_action_at
        FeedbackEvent.action == Action.DIRECTIVE,
        FeedbackEvent.at.between(period.start, period.end),
    )
    joined = sa.select(sa.func.count()).select_from(FeedbackEvent).join(Feedback)
    board.directives_total = db.session.scalar(joined.where(given))
    query = (
        sa.select(Feedback.id, Feedback.reference, FeedbackEvent.actor_label)
        .add_columns(FeedbackEvent.detail, FeedbackEvent.at)
        .select_from(FeedbackEvent)
        .join(Feedback)
        .where(given)
        .order_by(FeedbackEvent.at.desc(), FeedbackEvent.id.desc())
        .limit(limit)
    )
    board.directives = [
        Directive(i, ref, giver, detail.partition(":")[2], at)
        for i, ref, giver, detail, at in db.session.execute(query)
    ]
