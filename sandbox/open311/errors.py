"""Open311 errors: always a JSON list of {code, description}, never an HTML page."""

from __future__ import annotations

import json

from flask import Response, current_app, request
from werkzeug.exceptions import HTTPException

from sandbox.errors import with_allow
from sandbox.extensions import db
from sandbox.open311 import bp, messages
from sandbox.open311.messages import localized

MAX_BODY = 64 * 1024  # a request is text fields only: anything bigger is refused (413)


class ApiError(Exception):
    """An HTTP error answered as the spec's error list."""

    def __init__(self, status: int, *descriptions: str) -> None:
        """The status and one description per problem (the status's own text when none)."""
        super().__init__(status, descriptions)
        self.status = status
        self.descriptions = list(descriptions) or [messages.http_text(status)]


def json_response(payload: object, status: int = 200) -> Response:
    """JSON in the spec's field order (the app's provider would sort keys), UTF-8 as is."""
    body = json.dumps(payload, ensure_ascii=False, default=str)
    return Response(body, status=status, content_type="application/json; charset=utf-8")


def error_response(status: int, descriptions: list[str]) -> Response:
    """``[{"code": status, "description": …}, …]`` with that HTTP status."""
    return json_response([{"code": status, "description": t} for t in descriptions], status)


def _in_api() -> bool:
    """True for a path under this blueprint's prefix."""
    return request.path == bp.url_prefix or request.path.startswith(bp.url_prefix + "/")


@bp.before_app_request
def _limit_and_route_errors():
    """Cap body size, and answer unmatched /open311 URLs and methods in JSON.

    Routing errors happen before a blueprint is known, so blueprint error handlers never
    see them; before-request functions run first, so the answer is made here.
    """
    if not _in_api():
        return None
    request.max_content_length = MAX_BODY
    error = request.routing_exception
    if not isinstance(error, HTTPException):
        return None
    status = error.code or 400
    with localized():
        if status == 404 and not request.path.endswith(".json") and "." in request.path[-5:]:
            return error_response(404, [messages.only_json()])
        return with_allow(error_response(status, [messages.http_text(status)]), error)


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    """A refusal raised by a view or a parameter reader."""
    return error_response(error.status, error.descriptions)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    """Werkzeug errors inside a view (e.g. 413 while reading the form)."""
    status = error.code or 400
    with localized():
        return with_allow(error_response(status, [messages.http_text(status)]), error)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    """A bug: roll back and answer a JSON 500 (tests let it raise to see it)."""
    if current_app.testing:
        raise error
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s", request.path)
    with localized():
        return error_response(500, [messages.http_text(500)])
