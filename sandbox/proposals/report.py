"""A proposal's decision report, computed from plain rows (pure: no Flask, no database).

The service (``services/preview/report.py``) reads the rows of one proposal version and
calls ``build_report``; everything counted here is tested by hand-computed examples.

Decisions (written down):

- **Invited** people are given as ``Person`` rows (role at work, institution kind, region);
  the service lists who was asked. **Responded** are the responses of this version. A
  breakdown shows, per group, invited and responded (and the share).
- **Small groups are merged**: a group with fewer than ``MIN_GROUP`` (3) invited people is
  not shown under its own name; all such groups of a breakdown are added up in one row
  "Other groups (fewer than 3 people each)". A region with one invited officer would
  otherwise say whether that officer answered. The merged row may itself be small; it no
  longer says which group anyone belongs to. Unknown values ("" : a trainee's region is not
  asked) form the group "Not stated", merged like the others when small.
- Ratings and ease are the full distribution 1–5 (every value listed, zeros too), with
  the mean (one decimal) and the median; shares are whole percentages of the responses.
- Concerns are counted per ``Concern`` (most frequent first, ties in the vocabulary's
  order); a response counts once per concern it ticks. Free-text concerns and comments
  are listed in their original language with that language shown, and the screen or step
  they refer to; never with role, institution or region (a comment beside "head, Kigoma"
  could name its writer).
- Behaviour per walkthrough step and side (toggle off = before, on = after): people who
  started it, who completed it, the median seconds of the completed ones, the refusals met
  (a sum). Steps come in the walkthrough's order, then any other step met in the rows.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandbox.charts.svg import Bar, horizontal_bars
from sandbox.proposals.enums import Concern, Helpfulness, Side

MIN_GROUP = 3
SCALE = (1, 2, 3, 4, 5)
OTHER_GROUPS = "_other"
NOT_STATED = ""


@dataclass(frozen=True)
class Person:
    """One invited person, as the breakdowns see them (no name, no id)."""

    job_role: str
    institution_kind: str
    region: str


@dataclass(frozen=True)
class Response:
    """One answer of the version (copied fields only: never a name)."""

    person: Person
    rating: int
    helps: str
    ease: int
    concerns: tuple[str, ...] = ()
    concern_text: str = ""
    comment: str = ""
    screen: str = ""
    language: str = "sw"
    respondent: str = "stakeholder"


@dataclass(frozen=True)
class StepRow:
    """One walkthrough step of one person on one side."""

    step: str
    side: str
    completed: bool
    seconds: int | None
    refusals: int


@dataclass(frozen=True)
class Group:
    """One row of a breakdown; ``key`` is the stored value, ``OTHER_GROUPS`` or ``""``."""

    key: str
    invited: int
    responded: int

    @property
    def percent(self) -> int:
        """Responded as a whole percentage of invited (0 when nobody was invited)."""
        return round(100 * self.responded / self.invited) if self.invited else 0


@dataclass(frozen=True)
class Distribution:
    """Counts of 1–5, the mean and the median (None without answers)."""

    counts: tuple[tuple[int, int], ...]
    mean: float | None
    median: float | None

    @property
    def total(self) -> int:
        """How many answers."""
        return sum(count for _value, count in self.counts)


@dataclass(frozen=True)
class Text:
    """A free text in its original language, and the screen or step it is about."""

    language: str
    text: str
    screen: str


@dataclass(frozen=True)
class StepFigures:
    """One step on one side: started, completed, median seconds, refusals."""

    started: int
    completed: int
    median_seconds: float | None
    refusals: int


@dataclass(frozen=True)
class StepBehaviour:
    """One walkthrough step, toggle off (before) and on (after)."""

    step: str
    before: StepFigures
    after: StepFigures


@dataclass(frozen=True)
class Report:
    """Everything the decision report shows for one proposal version."""

    invited: int
    responded: int
    breakdowns: dict[str, list[Group]]
    rating: Distribution
    ease: Distribution
    helps: tuple[tuple[str, int, int], ...]  # (Helpfulness value, count, percent)
    concerns: tuple[tuple[str, int], ...]
    concern_texts: tuple[Text, ...]
    comments: tuple[Text, ...]
    screens: tuple[tuple[str, int], ...]
    behaviour: tuple[StepBehaviour, ...]


DIMENSIONS = ("institution_kind", "job_role", "region")
DIMENSIONS_IN_ORDER = ("job_role", "institution_kind", "region")  # ``Person``'s fields


def breakdown(invited: Sequence[Person], answered: Sequence[Person], dimension: str) -> list[Group]:
    """Invited and responded per value of ``dimension``, groups under ``MIN_GROUP`` merged."""
    asked = Counter(getattr(person, dimension) for person in invited)
    came = Counter(getattr(person, dimension) for person in answered)
    shown, merged_in, merged_out = [], 0, 0
    for key in sorted(asked, key=lambda k: (k == NOT_STATED, k)):
        if asked[key] >= MIN_GROUP:
            shown.append(Group(key, asked[key], came[key]))
        else:
            merged_in, merged_out = merged_in + asked[key], merged_out + came[key]
    if merged_in:
        shown.append(Group(OTHER_GROUPS, merged_in, merged_out))
    return shown


def disclosed(person: Person, invited: Sequence[Person]) -> Person:
    """What one respondent's row may say about them: each fact whose group has fewer than
    ``MIN_GROUP`` invited people reads ``OTHER_GROUPS``, and all three do when the facts left
    together describe fewer than ``MIN_GROUP`` invited people (the page's merging, per row)."""
    kept = {
        dimension: value
        for dimension in DIMENSIONS
        if sum(getattr(p, dimension) == (value := getattr(person, dimension)) for p in invited)
        >= MIN_GROUP
    }
    alike = sum(all(getattr(p, d) == v for d, v in kept.items()) for p in invited)
    if alike < MIN_GROUP:
        kept = {}
    return Person(*(kept.get(dimension, OTHER_GROUPS) for dimension in DIMENSIONS_IN_ORDER))


def distribution(values: Iterable[int]) -> Distribution:
    """Every value of 1–5 with its count (zeros too), the mean to one decimal, the median."""
    answers = [value for value in values if value in SCALE]
    counts = Counter(answers)
    mean = round(statistics.fmean(answers), 1) if answers else None
    median = statistics.median(answers) if answers else None
    return Distribution(tuple((value, counts[value]) for value in SCALE), mean, median)


def percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole`` (0 of nothing is 0)."""
    return round(100 * part / whole) if whole else 0


def helpfulness(responses: Sequence[Response]) -> tuple[tuple[str, int, int], ...]:
    """Yes, no and not sure: (value, count, percent of the responses)."""
    counts = Counter(response.helps for response in responses)
    total = len(responses)
    return tuple((h.value, counts[h.value], percent(counts[h.value], total)) for h in Helpfulness)


def concern_counts(responses: Sequence[Response]) -> tuple[tuple[str, int], ...]:
    """Each ticked concern with its frequency, most frequent first (vocabulary order in ties)."""
    counts = Counter(concern for response in responses for concern in set(response.concerns))
    order = [c.value for c in Concern]
    ranked = sorted(counts, key=lambda c: (-counts[c], order.index(c) if c in order else 99))
    return tuple((concern, counts[concern]) for concern in ranked)


def texts(responses: Sequence[Response], field: str) -> tuple[Text, ...]:
    """The non-empty free texts of ``field``, with their language and screen, in order."""
    return tuple(
        Text(r.language, getattr(r, field).strip(), r.screen)
        for r in responses
        if getattr(r, field).strip()
    )


def step_figures(rows: Sequence[StepRow]) -> StepFigures:
    """Started, completed, median seconds of the completed ones, refusals summed."""
    done = [row.seconds for row in rows if row.completed and row.seconds is not None]
    return StepFigures(
        started=len(rows),
        completed=sum(1 for row in rows if row.completed),
        median_seconds=statistics.median(done) if done else None,
        refusals=sum(row.refusals for row in rows),
    )


def behaviour(rows: Sequence[StepRow], order: Sequence[str] = ()) -> tuple[StepBehaviour, ...]:
    """Per step (walkthrough order first, then others as met): before and after figures."""
    steps = list(dict.fromkeys([*order, *(row.step for row in rows)]))
    result = []
    for step in steps:
        sides = {
            side: [row for row in rows if row.step == step and row.side == side.value]
            for side in Side
        }
        result.append(
            StepBehaviour(step, step_figures(sides[Side.BEFORE]), step_figures(sides[Side.AFTER]))
        )
    return tuple(result)


def build_report(
    invited: Sequence[Person],
    responses: Sequence[Response],
    steps: Sequence[StepRow] = (),
    step_order: Sequence[str] = (),
) -> Report:
    """The whole report of one version from its plain rows."""
    answered = [response.person for response in responses]
    return Report(
        invited=len(invited),
        responded=len(responses),
        breakdowns={dim: breakdown(invited, answered, dim) for dim in DIMENSIONS},
        rating=distribution(r.rating for r in responses),
        ease=distribution(r.ease for r in responses),
        helps=helpfulness(responses),
        concerns=concern_counts(responses),
        concern_texts=texts(responses, "concern_text"),
        comments=texts(responses, "comment"),
        screens=tuple(Counter(r.screen or "general" for r in responses).most_common()),
        behaviour=behaviour(steps, step_order),
    )


def distribution_chart(chart_id: str, title: str, figures: Distribution, star: str) -> str:
    """The 1–5 distribution as labelled horizontal bars (Okabe-Ito blue, values written)."""
    total = figures.total
    bars = [
        Bar(f"{value} {star}", count, f"{count} ({percent(count, total)}%)")
        for value, count in figures.counts
    ]
    return horizontal_bars(chart_id, title, bars, max((c for _v, c in figures.counts), default=0))
