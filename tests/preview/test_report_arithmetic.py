"""The decision report's arithmetic, on plain rows with hand-computed expectations."""

from __future__ import annotations

from sandbox.proposals.report import (
    OTHER_GROUPS,
    Person,
    Response,
    StepRow,
    breakdown,
    build_report,
    disclosed,
    distribution,
    distribution_chart,
)

HEAD_DODOMA = Person("head", "council", "Dodoma")
OFFICER_DODOMA = Person("officer", "council", "Dodoma")
OFFICER_KIGOMA = Person("officer", "ministry", "Kigoma")
ICT_MWANZA = Person("ict_officer", "agency", "Mwanza")


def answer(person, rating, helps="yes", ease=3, **more):
    return Response(person=person, rating=rating, helps=helps, ease=ease, **more)


def test_groups_under_three_are_merged_into_one_row():
    invited = [HEAD_DODOMA, OFFICER_DODOMA, OFFICER_DODOMA, OFFICER_KIGOMA, ICT_MWANZA]
    answered = [HEAD_DODOMA, OFFICER_KIGOMA]
    rows = breakdown(invited, answered, "region")
    # Dodoma: 3 invited, 1 answered; Kigoma (1) and Mwanza (1) merged: 2 invited, 1 answered.
    assert [(g.key, g.invited, g.responded) for g in rows] == [
        ("Dodoma", 3, 1),
        (OTHER_GROUPS, 2, 1),
    ]
    assert rows[0].percent == 33 and rows[1].percent == 50


def test_no_small_group_keeps_its_name_in_any_breakdown():
    invited = [OFFICER_DODOMA] * 3 + [HEAD_DODOMA]
    report = build_report(invited, [answer(HEAD_DODOMA, 5)])
    roles = report.breakdowns["job_role"]
    assert [(g.key, g.invited, g.responded) for g in roles] == [
        ("officer", 3, 0),
        (OTHER_GROUPS, 1, 1),
    ]
    assert "head" not in {g.key for rows in report.breakdowns.values() for g in rows}


def test_not_stated_comes_last_and_is_merged_when_small():
    trainee = Person("officer", "", "")
    rows = breakdown([trainee] * 4 + [OFFICER_KIGOMA] * 3, [trainee], "region")
    assert [(g.key, g.invited, g.responded) for g in rows] == [("Kigoma", 3, 0), ("", 4, 1)]


def test_distribution_lists_every_value_with_mean_and_median():
    figures = distribution([5, 4, 4, 1])
    assert figures.counts == ((1, 1), (2, 0), (3, 0), (4, 2), (5, 1))
    assert figures.mean == 3.5  # 14 / 4
    assert figures.median == 4.0  # (4 + 4) / 2
    assert figures.total == 4


def test_an_empty_distribution_has_no_mean():
    figures = distribution([])
    assert figures.mean is None and figures.median is None and figures.total == 0


def test_helpfulness_concerns_comments_and_screens():
    responses = [
        answer(HEAD_DODOMA, 5, "yes", concerns=("workload", "training"), comment=" Nzuri sana "),
        answer(OFFICER_DODOMA, 2, "no", concerns=("training",), language="en", screen="inbox"),
        answer(OFFICER_KIGOMA, 4, "yes", concerns=("delay", "training", "training")),
        answer(ICT_MWANZA, 3, "unsure", concern_text="SMS gharama", screen="inbox"),
    ]
    report = build_report([HEAD_DODOMA, OFFICER_DODOMA, OFFICER_KIGOMA, ICT_MWANZA], responses)
    assert report.helps == (("yes", 2, 50), ("no", 1, 25), ("unsure", 1, 25))
    # training ticked by three responses (twice by one: counted once); then vocabulary order.
    assert report.concerns == (("training", 3), ("workload", 1), ("delay", 1))
    assert [(t.language, t.text) for t in report.comments] == [("sw", "Nzuri sana")]
    assert [(t.language, t.text, t.screen) for t in report.concern_texts] == [
        ("sw", "SMS gharama", "inbox")
    ]
    assert dict(report.screens) == {"general": 2, "inbox": 2}
    assert report.rating.mean == 3.5 and report.invited == 4 and report.responded == 4


def test_behaviour_per_step_before_and_after():
    rows = [
        StepRow("open", "before", True, 30, 0),
        StepRow("open", "before", True, 50, 1),
        StepRow("open", "before", False, None, 2),
        StepRow("open", "after", True, 20, 0),
        StepRow("close", "after", False, None, 3),
        StepRow("extra", "before", True, 9, 0),
    ]
    steps = build_report([], [], rows, step_order=("open", "close")).behaviour
    assert [s.step for s in steps] == ["open", "close", "extra"]
    open_step = steps[0]
    assert (open_step.before.started, open_step.before.completed) == (3, 2)
    assert open_step.before.median_seconds == 40  # (30 + 50) / 2
    assert open_step.before.refusals == 3
    assert (open_step.after.started, open_step.after.median_seconds) == (1, 20)
    assert steps[1].before.started == 0 and steps[1].after.refusals == 3
    assert steps[1].after.median_seconds is None


def test_the_chart_draws_five_bars_with_counts_and_shares():
    svg = distribution_chart("rating", "Ratings <1-5>", distribution([5, 5, 3]), "★")
    assert svg.count("<rect") == 1 + 5 and "Ratings &lt;1-5&gt;" in svg
    assert "2 (67%)" in svg and "1 (33%)" in svg and "0 (0%)" in svg


def test_a_row_discloses_only_what_three_invited_people_share():
    invited = [OFFICER_DODOMA] * 3 + [HEAD_DODOMA] * 3 + [OFFICER_KIGOMA, ICT_MWANZA]
    assert disclosed(OFFICER_DODOMA, invited) == OFFICER_DODOMA  # 3 alike: as it is
    other = OTHER_GROUPS
    assert disclosed(ICT_MWANZA, invited) == Person(other, other, other)  # alone in every fact
    # the Kigoma ministry officer shares only the role (4 officers): kind and region merged
    assert disclosed(OFFICER_KIGOMA, invited) == Person("officer", other, other)


def test_facts_common_alone_but_rare_together_are_all_merged():
    dodoma_ict = Person("ict_officer", "council", "Dodoma")
    mwanza_heads = [Person("head", "council", "Mwanza")] * 2
    invited = [dodoma_ict, *mwanza_heads, Person("ict_officer", "agency", "Kigoma")]
    invited += [Person("ict_officer", "agency", "Dodoma"), Person("head", "agency", "Dodoma")]
    # role ict (3), kind council (3), region Dodoma (3), but one Dodoma council ICT officer
    assert disclosed(dodoma_ict, invited) == Person(OTHER_GROUPS, OTHER_GROUPS, OTHER_GROUPS)
