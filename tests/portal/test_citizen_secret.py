"""Acting as the citizen needs the secret only the submitter received; tracking stays open."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from sandbox.workflow import Status
from sandbox.workflow.citizen_secret import (
    ALPHABET,
    LENGTH,
    is_valid_secret,
    new_secret,
    normalise,
    secret_digest,
    seeded_secret,
)
from tests.portal.conftest import only_item
from tests.portal.test_track import institution, officer, responded, secret_of, submitted  # noqa: F401


def test_secrets_avoid_look_alike_characters():
    assert not set("0O1IL") & set(ALPHABET)
    assert all(len(s) == LENGTH and set(s) <= set(ALPHABET) for s in (new_secret(),) * 20)


def test_the_secret_is_compared_tolerantly_and_stored_only_as_a_digest():
    digest = secret_digest("MRJ-T-2026-000001", "K7PM3Q")
    assert "K7PM3Q" not in digest and len(digest) == 64
    assert is_valid_secret("MRJ-T-2026-000001", " k7p-m3q ", digest)
    assert not is_valid_secret("MRJ-T-2026-000002", "K7PM3Q", digest)  # another item
    assert not is_valid_secret("MRJ-T-2026-000001", "K7PM3R", digest)
    assert not is_valid_secret("MRJ-T-2026-000001", "", None)


@given(st.integers(), st.text(max_size=30))
def test_seeded_secrets_are_deterministic_per_seed(seed, reference):
    assert seeded_secret(seed, reference) == seeded_secret(seed, reference)
    assert normalise(seeded_secret(seed, reference)) == seeded_secret(seed, reference)


def test_seeded_items_carry_their_seed_derived_secret(demo_world):
    item = db.session.scalars(sa.select(Feedback).order_by(Feedback.id)).first()
    assert is_valid_secret(
        item.reference, seeded_secret(11, item.reference), item.citizen_secret_digest
    )


def test_confirmation_shows_the_secret_only_to_the_submitting_browser(client, app, submitted):
    secret = secret_of(client)
    assert re.fullmatch(f"[{ALPHABET}]{{{LENGTH}}}", secret)
    mine = client.get(f"/portal/submitted/{submitted.reference}")
    assert secret in mine.text and mine.headers["Cache-Control"] == "no-store"
    stranger = app.test_client()
    other = stranger.get(f"/portal/submitted/{submitted.reference}")
    assert other.status_code == 200 and secret not in other.text
    assert 'data-testid="secret"' not in other.text


def test_the_reference_sms_carries_the_secret(client, submitted):
    [message] = db.session.scalars(sa.select(SmsMessage)).all()
    assert submitted.reference in message.text and secret_of(client) in message.text


@pytest.mark.parametrize(
    ("action", "data"),
    [("rate", {"rating": "1"}), ("appeal", {"reason": "Si kweli hata kidogo."})],
)
def test_a_stranger_without_the_secret_cannot_act(client, responded, action, data):
    version = str(responded.version)
    wrong = "".join(reversed(secret_of(client)))
    response = client.post(
        f"/portal/track/{responded.reference}/{action}",
        data={**data, "version": version, "secret": wrong},
    )
    assert response.status_code == 403
    assert "Siri uliyoandika si sahihi" in response.text
    db.session.expire_all()
    item = only_item()
    assert item.status is Status.RESPONDED and item.rating is None
    missing = client.post(
        f"/portal/track/{responded.reference}/{action}", data={**data, "version": version}
    )
    assert missing.status_code == 400
    assert "Andika siri uliyopewa." in missing.text


def test_the_right_secret_in_any_case_lets_the_citizen_rate(client, responded):
    response = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={
            "rating": "4",
            "version": str(responded.version),
            "secret": secret_of(client).lower(),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert only_item().rating == 4


def test_tracking_stays_open_without_the_secret(app, responded):
    page = app.test_client().get(f"/portal/track?reference={responded.reference}")
    assert page.status_code == 200 and responded.reference in page.text
