"""The hot pages' queries are served by indexes, on SQLite and on PostgreSQL (issue 10).

Every SELECT a page runs against the feedback and event tables is captured and explained
again, on SQLite, with the statistics of a 100,000-item world written into ``sqlite_stat1``
(SQLite's documented way to plan as on a larger database): no line may read a whole table or
index (``SCAN feedback…``), nor, for an officer or a head, the whole workspace (an index
searched on ``workspace_id`` alone). Dropping any of the scale indexes fails it.

PostgreSQL is not checked here: its statistics cannot be planted, and on the suite's few
rows its choice among indexes says nothing about 100,000 items. The plans on a seeded
100,000-item PostgreSQL world are in docs/PERFORMANCE.md.

Not covered, on purpose: a leader's area (region OR the region's institutions) and the
search box (``LIKE '%…%'`` cannot use an index); docs/PERFORMANCE.md says why.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db

# `sqlite_stat1` rows measured after ANALYZE on a seeded 100,000-item demo world (one
# workspace; the officer's institution holds ~10,000 items).
STAT1 = {
    ("feedback", "ix_feedback_ws_status"): "100000 100000 11112 3125 625 14 12 10 8",
    ("feedback", "ix_feedback_ws_received"): "100000 100000 3 2 2 2 2 2 2 2 2 2 2",
    ("feedback", "ix_feedback_ws_institution"): "100000 100000 646 72",
    ("feedback", "ix_feedback_ws_transfer_target"): "100000 100000 654 625",
    ("feedback_event", "ix_event_feedback_at"): "525712 5 1",
    ("feedback_event", "ix_event_ws_action_at"): "525712 525712 40000 2",
}
TABLES = ("feedback", "feedback_event")
# (user, page, whether the page may read the whole workspace: the facilitator sees all of
# it and the home page counts all of it, through covering indexes; an officer or a head must
# never read more than their institution).
PAGES = [
    ("afisa.dodoma", "/desk/feedback", False),
    ("afisa.dodoma", "/desk/feedback?tab=overdue", False),
    ("afisa.dodoma", "/desk/feedback?tab=transferred_in", False),
    ("afisa.dodoma", "/desk/feedback?tab=closed&sort=newest", False),
    ("afisa.dodoma", "/", True),
    ("mkuu.dodoma", "/desk/feedback?tab=escalated", False),
    ("mkuu.dodoma", "/reports/", False),
    ("mwezeshaji", "/desk/feedback", True),
    ("mwezeshaji", "/reports/?days=90", True),
]
WORKSPACE_ONLY = re.compile(r"SEARCH (feedback|feedback_event) USING .*\(workspace_id=\?\)$")


@pytest.fixture
def planned_as_large(demo_world):
    """Plan as on a 100,000-item world, then forget those statistics again."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's statistics can be planted; PostgreSQL's plans are in the docs")
    connection = db.session.connection()
    connection.exec_driver_sql("ANALYZE")  # creates sqlite_stat1 if missing
    connection.exec_driver_sql("DELETE FROM sqlite_stat1")
    for (table, index), stat in {**STAT1, **_unique_constraints(connection)}.items():
        connection.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", (table, index, stat)
        )
    db.session.commit()
    # Each connection reads the statistics when it opens (ANALYZE sqlite_schema reloads only
    # its own): a pooled connection opened by an earlier test would plan with that test's
    # statistics, so the pool is emptied and every connection opens anew, reading these.
    db.session.remove()
    db.engine.dispose()
    yield
    db.session.rollback()
    db.session.connection().exec_driver_sql("ANALYZE")
    db.session.commit()
    db.session.remove()
    db.engine.dispose()


def _unique_constraints(connection) -> dict[tuple[str, str], str]:
    """Statistics of the unnamed indexes SQLite makes for feedback's unique constraints: the
    reference is unique in its workspace; the submission token is NULL on seeded items."""
    stats = {}
    for _seq, name, *_rest in connection.exec_driver_sql("PRAGMA index_list(feedback)"):
        if name.startswith("sqlite_autoindex"):
            columns = [row[2] for row in connection.exec_driver_sql(f"PRAGMA index_info({name})")]
            stats[("feedback", name)] = (
                "100000 100000 1" if columns[1] == "reference" else "100000 100000 100000"
            )
    return stats


def _selects_on_feedback(client, path) -> list[tuple[str, object]]:
    """(statement, parameters) of every SELECT reading the feedback tables during a GET."""
    seen = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and re.search(
            r"\bFROM (feedback|feedback_event)\b|\bJOIN (feedback|feedback_event)\b", statement
        ):
            seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", capture)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", capture)
    return seen


def _full_reads(statement: str, parameters, whole_workspace: bool) -> list[str]:
    """The plan lines that read a whole feedback table or index, or (unless allowed) the
    whole workspace (an index searched on ``workspace_id`` alone), for this statement."""
    rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    details = [row[3] for row in rows]
    full = [d for d in details if re.match(rf"SCAN ({'|'.join(TABLES)})\b", d)]
    if whole_workspace or _walks_in_order_and_stops(statement, details):
        return full
    return full + [d for d in details if WORKSPACE_ONLY.match(d)]


def _walks_in_order_and_stops(statement: str, details: list[str]) -> bool:
    """A page of rows read by walking an index in the page's order (newest first), stopping
    after LIMIT matches: no sort of the whole scope, so not a read of the workspace."""
    return " LIMIT " in statement and not any("TEMP B-TREE FOR ORDER BY" in d for d in details)


@pytest.mark.parametrize(("username", "path", "whole_workspace"), PAGES)
def test_every_query_of_a_hot_page_uses_an_index(
    planned_as_large, client, login_as, username, path, whole_workspace
):
    login_as(username)
    statements = _selects_on_feedback(client, path)
    assert statements  # the page does read feedback
    problems = {}
    for statement, parameters in statements:
        full = _full_reads(statement, parameters, whole_workspace)
        if full:
            problems[" ".join(statement.split())[:160]] = full
    db.session.rollback()
    assert problems == {}, "\n".join(f"{q}\n    -> {p}" for q, p in problems.items())
