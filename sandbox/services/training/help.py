""" "Nahitaji msaada / I need help": a trainee flags themself for the facilitator, or takes it back.

The flag is a ``HelpRequest`` row (asked and withdrawn times) and an xAPI statement
(``asked`` the facilitator's help; ``withdrew`` pointing at that statement), committed
together. Asking twice keeps the one open request. The facilitator's console (next issue)
reads the open requests; nothing here shows one trainee's flag to another.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import HelpRequest, ScenarioAttempt, User
from sandbox.progress import Verb, help_activity, scenario_activity
from sandbox.services.training.library import scenario_library
from sandbox.services.training.progress import base_iri, record_statement
from sandbox.services.workspace.now import wall_now


def open_help_request(user: User) -> HelpRequest | None:
    """The trainee's open request for help, if any."""
    return db.session.scalar(
        sa.select(HelpRequest).where(
            HelpRequest.user_id == user.id, HelpRequest.withdrawn_at.is_(None)
        )
    )


def ask_for_help(user: User) -> HelpRequest:
    """Flag the trainee for the facilitator (about the scenario they are in, if any); commits."""
    found = open_help_request(user)
    if found is not None:
        return found
    attempt = _latest_open_attempt(user)
    scenario = scenario_library().scenarios.get(attempt.scenario_id) if attempt else None
    parents = (scenario_activity(base_iri(), scenario),) if scenario else ()
    statement_id = record_statement(
        user,
        Verb.ASKED,
        help_activity(base_iri()),
        attempt if scenario else None,
        scenario,
        parents,
    )
    request = HelpRequest(
        user_id=user.id,
        attempt_id=attempt.id if scenario else None,
        scenario_id=scenario.id if scenario else None,
        statement_id=statement_id,
        asked_at=wall_now(),
    )
    db.session.add(request)
    try:
        db.session.commit()
    except IntegrityError:  # the same trainee's other tab asked at the same moment
        db.session.rollback()
        return open_help_request(user)
    return request


def withdraw_help(user: User) -> HelpRequest | None:
    """Take back the open request (``withdrew`` its statement); None when there was none."""
    request = open_help_request(user)
    if request is None:
        return None
    request.withdrawn_at = wall_now()
    record_statement(user, Verb.WITHDREW, request.statement_id)
    db.session.commit()
    return request


def _latest_open_attempt(user: User) -> ScenarioAttempt | None:
    """The scenario the trainee is in: their latest current attempt not yet completed."""
    return db.session.scalar(
        sa.select(ScenarioAttempt)
        .where(
            ScenarioAttempt.user_id == user.id,
            ScenarioAttempt.is_current.is_(True),
            ScenarioAttempt.is_completed.is_(False),
        )
        .order_by(ScenarioAttempt.id.desc())
        .limit(1)
    )
