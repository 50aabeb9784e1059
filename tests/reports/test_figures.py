"""The pure figure functions on tiny hand-made rows (no database)."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from sandbox.services.reports.csv_export import BOM, csv_text, safe_cell
from sandbox.services.reports.figures import (
    TimingRow,
    WorkingDays,
    acknowledge_compliance,
    bucket_of,
    custom_period,
    days_overdue,
    fill_counts,
    median_days_to_acknowledge,
    median_days_to_respond,
    overdue_buckets,
    percent,
    respond_compliance,
)
from sandbox.workflow import FeedbackType, Status

MON = datetime(2026, 12, 7, 9, 0)  # Wed 9 Dec 2026 is Independence Day
DUE_ACK = datetime(2026, 12, 16, 23, 59, 59)
DUE_RESPOND = datetime(2026, 12, 29, 23, 59, 59)


def row(status=Status.RECEIVED, ack=None, resp=None, paused=None) -> TimingRow:
    return TimingRow(status, MON, DUE_ACK, DUE_RESPOND, ack, resp, paused)


def test_working_days_skip_weekends_and_public_holidays():
    days = WorkingDays()
    assert days.between(MON, datetime(2026, 12, 7, 17, 0)) == 0  # same day
    assert days.between(MON, datetime(2026, 12, 10, 9, 0)) == 2  # Tue, (Wed holiday), Thu
    assert days.between(MON, datetime(2026, 12, 14, 9, 0)) == 4  # + Fri, Mon


def test_medians_use_only_items_that_were_done():
    days = WorkingDays()
    rows = [
        row(ack=datetime(2026, 12, 7, 10, 0)),  # 0
        row(ack=datetime(2026, 12, 10, 10, 0), resp=datetime(2026, 12, 14, 8, 0)),  # 2 / 4
        row(ack=datetime(2026, 12, 14, 10, 0), resp=datetime(2026, 12, 15, 8, 0)),  # 4 / 5
        row(),
    ]
    assert median_days_to_acknowledge(rows, days) == 2.0
    assert median_days_to_respond(rows, days) == 4.5
    assert median_days_to_acknowledge([row()], days) is None


def test_compliance_counts_done_and_past_deadline_items_only():
    before_deadline = datetime(2026, 12, 15, 9, 0)
    after_both = datetime(2026, 12, 30, 9, 0)
    rows = [
        row(ack=datetime(2026, 12, 8, 9, 0), resp=datetime(2026, 12, 20, 9, 0)),  # both met
        row(ack=datetime(2026, 12, 17, 9, 0)),  # acknowledged late, not answered
        row(),  # nothing done
        row(status=Status.REJECTED),  # never measured
        row(status=Status.AWAITING_CITIZEN, ack=MON, paused=MON),  # paused: respond not measured
    ]
    early = acknowledge_compliance(rows, before_deadline)
    assert (early.met, early.measured) == (2, 3)  # the two acknowledged + the paused one
    late = acknowledge_compliance(rows, after_both)
    assert (late.met, late.measured, late.percent) == (2, 4, 50.0)
    answered = respond_compliance(rows, after_both)
    assert (answered.met, answered.measured) == (1, 3)
    assert respond_compliance([], after_both).percent is None


def test_overdue_age_buckets_at_their_edges():
    assert [bucket_of(n) for n in (1, 5, 6, 10, 11, 20, 21, 300)] == [
        "1-5",
        "1-5",
        "6-10",
        "6-10",
        "11-20",
        "11-20",
        ">20",
        ">20",
    ]
    days = WorkingDays()
    friday_deadline = datetime(2026, 11, 20, 23, 59, 59)
    assert days_overdue(friday_deadline, datetime(2026, 11, 21, 9, 0), days) == 1  # Saturday
    pairs = [(friday_deadline, 3), (datetime(2026, 11, 2, 23, 59, 59), 2)]
    # Fri 20 Nov -> Fri 27 Nov: 5 working days; Mon 2 Nov -> Fri 27 Nov: 19
    assert overdue_buckets(pairs, datetime(2026, 11, 27, 9, 0), days) == [
        ("1-5", 3),
        ("6-10", 0),
        ("11-20", 2),
        (">20", 0),
    ]


def test_fill_counts_and_percent():
    assert fill_counts({FeedbackType.INQUIRY: 4}, FeedbackType) == [
        (FeedbackType.COMPLAINT, 0),
        (FeedbackType.SUGGESTION, 0),
        (FeedbackType.INQUIRY, 4),
        (FeedbackType.COMPLIMENT, 0),
    ]
    assert (percent(1, 3), percent(0, 0)) == (33.3, None)


def test_custom_period_includes_both_days():
    period = custom_period(date(2026, 11, 2), date(2026, 11, 3))
    assert (period.start, period.end) == (datetime(2026, 11, 2), datetime(2026, 11, 3, 23, 59, 59))


def test_csv_has_bom_crlf_and_guards_formulas():
    text = csv_text(["Jina", "Idadi"], [["=SUM(A1)", 3], ["+255 700", None], ["@x", "-1"]])
    assert text.startswith(BOM)
    assert text[1:].split("\r\n")[:4] == ["Jina,Idadi", "'=SUM(A1),3", "'+255 700,", "'@x,'-1"]


@given(st.text())
def test_no_cell_can_start_a_formula(value):
    assert not safe_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))
