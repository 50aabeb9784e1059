"""No number a person can type gives a 500: ids past any row and huge page numbers.

Ids in paths are bounded once by the ``<int:…>`` converter (sandbox/url_converters.py); ids
and page numbers in query strings and forms are parsed once (sandbox/text.py). A sample of
every route with an id × hostile integers, as a guest and as each kind of staff, checks it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sandbox
from sandbox.forms import Form, FormKeyField
from sandbox.text import MAX_ID, MAX_PAGE, like_pattern, page_number, parse_id
from tests.fuzzing import fuzz, fuzz_settings

HOSTILE = [2**31, 2**32 + 1, 2**63 - 1, 2**63, 2**64, 10**30, 0]
HOSTILE_INTS = st.one_of(st.sampled_from(HOSTILE), st.integers(min_value=MAX_ID + 1))
SAMPLE = fuzz_settings(15)
PERSONAS = [None, "mkuu.dodoma", "tehama.dodoma", "kiongozi.dodoma"]
# Query-string numbers: pages, filters and choices, as each screen names them.
QUERY_URLS = [
    "/portal/institutions?page={n}",
    "/portal/institutions?region={n}",
    "/w/demo/portal/institutions?page={n}",
    "/desk/feedback?page={n}",
    "/desk/feedback?category={n}&region={n}",
    "/sms/outbox?page={n}",
    "/reports/?institution={n}",
]


def _int_rules(app) -> list[str]:
    """Every route whose path has an ``<int:…>`` part."""
    return sorted(r.rule for r in app.url_map.iter_rules() if "<int:" in r.rule)


def _fill(rule: str, number: int) -> str:
    """The rule with every argument replaced (ints by the number, others by a plausible word)."""
    path = re.sub(r"<int:[^>]+>", str(number), rule)
    path = re.sub(r"<ws_code>", "demo", path)
    return re.sub(r"<[^>]+>", "acknowledge", path)


@pytest.mark.parametrize(
    "url",
    [
        "/portal/institutions/9223372036854775808/feedback",
        "/w/demo/portal/institutions/9223372036854775808/feedback",
        "/portal/attachments/9223372036854775808",
        "/desk/feedback/9223372036854775808",
        "/accounts/9223372036854775808/password",
    ],
)
def test_the_reported_ids_past_two_to_the_63_are_not_found(client, demo_world, login_as, url):
    login_as("tehama.dodoma" if url.startswith("/accounts") else "mkuu.dodoma")
    assert client.get(url).status_code == 404


def test_a_huge_page_number_is_an_empty_page(client, demo_world, login_as):
    login_as("mkuu.dodoma")
    response = client.get("/desk/feedback?page=999999999999999999")
    assert response.status_code == 200
    assert "/desk/feedback/" not in response.text.split("<main", 1)[-1].split("</table>")[0]


def test_a_transfer_to_an_institution_past_any_id_is_refused_cleanly(client, demo_world, login_as):
    login_as("afisa.dodoma")
    page = client.get("/desk/feedback?tab=open").text
    item_id = re.search(r"/desk/feedback/(\d+)", page).group(1)
    data = {"transfer_request-version": "1", "transfer_request-target": str(2**63)}
    data["transfer_request-reason"] = "Hili ni la taasisi nyingine kabisa."
    response = client.post(f"/desk/feedback/{item_id}/actions/transfer_request", data=data)
    assert response.status_code in (403, 409, 422)


@pytest.mark.parametrize("persona", PERSONAS)
@fuzz
@SAMPLE
@given(number=HOSTILE_INTS, which=st.integers(min_value=0))
def test_routes_with_ids_never_fail_on_hostile_integers(
    app, client, demo_world, login_as, persona, number, which
):
    if persona:
        login_as(persona)
    rules = _int_rules(app)
    url = _fill(rules[which % len(rules)], number)
    for method in (client.get, client.post):
        assert method(url).status_code in (302, 400, 401, 403, 404, 405), url


@pytest.mark.parametrize("persona", PERSONAS)
@fuzz
@SAMPLE
@given(number=HOSTILE_INTS, which=st.integers(min_value=0))
def test_numbers_in_query_strings_never_fail(client, demo_world, login_as, persona, number, which):
    if persona:
        login_as(persona)
    url = QUERY_URLS[which % len(QUERY_URLS)].format(n=number)
    assert client.get(url).status_code < 500, url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", 12),
        ("0", None),
        ("-3", None),
        ("", None),
        (None, None),
        ("1e3", None),
        ("٣", None),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 40, None),
    ],
)
def test_parse_id(typed, expected):
    assert parse_id(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("3", 3), ("0", 1), ("", 1), (None, 1), ("x", 1), ("-2", 1), ("9" * 30, MAX_PAGE)],
)
def test_page_number(typed, expected):
    assert page_number(typed) == expected


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
    assert like_pattern("ws1.", prefix=True) == "ws1.%"


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for direct in cls.__subclasses__() for sub in _subclasses(direct))]


def test_every_form_s_one_time_key_is_checked_as_one():
    """A form key is stored and looked up: only ``FormKeyField`` keeps a NUL or a megabyte out."""
    for module in pkgutil.walk_packages(sandbox.__path__, "sandbox."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    keyed = [form for form in _subclasses(Form) if hasattr(form, "form_key")]
    assert len(keyed) >= 5  # join, preview join, portal, walk-in, roster enrolment
    for form in keyed:
        assert issubclass(form.form_key.field_class, FormKeyField), form.__name__


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("Ab-_09" * 5, "Ab-_09" * 5),
        ("k" * 40, "k" * 40),
        ("abc\x00def", ""),
        ("k" * 41, ""),
        ("ключ", ""),
        (None, ""),
    ],
)
def test_a_form_key_field_keeps_only_a_key_of_ours(app, sent, kept):
    class Keyed(Form):
        form_key = FormKeyField()

    with app.test_request_context(method="POST", data={} if sent is None else {"form_key": sent}):
        assert Keyed(meta={"csrf": False}).form_key.data == kept
