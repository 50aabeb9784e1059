"""Component schemas of the OpenAPI document (the shapes of every answer and of a POST)."""

from __future__ import annotations

from sandbox.services.channels.api_keys import DEMO_API_KEY
from sandbox.services.channels.open311 import JURISDICTION_ID, MAX_ADDRESS, MAX_DESCRIPTION

TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
WHEN = {
    "type": ["string", "null"],
    "format": "date-time",
    "examples": ["2026-11-16T23:59:59+03:00"],
}


def ref(name: str) -> dict:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


REQUEST_FIELDS = {
    "type": "object",
    "required": ["api_key", "service_code", "description"],
    # Any other field is ignored, as GeoReport v2 asks; every value is text (a form's are).
    "additionalProperties": TEXT,
    "properties": {
        "api_key": {**TEXT, "examples": [DEMO_API_KEY]},
        "service_code": {**TEXT, "examples": ["water_supply.complaint"]},
        "description": {**TEXT, "maxLength": MAX_DESCRIPTION},
        "jurisdiction_id": {**TEXT, "enum": [JURISDICTION_ID]},
        "first_name": TEXT,
        "last_name": TEXT,
        "phone": TEXT,
        "email": TEXT,
        "address_string": {**TEXT, "maxLength": MAX_ADDRESS},
        "lat": TEXT,
        "long": TEXT,
        "locale": {**TEXT, "enum": ["sw", "en"]},
        "attribute[complainant_type]": {**TEXT, "enum": ["citizen", "public_servant", "anonymous"]},
        "attribute[institution]": {
            **TEXT,
            "description": "An institution code (see the definition)",
        },
        "attribute[region]": {**TEXT, "description": "A region code, e.g. DOD"},
        "attribute[district]": {**TEXT, "description": "A district name"},
    },
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": TEXT},
    },
    "Errors": {"type": "array", "items": ref("Error")},
    "Discovery": {
        "type": "object",
        "properties": {
            "changeset": TEXT,
            "contact": TEXT,
            "key_service": TEXT,
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "specification": TEXT,
                        "url": TEXT,
                        "changeset": TEXT,
                        "type": TEXT,
                        "formats": {"type": "array", "items": TEXT},
                    },
                },
            },
        },
    },
    "Service": {
        "type": "object",
        "properties": {
            "service_code": TEXT,
            "service_name": TEXT,
            "description": TEXT,
            "metadata": {"type": "boolean"},
            "type": {**TEXT, "enum": ["realtime"]},
            "keywords": TEXT,
            "group": TEXT,
        },
    },
    "Attribute": {
        "type": "object",
        "properties": {
            "variable": {"type": "boolean"},
            "code": TEXT,
            "datatype": {**TEXT, "enum": ["string", "singlevaluelist"]},
            "required": {"type": "boolean"},
            "datatype_description": TEXT,
            "order": {"type": "integer"},
            "description": TEXT,
            "values": {
                "type": "array",
                "items": {"type": "object", "properties": {"key": TEXT, "name": TEXT}},
            },
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "properties": {
            "service_code": TEXT,
            "attributes": {"type": "array", "items": ref("Attribute")},
        },
    },
    "RequestFields": REQUEST_FIELDS,
    "Created": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "service_request_id": TEXT,
                "service_notice": TEXT,
                "account_id": {"type": "null"},
            },
        },
    },
    "ServiceRequest": {
        "type": "object",
        "properties": {
            "service_request_id": TEXT,
            "status": {**TEXT, "enum": ["open", "closed"]},
            "status_notes": NULLABLE_TEXT,
            "service_name": TEXT,
            "service_code": NULLABLE_TEXT,
            "description": NULLABLE_TEXT,
            "agency_responsible": TEXT,
            "service_notice": TEXT,
            "requested_datetime": WHEN,
            "updated_datetime": WHEN,
            "expected_datetime": WHEN,
            "address": NULLABLE_TEXT,
            "address_id": {"type": "null"},
            "zipcode": {"type": "null"},
            "lat": {"type": "null"},
            "long": {"type": "null"},
            "media_url": {"type": "null"},
        },
    },
}
