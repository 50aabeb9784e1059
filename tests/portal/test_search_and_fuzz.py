"""Institution search, the landing page, and fuzzing every portal input: never a 500."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, InstitutionKind
from tests.fuzzing import fuzz, fuzz_settings

FUZZ = fuzz_settings(60)


@pytest.fixture(autouse=True)
def _no_rate_limit_while_fuzzing(app, monkeypatch):
    """Fuzzing sends far more lookups than a person could; the limits are tested elsewhere."""
    monkeypatch.setitem(app.config, "RATE_LIMIT_REFERENCE", "100000 per minute")


TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
FIELDS = [
    "type",
    "complainant_type",
    "category",
    "description",
    "name",
    "phone",
    "email",
    "region",
    "district",
    "attachment",
]


def shown_ids(page: str) -> list[int]:
    """Institution ids linked from a results page."""
    return [int(i) for i in re.findall(r"/portal/institutions/(\d+)/feedback", page)]


def test_landing_page_explains_the_four_types_and_offers_submit_and_track(client, demo):
    page = client.get("/portal/").text
    for label in ("Lalamiko", "Pendekezo", "Ulizo", "Pongezi"):
        assert label in page
    assert 'href="/portal/institutions"' in page
    assert 'action="/portal/track"' in page


def test_search_matches_part_of_either_name_in_any_case(client, demo):
    institution = db.session.scalar(
        sa.select(Institution).where(Institution.name_en != Institution.name_sw)
    )
    for part in (institution.name_sw[2:9].upper(), institution.name_en[3:10].lower()):
        ids = []
        for page in range(1, 6):
            ids += shown_ids(client.get(f"/portal/institutions?q={part}&page={page}").text)
        assert institution.id in ids


def test_search_filters_by_kind_and_region(client, demo):
    council = db.session.scalar(
        sa.select(Institution).where(Institution.kind == InstitutionKind.COUNCIL)
    )
    url = f"/portal/institutions?kind=council&region={council.region_id}"
    ids = shown_ids(client.get(url).text)
    assert council.id in ids
    kinds = db.session.execute(
        sa.select(Institution.kind, Institution.region_id).where(Institution.id.in_(ids))
    ).all()
    assert set(kinds) == {(InstitutionKind.COUNCIL, council.region_id)}


def test_search_results_are_paginated(client, demo):
    total = db.session.scalar(sa.select(sa.func.count(Institution.id)))
    first, second = (shown_ids(client.get(f"/portal/institutions?page={n}").text) for n in (1, 2))
    assert len(first) == min(total, 20)
    assert not set(first) & set(second)


def test_nothing_found_says_so(client, demo):
    page = client.get("/portal/institutions?q=hakuna+taasisi+kama+hii").text
    assert shown_ids(page) == []
    count = re.search(r'data-testid="result-count">([^<]*)<', page).group(1)
    assert re.findall(r"\d+", count) == ["0"]


@pytest.mark.parametrize("q", ["%", "_", "\\", "100%_\\"])
def test_like_wildcards_are_literal(client, demo, q):
    response = client.get("/portal/institutions", query_string={"q": q})
    assert response.status_code == 200
    assert shown_ids(response.text) == []


@fuzz
@FUZZ
@given(q=TEXT, kind=TEXT, region=TEXT, page=TEXT)
def test_search_never_fails(client, demo, q, kind, region, page):
    query = {"q": q, "kind": kind, "region": region, "page": page}
    assert client.get("/portal/institutions", query_string=query).status_code == 200


@fuzz
@FUZZ
@given(reference=TEXT)
def test_tracking_never_fails(client, demo, reference):
    assert client.get("/portal/track", query_string={"reference": reference}).status_code == 200


@fuzz
@FUZZ
@given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, TEXT)))
def test_feedback_form_never_fails(client, demo, post_feedback, data):
    response = post_feedback(data)
    assert response.status_code in {302, 422}
    if response.status_code == 302:
        assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) >= 1


@fuzz
@FUZZ
@given(
    reference=st.text(alphabet="MRJ-T0123456789 x", max_size=24),
    action=st.sampled_from(["reply", "rate", "appeal"]),
    fields=st.dictionaries(st.sampled_from(["answer", "rating", "reason", "version"]), TEXT),
)
def test_citizen_actions_never_fail(client, demo, reference, action, fields):
    response = client.post(f"/portal/track/{reference.strip() or 'x'}/{action}", data=fields)
    assert response.status_code in {302, 422, 404, 409}


@fuzz
@FUZZ
@given(description=TEXT, name=TEXT, phone=TEXT, email=TEXT)
def test_free_text_of_a_valid_form_never_fails(
    client, demo, post_feedback, form_data, description, name, phone, email
):
    data = form_data(description=description, name=name, phone=phone, email=email)
    response = post_feedback(data)
    assert response.status_code in {302, 422}
    if response.status_code == 302:
        item = db.session.scalars(sa.select(Feedback).order_by(Feedback.id.desc())).first()
        assert "\x00" not in item.description
