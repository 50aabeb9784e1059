"""The Open311 GeoReport v2 endpoints: thin views over services.channels.open311 (JSON only)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import wraps

from flask import g, request, url_for

from sandbox.access import API_KEY, key_based, public
from sandbox.limits import api_key_entry
from sandbox.open311 import bp, messages, params, serialize
from sandbox.open311 import openapi as openapi_document
from sandbox.open311.errors import ApiError, json_response
from sandbox.open311.messages import api_language, localized
from sandbox.services.channels import open311, open311_queries
from sandbox.services.feedback.lifecycle import InvalidSubmission

__all__ = ["bp"]


class Key(Enum):
    """What an endpoint needs of the api_key (the spec: required to POST, optional to GET)."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


def api(key: Key = Key.NONE) -> Callable:
    """Answer in the request's language; check jurisdiction_id and the key, once for all views.

    Views declared with a key policy get the selected ``workspace`` as a keyword argument.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(**kwargs):
            with localized():
                g.open311_fields = params.body_fields() if request.method == "POST" else {}
                params.check_jurisdiction(g.open311_fields)
                if key is not Key.NONE:
                    kwargs["workspace"] = params.workspace_for(
                        g.open311_fields, required=key is Key.REQUIRED
                    )
                return view(**kwargs)

        return public(wrapper) if key is Key.NONE else key_based(API_KEY)(wrapper)

    return decorate


def _base_url() -> str:
    """The API's root URL, ending with a slash."""
    return url_for(".discovery", _external=True).rsplit("/", 1)[0] + "/"


@bp.get("/discovery.json")
@api()
def discovery():
    """Where the API is and what it speaks."""
    return json_response(serialize.discovery(_base_url()))


@bp.get("/services.json")
@api()
def services():
    """One service per category and feedback type."""
    lang = api_language()
    return json_response([serialize.service_entry(s, lang) for s in open311.list_services()])


@bp.get("/services/<code>.json")
@api()
def service_definition(code: str):
    """A service's attributes: complainant type, institution, region, district."""
    service = open311.find_service(params.clean(code))
    if service is None:
        raise ApiError(404, messages.unknown_service())
    handlers, regions = open311.institutions_for(service.category), open311.regions()
    return json_response(serialize.service_definition(service, handlers, regions, api_language()))


@bp.post("/requests.json")
@api_key_entry
@api(key=Key.REQUIRED)
def create_request(workspace):
    """Submit feedback through the app channel; answers its reference (201)."""
    lang = api_language()
    try:
        item = open311.submit_request(
            workspace,
            params.request_input(g.open311_fields, lang),
            request.headers.get("Idempotency-Key"),
        )
    except open311.RequestRefused as refused:
        raise ApiError(400, *map(messages.problem_text, refused.problems)) from None
    except InvalidSubmission as refused:
        raise ApiError(400, refused.message(lang)) from None
    return json_response(serialize.created(item), 201)


@bp.get("/requests.json")
@api_key_entry
@api(key=Key.OPTIONAL)
def list_requests(workspace):
    """The workspace's requests, filtered (the last 90 days by default, at most 1000)."""
    lang = api_language()
    found = open311_queries.find_requests(workspace, params.request_query())
    return json_response([serialize.request_entry(item, reply, lang) for item, reply in found])


@bp.get("/requests/<reference>.json")
@api_key_entry
@api(key=Key.OPTIONAL)
def show_request(workspace, reference: str):
    """One request, as a one-element list."""
    found = open311_queries.find_request(workspace, params.clean(reference))
    if found is None:
        raise ApiError(404, messages.unknown_request())
    return json_response([serialize.request_entry(*found, api_language())])


@bp.get("/openapi.json")
@api()
def openapi():
    """The OpenAPI 3.1 description of this API."""
    return json_response(openapi_document.document(_base_url()))
