"""Every text the Open311 API shows, in Swahili and English (source strings are English)."""

from __future__ import annotations

from contextlib import AbstractContextManager

from flask import request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from sandbox.services.channels.open311 import MAX_ADDRESS, MAX_DESCRIPTION, MAX_NAME, Problem


def api_language() -> str:
    """Swahili unless the request asks for English with ``locale=en`` (query or body)."""
    value = request.args.get("locale") or _form_locale()
    return "en" if (value or "").strip().lower()[:2] == "en" else "sw"


def _form_locale() -> str | None:
    """``locale`` of a form body, if one can be read (a too-large body cannot)."""
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    try:
        return request.form.get("locale")
    except HTTPException:
        return None


def localized() -> AbstractContextManager:
    """Answer texts in the request's API language."""
    return force_locale(api_language())


PROBLEMS = {
    Problem.SERVICE_CODE_MISSING: _l("service_code is required: pick one from services.json."),
    Problem.SERVICE_CODE_UNKNOWN: _l("Unknown service_code: pick one from services.json."),
    Problem.DESCRIPTION_MISSING: _l("description is required: describe your feedback."),
    Problem.DESCRIPTION_TOO_LONG: _l("description is too long (at most %(limit)s characters)."),
    Problem.COMPLAINANT_TYPE_UNKNOWN: _l(
        "attribute[complainant_type] must be citizen, public_servant or anonymous."
    ),
    Problem.INSTITUTION_REQUIRED: _l(
        "attribute[institution] is required for this service: pick an institution code "
        "from the service definition."
    ),
    Problem.INSTITUTION_UNKNOWN: _l(
        "attribute[institution] is not an institution that handles this service."
    ),
    Problem.REGION_UNKNOWN: _l("attribute[region] is not a known region code."),
    Problem.DISTRICT_UNKNOWN: _l("attribute[district] is not a known district of that region."),
    Problem.NAME_TOO_LONG: _l("first_name and last_name are too long (at most %(limit)s)."),
    Problem.PHONE_INVALID: _l("phone must be a phone number, e.g. +255712345678."),
    Problem.EMAIL_INVALID: _l("email must be an e-mail address, e.g. jina@example.com."),
    Problem.ADDRESS_TOO_LONG: _l("address_string is too long (at most %(limit)s characters)."),
}
LIMITS = {
    Problem.DESCRIPTION_TOO_LONG: MAX_DESCRIPTION,
    Problem.NAME_TOO_LONG: MAX_NAME,
    Problem.ADDRESS_TOO_LONG: MAX_ADDRESS,
}


def problem_text(problem: Problem) -> str:
    """One refusal reason in the current language."""
    return str(PROBLEMS[problem]) % {"limit": LIMITS.get(problem, "")}


def http_text(code: int) -> str:
    """The description of an HTTP error status."""
    texts = {
        400: _("The request is not valid."),
        403: _("A valid api_key is required."),
        404: _("Not found. See discovery.json for the endpoints."),
        405: _("This method is not allowed on this endpoint."),
        413: _("The request is too large."),
        429: _("Too many refused requests from this address. Wait a minute, then try again."),
    }
    return texts.get(code, _("The request could not be completed."))


def only_json() -> str:
    """XML and other formats are not served."""
    return _("Only the JSON format (.json) is supported by this sandbox.")


def missing_key() -> str:
    """POST without api_key."""
    return _("api_key is required: the demo workspace's key is mrejesho-demo-key.")


def unknown_key() -> str:
    """An api_key no workspace has."""
    return _("Unknown api_key.")


def unknown_jurisdiction(jurisdiction: str) -> str:
    """A jurisdiction_id other than the sandbox's."""
    return _("Unknown jurisdiction_id: this sandbox serves only %(id)s.", id=jurisdiction)


def unknown_service() -> str:
    """A service_code with no service."""
    return _("Unknown service_code: see services.json.")


def unknown_request() -> str:
    """A service_request_id with no request in this workspace."""
    return _("No service request with this service_request_id.")


def bad_body() -> str:
    """A body that is neither a form nor a JSON object of text fields."""
    return _("The body must be a form or a JSON object whose values are text.")


def bad_date(name: str) -> str:
    """A start_date or end_date that is not ISO 8601."""
    return _("%(name)s must be an ISO 8601 date-time, e.g. 2026-11-02T08:00:00+03:00.", name=name)


def bad_range() -> str:
    """start_date after end_date."""
    return _("start_date must not be after end_date.")


def bad_status() -> str:
    """A status other than open or closed."""
    return _("status must be open, closed, or both separated by a comma.")


def no_workspace() -> str:
    """GET without a key when the demo workspace is not set up."""
    return _("The demo workspace is not set up yet: run `mrejesho setup`.")


def description_for(type_label: str, category_name: str) -> str:
    """A service's description."""
    return _("%(type)s about: %(category)s", type=type_label, category=category_name)


ATTRIBUTE_TEXTS = {
    "complainant_type": (
        _l("Who is submitting"),
        _l(
            "anonymous stores no identity even when a name is given; without any name, phone "
            "or e-mail the request is anonymous."
        ),
    ),
    "institution": (
        _l("The institution that should handle it"),
        _l("Required when several institutions handle this service; the key is its code."),
    ),
    "region": (_l("Region (optional)"), _l("The region code, e.g. DOD.")),
    "district": (
        _l("District (optional)"),
        _l("The district's name, within the region when one is given."),
    ),
}


def attribute_texts(code: str) -> tuple[str, str]:
    """(description, datatype_description) of a service attribute."""
    description, detail = ATTRIBUTE_TEXTS[code]
    return str(description), str(detail)


def discovery_texts() -> dict[str, str]:
    """Contact and key-service texts of discovery.json."""
    return {
        "contact": _("Your training facilitator (mwezeshaji). This is a training sandbox."),
        "key_service": _(
            "The demo workspace's key is mrejesho-demo-key; ask your facilitator for your "
            "own workspace's key."
        ),
    }
