"""The figures of a cohort's projector charts, and their SVG drawings.

Decisions (issue 12, point 7):

- **Completion over time**: the cohort's ``passed`` xAPI statements (a scenario first
  reaching its pass mark in an attempt), counted per hour or day of wall time
  (``sandbox/charts/series.py``).
- **Score by competency**: per competency (a scenario's main one, as on "My progress"),
  the mean of each trainee's best checked score in its scenarios, with how many
  trainee × scenario pairs it averages.
- **Hardest steps**: the xAPI log records failures per scenario, not per step, so the
  steps come from the attempts: for every checked attempt, each step not passed at its
  latest check counts one. The eight steps with most, then by scenario order.
- **Help requests over time**: every "I need help" (``HelpRequest.asked_at``), withdrawn
  or not, per hour or day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.charts.series import per_bucket
from sandbox.charts.svg import Bar, columns, horizontal_bars
from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, HelpRequest, ScenarioAttempt, XapiStatement
from sandbox.progress import Verb
from sandbox.services.training.library import scenario_library
from sandbox.services.training.progress import base_iri

HARDEST = 8
Words = tuple[str, str]


@dataclass(frozen=True)
class Row:
    """One figure of a chart's table: its label in both languages, value, value as shown."""

    label: Words
    value: float
    shown: str


@dataclass(frozen=True)
class Chart:
    """One chart: its id, rows, the unit of time ("hour"/"day", or "" for categories)."""

    id: str
    rows: tuple[Row, ...]
    unit: str = ""

    def svg(self, title: str, lang: str) -> str:
        """The chart drawn in ``lang`` (time series as columns, categories as bars)."""
        bars = [
            Bar(r.label[1] if lang == "en" else r.label[0], r.value, r.shown) for r in self.rows
        ]
        if self.unit:
            return columns(self.id, title, bars, every=max(1, len(bars) // 8))
        top = 100.0 if self.id == "scores" else max((b.value for b in bars), default=0)
        return horizontal_bars(self.id, title, bars, top)


@dataclass(frozen=True)
class CohortCharts:
    """The four charts of a cohort."""

    completion: Chart
    scores: Chart
    hardest: Chart
    help: Chart


def cohort_charts(cohort: Cohort) -> CohortCharts:
    """The four charts' figures for a cohort's trainees."""
    users = sa.select(Enrolment.user_id).where(Enrolment.cohort_id == cohort.id)
    checked = (ScenarioAttempt.user_id.in_(users), ScenarioAttempt.checked_wall.is_not(None))
    best = db.session.execute(
        sa.select(ScenarioAttempt.scenario_id, sa.func.max(ScenarioAttempt.score))
        .where(*checked)
        .group_by(ScenarioAttempt.user_id, ScenarioAttempt.scenario_id)
    ).all()
    # A completed attempt passed every step: only the others have a step to count.
    open_steps = db.session.execute(
        sa.select(ScenarioAttempt.scenario_id, ScenarioAttempt.steps_passed).where(
            *checked, ScenarioAttempt.is_completed.is_(False)
        )
    ).all()
    passes = db.session.scalars(
        sa.select(XapiStatement.stored).where(
            XapiStatement.user_id.in_(users), XapiStatement.verb == Verb.PASSED.iri(base_iri())
        )
    ).all()
    asked = db.session.scalars(
        sa.select(HelpRequest.asked_at).where(HelpRequest.user_id.in_(users))
    ).all()
    return CohortCharts(
        _over_time("completion", passes),
        _scores(best),
        _hardest(open_steps),
        _over_time("help", asked),
    )


def _over_time(chart_id: str, moments) -> Chart:
    """Counts per hour or day, labelled ``HH:00`` (hours) or ``DD/MM`` (days)."""
    unit, buckets = per_bucket(moments)
    pattern = "%H:00" if unit == "hour" else "%d/%m"
    rows = tuple(Row((start.strftime(pattern),) * 2, count, str(count)) for start, count in buckets)
    return Chart(chart_id, rows, unit)


def _scores(best) -> Chart:
    """Mean best score per main competency, from (scenario id, a trainee's best score) rows."""
    library = scenario_library()
    by_competency: dict[str, list[float]] = defaultdict(list)
    for scenario_id, score in best:
        if scenario_id in library.scenarios:
            by_competency[library.scenarios[scenario_id].competencies[0]].append(score)
    rows = tuple(
        _score_row((c.name.sw, c.name.en), by_competency[c.id])
        for c in library.competencies.values()
        if by_competency.get(c.id)
    )
    return Chart("scores", rows)


def _score_row(name: Words, scores: list[float]) -> Row:
    """A competency's mean score in percent, shown with how many results it averages."""
    mean = round(100 * sum(scores) / len(scores))
    return Row(name, mean, f"{mean}% (n={len(scores)})")


def _hardest(attempts) -> Chart:
    """The steps most often not passed at an attempt's latest check (the top eight), from
    (scenario id, steps passed) rows."""
    library = scenario_library()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for scenario_id, steps_passed in attempts:
        scenario = library.scenarios.get(scenario_id)
        for step in scenario.steps if scenario else ():
            if step.id not in (steps_passed or []):
                counts[(scenario.id, step.id)] += 1
    order = {s.id: i for i, s in enumerate(library.in_order())}
    ranked = sorted(
        counts.items(),
        key=lambda kv: (-kv[1], order[kv[0][0]], _number(library.scenarios[kv[0][0]], kv[0][1])),
    )
    rows = tuple(_step_row(library.scenarios[s], step, n) for (s, step), n in ranked[:HARDEST])
    return Chart("hardest", rows)


def _number(scenario, step_id: str) -> int:
    """A step's number in its scenario, from 1."""
    return [s.id for s in scenario.steps].index(step_id) + 1


def _step_row(scenario, step_id: str, count: int) -> Row:
    """A step's row: "step n · scenario title" (a cut label keeps the step), and its count."""
    number = _number(scenario, step_id)
    label = (
        f"Hatua {number} · {scenario.title.sw}",
        f"Step {number} · {scenario.title.en}",
    )
    return Row(label, count, str(count))
