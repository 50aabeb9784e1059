"""Reading Open311 parameters: body fields, filters and dates; bad input is an ApiError."""

from __future__ import annotations

import re
from datetime import datetime, time

from flask import request

from sandbox.models import Workspace
from sandbox.open311 import messages
from sandbox.open311.errors import ApiError
from sandbox.services.channels import api_keys
from sandbox.services.channels.open311 import (
    JURISDICTION_ID,
    MAX_RESULTS,
    RequestInput,
    Service,
    find_service,
)
from sandbox.services.channels.open311_queries import RequestQuery
from sandbox.services.workspace.now import EAT

ATTRIBUTES = ("complainant_type", "institution", "region", "district")
PLAIN_FIELDS = (
    "service_code",
    "description",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address_string",
)
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "+03:00" in an unencoded query string arrives as " 03:00": put the plus back.
SPACE_OFFSET = re.compile(r" (\d{2}(:?\d{2})?)$")


def clean(value: object) -> str:
    """Text safe for every database: no NUL, no lone surrogates."""
    text = str(value).replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def body_fields() -> dict[str, str]:
    """The POSTed fields, from a form or a JSON object (``attribute`` may be nested)."""
    if request.is_json:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ApiError(400, messages.bad_body())
        return _flatten(data)
    return {clean(k): clean(v) for k, v in request.form.items()}


def _flatten(data: dict) -> dict[str, str]:
    """A JSON object as form-like fields; ``{"attribute": {"x": …}}`` gives ``attribute[x]``."""
    fields: dict[str, str] = {}
    for key, value in data.items():
        if key == "attribute" and isinstance(value, dict):
            fields.update(_flatten({f"attribute[{k}]": v for k, v in value.items()}))
        elif isinstance(value, (dict, list)):
            raise ApiError(400, messages.bad_body())
        elif value is not None:
            fields[clean(key)] = clean(value).lower() if isinstance(value, bool) else clean(value)
    return fields


def request_input(fields: dict[str, str], lang: str) -> RequestInput:
    """The fields a service request is made of."""
    values = {name: fields.get(name, "") for name in PLAIN_FIELDS}
    values.update({name: fields.get(f"attribute[{name}]", "") for name in ATTRIBUTES})
    return RequestInput(**values, language=lang)


def check_jurisdiction(fields: dict[str, str] | None = None) -> None:
    """A jurisdiction_id, when given, must be the sandbox's own (404 otherwise)."""
    given = clean((fields or {}).get("jurisdiction_id") or request.args.get("jurisdiction_id", ""))
    if given.strip() and given.strip().lower() != JURISDICTION_ID:
        raise ApiError(404, messages.unknown_jurisdiction(JURISDICTION_ID))


def workspace_for(fields: dict[str, str] | None, required: bool) -> Workspace:
    """The api_key's workspace; without a key, the demo's (or 403 when a key is required)."""
    key = clean((fields or {}).get("api_key") or request.args.get("api_key", "")).strip()
    if not key:
        if required:
            raise ApiError(403, messages.missing_key())
        demo = api_keys.demo_workspace()
        if demo is None:
            raise ApiError(404, messages.no_workspace())
        return demo
    workspace = api_keys.workspace_for_key(key)
    if workspace is None:
        raise ApiError(403, messages.unknown_key())
    return workspace


def comma_list(name: str) -> list[str]:
    """A comma-separated query parameter as its non-empty, distinct pieces, in order."""
    pieces = (p.strip() for p in clean(request.args.get(name, "")).split(","))
    return list(dict.fromkeys(p for p in pieces if p))[:MAX_RESULTS]


def request_query() -> RequestQuery:
    """The filters of GET requests.json."""
    start, end = parse_when("start_date"), parse_when("end_date", end_of_day=True)
    if start is not None and end is not None and start > end:
        raise ApiError(400, messages.bad_range())
    return RequestQuery(
        references=tuple(comma_list("service_request_id")),
        services=tuple(_services(comma_list("service_code"))),
        start=start,
        end=end,
        closed=_statuses(comma_list("status")),
    )


def _services(codes: list[str]) -> list[Service]:
    """Services by code; an unknown one is an error."""
    services = [find_service(code) for code in codes]
    if any(s is None for s in services):
        raise ApiError(400, messages.unknown_service())
    return services


def _statuses(values: list[str]) -> frozenset[bool]:
    """open/closed as the set of is-closed answers wanted (empty: both)."""
    wanted = {v.lower() for v in values}
    if not wanted <= {"open", "closed"}:
        raise ApiError(400, messages.bad_status())
    return frozenset(v == "closed" for v in wanted)


def parse_when(name: str, end_of_day: bool = False) -> datetime | None:
    """An ISO 8601 date or date-time parameter as naive East Africa Time.

    A date alone means the start of that day, or its end for end_date (inclusive).
    A time without an offset is East Africa Time; an offset is converted.
    """
    text = SPACE_OFFSET.sub(r"+\1", clean(request.args.get(name, "")).strip())
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
        if DATE_ONLY.match(text) and end_of_day:
            value = datetime.combine(value.date(), time(23, 59, 59))
        if value.tzinfo is not None:
            value = value.astimezone(EAT).replace(tzinfo=None)
        return value
    except (ValueError, OverflowError):
        raise ApiError(400, messages.bad_date(name)) from None
