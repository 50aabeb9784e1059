"""Open311 documents as plain dicts: discovery, services, definitions and requests."""

from __future__ import annotations

from datetime import datetime

from sandbox.models import Feedback, Institution, Region
from sandbox.open311 import messages
from sandbox.services.channels.open311 import Service
from sandbox.services.channels.open311_queries import is_closed
from sandbox.services.desk.confidentiality import personal_data_in
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import EAT
from sandbox.workflow import TRAINING_DEFAULT_NOTICE, ComplainantType, relevant_deadline

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-02T08:00:00+03:00"  # change when the documents' shape changes


def iso(value: datetime | None) -> str | None:
    """A stored (naive East Africa Time) time as ISO 8601 with its +03:00 offset."""
    if value is None:
        return None
    return value.replace(tzinfo=EAT).isoformat(timespec="seconds")


def service_notice() -> str:
    """The training deadlines notice, in both languages."""
    return " / ".join(TRAINING_DEFAULT_NOTICE)


def discovery(endpoint_url: str) -> dict:
    """discovery.json: where the API is and what it speaks."""
    return {
        "changeset": CHANGESET,
        **messages.discovery_texts(),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": CHANGESET,
                "type": "test",
                "formats": ["application/json"],
            }
        ],
    }


def service_name(service: Service, lang: str) -> str:
    """The category and the feedback type, e.g. "Huduma ya maji — Lalamiko"."""
    return f"{service.category.name(lang)} — {service.type.label(lang)}"


def service_entry(service: Service, lang: str) -> dict:
    """One element of services.json."""
    category = service.category
    return {
        "service_code": service.code,
        "service_name": service_name(service, lang),
        "description": messages.description_for(service.type.label(lang), category.name(lang)),
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(
            [category.name_sw, category.name_en, service.type.label_sw, service.type.label_en]
        ),
        "group": category.name(lang),
    }


def _attribute(code: str, order: int, datatype: str, required: bool, values: list) -> dict:
    """One attribute of a service definition."""
    description, detail = messages.attribute_texts(code)
    attribute = {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": detail,
        "order": order,
        "description": description,
    }
    if datatype == "singlevaluelist":
        attribute["values"] = values
    return attribute


def service_definition(
    service: Service, institutions: list[Institution], regions: list[Region], lang: str
) -> dict:
    """services/<code>.json: the attributes an app asks for."""
    kinds = [{"key": c.value, "name": c.label(lang)} for c in ComplainantType]
    handlers = [{"key": i.code, "name": i.name(lang)} for i in institutions]
    places = [{"key": r.code, "name": r.name} for r in regions]
    return {
        "service_code": service.code,
        "attributes": [
            _attribute("complainant_type", 1, "singlevaluelist", False, kinds),
            _attribute("institution", 2, "singlevaluelist", len(institutions) > 1, handlers),
            _attribute("region", 3, "singlevaluelist", False, places),
            _attribute("district", 4, "string", False, []),
        ],
    }


def created(item: Feedback) -> list[dict]:
    """The answer to POST requests.json."""
    return [
        {
            "service_request_id": item.reference,
            "service_notice": service_notice(),
            "account_id": None,
        }
    ]


def is_withheld(item: Feedback) -> bool:
    """Texts the open API never shows: a sensitive item's, and any that carries personal data
    (a citizen naming themselves or giving a number in the description), whoever's it is."""
    return item.is_sensitive or bool(personal_data_in(item.description, item.complainant_name))


def request_entry(item: Feedback, reply: str | None, lang: str) -> dict:
    """One service request as GET shows it: status and dates, never the complainant."""
    service = Service(item.category, item.type) if item.category else None
    hidden = is_withheld(item)
    return {
        "service_request_id": item.reference,
        "status": "closed" if is_closed(item.status) else "open",
        "status_notes": None if hidden else reply,
        "service_name": service_name(service, lang) if service else item.type.label(lang),
        "service_code": service.code if service else None,
        "description": None if hidden else item.description,
        "agency_responsible": item.institution.name(lang),
        "service_notice": service_notice(),
        "requested_datetime": iso(item.received_at),
        "updated_datetime": iso(item.updated_at),
        "expected_datetime": iso(relevant_deadline(state_of(item))),
        "address": _address(item),
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def _address(item: Feedback) -> str | None:
    """District and region names, when the item has them."""
    parts = [p.name for p in (item.district, item.region) if p is not None]
    return ", ".join(parts) or None
