"""Building xAPI 1.0.3 statements about a trainee's scenario attempts (plain dicts, pure).

The actor is an Agent identified by an ``account``: the installation's base IRI as home page
and the trainee's personal code as name, never a personal name, phone or e-mail (xAPI Part
Two §2.4.2.4: "an opaque account name … while maintaining anonymity"). The object is an
Activity (the scenario, one of its steps or hints, the facilitator's help) or a reference to
an earlier statement; the context carries the attempt's registration, the language, the
cohort as a grouping activity, and the workspace's simulated clock in an extension; the
timestamp is the wall clock with its zone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sandbox.progress.timefmt import iso_duration, iso_timestamp
from sandbox.progress.vocabulary import Verb, activity_type, own, sandbox_time_key
from sandbox.scenarios.schema import Scenario

Words = tuple[str, str]  # (Swahili, English)


@dataclass(frozen=True)
class Trainee:
    """Who the statement is about: an opaque account name (a personal code, or ``user-<id>``)."""

    account_name: str


@dataclass(frozen=True)
class Activity:
    """An activity: its IRI, kind (scenario, step, hint, cohort, help), name and description."""

    id: str
    kind: str
    name: Words
    description: Words | None = None

    def as_object(self, base: str) -> dict[str, Any]:
        """The Activity object with its definition (names as ``sw``/``en`` language maps)."""
        definition: dict[str, Any] = {
            "name": _language_map(self.name),
            "type": activity_type(base, self.kind),
        }
        if self.description is not None:
            definition["description"] = _language_map(self.description)
        return {"objectType": "Activity", "id": self.id, "definition": definition}


@dataclass(frozen=True)
class AttemptContext:
    """The statement's context: registration, language, cohort, parents, the sandbox clock."""

    language: str
    registration: str | None = None
    cohort: Activity | None = None
    parents: tuple[Activity, ...] = ()
    revision: str | None = None
    sandbox_time: datetime | None = None  # naive EAT, as every stored time


@dataclass(frozen=True)
class Outcome:
    """A result: scaled score 0..1, success, completion, how long it took."""

    score: float | None = None
    success: bool | None = None
    completion: bool | None = None
    duration: timedelta | None = None


def scenario_activity(base: str, scenario: Scenario) -> Activity:
    """The scenario as an activity: ``base/xapi/scenarios/<id>``, named by its title."""
    return Activity(
        own(base, "scenarios", scenario.id),
        "scenario",
        (scenario.title.sw, scenario.title.en),
        (scenario.briefing.sw, scenario.briefing.en),
    )


def step_activity(base: str, scenario: Scenario, step_id: str) -> Activity:
    """A step as an activity: ``…/scenarios/<id>/steps/<step>``, described by its instruction."""
    ids = [s.id for s in scenario.steps]
    number, total = ids.index(step_id) + 1, len(ids)
    step = scenario.steps[number - 1]
    return Activity(
        own(base, "scenarios", scenario.id, "steps", step_id),
        "step",
        (
            f"{scenario.title.sw}: hatua {number} ya {total}",
            f"{scenario.title.en}: step {number} of {total}",
        ),
        (step.instruction.sw, step.instruction.en),
    )


def hint_activity(base: str, scenario: Scenario, step_id: str, number: int) -> Activity:
    """The ``number``-th hint (from 1) of a step: ``…/steps/<step>/hints/<n>``."""
    hint = scenario.step(step_id).hints[number - 1]
    return Activity(
        own(base, "scenarios", scenario.id, "steps", step_id, "hints", str(number)),
        "hint",
        (f"Kidokezo {number}", f"Hint {number}"),
        (hint.text.sw, hint.text.en),
    )


def cohort_activity(base: str, cohort_id: int, name: str) -> Activity:
    """A cohort as a grouping activity: ``base/xapi/cohorts/<id>``, named as the cohort is."""
    return Activity(own(base, "cohorts", str(cohort_id)), "cohort", (name, name))


def help_activity(base: str) -> Activity:
    """The facilitator's help, what "Nahitaji msaada / I need help" asks for."""
    return Activity(
        own(base, "help"),
        "help",
        ("Msaada wa mwezeshaji", "The facilitator's help"),
    )


def build_statement(
    base: str,
    trainee: Trainee,
    verb: Verb,
    target: Activity | str,
    context: AttemptContext,
    timestamp: datetime,
    outcome: Outcome | None = None,
    statement_id: str | None = None,
) -> dict[str, Any]:
    """One statement; ``target`` is an Activity or the id of an earlier statement (StatementRef)."""
    statement: dict[str, Any] = {
        "id": statement_id or str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": trainee.account_name},
        },
        "verb": {"id": verb.iri(base), "display": verb.display},
        "object": (
            target.as_object(base)
            if isinstance(target, Activity)
            else {"objectType": "StatementRef", "id": target}
        ),
        "context": _context(base, context, is_activity=isinstance(target, Activity)),
        "timestamp": iso_timestamp(timestamp),
    }
    if outcome is not None:
        statement["result"] = _result(outcome)
    return statement


def _context(base: str, context: AttemptContext, *, is_activity: bool) -> dict[str, Any]:
    """The context object, leaving out what is unknown (xAPI: no empty objects, no nulls)."""
    found: dict[str, Any] = {"language": context.language}
    if context.registration:
        found["registration"] = context.registration
    activities: dict[str, list] = {}
    if context.parents:
        activities["parent"] = [a.as_object(base) for a in context.parents]
    if context.cohort is not None:
        activities["grouping"] = [context.cohort.as_object(base)]
    if activities:
        found["contextActivities"] = activities
    if context.revision and is_activity:  # xAPI: revision only when the object is an Activity
        found["revision"] = context.revision
    if context.sandbox_time is not None:
        found["extensions"] = {sandbox_time_key(base): iso_timestamp(context.sandbox_time)}
    return found


def _result(outcome: Outcome) -> dict[str, Any]:
    """The result object with only the measures that are known."""
    result: dict[str, Any] = {}
    if outcome.score is not None:
        result["score"] = {"scaled": round(min(max(outcome.score, 0.0), 1.0), 4)}
    if outcome.success is not None:
        result["success"] = outcome.success
    if outcome.completion is not None:
        result["completion"] = outcome.completion
    if outcome.duration is not None:
        result["duration"] = iso_duration(outcome.duration)
    return result


def _language_map(words: Words) -> dict[str, str]:
    """``{"sw": …, "en": …}``."""
    return {"sw": words[0], "en": words[1]}
