"""Progress as xAPI 1.0.3 statements: the vocabulary, the builders and a validator (pure).

No Flask, no database: ``services/training/progress.py`` gives these plain values and stores
what they build. Sources and decisions: ``docs/SCENARIOS.md`` ("Progress as xAPI").
"""

from sandbox.progress.statements import (
    Activity,
    AttemptContext,
    Outcome,
    Trainee,
    build_statement,
    cohort_activity,
    help_activity,
    hint_activity,
    scenario_activity,
    step_activity,
)
from sandbox.progress.validation import InvalidStatement, problems, validate
from sandbox.progress.vocabulary import Verb

__all__ = [
    "Activity",
    "AttemptContext",
    "InvalidStatement",
    "Outcome",
    "Trainee",
    "Verb",
    "build_statement",
    "cohort_activity",
    "help_activity",
    "hint_activity",
    "problems",
    "scenario_activity",
    "step_activity",
    "validate",
]
