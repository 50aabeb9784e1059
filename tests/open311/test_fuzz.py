"""Hypothesis: no POST body and no GET filter ever gives a 500 or a non-list body."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from sandbox.services.channels.api_keys import DEMO_API_KEY
from tests.fuzzing import fuzz, fuzz_settings
from tests.open311.conftest import API, ONE_HANDLER

FIELDS = [
    "api_key",
    "service_code",
    "description",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address_string",
    "jurisdiction_id",
    "lat",
    "long",
    "locale",
    "attribute[complainant_type]",
    "attribute[institution]",
    "attribute[region]",
    "attribute[district]",
]
FUZZ = fuzz_settings(100)
PLAUSIBLE = st.sampled_from(
    [DEMO_API_KEY, ONE_HANDLER, "water_supply.complaint", "anonymous", "DODOMA_CC", "DOD", ""]
)
# Any unicode (NUL included), sometimes a plausible value, sometimes huge. A form cannot
# carry a lone surrogate (it is UTF-8 encoded); JSON can ("\ud800"), so TEXT adds them.
FORM_TEXT = st.one_of(
    st.text(max_size=40),
    PLAUSIBLE,
    st.text(alphabet="ab\x00é ", min_size=3000, max_size=5000),
)
TEXT = st.one_of(FORM_TEXT, st.text(alphabet="a\ud800\udfff", max_size=10))
FORM = st.dictionaries(st.sampled_from(FIELDS), FORM_TEXT, max_size=len(FIELDS))
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
JSON_BODY = st.dictionaries(st.sampled_from([*FIELDS, "attribute"]), JSON_VALUE, max_size=8)


def assert_answered(response) -> None:
    """A 2xx or a 4xx, with a JSON list body."""
    assert response.status_code < 500
    assert response.content_type.startswith("application/json")
    assert isinstance(response.get_json(), list)


@fuzz
@FUZZ
@given(form=FORM)
def test_post_form_never_fails(client, demo, form):
    assert_answered(client.post(f"{API}/requests.json", data=form))


@fuzz
@FUZZ
@given(body=JSON_BODY, key=st.booleans())
def test_post_json_never_fails(client, demo, body, key):
    if key:
        body["api_key"] = DEMO_API_KEY
    assert_answered(client.post(f"{API}/requests.json", json=body))


@fuzz
@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(
    ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
))  # fmt: skip
def test_post_raw_bytes_never_fail(client, demo, raw, content_type):
    response = client.post(f"{API}/requests.json", data=raw, content_type=content_type)
    assert_answered(response)


@fuzz
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["service_request_id", "service_code", "start_date", "end_date", "status", "api_key",
             "jurisdiction_id", "locale"]
        ),
        st.one_of(st.text(max_size=60), st.sampled_from(["2026-11-02", "open,closed", "Z", "+"])),
        max_size=5,
    )
)  # fmt: skip
def test_get_filters_never_fail(client, demo, params):
    assert_answered(client.get(f"{API}/requests.json", query_string=params))


@fuzz
@FUZZ
@given(code=st.text(min_size=1, max_size=80))
def test_path_parts_never_fail(client, demo, code):
    for path in (f"/services/{quote(code, safe='')}.json", f"/requests/{quote(code)}.json"):
        assert_answered(client.get(API + path))
