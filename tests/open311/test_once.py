"""An app retrying a POST with the same Idempotency-Key makes one item (GeoReport v2 has no
client-side id, so the IETF httpapi header is honoured when the app sends it)."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.channels.api_keys import DEMO_API_KEY
from tests.concurrency import no_errors, race
from tests.open311.conftest import API, ONE_HANDLER

BODY = {"api_key": DEMO_API_KEY, "service_code": ONE_HANDLER, "description": "Habari"}


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count(Feedback.id)))


def test_a_retried_post_with_the_same_key_answers_the_same_request(client, demo):
    headers = {"Idempotency-Key": "app-retry-0001"}
    first = client.post(f"{API}/requests.json", data=BODY, headers=headers)
    second = client.post(f"{API}/requests.json", data=BODY, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert _count() == 1


def test_posts_without_a_key_or_with_other_keys_are_separate(client, demo):
    client.post(f"{API}/requests.json", data=BODY)
    client.post(f"{API}/requests.json", data=BODY)
    client.post(f"{API}/requests.json", data=BODY, headers={"Idempotency-Key": "key-number-1"})
    client.post(f"{API}/requests.json", data=BODY, headers={"Idempotency-Key": "key-number-2"})
    assert _count() == 4


def test_racing_retries_with_one_key_make_one_item(app, demo):
    headers = {"Idempotency-Key": "app-race-0001"}
    responses = no_errors(
        race(app, 6, lambda c, i: c.post(f"{API}/requests.json", data=BODY, headers=headers))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.get_data() for r in responses}) == 1
    assert _count() == 1
