"""Hypothesis: the forms a person meets first (joining a cohort, signing back in, logging in)
answer any typed values with the page (200), a form error (400/422) or a redirect, never a
500, and a refused form never joins anyone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Enrolment
from tests.fuzzing import fuzz, fuzz_settings
from tests.training.conftest import join_form

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
HUGE = st.text(alphabet="9a\x00 é", min_size=2000, max_size=4000)
VALUE = st.one_of(TEXT, HUGE, st.sampled_from(["", " ", "0", "4821", "+255712345678", "%00"]))
JOIN_FIELDS = ["join_code", "name", "home_institution", "phone", "pin", "pin_confirm", "form_key"]
ANSWERS = (200, 302, 400, 422, 429)


@pytest.fixture(autouse=True)
def _no_rate_limit_while_fuzzing(app, monkeypatch):
    """Fuzzing sends far more attempts than a person could; the limits are tested elsewhere."""
    for limit in ("RATE_LIMIT_JOIN", "RATE_LIMIT_LOGIN"):
        monkeypatch.setitem(app.config, limit, "100000 per minute")


@fuzz
@fuzz_settings(20)
@given(changes=st.dictionaries(st.sampled_from(JOIN_FIELDS), VALUE))
def test_the_join_form_never_fails(client, cohort, changes):
    changes.setdefault("pin_confirm", "0000")  # a mismatch, unless the fuzz typed its own
    before = db.session.scalar(sa.select(sa.func.count(Enrolment.id)))
    answer = client.post("/join", data=join_form(cohort, **changes))
    assert answer.status_code in ANSWERS
    if answer.status_code != 302:
        assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == before


@fuzz
@fuzz_settings(15)
@given(code=VALUE, pin=VALUE)
def test_signing_back_in_never_fails(client, cohort, code, pin):
    answer = client.post("/join/signin", data={"personal_code": code, "pin": pin})
    assert answer.status_code in ANSWERS


@fuzz
@fuzz_settings(15)
@given(username=VALUE, password=VALUE, next_page=VALUE)
def test_the_login_form_never_fails(client, cohort, username, password, next_page):
    answer = client.post(
        "/login", data={"username": username, "password": password, "next": next_page}
    )
    assert answer.status_code in ANSWERS
