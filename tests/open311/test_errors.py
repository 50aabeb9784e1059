"""Errors on /open311 are always the spec's JSON list, with the matching HTTP status."""

from __future__ import annotations

import pytest

from sandbox.services.channels.api_keys import DEMO_API_KEY
from tests.open311.conftest import API


def assert_error_list(response, status: int) -> list[dict]:
    """A JSON list of {code, description} with that status, never HTML."""
    assert response.status_code == status
    assert response.content_type.startswith("application/json")
    body = response.get_json()
    assert isinstance(body, list) and body
    for error in body:
        assert error.keys() == {"code", "description"}
        assert error["code"] == status
        assert isinstance(error["description"], str) and error["description"]
    return body


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/discovery.json"),
        ("put", "/requests.json"),
        ("delete", "/requests.json"),
        ("patch", "/services.json"),
        ("post", "/services/water_supply.complaint.json"),
        ("delete", "/requests/MRJ-T-2026-000001.json"),
        ("post", "/openapi.json"),
    ],
)
def test_wrong_method_is_a_405_list(client, method, path):
    assert_error_list(getattr(client, method)(API + path), 405)


@pytest.mark.parametrize(
    "path", ["/nothing", "/nothing.json", "/services/", "/requests/", "/v3/services.json", ""]
)
def test_unknown_path_is_a_404_list(client, path):
    assert_error_list(client.get(API + path), 404)


@pytest.mark.parametrize(
    "path",
    ["/services.xml", "/requests.xml", "/discovery.xml", "/services/water_supply.complaint.xml"],
)
def test_xml_says_only_json(client, path):
    (error,) = assert_error_list(client.get(API + path), 404)
    assert "JSON" in error["description"]


def test_xml_post_too(client):
    assert_error_list(client.post(f"{API}/requests.xml", data={"api_key": DEMO_API_KEY}), 404)


def test_too_large_body_is_413(client, demo):
    response = client.post(
        f"{API}/requests.json", data={"api_key": DEMO_API_KEY, "description": "x" * 70_000}
    )
    assert_error_list(response, 413)


def test_too_large_json_is_413(client, demo):
    response = client.post(f"{API}/requests.json", json={"description": "x" * 70_000})
    assert_error_list(response, 413)


@pytest.mark.parametrize(
    "body", ["{not json", "[]", '"text"', "42", '{"description": ["a"]}', '{"attribute": [1]}']
)
def test_bad_json_body_is_400(client, demo, body):
    response = client.post(f"{API}/requests.json", data=body, content_type="application/json")
    assert_error_list(response, 400)


@pytest.mark.parametrize(
    "query",
    [
        "start_date=yesterday",
        "end_date=2026-13-01",
        "start_date=2026-11-05&end_date=2026-11-01",
        "status=pending",
        "service_code=nothing.complaint",
        "start_date=0000-01-01",
        "end_date=9999-12-31T23:59:59-12:00",
    ],
)
def test_bad_filters_are_400(client, demo, query):
    assert_error_list(client.get(f"{API}/requests.json?{query}"), 400)


def test_errors_in_english_on_request(client, demo):
    (sw,) = assert_error_list(client.get(f"{API}/requests.json?status=x"), 400)
    (en,) = assert_error_list(client.get(f"{API}/requests.json?status=x&locale=en"), 400)
    assert sw["description"] != en["description"]
    assert en["description"].startswith("status must be")


def test_405_in_english_on_request(client):
    (en,) = assert_error_list(client.put(f"{API}/requests.json?locale=en"), 405)
    assert en["description"] == "This method is not allowed on this endpoint."


def test_get_without_key_and_without_demo_workspace_is_404(client):
    assert_error_list(client.get(f"{API}/requests.json"), 404)


def test_unknown_jurisdiction_on_requests(client, demo):
    assert_error_list(client.get(f"{API}/requests.json?jurisdiction_id=x"), 404)
    assert_error_list(
        client.get(f"{API}/services/water_supply.complaint.json?jurisdiction_id=x"), 404
    )


def test_other_paths_keep_the_html_error_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.content_type.startswith("text/html")


def test_no_csrf_token_needed_and_errors_stay_json_with_csrf_on(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    created = client.post(
        f"{API}/requests.json",
        data={"api_key": DEMO_API_KEY, "service_code": "national_id.inquiry", "description": "Je?"},
    )
    assert created.status_code == 201
    assert_error_list(client.post(f"{API}/services.json"), 405)
    assert_error_list(client.post(f"{API}/requests.xml"), 404)
