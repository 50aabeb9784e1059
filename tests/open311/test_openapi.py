"""The OpenAPI document: well formed, and describing every route the blueprint serves."""

from __future__ import annotations

import json

from tests.open311.conftest import API

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def test_openapi_document_is_served(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.get_data(as_text=True))
    assert doc["openapi"].startswith("3.1")
    assert doc["info"]["title"] and doc["info"]["version"]
    assert doc["servers"][0]["url"].endswith("/open311/v2")


def test_every_route_is_described(app, client):
    doc = client.get(f"{API}/openapi.json").get_json()
    described = {(path, method.upper()) for path, item in doc["paths"].items() for method in item}
    served = {
        (rule.rule.removeprefix(API).replace("<code>", "{service_code}")
         .replace("<reference>", "{service_request_id}"), method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("open311.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }  # fmt: skip
    assert described == served


def test_every_reference_resolves_and_every_operation_is_complete(client):
    doc = client.get(f"{API}/openapi.json").get_json()
    schemas = doc["components"]["schemas"]
    text = json.dumps(doc)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in schemas, ref
    operation_ids = []
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            assert method in HTTP_METHODS
            operation_ids.append(operation["operationId"])
            assert operation["responses"], (path, method)
            for status in operation["responses"]:
                assert status.isdigit()
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path"}
                if parameter["in"] == "path":
                    assert parameter["required"] is True
                    assert "{" + parameter["name"] + "}" in path
    assert len(operation_ids) == len(set(operation_ids))


def test_error_schema_matches_what_errors_look_like(client):
    doc = client.get(f"{API}/openapi.json").get_json()
    error = doc["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "description"]
    actual = client.get(f"{API}/nothing.json").get_json()[0]
    assert set(actual) == set(error["properties"])


def test_post_fields_match_what_the_api_reads(client):
    from sandbox.open311.params import ATTRIBUTES, PLAIN_FIELDS

    doc = client.get(f"{API}/openapi.json").get_json()
    fields = doc["components"]["schemas"]["RequestFields"]["properties"]
    assert set(PLAIN_FIELDS) <= set(fields)
    assert {f"attribute[{a}]" for a in ATTRIBUTES} <= set(fields)
    assert "api_key" in fields and "jurisdiction_id" in fields
