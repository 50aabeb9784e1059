"""Every dashboard figure against the hand-counted world of conftest.py, and its scope."""

from __future__ import annotations

from datetime import date, datetime

from sandbox.services.reports.dashboard import ReportFilter, build_dashboard, institutions_in_scope
from sandbox.workflow import Channel, EscalationLevel, FeedbackType, Status
from tests.reports.conftest import NOW, OFFICER_NAME


def counts(pairs) -> dict:
    return {member: n for member, n in pairs if n}


def test_head_counts_by_type_status_channel_and_category(report_world):
    board = build_dashboard(report_world.head, ReportFilter())
    assert board.now == NOW
    assert board.total == 5  # A1 A2 A3 A4 A6
    assert counts(board.by_type) == {
        FeedbackType.COMPLAINT: 2,
        FeedbackType.SUGGESTION: 1,
        FeedbackType.INQUIRY: 1,
        FeedbackType.COMPLIMENT: 1,
    }
    assert counts(board.by_status) == {
        Status.RECEIVED: 1,
        Status.ASSIGNED: 1,
        Status.RESPONDED: 2,
        Status.REJECTED: 1,
    }
    assert [m for m, _ in board.by_status] == list(Status)  # zeros listed too
    assert counts(board.by_channel) == {
        Channel.WEB: 2,
        Channel.USSD: 1,
        Channel.SMS: 1,
        Channel.WALK_IN: 1,
    }
    c1, c2 = report_world.items["A1"].category, report_world.items["A3"].category
    assert board.categories == [(c1, 2), (None, 2), (c2, 1)]


def test_head_median_times_in_working_days(report_world):
    board = build_dashboard(report_world.head, ReportFilter())
    assert board.median_acknowledge == 2.0  # A1 0, A2 2, A4 2
    assert board.median_respond == 3.0  # A1 4, A4 2


def test_head_sla_compliance(report_world):
    board = build_dashboard(report_world.head, ReportFilter())
    # acknowledge: A1 A2 A4 on time, A3 late; A6 rejected is not measured
    assert (board.acknowledge_sla.met, board.acknowledge_sla.measured) == (3, 4)
    assert board.acknowledge_sla.percent == 75.0
    # respond: A1 A4 on time; A2 and A3 past Fri 20 Nov with no answer
    assert (board.respond_sla.met, board.respond_sla.measured) == (2, 4)
    assert board.respond_sla.percent == 50.0


def test_head_overdue_list_buckets_and_workload(report_world):
    board = build_dashboard(report_world.head, ReportFilter())
    assert board.overdue_total == 2
    # A3 waits since the acknowledge deadline Wed 11 Nov: 8 working days; A2 since Fri 20: 1
    assert [(o.reference, o.days_overdue) for o in board.overdue] == [
        (report_world.items["A3"].reference, 8),
        (report_world.items["A2"].reference, 1),
    ]
    assert board.overdue[1].assignee == OFFICER_NAME
    assert board.overdue_buckets == [("1-5", 1), ("6-10", 1), ("11-20", 0), (">20", 0)]
    assert board.workload == [(OFFICER_NAME, 1, 1), (None, 1, 1)]


def test_head_directives(report_world):
    board = build_dashboard(report_world.head, ReportFilter())
    assert board.directives_total == 1
    [directive] = board.directives
    assert directive.reference == report_world.items["A2"].reference
    assert (directive.giver, directive.giver_level, directive.at) == (
        "Baraka Mkuu",
        EscalationLevel.HEAD.value,
        NOW,
    )


def test_leader_sees_only_their_region(report_world):
    board = build_dashboard(report_world.leader, ReportFilter())
    assert board.total == 6  # A's five (a Dodoma council) + C1 (reported from Dodoma)
    assert counts(board.by_channel)[Channel.APP] == 1
    assert report_world.items["B1"].reference not in {o.reference for o in board.overdue}
    assert board.overdue_total == 3  # A2, A3 and C1


def test_facilitator_sees_the_workspace_and_can_narrow_to_one_institution(report_world):
    whole = build_dashboard(report_world.facilitator, ReportFilter())
    assert whole.total == 7  # never X1 of the other workspace
    assert {i.code for i, _ in whole.institutions} == {"DODOMA_CC", "TANESCO"}
    narrowed = build_dashboard(
        report_world.facilitator, ReportFilter(institution_id=report_world.b.id)
    )
    assert narrowed.total == 2
    assert {i.code for i in institutions_in_scope(report_world.facilitator)} == {
        "DODOMA_CC",
        "TANESCO",
    }


def test_a_head_cannot_widen_or_shift_their_scope(report_world):
    board = build_dashboard(report_world.head, ReportFilter(institution_id=report_world.b.id))
    assert board.total == 5  # the institution filter is ignored for a head


def test_another_workspace_is_never_counted(report_world, make_workspace):
    from sandbox.workflow import Role
    from tests.reports.conftest import make_user

    head_elsewhere = make_user("head.r2", Role.HEAD, report_world.other, report_world.a)
    board = build_dashboard(head_elsewhere, ReportFilter(days=90))
    assert board.total == 1  # only X1
    assert board.directives_total == 0


def test_period_filter_custom_dates_and_presets(report_world):
    head = report_world.head
    assert (
        build_dashboard(head, ReportFilter(first=date(2026, 10, 1), last=date(2026, 11, 1))).total
        == 0
    )
    one_day = build_dashboard(head, ReportFilter(first=date(2026, 11, 2), last=date(2026, 11, 2)))
    assert one_day.total == 5
    assert one_day.period.end == datetime(2026, 11, 2, 23, 59, 59)
    # the directive of 23 Nov is outside a period that ends on 2 Nov
    assert one_day.directives_total == 0
    assert build_dashboard(head, ReportFilter(days=90)).period.start == datetime(2026, 8, 25, 8, 0)


def test_items_older_than_the_period_still_show_as_overdue(report_world):
    from sandbox.services.workspace.clock import move_clock

    move_clock(report_world.workspace, working_days=40)  # received > 30 days ago
    board = build_dashboard(report_world.head, ReportFilter(days=30))
    assert board.total == 0
    assert board.overdue_total == 2
    assert [name for name, n in board.overdue_buckets if n] == [">20"]
