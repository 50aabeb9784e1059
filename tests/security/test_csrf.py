"""Every state-changing route refuses a request without a CSRF token; only the machine
endpoints (gateways and the Open311 API, which authenticate their callers by key) are exempt.

Built from ``app.url_map``: a new POST route is covered the moment it exists. The CSRF
check runs before any login or permission check, so an anonymous post without a token is
enough to show it; a post WITH a valid token to the same URL is not refused for CSRF, so
the test can tell "CSRF enforced" from "always refused".
"""

from __future__ import annotations

import re

import pytest

from sandbox.access import access_of

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
REFUSED = "This form has expired"  # the CSRF page (sandbox/errors.py), English
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLE = {"int": "1"}  # any other converter: a plausible string


def _unsafe_rules(app):
    """(endpoint, a concrete URL, method) for every state-changing route."""
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & UNSAFE):
            url = ARGUMENT.sub(lambda m: SAMPLE.get(m.group(1) or "", "x1"), rule.rule)
            found.append((rule.endpoint, url, method))
    return sorted(found)


def _is_key_based(app, endpoint) -> bool:
    with app.test_request_context():
        access = access_of(endpoint)
    return access is not None and access.kind == "key"


@pytest.fixture
def csrf_on(app, monkeypatch):
    """The suite runs without CSRF; these tests run with it, as production does."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def test_there_are_state_changing_routes_to_check(app):
    assert len(_unsafe_rules(app)) > 50


def test_every_state_changing_route_refuses_a_post_without_a_token(app, client, csrf_on):
    client.get("/lang/en")
    unprotected = []
    for endpoint, url, method in _unsafe_rules(app):
        if _is_key_based(app, endpoint):
            continue
        answer = client.open(url, method=method, data={"x": "1"})
        if not (answer.status_code == 400 and REFUSED in answer.get_data(as_text=True)):
            unprotected.append((endpoint, url, answer.status_code))
    assert unprotected == []


def test_only_the_key_based_machine_endpoints_skip_the_check(app, client, csrf_on):
    client.get("/lang/en")
    exempt = set()
    for endpoint, url, method in _unsafe_rules(app):
        answer = client.open(url, method=method, data={"x": "1"})
        if REFUSED not in answer.get_data(as_text=True):
            exempt.add(endpoint)
    assert exempt and all(_is_key_based(app, endpoint) for endpoint in exempt)


def test_a_post_with_the_token_is_not_refused_for_csrf(client, csrf_on):
    client.get("/lang/en")
    page = client.get("/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    assert token, "the login form carries its token"
    answer = client.post("/login", data={"csrf_token": token.group(1), "username": "x"})
    assert REFUSED not in answer.get_data(as_text=True)
