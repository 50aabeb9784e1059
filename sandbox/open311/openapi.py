"""The OpenAPI 3.1 description of the Open311 API, served at /open311/v2/openapi.json.

A technical reference (like docs/OPEN311.md) written in English; the API's own answers are
in Swahili by default and in English with ``locale=en``.
"""

from __future__ import annotations

from sandbox.open311.schemas import SCHEMAS, TEXT, ref
from sandbox.open311.serialize import CHANGESET
from sandbox.services.channels.api_keys import DEMO_API_KEY
from sandbox.services.channels.open311 import JURISDICTION_ID, MAX_RESULTS


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    """An optional query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or TEXT,
    }


def _path(name: str, description: str) -> dict:
    """A path parameter."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": TEXT,
    }


def _json(schema: dict, description: str) -> dict:
    """A JSON response."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    """The spec's error list for each status."""
    return {str(code): _json(ref("Errors"), f"Error ({code})") for code in codes}


LOCALE = _query(
    "locale",
    "`en` for English texts; Swahili otherwise (the default).",
    {"type": "string", "enum": ["sw", "en"]},
)
JURISDICTION = _query("jurisdiction_id", f"Optional; the only jurisdiction is `{JURISDICTION_ID}`.")
API_KEY = _query(
    "api_key",
    f"Selects the workspace; optional for GET (default: the demo "
    f"workspace). The demo key is `{DEMO_API_KEY}`.",
)

# A filter's date: an RFC 3339 date-time (an offset, or none: East Africa Time) or a date.
MOMENT = {"type": "string", "anyOf": [{"format": "date-time"}, {"format": "date"}]}

FILTERS = [
    API_KEY,
    JURISDICTION,
    LOCALE,
    _query("service_request_id", "Comma-separated references; overrides every other filter."),
    _query("service_code", "Comma-separated service codes."),
    _query("start_date", "ISO 8601; received at or after (a date alone: 00:00 that day).", MOMENT),
    _query("end_date", "ISO 8601; received at or before (a date alone: the whole day).", MOMENT),
    _query(
        "status",
        "open, closed, or open,closed.",
        {"type": "string", "enum": ["open", "closed", "open,closed", "closed,open"]},
    ),
]

PATHS = {
    "/discovery.json": {
        "get": {
            "summary": "Discovery",
            "operationId": "discovery",
            "responses": {"200": _json(ref("Discovery"), "The endpoints")},
        }
    },
    "/services.json": {
        "get": {
            "summary": "Service list",
            "operationId": "services",
            "parameters": [JURISDICTION, LOCALE],
            "responses": {
                "200": _json({"type": "array", "items": ref("Service")}, "Services"),
                **_errors(404),
            },
        }
    },
    "/services/{service_code}.json": {
        "get": {
            "summary": "Service definition",
            "operationId": "serviceDefinition",
            "parameters": [
                _path("service_code", "e.g. water_supply.complaint"),
                JURISDICTION,
                LOCALE,
            ],
            "responses": {"200": _json(ref("ServiceDefinition"), "Attributes"), **_errors(404)},
        }
    },
    "/requests.json": {
        "post": {
            "summary": "Submit a service request (feedback)",
            "operationId": "createRequest",
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {"schema": ref("RequestFields")},
                    "application/json": {"schema": ref("RequestFields")},
                },
            },
            "responses": {
                "201": _json(ref("Created"), "Created: the reference"),
                **_errors(400, 403, 404, 413, 429),
            },
        },
        "get": {
            "summary": f"Service requests (last 90 days by default, at most {MAX_RESULTS})",
            "operationId": "listRequests",
            "parameters": FILTERS,
            "responses": {
                "200": _json(
                    {"type": "array", "items": ref("ServiceRequest")}, "Requests, newest first"
                ),
                **_errors(400, 403, 404, 429),
            },
        },
    },
    "/requests/{service_request_id}.json": {
        "get": {
            "summary": "One service request",
            "operationId": "showRequest",
            "parameters": [_path("service_request_id", "e.g. MRJ-T-2026-000123"), API_KEY, LOCALE],
            "responses": {
                "200": _json(
                    {"type": "array", "items": ref("ServiceRequest"), "maxItems": 1},
                    "A one-element list",
                ),
                **_errors(403, 404, 429),
            },
        }
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "openapi",
            "responses": {
                "200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}
            },
        }
    },
}


def document(base_url: str) -> dict:
    """The whole OpenAPI document, its server being this app's API root."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mrejesho Sandbox — Open311 GeoReport v2",
            "version": CHANGESET,
            "description": (
                "Njia ya aplikesheni ya e-Mrejesho (mafunzo). / The e-Mrejesho app channel "
                "(training). Errors are a JSON list of {code, description}; times are ISO 8601 "
                "East Africa Time (+03:00). Only JSON is served."
            ),
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
