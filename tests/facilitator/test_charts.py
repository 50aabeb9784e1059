"""Projector charts: the figures from planted attempts, statements and help requests, the
tables beside the drawings, and the SVG well-formed and named for screen readers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest

from sandbox.charts.series import per_bucket
from sandbox.charts.svg import Bar, columns, horizontal_bars
from sandbox.services.facilitation.charts import cohort_charts
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from tests.facilitator.planting import plant_attempt, plant_help, plant_passed

SVG = "{http://www.w3.org/2000/svg}"


def at(hour: int, minute: int = 0) -> datetime:
    """A moment of Monday 30 November 2026."""
    return datetime(2026, 11, 30, hour, minute)


@pytest.fixture
def room(cohort, make_trainee, other_facilitator):
    """Three trainees with attempts, passes and help requests, and noise in another cohort."""
    asha, juma, neema = (make_trainee(n) for n in ("Asha Mushi", "Juma Said", "Neema Juma"))
    plant_attempt(asha, "pongezi-kama-pongezi", 1.0, success=True, steps=["jibu", "funga"])
    plant_attempt(juma, "pongezi-kama-pongezi", 0.5, success=False, steps=["jibu"])
    plant_attempt(neema, "pongezi-kama-pongezi", 0.5, success=False, steps=["jibu"])
    plant_attempt(asha, "kuthibitisha-kwa-wakati", 0.5, success=False, steps=["thibitisha"])
    plant_attempt(juma, "kuthibitisha-kwa-wakati", 0.0, success=False, checked=None)  # unchecked
    for moment in (at(9, 15), at(9, 40), at(11, 5)):
        plant_passed(asha, moment)
    plant_help(juma, at(10, 10))
    plant_help(neema, at(10, 50), withdrawn=False)
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    stranger = join_cohort(JoinRequest(theirs.join_code, "Mgeni Mmoja", "4821"))
    plant_passed(stranger, at(9, 5))
    plant_help(stranger, at(9, 5))
    plant_attempt(stranger, "pongezi-kama-pongezi", 0.0, success=False)
    return cohort


def figures(chart) -> list[tuple[str, str]]:
    """A chart's rows as (English label, value as shown)."""
    return [(row.label[1], row.shown) for row in chart.rows]


def test_the_figures_come_from_the_cohorts_own_records(room):
    charts = cohort_charts(room)
    assert charts.completion.unit == "hour"
    assert figures(charts.completion) == [("09:00", "2"), ("10:00", "0"), ("11:00", "1")]
    assert figures(charts.help) == [("10:00", "2")]
    assert figures(charts.scores) == [
        ("Classifying feedback", "67% (n=3)"),
        ("Deadlines", "50% (n=1)"),
    ]
    assert figures(charts.hardest) == [
        ("Step 2 · A compliment is a compliment", "2"),
        ("Step 2 · Acknowledge on time", "1"),
    ]


def test_days_replace_hours_beyond_a_day_and_a_half():
    unit, buckets = per_bucket([at(9), at(9) + timedelta(days=2, hours=3)])
    assert unit == "day" and [n for _, n in buckets] == [1, 0, 1]
    assert per_bucket([]) == ("hour", [])
    unit, buckets = per_bucket([at(8, 59), at(9, 1), at(9, 59)])
    assert unit == "hour" and [n for _, n in buckets] == [1, 2]


def test_the_drawings_are_well_formed_svg_named_by_their_title():
    bars = [Bar('Ainisha <&> "aina"', 67, "67%"), Bar("Muda", 50, "50%")]
    for svg in (horizontal_bars("s", "Alama <kwa> umahiri", bars, 100), columns("c", "T", bars)):
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert root.get("aria-labelledby") == title.get("id")
        assert len(root.findall(f"{SVG}rect")) == 3  # the white ground and two bars
    root = ET.fromstring(horizontal_bars("s", "Alama", bars, 100))
    assert 'Ainisha <&> "aina"' in [t.text for t in root.iter(f"{SVG}text")]
    widths = [float(r.get("width")) for r in root.findall(f"{SVG}rect")[1:]]
    assert widths[0] / widths[1] == pytest.approx(67 / 50, rel=0.01)


def test_the_page_shows_each_chart_with_its_table(client, login_as, room):
    login_as("mwezeshaji")
    client.get("/lang/en")
    page = client.get(f"/facilitator/cohorts/{room.id}/charts")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for chart_id in ("completion", "scores", "hardest", "help"):
        table = re.search(rf'data-testid="table-{chart_id}">(.*?)</table>', html, re.S).group(1)
        assert "<caption" in table and 'scope="col"' in table
    svgs = re.findall(r"<svg xmlns=.*?</svg>", html, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        ET.fromstring(svg)
    scores = re.search(r'data-testid="table-scores">(.*?)</table>', html, re.S).group(1)
    assert "Classifying feedback" in scores and "67% (n=3)" in scores
    assert "Mgeni" not in html


def test_an_empty_cohort_says_there_is_nothing_yet(client, login_as, cohort):
    login_as("mwezeshaji")
    html = client.get(f"/facilitator/cohorts/{cohort.id}/charts").get_data(as_text=True)
    assert html.count("<svg xmlns=") == 0 and html.count('class="muted"') >= 4
