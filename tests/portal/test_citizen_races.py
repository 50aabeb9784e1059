"""The citizen's rate, appeal and reply, sent twice at once from one page, count once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import FeedbackEvent
from sandbox.workflow import Action
from tests.concurrency import no_errors, race
from tests.portal.test_track import (  # noqa: F401
    act,
    ask_citizen,
    institution,
    officer,
    responded,
    secret_of,
    submitted,
)


def _events(item_id: int, action: Action) -> int:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(sa.func.count(FeedbackEvent.id)).where(
            FeedbackEvent.feedback_id == item_id, FeedbackEvent.action == action
        )
    )


@pytest.mark.parametrize(
    ("path", "action", "fields"),
    [
        ("rate", Action.RATE, {"rating": "2"}),
        ("appeal", Action.REOPEN, {"reason": "Bomba bado linavuja."}),
    ],
)
def test_a_doubled_rating_or_appeal_counts_once(app, client, responded, path, action, fields):  # noqa: F811
    url = f"/portal/track/{responded.reference}/{path}"
    data = {**fields, "secret": secret_of(client), "version": str(responded.version)}
    responses = no_errors(race(app, 2, lambda c, i: c.post(url, data=data)))
    assert sorted(r.status_code for r in responses) == [302, 409]  # never a 500
    loser = next(r for r in responses if r.status_code == 409)
    assert "Mtu mwingine amebadilisha" in loser.text
    assert _events(responded.id, action) == 1


def test_a_doubled_answer_to_a_question_counts_once(app, client, demo, submitted, officer):  # noqa: F811
    ask_citizen(demo, submitted, officer)
    url = f"/portal/track/{submitted.reference}/reply"
    data = {
        "answer": "Mtaa wa Uhuru",
        "secret": secret_of(client),
        "version": str(submitted.version),
    }
    responses = no_errors(race(app, 2, lambda c, i: c.post(url, data=data)))
    assert sorted(r.status_code for r in responses) == [302, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert "Mtaa wa Uhuru" in loser.text  # what the citizen typed is kept
    assert _events(submitted.id, Action.CITIZEN_REPLIED) == 1
