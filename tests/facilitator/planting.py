"""Planting results for the certificate and chart tests: attempts, passed statements and
help requests written straight into the tables (the training tests cover how they arise)."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import HelpRequest, ScenarioAttempt, XapiStatement

WHEN = datetime(2026, 11, 30, 9, 15)
PASSED_IRI = "http://adlnet.gov/expapi/verbs/passed"


def plant_attempt(enrolment, scenario_id, score, *, success, steps=(), checked=WHEN):
    """An attempt of ``scenario_id`` by the trainee, checked at ``checked`` (None: never); the
    current one, as a restart makes it (an earlier one stays in history)."""
    db.session.execute(
        sa.update(ScenarioAttempt)
        .where(
            ScenarioAttempt.user_id == enrolment.user_id,
            ScenarioAttempt.scenario_id == scenario_id,
        )
        .values(is_current=False)
    )
    attempt = ScenarioAttempt(
        workspace_id=enrolment.workspace_id,
        user_id=enrolment.user_id,
        scenario_id=scenario_id,
        scenario_version=1,
        placed={},
        hints_opened={},
        steps_passed=list(steps),
        score=score,
        is_completed=success,
        is_success=success,
        is_current=True,
        started_at=WHEN,
        started_wall=WHEN,
        checked_wall=checked,
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt


def plant_passed(enrolment, stored: datetime) -> None:
    """A ``passed`` statement of the trainee stored at ``stored``."""
    statement_id = str(uuid.uuid4())
    db.session.add(
        XapiStatement(
            statement_id=statement_id,
            verb=PASSED_IRI,
            user_id=enrolment.user_id,
            body={"id": statement_id},
            stored=stored,
        )
    )
    db.session.commit()


def plant_help(enrolment, asked_at: datetime, withdrawn: bool = True) -> None:
    """A help request of the trainee asked at ``asked_at`` (withdrawn, so several may exist)."""
    db.session.add(
        HelpRequest(
            user_id=enrolment.user_id,
            statement_id=str(uuid.uuid4()),
            asked_at=asked_at,
            withdrawn_at=asked_at if withdrawn else None,
        )
    )
    db.session.commit()
