"""Fixtures for the Open311 app channel: the demo workspace, a second workspace, posting."""

from __future__ import annotations

import pytest

from sandbox.models import WorkspaceKind
from sandbox.services.channels.api_keys import DEMO_API_KEY, ensure_api_key

API = "/open311/v2"
# A service handled by exactly one institution (NIDA), so no institution attribute is needed.
ONE_HANDLER = "national_id.complaint"


@pytest.fixture
def demo(app, make_workspace):
    """The (empty) demo workspace, with its key stored."""
    workspace = make_workspace(app.config["DEMO_WORKSPACE"], kind=WorkspaceKind.DEMO)
    ensure_api_key(workspace)
    return workspace


@pytest.fixture
def other(make_workspace):
    """A trainee's workspace and its key: (workspace, key)."""
    workspace = make_workspace("ws-b")
    return workspace, ensure_api_key(workspace)


@pytest.fixture
def post_request(client, demo):
    """Factory: POST a service request (form-encoded), defaults filled in; returns the response."""

    def post(**fields):
        data = {"api_key": DEMO_API_KEY, "service_code": ONE_HANDLER, "description": "Habari"}
        data.update(fields)
        return client.post(
            f"{API}/requests.json", data={k: v for k, v in data.items() if v is not None}
        )

    return post


@pytest.fixture
def submit(post_request):
    """Factory: POST a request that must succeed; returns its reference."""

    def make(**fields) -> str:
        response = post_request(**fields)
        assert response.status_code == 201, response.get_json()
        return response.get_json()[0]["service_request_id"]

    return make
